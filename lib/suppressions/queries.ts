import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { cachedFacets } from "@/lib/data-table/facet-cache";
import { allowed, escapeLike, pageWindow, toPage } from "@/lib/data-table/params";
import { Prisma, queryPage, queryRows, sortOrder } from "@/lib/db";
import { authorize, type Actor } from "@/lib/permissions";
import { SUPPRESSION_REASONS, suppressionsSearchParams } from "./schema";

export const loadSuppressionsParams = createLoader(suppressionsSearchParams);

const SORT_COLUMN = { email: "s.email", createdAt: `s."createdAt"` } as const;

/**
 * The suppression list (platform staff), newest first: search by address (wildcards taken literally), filter by
 * reason. One statement (`queryPage`) with the campaign that caused each, and the reasons' counts (cached).
 */
export async function listSuppressions(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "suppression:read");
  const p = await loadSuppressionsParams(searchParams);
  const reasons = allowed(p.reason, SUPPRESSION_REASONS);
  const and = [Prisma.sql`true`];
  if (reasons.length) and.push(Prisma.sql`s.reason = ANY(${reasons}::text[])`);
  if (p.q.trim()) and.push(Prisma.sql`s.email LIKE ${`%${escapeLike(p.q.trim().toLowerCase())}%`}`);
  const { skip, take } = pageWindow(p.page, p.perPage);
  const [{ rows, rowCount }, counts] = await Promise.all([
    queryPage<{ email: string; reason: string; detail: string | null; campaignId: string | null; campaignName: string | null; createdByEmail: string | null; createdAt: Date }>(
      Prisma.sql`s.email, s.reason, s.detail, s."campaignId", (SELECT c.name FROM "admit"."campaign" c WHERE c.id = s."campaignId") AS "campaignName", s."createdByEmail", s."createdAt"`,
      Prisma.sql`"admit"."email_suppression" s WHERE ${Prisma.join(and, " AND ")}`,
      sortOrder(p.sort, SORT_COLUMN, "s.email"),
      skip,
      take,
    ),
    // The reason filter's counts, kept a few seconds (the same for every reader: platform staff, unscoped).
    cachedFacets("suppressions", () => queryRows<{ reason: string; count: number }[]>(Prisma.sql`SELECT reason, count(*)::int AS count FROM "admit"."email_suppression" GROUP BY reason ORDER BY reason`)),
  ]);
  return {
    ...toPage(
      rows.map((r) => ({
        id: r.email,
        email: r.email,
        reason: r.reason,
        detail: r.detail,
        campaign: r.campaignId ? { id: r.campaignId, name: r.campaignName ?? "deleted campaign" } : null,
        addedBy: r.createdByEmail,
        createdAt: r.createdAt.toISOString(),
      })),
      rowCount,
      take,
    ),
    reasonCounts: Object.fromEntries(counts.map((c) => [c.reason, c.count])),
  };
}
export type SuppressionRow = Awaited<ReturnType<typeof listSuppressions>>["rows"][number];
