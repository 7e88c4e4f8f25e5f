import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { cachedFacets } from "@/lib/data-table/facet-cache";
import { allowed, pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, type Prisma } from "@/lib/db";
import { authorize, type Actor } from "@/lib/permissions";
import { SUPPRESSION_REASONS, suppressionsSearchParams } from "./schema";

export const loadSuppressionsParams = createLoader(suppressionsSearchParams);

/** The suppression list (platform staff), newest first: search by address, filter by reason. */
export async function listSuppressions(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "suppression:read");
  const p = await loadSuppressionsParams(searchParams);
  const reasons = allowed(p.reason, SUPPRESSION_REASONS);
  const where: Prisma.EmailSuppressionWhereInput = {
    AND: [reasons.length ? { reason: { in: reasons } } : {}, p.q ? { email: { contains: p.q.trim().toLowerCase() } } : {}],
  };
  const { skip, take } = pageWindow(p.page, p.perPage);
  const [rows, rowCount, counts] = await Promise.all([
    prisma.emailSuppression.findMany({ where, orderBy: [{ [p.sort.id]: p.sort.desc ? "desc" : "asc" }, { email: "asc" }], skip, take }),
    prisma.emailSuppression.count({ where }),
    // The reason filter's counts, kept a few seconds (the same for every reader: platform staff, unscoped).
    cachedFacets("suppressions", () => prisma.emailSuppression.groupBy({ by: ["reason"], _count: { _all: true }, orderBy: { reason: "asc" } })),
  ]);
  const campaigns = await prisma.campaign.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.campaignId).filter((id): id is string => !!id))] } }, select: { id: true, name: true } });
  const campaignName = new Map(campaigns.map((c) => [c.id, c.name]));
  return {
    ...toPage(
      rows.map((r) => ({
        id: r.email,
        email: r.email,
        reason: r.reason,
        detail: r.detail,
        campaign: r.campaignId ? { id: r.campaignId, name: campaignName.get(r.campaignId) ?? "deleted campaign" } : null,
        addedBy: r.createdByEmail,
        createdAt: r.createdAt.toISOString(),
      })),
      rowCount,
      take,
    ),
    reasonCounts: Object.fromEntries(counts.map((c) => [c.reason, (c._count as { _all: number })._all])),
  };
}
export type SuppressionRow = Awaited<ReturnType<typeof listSuppressions>>["rows"][number];
