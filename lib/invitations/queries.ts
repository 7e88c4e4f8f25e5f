import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { ORG_ROLES } from "@/lib/access";
import { allowed, pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, type Prisma } from "@/lib/db";
import { authorize, scopeOf, scopeWhere, type Actor } from "@/lib/permissions";
import { invitationsSearchParams } from "./schema";
import { INVITATION_STATUSES, invitationStatus, invitationStatusWhere } from "./status";

export const loadInvitationsParams = createLoader(invitationsSearchParams);

export async function listInvitations(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "invitation:read");
  const scope = await scopeOf(actor, "invitation:read");
  const p = await loadInvitationsParams(searchParams);
  const now = new Date();
  const statuses = allowed(p.status, INVITATION_STATUSES);
  const roles = allowed(p.role, ORG_ROLES);
  const scoped: Prisma.InvitationWhereInput = scopeWhere(scope);
  const where: Prisma.InvitationWhereInput = {
    AND: [
      scoped,
      p.org.length ? { organizationId: { in: p.org } } : {},
      statuses.length ? { OR: statuses.map((s) => invitationStatusWhere(s, now)) } : {},
      roles.length ? { role: { in: roles } } : {},
      p.q ? { email: { contains: p.q.toLowerCase() } } : {},
    ],
  };
  const { skip, take } = pageWindow(p.page, p.perPage);
  const [rows, rowCount, orgs] = await prisma.$transaction([
    prisma.invitation.findMany({
      where,
      orderBy: [{ [p.sort.id]: p.sort.desc ? "desc" : "asc" }, { id: "asc" }],
      skip,
      take,
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
    }),
    prisma.invitation.count({ where }),
    prisma.organization.findMany({ where: scope.all ? {} : { id: { in: scope.organizationIds } }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 100 }),
  ]);
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
  };
}
export type InvitationRow = Awaited<ReturnType<typeof listInvitations>>["rows"][number];
