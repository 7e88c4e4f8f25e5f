import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { PLATFORM_ROLES } from "@/lib/access";
import { allowed, pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, type Prisma } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { invitationStatus } from "@/lib/invitations/status";
import { authorize, type Actor } from "@/lib/permissions";
import { linkStatus } from "@/lib/sign-in-links/schema";
import { isBannedNow } from "./ban";
import { CREATED_WITHIN, USER_STATUSES, usersSearchParams } from "./schema";

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
  if (p.org.length) and.push({ members: { some: { organizationId: { in: p.org } } } });
  const within = CREATED_WITHIN.filter((c) => p.created.includes(c.value));
  if (within.length) and.push({ createdAt: { gte: new Date(Date.now() - Math.max(...within.map((c) => c.days)) * 86_400_000) } });
  const where: Prisma.UserWhereInput = { AND: and };
  const { skip, take } = pageWindow(p.page, p.perPage);
  const [rows, rowCount, roleCounts, organizations] = await Promise.all([
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
    prisma.organization.findMany({ orderBy: { name: "asc" }, take: 100, select: { id: true, name: true } }),
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
    organizations: organizations.map((o) => ({ value: o.id, label: o.name })),
  };
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
  const [members, teams, sessions, invitations, links, events] = await Promise.all([
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
  ]);
  const impersonators = [...new Set(sessions.map((s) => s.impersonatedBy).filter((id): id is string => !!id))];
  const impersonatorEmail = new Map((impersonators.length ? await prisma.user.findMany({ where: { id: { in: impersonators } }, select: { id: true, email: true } }) : []).map((u) => [u.id, u.email]));
  return {
    user: { ...user, role: user.role ?? "user", bannedNow: isBannedNow(user, now), banExpires: iso(user.banExpires), createdAt: user.createdAt.toISOString() },
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
