import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { allowed, pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, type Prisma } from "@/lib/db";
import { authorize, type Actor } from "@/lib/permissions";
import { LINK_PURPOSES, LINK_STATUSES, linksSearchParams, linkStatus, type LinkStatus } from "./schema";

export const loadLinksParams = createLoader(linksSearchParams);

function statusWhere(status: LinkStatus, now: Date): Prisma.SignInLinkWhereInput {
  switch (status) {
    case "used":
      return { usedAt: { not: null } };
    case "revoked":
      return { usedAt: null, revokedAt: { not: null } };
    case "expired":
      return { usedAt: null, revokedAt: null, expiresAt: { lte: now } };
    case "unused":
      return { usedAt: null, revokedAt: null, expiresAt: { gt: now } };
  }
}

export async function listSignInLinks(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "signInLink:read");
  const p = await loadLinksParams(searchParams);
  const now = new Date();
  const statuses = allowed(p.status, LINK_STATUSES);
  const purposes = allowed(p.purpose, LINK_PURPOSES);
  const where: Prisma.SignInLinkWhereInput = {
    AND: [
      purposes.length ? { purpose: { in: purposes } } : {},
      statuses.length ? { OR: statuses.map((s) => statusWhere(s, now)) } : {},
      p.q ? { OR: [{ email: { contains: p.q.toLowerCase() } }, { issuerEmail: { contains: p.q.toLowerCase() } }] } : {},
    ],
  };
  const { skip, take } = pageWindow(p.page, p.perPage);
  const [rows, rowCount] = await Promise.all([
    prisma.signInLink.findMany({
      where,
      orderBy: [{ [p.sort.id]: p.sort.desc ? "desc" : "asc" }, { id: "asc" }],
      skip,
      take,
      select: { id: true, purpose: true, email: true, issuerEmail: true, reason: true, createdAt: true, expiresAt: true, usedAt: true, usedIp: true, revokedAt: true, redirectTo: true },
    }),
    prisma.signInLink.count({ where }),
  ]);
  return toPage(
    rows.map((r) => ({
      ...r,
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
