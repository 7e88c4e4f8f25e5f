/**
 * A campaign's funnel: how many of its recipients were sent a message, had it delivered, opened it, clicked,
 * accepted, or let it expire — counted from the recipients (Resend's webhooks: delivered, opened and clicked,
 * the last two only when tracking is on in Resend) and from the truth of what they were sent: the invitation's
 * status, the link's use. A link used counts as a click. Each stage is also a filter of the recipients table
 * (`stageWhere`), and the export carries every stage (./export). Over time: per hour for a campaign's first two
 * days, per day after.
 */
import "server-only";
import { escapeLike } from "@/lib/data-table/params";
import { Prisma, queryPage, queryRows, sortOrder } from "@/lib/db";

import { FUNNEL_STAGES, type FunnelStage } from "./schema";

export { FUNNEL_STAGES, FUNNEL_STAGE_TEXT, type FunnelStage } from "./schema";

/** The joins every stage is read over: r (recipient), c (campaign), i (its invitation), l (its link). */
const FROM_TABLES = Prisma.sql`"admit"."campaign_recipient" r
  JOIN "admit"."campaign" c ON c.id = r."campaignId"
  LEFT JOIN "invitation" i ON i.id = r."invitationId"
  LEFT JOIN "admit"."sign_in_link" l ON l.id = r."linkId"`;
const FROM = Prisma.sql`FROM ${FROM_TABLES}`;

const ACCEPTED = Prisma.sql`((c.kind = 'invitation' AND i.status = 'accepted') OR (c.kind = 'sign-in' AND l."usedAt" IS NOT NULL))`;
const STAGE: Record<FunnelStage, Prisma.Sql> = {
  sent: Prisma.sql`r.status = 'sent'`,
  delivered: Prisma.sql`(r."deliveredAt" IS NOT NULL OR r."deliveryStatus" = 'delivered')`,
  opened: Prisma.sql`r."openedAt" IS NOT NULL`,
  clicked: Prisma.sql`(r."clickedAt" IS NOT NULL OR l."usedAt" IS NOT NULL)`,
  accepted: ACCEPTED,
  expired: Prisma.sql`(r.status = 'sent' AND NOT ${ACCEPTED} AND ((c.kind = 'invitation' AND i.status = 'pending' AND i."expiresAt" <= now()) OR (c.kind = 'sign-in' AND l."usedAt" IS NULL AND l."expiresAt" <= now())))`,
  bounced: Prisma.sql`r."deliveryStatus" IN ('bounced', 'complained')`,
};

/**
 * One page of the campaign's recipients and their total (`queryPage`), in any of these stages when some are
 * given (the recipients table's stage filter, in SQL: a stage can be tens of thousands of rows, never a list of
 * ids), with the table's other filters.
 */
export async function recipientsPage(
  campaignId: string,
  stages: FunnelStage[],
  page: { statuses: string[]; q: string; sort: { id: "row" | "email"; desc: boolean }; skip: number; take: number },
) {
  const where = Prisma.join(
    [
      Prisma.sql`r."campaignId" = ${campaignId}`,
      stages.length ? Prisma.sql`(${Prisma.join(stages.map((s) => STAGE[s]), " OR ")})` : Prisma.sql`true`,
      page.statuses.length ? Prisma.sql`r.status = ANY(${page.statuses}::text[])` : Prisma.sql`true`,
      page.q ? Prisma.sql`r.email LIKE ${`%${escapeLike(page.q.toLowerCase())}%`}` : Prisma.sql`true`,
    ],
    " AND ",
  );
  const order = sortOrder(page.sort, { row: "r.row", email: "r.email" }, "r.id");
  return queryPage<{ id: string; row: number; email: string; name: string | null; status: string; deliveryStatus: string | null; error: string | null; sentAt: Date | null }>(
    Prisma.sql`r.id, r.row, r.email, r.name, r.status, r."deliveryStatus", r.error, r."sentAt"`,
    Prisma.sql`${FROM_TABLES} WHERE ${where}`,
    order,
    page.skip,
    page.take,
    // Within one campaign, kept when neither searched nor filtered by stage: a search's plan depends on its
    // text, and the stages' combinations would be a hundred texts to keep.
    { prepared: !page.q && stages.length === 0 },
  );
}

/** Every recipient's stages, for the export: id -> the stages it reached. */
export async function recipientStages(campaignId: string, ids: string[]): Promise<Map<string, FunnelStage[]>> {
  const rows = await queryRows<({ id: string } & Record<FunnelStage, boolean>)[]>(Prisma.sql`
    SELECT r.id, ${Prisma.join(FUNNEL_STAGES.map((s) => Prisma.sql`coalesce(${STAGE[s]}, false) AS ${Prisma.raw(`"${s}"`)}`))}
    ${FROM} WHERE r."campaignId" = ${campaignId} AND r.id = ANY(${ids}::text[])`);
  return new Map(rows.map((r) => [r.id, FUNNEL_STAGES.filter((s) => r[s])]));
}

/** Counts per stage, and sent / delivered / opened / clicked / accepted over time. */
export async function campaignFunnel(campaignId: string, startedAt: Date | null) {
  const unit: "hour" | "day" = !startedAt || Date.now() - startedAt.getTime() <= 2 * 86_400_000 ? "hour" : "day";
  // The counts and the series in one statement; the series' times as epoch milliseconds inside the JSON.
  const [{ counts, series }] = await queryRows<{ counts: Record<FunnelStage | "recipients", number>; series: { at: number; stage: string; n: number }[] }[]>(Prisma.sql`
    SELECT (SELECT row_to_json(x) FROM (
              SELECT count(*)::int AS recipients, ${Prisma.join(FUNNEL_STAGES.map((s) => Prisma.sql`(count(*) FILTER (WHERE ${STAGE[s]}))::int AS ${Prisma.raw(`"${s}"`)}`))}
              ${FROM} WHERE r."campaignId" = ${campaignId}) x) AS counts,
           coalesce((SELECT json_agg(json_build_object('at', floor(extract(epoch FROM g.at) * 1000), 'stage', g.stage, 'n', g.n) ORDER BY g.at, g.stage) FROM (
              SELECT date_trunc(${unit}, t.at) AS at, t.stage, count(*)::int AS n FROM (
                SELECT r."sentAt" AS at, 'sent' AS stage ${FROM} WHERE r."campaignId" = ${campaignId} AND r."sentAt" IS NOT NULL
                UNION ALL SELECT r."deliveredAt", 'delivered' ${FROM} WHERE r."campaignId" = ${campaignId} AND r."deliveredAt" IS NOT NULL
                UNION ALL SELECT r."openedAt", 'opened' ${FROM} WHERE r."campaignId" = ${campaignId} AND r."openedAt" IS NOT NULL
                UNION ALL SELECT coalesce(r."clickedAt", l."usedAt"), 'clicked' ${FROM} WHERE r."campaignId" = ${campaignId} AND coalesce(r."clickedAt", l."usedAt") IS NOT NULL
                UNION ALL SELECT l."usedAt", 'accepted' ${FROM} WHERE r."campaignId" = ${campaignId} AND l."usedAt" IS NOT NULL AND ${ACCEPTED}
              ) t GROUP BY 1, 2) g), '[]') AS series`, { prepared: true });
  const iso = (ms: number) => new Date(ms).toISOString();
  const buckets = [...new Set(series.map((s) => iso(s.at)))];
  return {
    counts,
    unit,
    series: buckets.map((at) => ({ at, ...Object.fromEntries(series.filter((s) => iso(s.at) === at).map((s) => [s.stage, s.n])) }) as { at: string } & Partial<Record<FunnelStage, number>>),
  };
}
export type CampaignFunnel = Awaited<ReturnType<typeof campaignFunnel>>;
