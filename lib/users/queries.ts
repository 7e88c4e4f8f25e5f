import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { PLATFORM_ROLES } from "@/lib/access";
import { cachedFacets } from "@/lib/data-table/facet-cache";
import { allowed, escapeLike, pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, Prisma, queryPage, queryRows, sortOrder } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { invitationStatus } from "@/lib/invitations/status";
import { authorize, type Actor } from "@/lib/permissions";
import { linkStatus } from "@/lib/sign-in-links/schema";
import { isBannedNow } from "./ban";
import { CREATED_WITHIN, SIGN_IN_STATES, USER_SORTS, USER_STATUSES, usersSearchParams } from "./schema";

export const loadUsersParams = createLoader(usersSearchParams);

/** The users table: one statement for the page and its total (`queryPage`; filters Prisma cannot say: sign-ins live in Admit's own table). */
export async function listUsers(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "user:read");
  const p = await loadUsersParams(searchParams);
  const where = usersWhere(p);
  const { skip, take } = pageWindow(p.page, p.perPage);
  const order = sortOrder(p.sort, USER_SORT_COLUMN, "u.id");
  const [{ rows, rowCount }, facets] = await Promise.all([
    queryPage<{ id: string; name: string; email: string; role: string | null; banned: boolean | null; emailVerified: boolean; createdAt: Date; organizations: number; lastSeenAt: Date | null }>(
      Prisma.sql`u.id, u.name, u.email, u.role, u.banned, u."emailVerified", u."createdAt",
             (SELECT count(*)::int FROM "member" m WHERE m."userId" = u.id) AS organizations,
             greatest((SELECT max(s."updatedAt") FROM "session" s WHERE s."userId" = u.id), (SELECT x."lastAt" FROM "admit"."user_sign_in" x WHERE x."userId" = u.id)) AS "lastSeenAt"`,
      Prisma.sql`"user" u WHERE ${where}`,
      order,
      skip,
      take,
    ),
    usersFacets(),
  ]);
  return {
    ...toPage(
      rows.map((u) => ({ ...u, role: u.role ?? "user", banned: !!u.banned, createdAt: u.createdAt.toISOString(), lastSeenAt: u.lastSeenAt?.toISOString() ?? null })),
      rowCount,
      take,
    ),
    roleCounts: Object.fromEntries(facets.filter((f) => f.kind === "role").map((r) => [r.id, r.n])),
    organizations: facets.filter((f) => f.kind === "org").map((o) => ({ value: o.id, label: o.label })),
  };
}

/**
 * The filter menus' data in one statement, kept a few seconds (lib/data-table/facet-cache.ts): people per
 * platform role (none means "user", the admin plugin's default) and the organizations to filter by. The same
 * for every reader: the page is platform staff's, unscoped.
 */
function usersFacets() {
  return cachedFacets("users", () =>
    queryRows<{ kind: "role" | "org"; id: string; label: string; n: number }[]>(Prisma.sql`
      (SELECT 'role' AS kind, coalesce(u.role, 'user') AS id, coalesce(u.role, 'user') AS label, count(*)::int AS n FROM "user" u GROUP BY 2 ORDER BY 2)
      UNION ALL
      (SELECT 'org', o.id, o.name, 0 FROM "organization" o ORDER BY o.name LIMIT 100)`),
  );
}

const USER_SORT_COLUMN: Record<(typeof USER_SORTS)[number], string> = { name: "u.name", email: "u.email", createdAt: `u."createdAt"` };
const like = (q: string) => `%${escapeLike(q)}%`;

/** The table's filters as one SQL condition over `u` (the user). */
function usersWhere(p: Awaited<ReturnType<typeof loadUsersParams>>) {
  const roles = allowed(p.role, PLATFORM_ROLES);
  const statuses = allowed(p.status, USER_STATUSES);
  const signIn = allowed(p.signIn, SIGN_IN_STATES.map((s) => s.value));
  const and: Prisma.Sql[] = [Prisma.sql`true`];
  if (p.q) and.push(Prisma.sql`(u.email ILIKE ${like(p.q)} OR u.name ILIKE ${like(p.q)})`);
  // A missing role means "user" (the admin plugin's default).
  if (roles.length) and.push(Prisma.sql`(u.role = ANY(${roles}::text[]) OR (${roles.includes("user")} AND u.role IS NULL))`);
  if (statuses.length === 1) and.push(statuses[0] === "banned" ? Prisma.sql`u.banned IS TRUE` : Prisma.sql`u.banned IS NOT TRUE`);
  if (p.org.length) and.push(Prisma.sql`EXISTS (SELECT 1 FROM "member" m WHERE m."userId" = u.id AND m."organizationId" = ANY(${p.org}::text[]))`);
  const within = CREATED_WITHIN.filter((c) => p.created.includes(c.value));
  if (within.length) and.push(Prisma.sql`u."createdAt" >= ${new Date(Date.now() - Math.max(...within.map((c) => c.days)) * 86_400_000)}`);
  if (signIn.length === 1) {
    const ever = Prisma.sql`(EXISTS (SELECT 1 FROM "admit"."user_sign_in" x WHERE x."userId" = u.id) OR EXISTS (SELECT 1 FROM "session" s WHERE s."userId" = u.id AND s."impersonatedBy" IS NULL))`;
    and.push(signIn[0] === "ever" ? ever : Prisma.sql`NOT ${ever}`);
  }
  return Prisma.join(and, " AND ");
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>["rows"][number];

/**
 * A person's page (`/users/<id>`, platform staff): who they are, their platform role and ban, their
 * organizations and teams, their open sessions (never the tokens), the invitations for their address, the
 * sign-in links issued for them, and their audit timeline as actor and as target. One round of parallel reads.
 */
const LIMIT = 50;
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export async function getPerson(actor: Actor | null, userId: string) {
  await authorize(actor, "user:read");
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, banned: true, banReason: true, banExpires: true, emailVerified: true, createdAt: true },
  });
  if (!user) throw new NotFoundError("User not found.");
  const now = new Date();
  const [members, teams, sessions, invitations, links, events, signIns] = await Promise.all([
    prisma.member.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, role: true, createdAt: true, organization: { select: { id: true, name: true } } } }),
    prisma.teamMember.findMany({ where: { userId }, select: { team: { select: { id: true, name: true, organizationId: true } } } }),
    prisma.session.findMany({
      where: { userId, expiresAt: { gt: now } },
      orderBy: { updatedAt: "desc" },
      take: LIMIT,
      select: { id: true, createdAt: true, updatedAt: true, expiresAt: true, ipAddress: true, userAgent: true, impersonatedBy: true },
    }),
    prisma.invitation.findMany({
      where: { email: user.email.toLowerCase() },
      orderBy: { createdAt: "desc" },
      take: LIMIT,
      select: { id: true, role: true, status: true, expiresAt: true, createdAt: true, organization: { select: { name: true } } },
    }),
    prisma.signInLink.findMany({
      where: { OR: [{ userId }, { email: user.email.toLowerCase() }] },
      orderBy: { createdAt: "desc" },
      take: LIMIT,
      select: { id: true, purpose: true, issuerEmail: true, reason: true, createdAt: true, expiresAt: true, usedAt: true, revokedAt: true },
    }),
    prisma.auditEvent.findMany({
      where: { OR: [{ actorId: userId }, { targetId: userId }, { targetLabel: user.email }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LIMIT,
      select: { id: true, createdAt: true, action: true, actorId: true, actorEmail: true, targetLabel: true, targetType: true, organizationId: true },
    }),
    prisma.userSignIn.findUnique({ where: { userId } }),
  ]);
  const impersonators = [...new Set(sessions.map((s) => s.impersonatedBy).filter((id): id is string => !!id))];
  const impersonatorEmail = new Map((impersonators.length ? await prisma.user.findMany({ where: { id: { in: impersonators } }, select: { id: true, email: true } }) : []).map((u) => [u.id, u.email]));
  return {
    user: { ...user, role: user.role ?? "user", bannedNow: isBannedNow(user, now), banExpires: iso(user.banExpires), createdAt: user.createdAt.toISOString() },
    // Recorded sign-ins (lib/users/sign-ins.ts), or an open session of their own not swept yet.
    signIns: { first: iso(signIns?.firstAt) ?? iso(sessions.filter((s) => !s.impersonatedBy).at(-1)?.createdAt), last: iso(signIns?.lastAt) ?? iso(sessions.find((s) => !s.impersonatedBy)?.createdAt) },
    memberships: members.map((m) => ({
      id: m.id,
      role: m.role,
      since: m.createdAt.toISOString(),
      organization: m.organization,
      teams: teams.filter((t) => t.team.organizationId === m.organization.id).map((t) => t.team.name),
    })),
    sessions: sessions.map((s) => ({
      id: s.id,
      startedAt: s.createdAt.toISOString(),
      lastActiveAt: s.updatedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ipAddress: s.ipAddress,
      userAgent: s.userAgent,
      impersonatedBy: s.impersonatedBy ? (impersonatorEmail.get(s.impersonatedBy) ?? "deleted user") : null,
    })),
    invitations: invitations.map((i) => ({ id: i.id, organization: i.organization.name, role: i.role ?? "member", status: invitationStatus(i, now), createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })),
    links: links.map((l) => ({ id: l.id, purpose: l.purpose, issuerEmail: l.issuerEmail, reason: l.reason, status: linkStatus(l, now), createdAt: l.createdAt.toISOString(), expiresAt: l.expiresAt.toISOString(), usedAt: iso(l.usedAt) })),
    timeline: events.map((e) => ({ id: e.id, at: e.createdAt.toISOString(), action: e.action, as: e.actorId === userId ? ("actor" as const) : ("target" as const), actorEmail: e.actorEmail ?? "system", target: e.targetLabel })),
  };
}
export type Person = Awaited<ReturnType<typeof getPerson>>;
