import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, type Prisma } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { invitationStatus } from "@/lib/invitations/status";
import { authorize, scopeOf, type Actor } from "@/lib/permissions";
import { organizationsSearchParams } from "./schema";
import { seatUsage } from "./seats";
import { reminderHoursOf } from "./settings";

export const loadOrganizationsParams = createLoader(organizationsSearchParams);

export async function listOrganizations(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "organization:read");
  const scope = await scopeOf(actor, "organization:read");
  const p = await loadOrganizationsParams(searchParams);
  const where: Prisma.OrganizationWhereInput = {
    AND: [
      scope.all ? {} : { id: { in: scope.organizationIds } },
      p.q ? { OR: [{ name: { contains: p.q, mode: "insensitive" } }, { slug: { contains: p.q, mode: "insensitive" } }] } : {},
    ],
  };
  const dir = p.sort.desc ? "desc" : "asc";
  const orderBy: Prisma.OrganizationOrderByWithRelationInput[] =
    p.sort.id === "members" ? [{ members: { _count: dir } }, { id: "asc" }] : [{ [p.sort.id]: dir }, { id: "asc" }];
  const { skip, take } = pageWindow(p.page, p.perPage);
  const now = new Date();
  const [rows, rowCount] = await Promise.all([
    prisma.organization.findMany({
      where,
      orderBy,
      skip,
      take,
      select: {
        id: true,
        name: true,
        slug: true,
        createdAt: true,
        _count: { select: { members: true, teams: true, invitations: { where: { status: "pending", expiresAt: { gt: now } } } } },
      },
    }),
    prisma.organization.count({ where }),
  ]);
  return toPage(
    rows.map((o) => ({
      id: o.id,
      name: o.name,
      slug: o.slug,
      createdAt: o.createdAt.toISOString(),
      members: o._count.members,
      teams: o._count.teams,
      pendingInvitations: o._count.invitations,
    })),
    rowCount,
    take,
  );
}
export type OrganizationRow = Awaited<ReturnType<typeof listOrganizations>>["rows"][number];

/** One organization with its members, teams, invitations and seats (read-only view). */
export async function getOrganization(actor: Actor | null, organizationId: string) {
  await authorize(actor, "organization:read", { organizationId });
  const [org, seats, reminderHours] = await Promise.all([prisma.organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      name: true,
      slug: true,
      createdAt: true,
      teams: { select: { id: true, name: true }, orderBy: { name: "asc" } },
      members: {
        orderBy: { createdAt: "asc" },
        select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      },
      invitations: {
        orderBy: { createdAt: "desc" },
        take: 200,
        select: { id: true, email: true, role: true, status: true, teamId: true, expiresAt: true, createdAt: true, user: { select: { email: true } } },
      },
    },
  }), seatUsage(organizationId), reminderHoursOf(organizationId)]);
  if (!org) throw new NotFoundError("Organization not found.");
  const now = new Date();
  return {
    ...org,
    seats,
    reminderHours,
    createdAt: org.createdAt.toISOString(),
    members: org.members.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    invitations: org.invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role ?? "member",
      status: invitationStatus(i, now),
      teamName: org.teams.find((t) => t.id === i.teamId)?.name ?? null,
      inviterEmail: i.user.email,
      expiresAt: i.expiresAt.toISOString(),
      createdAt: i.createdAt.toISOString(),
    })),
  };
}
