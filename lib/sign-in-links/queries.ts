import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { allowed, escapeLike, pageWindow, toPage } from "@/lib/data-table/params";
import { Prisma, queryPage, sortOrder } from "@/lib/db";
import { authorize, type Actor } from "@/lib/permissions";
import { LINK_PURPOSES, LINK_STATUSES, linksSearchParams, linkStatus, type LinkStatus } from "./schema";

export const loadLinksParams = createLoader(linksSearchParams);

/** A status as SQL over the link `l` (schema.ts#linkStatus says the same in TypeScript). */
function statusSql(status: LinkStatus, now: Date): Prisma.Sql {
  switch (status) {
    case "used":
      return Prisma.sql`l."usedAt" IS NOT NULL`;
    case "revoked":
      return Prisma.sql`(l."usedAt" IS NULL AND l."revokedAt" IS NOT NULL)`;
    case "expired":
      return Prisma.sql`(l."usedAt" IS NULL AND l."revokedAt" IS NULL AND l."expiresAt" <= ${now})`;
    case "unused":
      return Prisma.sql`(l."usedAt" IS NULL AND l."revokedAt" IS NULL AND l."expiresAt" > ${now})`;
  }
}

/**
 * The sign-in links page in one statement (`queryPage`): the page of links with the total, filtered by purpose,
 * status and an address (the person's or the issuer's; stored lowercase).
 * Plain SQL: every console request pays for what it reads (bench/README.md, scenario 8).
 */
export async function listSignInLinks(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "signInLink:read");
  const p = await loadLinksParams(searchParams);
  const now = new Date();
  const statuses = allowed(p.status, LINK_STATUSES);
  const purposes = allowed(p.purpose, LINK_PURPOSES);
  const and: Prisma.Sql[] = [Prisma.sql`true`];
  if (purposes.length) and.push(Prisma.sql`l.purpose = ANY(${purposes}::text[])`);
  if (statuses.length) and.push(Prisma.sql`(${Prisma.join(statuses.map((s) => statusSql(s, now)), " OR ")})`);
  if (p.q) {
    const like = `%${escapeLike(p.q.toLowerCase())}%`;
    and.push(Prisma.sql`(l.email LIKE ${like} OR l."issuerEmail" LIKE ${like})`);
  }
  const order = sortOrder(p.sort, { createdAt: `l."createdAt"`, expiresAt: `l."expiresAt"` }, "l.id");
  const { skip, take } = pageWindow(p.page, p.perPage);
  type Row = { id: string; purpose: string; email: string; issuerEmail: string | null; reason: string | null; createdAt: Date; expiresAt: Date; usedAt: Date | null; usedIp: string | null; revokedAt: Date | null; redirectTo: string };
  const { rows, rowCount } = await queryPage<Row>(
    Prisma.sql`l.id, l.purpose, l.email, l."issuerEmail", l.reason, l."createdAt", l."expiresAt", l."usedAt", l."usedIp", l."revokedAt", l."redirectTo"`,
    Prisma.sql`"admit"."sign_in_link" l WHERE ${Prisma.join(and, " AND ")}`,
    order,
    skip,
    take,
  );
  return toPage(
    rows.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      email: r.email,
      issuerEmail: r.issuerEmail,
      reason: r.reason,
      redirectTo: r.redirectTo,
      usedIp: r.usedIp,
      status: linkStatus(r, now),
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      usedAt: r.usedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
    })),
    rowCount,
    take,
  );
}
export type SignInLinkRow = Awaited<ReturnType<typeof listSignInLinks>>["rows"][number];
