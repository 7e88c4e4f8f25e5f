import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { allowed, pageWindow, toPage } from "@/lib/data-table/params";
import { campaignFunnel, FUNNEL_STAGES, recipientsInStages } from "./funnel";
import { prisma, type Prisma } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { authorize, scopeOf, scopeWhere, type Actor } from "@/lib/permissions";
import { CAMPAIGN_STATUSES, campaignsSearchParams, RECIPIENT_STATUSES, recipientsSearchParams } from "./schema";

export async function listCampaigns(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "campaign:read");
  const scope = await scopeOf(actor, "campaign:read");
  const p = await createLoader(campaignsSearchParams)(searchParams);
  const statuses = allowed(p.status, CAMPAIGN_STATUSES);
  const where: Prisma.CampaignWhereInput = {
    AND: [scopeWhere(scope), statuses.length ? { status: { in: statuses } } : {}, p.q ? { name: { contains: p.q, mode: "insensitive" } } : {}],
  };
  const { skip, take } = pageWindow(p.page, p.perPage);
  const [rows, rowCount] = await Promise.all([
    prisma.campaign.findMany({ where, orderBy: [{ createdAt: p.sort.desc ? "desc" : "asc" }, { id: "asc" }], skip, take }),
    prisma.campaign.count({ where }),
  ]);
  const progress = await campaignProgress(rows.map((r) => r.id));
  const orgs = await prisma.organization.findMany({ where: { id: { in: rows.map((r) => r.organizationId) } }, select: { id: true, name: true } });
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return toPage(
    rows.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      status: c.status,
      organization: orgName.get(c.organizationId) ?? "deleted",
      total: c.total,
      done: progress.get(c.id)?.done ?? 0,
      createdByEmail: c.createdByEmail,
      createdAt: c.createdAt.toISOString(),
    })),
    rowCount,
    take,
  );
}
export type CampaignRow = Awaited<ReturnType<typeof listCampaigns>>["rows"][number];

/** Recipients per status, for progress bars: done = everything no longer pending. */
async function campaignProgress(ids: string[]) {
  if (!ids.length) return new Map<string, { done: number; counts: Record<string, number> }>();
  const groups = await prisma.campaignRecipient.groupBy({ by: ["campaignId", "status"], where: { campaignId: { in: ids } }, _count: { _all: true }, orderBy: { campaignId: "asc" } });
  const out = new Map<string, { done: number; counts: Record<string, number> }>();
  for (const g of groups) {
    const entry = out.get(g.campaignId) ?? { done: 0, counts: {} };
    const n = (g._count as { _all: number })._all;
    entry.counts[g.status] = n;
    if (g.status !== "pending") entry.done += n;
    out.set(g.campaignId, entry);
  }
  return out;
}

export async function getCampaign(actor: Actor | null, id: string) {
  const campaign = await prisma.campaign.findUnique({ where: { id } });
  if (!campaign) throw new NotFoundError("Campaign not found.");
  await authorize(actor, "campaign:read", { organizationId: campaign.organizationId });
  const [progress, delivery, org] = await Promise.all([
    campaignProgress([id]),
    prisma.campaignRecipient.groupBy({ by: ["deliveryStatus"], where: { campaignId: id, deliveryStatus: { not: null } }, _count: { _all: true }, orderBy: { deliveryStatus: "asc" } }),
    prisma.organization.findUnique({ where: { id: campaign.organizationId }, select: { name: true } }),
  ]);
  return {
    ...campaign,
    organization: org?.name ?? "deleted",
    createdAt: campaign.createdAt.toISOString(),
    startedAt: campaign.startedAt?.toISOString() ?? null,
    finishedAt: campaign.finishedAt?.toISOString() ?? null,
    done: progress.get(id)?.done ?? 0,
    counts: progress.get(id)?.counts ?? {},
    delivery: Object.fromEntries(delivery.map((d) => [d.deliveryStatus!, (d._count as { _all: number })._all])),
  };
}

export async function listRecipients(actor: Actor | null, campaignId: string, searchParams: SearchParams) {
  const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { organizationId: true } });
  if (!campaign) throw new NotFoundError("Campaign not found.");
  await authorize(actor, "campaign:read", { organizationId: campaign.organizationId });
  const p = await createLoader(recipientsSearchParams)(searchParams);
  const statuses = allowed(p.status, RECIPIENT_STATUSES);
  const stages = allowed(p.stage, FUNNEL_STAGES);
  const { skip, take } = pageWindow(p.page, p.perPage);
  const iso = <T extends { sentAt: Date | null }>(r: T) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null });
  if (stages.length) {
    // Funnel stages join the invitations and links: that page is read in SQL (lib/campaigns/funnel.ts).
    const { rows, count } = await recipientsInStages(campaignId, stages, { statuses, q: p.q, sort: p.sort, skip, take });
    return toPage(rows.map(iso), count, take);
  }
  const where: Prisma.CampaignRecipientWhereInput = {
    campaignId,
    ...(statuses.length ? { status: { in: statuses } } : {}),
    ...(p.q ? { email: { contains: p.q.toLowerCase() } } : {}),
  };
  const [rows, rowCount] = await Promise.all([
    prisma.campaignRecipient.findMany({
      where,
      orderBy: [{ [p.sort.id]: p.sort.desc ? "desc" : "asc" }, { id: "asc" }],
      skip,
      take,
      select: { id: true, row: true, email: true, name: true, status: true, deliveryStatus: true, error: true, sentAt: true },
    }),
    prisma.campaignRecipient.count({ where }),
  ]);
  return toPage(rows.map(iso), rowCount, take);
}
/** The campaign's funnel (lib/campaigns/funnel.ts), for readers of the campaign. */
export async function getCampaignFunnel(actor: Actor | null, campaignId: string) {
  const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { organizationId: true, startedAt: true } });
  if (!campaign) throw new NotFoundError("Campaign not found.");
  await authorize(actor, "campaign:read", { organizationId: campaign.organizationId });
  return campaignFunnel(campaignId, campaign.startedAt);
}

export type RecipientRow = Awaited<ReturnType<typeof listRecipients>>["rows"][number];
