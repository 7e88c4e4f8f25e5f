import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { PLATFORM_ROLES } from "@/lib/access";
import { allowed, pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, type Prisma } from "@/lib/db";
import { authorize, type Actor } from "@/lib/permissions";
import { USER_STATUSES, usersSearchParams } from "./schema";

export const loadUsersParams = createLoader(usersSearchParams);

export async function listUsers(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "user:read");
  const p = await loadUsersParams(searchParams);
  const roles = allowed(p.role, PLATFORM_ROLES);
  const statuses = allowed(p.status, USER_STATUSES);
  const and: Prisma.UserWhereInput[] = [];
  if (p.q) and.push({ OR: [{ email: { contains: p.q, mode: "insensitive" } }, { name: { contains: p.q, mode: "insensitive" } }] });
  // A missing role means "user" (the admin plugin's default).
  if (roles.length) and.push({ OR: [{ role: { in: roles } }, ...(roles.includes("user") ? [{ role: null }] : [])] });
  if (statuses.length === 1) and.push(statuses[0] === "banned" ? { banned: true } : { NOT: { banned: true } });
  const where: Prisma.UserWhereInput = { AND: and };
  const { skip, take } = pageWindow(p.page, p.perPage);
  const [rows, rowCount, roleCounts] = await Promise.all([
    prisma.user.findMany({
      where,
      orderBy: [{ [p.sort.id]: p.sort.desc ? "desc" : "asc" }, { id: "asc" }],
      skip,
      take,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        banned: true,
        emailVerified: true,
        createdAt: true,
        _count: { select: { members: true } },
        sessions: { select: { updatedAt: true }, orderBy: { updatedAt: "desc" }, take: 1 },
      },
    }),
    prisma.user.count({ where }),
    prisma.user.groupBy({ by: ["role"], _count: { _all: true }, orderBy: { role: "asc" } }),
  ]);
  const countByRole = new Map<string, number>();
  for (const r of roleCounts) countByRole.set(r.role ?? "user", (countByRole.get(r.role ?? "user") ?? 0) + (r._count as { _all: number })._all);
  return {
    ...toPage(
      rows.map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        role: u.role ?? "user",
        banned: !!u.banned,
        emailVerified: u.emailVerified,
        createdAt: u.createdAt.toISOString(),
        organizations: u._count.members,
        lastSeenAt: u.sessions[0]?.updatedAt.toISOString() ?? null,
      })),
      rowCount,
      take,
    ),
    roleCounts: Object.fromEntries(countByRole),
  };
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>["rows"][number];
