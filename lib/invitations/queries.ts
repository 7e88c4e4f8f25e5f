import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { ORG_ROLES } from "@/lib/access";
import { allowed, nearestEnd, pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, type Prisma } from "@/lib/db";
import { authorize, scopeOf, scopeWhere, type Actor } from "@/lib/permissions";
import { EXPIRING_WITHIN, invitationsSearchParams } from "./schema";
import { INVITATION_STATUSES, invitationStatus, invitationStatusWhere } from "./status";

export const loadInvitationsParams = createLoader(invitationsSearchParams);

export async function listInvitations(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "invitation:read");
  const scope = await scopeOf(actor, "invitation:read");
  const p = await loadInvitationsParams(searchParams);
  const now = new Date();
  const scoped: Prisma.InvitationWhereInput = scopeWhere(scope);
  const where = invitationsWhere(scoped, p, now);
  const { skip, take } = pageWindow(p.page, p.perPage);
  const dir = p.sort.desc ? "desc" : "asc";
  const flip = dir === "desc" ? "asc" : "desc";
  const [{ rows, rowCount }, orgs, inviters] = await Promise.all([
    // Rows and their count from one snapshot, so the pager always agrees with the page.
    prisma.$transaction(
      async (tx) => {
        const rowCount = await tx.invitation.count({ where });
        const w = nearestEnd(skip, take, rowCount);
        const rows = await tx.invitation.findMany({
          where,
          orderBy: [{ [p.sort.id]: w.reversed ? flip : dir }, { id: w.reversed ? "desc" : "asc" }],
          skip: w.skip,
          take: w.take,
          select: {
            id: true,
            email: true,
            role: true,
            status: true,
            teamId: true,
            expiresAt: true,
            createdAt: true,
            inviterId: true,
            organizationId: true,
            organization: { select: { name: true } },
            user: { select: { email: true } },
          },
        });
        return { rows: w.reversed ? rows.reverse() : rows, rowCount };
      },
      { isolationLevel: "RepeatableRead" },
    ),
    prisma.organization.findMany({ where: scope.all ? {} : { id: { in: scope.organizationIds } }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 100 }),
    prisma.invitation.groupBy({ by: ["inviterId"], where: scoped, _count: { _all: true }, orderBy: { _count: { inviterId: "desc" } }, take: 50 }),
  ]);
  const inviterUsers = await prisma.user.findMany({ where: { id: { in: inviters.map((i) => i.inviterId) } }, select: { id: true, email: true } });
  const inviterEmail = new Map(inviterUsers.map((u) => [u.id, u.email]));
  const teamIds = [...new Set(rows.flatMap((r) => (r.teamId ? r.teamId.split(",") : [])))];
  const teams = teamIds.length ? await prisma.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }) : [];
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return {
    ...toPage(
      rows.map((r) => ({
        id: r.id,
        email: r.email,
        role: r.role ?? "member",
        status: invitationStatus(r, now),
        team: r.teamId ? r.teamId.split(",").map((id) => teamName.get(id) ?? "deleted team").join(", ") : null,
        organizationId: r.organizationId,
        organization: r.organization.name,
        inviterId: r.inviterId,
        inviterEmail: r.user.email,
        expiresAt: r.expiresAt.toISOString(),
        createdAt: r.createdAt.toISOString(),
      })),
      rowCount,
      take,
    ),
    organizations: orgs.map((o) => ({ value: o.id, label: o.name })),
    inviters: inviters.map((i) => ({ value: i.inviterId, label: inviterEmail.get(i.inviterId) ?? "deleted user", count: (i._count as { _all: number })._all })),
  };
}
export type InvitationRow = Awaited<ReturnType<typeof listInvitations>>["rows"][number];

/** The table's filters as a `where`, inside the actor's scope (unknown filter values are ignored). */
function invitationsWhere(scoped: Prisma.InvitationWhereInput, p: Awaited<ReturnType<typeof loadInvitationsParams>>, now: Date): Prisma.InvitationWhereInput {
  const statuses = allowed(p.status, INVITATION_STATUSES);
  const roles = allowed(p.role, ORG_ROLES);
  // "Expiring within": still pending, expiry between now and the widest window asked for.
  const windows = EXPIRING_WITHIN.filter((w) => p.expiring.includes(w.value));
  const expiringWithin = windows.length ? Math.max(...windows.map((w) => w.seconds)) : null;
  return {
    AND: [
      scoped,
      p.org.length ? { organizationId: { in: p.org } } : {},
      statuses.length ? { OR: statuses.map((s) => invitationStatusWhere(s, now)) } : {},
      roles.length ? { role: { in: roles } } : {},
      p.inviter.length ? { inviterId: { in: p.inviter } } : {},
      expiringWithin ? { status: "pending", expiresAt: { gt: now, lte: new Date(now.getTime() + expiringWithin * 1000) } } : {},
      p.q ? { email: { contains: p.q.toLowerCase() } } : {},
    ],
  };
}

/** Organizations the actor may invite into, with their teams, for the invite dialog. */
export async function listInvitableOrganizations(actor: Actor | null) {
  const scope = await scopeOf(actor, "invitation:create");
  if (!scope.all && scope.organizationIds.length === 0) return [];
  const orgs = await prisma.organization.findMany({
    where: scope.all ? {} : { id: { in: scope.organizationIds } },
    select: { id: true, name: true, teams: { select: { id: true, name: true }, orderBy: { name: "asc" } } },
    orderBy: { name: "asc" },
    take: 500,
  });
  return orgs;
}
export type InvitableOrganization = Awaited<ReturnType<typeof listInvitableOrganizations>>[number];
