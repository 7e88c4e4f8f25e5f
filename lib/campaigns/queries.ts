import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { cache } from "react";
import { allowed, escapeLike, pageWindow, toPage } from "@/lib/data-table/params";
import { campaignFunnel, FUNNEL_STAGES, recipientsPage } from "./funnel";
import { Prisma, queryPage, queryRows, sortOrder } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { authorize, scopeOf, type Actor } from "@/lib/permissions";
import { scopeSql } from "@/lib/scope-sql";
import { CAMPAIGN_STATUSES, campaignsSearchParams, RECIPIENT_STATUSES, recipientsSearchParams } from "./schema";

/**
 * The campaigns table in one statement (`queryPage`): the page of campaigns in the reader's scope with their
 * organization's name and how many recipients are done (no longer pending), and the total.
 */
export async function listCampaigns(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "campaign:read");
  const scope = scopeOf(actor, "campaign:read");
  const p = await createLoader(campaignsSearchParams)(searchParams);
  const statuses = allowed(p.status, CAMPAIGN_STATUSES);
  const and: Prisma.Sql[] = [scopeSql(scope, `c."organizationId"`)];
  if (statuses.length) and.push(Prisma.sql`c.status = ANY(${statuses}::text[])`);
  if (p.q) and.push(Prisma.sql`c.name ILIKE ${`%${escapeLike(p.q)}%`}`);
  const { skip, take } = pageWindow(p.page, p.perPage);
  const { rows, rowCount } = await queryPage<{ id: string; name: string; kind: string; status: string; organization: string; total: number; done: number; createdByEmail: string; createdAt: Date }>(
    Prisma.sql`c.id, c.name, c.kind, c.status, coalesce((SELECT o.name FROM "organization" o WHERE o.id = c."organizationId"), 'deleted') AS organization, c.total,
           (SELECT count(*)::int FROM "admit"."campaign_recipient" r WHERE r."campaignId" = c.id AND r.status <> 'pending') AS done,
           c."createdByEmail", c."createdAt"`,
    Prisma.sql`"admit"."campaign" c WHERE ${Prisma.join(and, " AND ")}`,
    sortOrder(p.sort, { createdAt: `c."createdAt"` }, "c.id"),
    skip,
    take,
  );
  return toPage(rows.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })), rowCount, take);
}
export type CampaignRow = Awaited<ReturnType<typeof listCampaigns>>["rows"][number];

/**
 * A campaign as its pages read it, in one statement: the campaign, its organization's name, its recipients per
 * status and per delivery status from Resend's webhooks. Once per request (React's `cache`; outside a render it
 * reads every time): the campaign's layout, its page, its recipients and its funnel share it.
 */
const readCampaign = cache(async (id: string) => {
  type Campaign = Prisma.CampaignGetPayload<object>;
  const [campaign] = await queryRows<(Campaign & { organization: string | null; counts: Record<string, number>; delivery: Record<string, number> })[]>(Prisma.sql`
    SELECT c.id, c."organizationId", c.kind, c.status, c.name, c.subject, c.message, c.role, c."teamId", c."expiresIn", c."createdById", c."createdByEmail", c.total,
           c."createdAt", c."startedAt", c."finishedAt", c."pausedReason", c."ignoreBounceRate", c."reminderHours", o.name AS organization,
           (SELECT coalesce(json_object_agg(s.status, s.n), '{}') FROM (SELECT r.status, count(*)::int AS n FROM "admit"."campaign_recipient" r WHERE r."campaignId" = c.id GROUP BY r.status) s) AS counts,
           (SELECT coalesce(json_object_agg(d.status, d.n), '{}') FROM (SELECT r."deliveryStatus" AS status, count(*)::int AS n FROM "admit"."campaign_recipient" r
                                                                       WHERE r."campaignId" = c.id AND r."deliveryStatus" IS NOT NULL GROUP BY r."deliveryStatus") d) AS delivery
    FROM "admit"."campaign" c LEFT JOIN "organization" o ON o.id = c."organizationId" WHERE c.id = ${id}`, { prepared: true });
  return campaign ?? null;
});

/** A campaign the actor may read (404 before 403: an id says nothing about a campaign that does not exist). */
async function readableCampaign(actor: Actor | null, id: string) {
  const campaign = await readCampaign(id);
  if (!campaign) throw new NotFoundError("Campaign not found.");
  await authorize(actor, "campaign:read", { organizationId: campaign.organizationId });
  return campaign;
}

/** A campaign's page: the campaign with its progress (done = every recipient no longer pending). */
export async function getCampaign(actor: Actor | null, id: string) {
  const campaign = await readableCampaign(actor, id);
  return {
    ...campaign,
    organization: campaign.organization ?? "deleted",
    createdAt: campaign.createdAt.toISOString(),
    startedAt: campaign.startedAt?.toISOString() ?? null,
    finishedAt: campaign.finishedAt?.toISOString() ?? null,
    done: Object.entries(campaign.counts).reduce((n, [status, count]) => (status === "pending" ? n : n + count), 0),
  };
}

/** A campaign's recipients table (lib/campaigns/funnel.ts#recipientsPage), with or without funnel stages. */
export async function listRecipients(actor: Actor | null, campaignId: string, searchParams: SearchParams) {
  await readableCampaign(actor, campaignId);
  const p = await createLoader(recipientsSearchParams)(searchParams);
  const { skip, take } = pageWindow(p.page, p.perPage);
  const { rows, rowCount } = await recipientsPage(campaignId, allowed(p.stage, FUNNEL_STAGES), { statuses: allowed(p.status, RECIPIENT_STATUSES), q: p.q, sort: p.sort, skip, take });
  return toPage(rows.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null })), rowCount, take);
}

/** The campaign's funnel (lib/campaigns/funnel.ts), for readers of the campaign. */
export async function getCampaignFunnel(actor: Actor | null, campaignId: string) {
  const campaign = await readableCampaign(actor, campaignId);
  return campaignFunnel(campaignId, campaign.startedAt);
}

export type RecipientRow = Awaited<ReturnType<typeof listRecipients>>["rows"][number];
