import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { escapeLike, pageWindow, toPage } from "@/lib/data-table/params";
import { prisma, Prisma, queryRows } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { invitationStatus } from "@/lib/invitations/status";
import { authorize, scopeOf, type Actor } from "@/lib/permissions";
import { ORGANIZATION_SORTS, organizationsSearchParams } from "./schema";
import { challengeName, challengeValue } from "./domains";
import { seatSummary } from "./seats";

export const loadOrganizationsParams = createLoader(organizationsSearchParams);

/**
 * The organizations table in one statement: the page of organizations in the reader's scope with their member,
 * team and open-invitation counts, and the total (the same snapshot, so the pager agrees with the page). Plain
 * SQL: every console request pays for what it reads (bench/README.md, scenario 8).
 */
export async function listOrganizations(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "organization:read");
  const scope = await scopeOf(actor, "organization:read");
  const p = await loadOrganizationsParams(searchParams);
  const and: Prisma.Sql[] = [scope.all ? Prisma.sql`true` : Prisma.sql`o.id = ANY(${[...scope.organizationIds]}::text[])`];
  if (p.q) and.push(Prisma.sql`(o.name ILIKE ${`%${escapeLike(p.q)}%`} OR o.slug ILIKE ${`%${escapeLike(p.q)}%`})`);
  const where = Prisma.join(and, " AND ");
  const dir = p.sort.desc ? "DESC" : "ASC";
  const order = Prisma.raw(`${ORGANIZATION_SORT_COLUMN[p.sort.id]} ${dir}, o.id ASC`);
  const { skip, take } = pageWindow(p.page, p.perPage);
  type Row = { id: string; name: string; slug: string; createdAt: Date; members: number; teams: number; pendingInvitations: number; total: number };
  const rows = await queryRows<Row[]>(Prisma.sql`
    SELECT o.id, o.name, o.slug, o."createdAt",
           (SELECT count(*)::int FROM "member" m WHERE m."organizationId" = o.id) AS members,
           (SELECT count(*)::int FROM "team" t WHERE t."organizationId" = o.id) AS teams,
           (SELECT count(*)::int FROM "invitation" i WHERE i."organizationId" = o.id AND i.status = 'pending' AND i."expiresAt" > ${new Date()}) AS "pendingInvitations",
           count(*) OVER ()::int AS total
    FROM "organization" o WHERE ${where} ORDER BY ${order} LIMIT ${take} OFFSET ${skip}`);
  // Past the last page there is no row to carry the total: count it alone.
  const rowCount = rows[0]?.total ?? (skip > 0 ? (await queryRows<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM "organization" o WHERE ${where}`))[0].n : 0);
  return toPage(
    rows.map((o) => ({ id: o.id, name: o.name, slug: o.slug, createdAt: o.createdAt.toISOString(), members: o.members, teams: o.teams, pendingInvitations: o.pendingInvitations })),
    rowCount,
    take,
  );
}

const ORGANIZATION_SORT_COLUMN: Record<(typeof ORGANIZATION_SORTS)[number], string> = { name: "o.name", createdAt: `o."createdAt"`, members: "members" };
export type OrganizationRow = Awaited<ReturnType<typeof listOrganizations>>["rows"][number];

/** One organization with its members, teams, invitations and seats (read-only view). */
export async function getOrganization(actor: Actor | null, organizationId: string) {
  await authorize(actor, "organization:read", { organizationId });
  const [org, { seats, reminderHours, domains, joinRequests }] = await Promise.all([prisma.organization.findUnique({
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
  }), organizationAdmitState(organizationId)]);
  if (!org) throw new NotFoundError("Organization not found.");
  const now = new Date();
  return {
    ...org,
    seats,
    reminderHours,
    domains: domains.map((d) => ({ ...d, record: { name: challengeName(d.domain), value: challengeValue(d.token) } })),
    joinRequests,
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

/**
 * Admit's own state of an organization for its page, in one statement: seats (members plus pending invitations
 * against the limit), reminders, claimed domains and pending join requests.
 */
async function organizationAdmitState(organizationId: string) {
  type Domain = { id: string; domain: string; token: string; verifiedAt: string | null; policy: string; role: string };
  type Request = { id: string; email: string; userId: string; createdAt: string; domain: string };
  const [row] = await queryRows<{ limit: number | null; reminderHours: number | null; members: number; pending: number; domains: Domain[]; requests: Request[] }[]>(Prisma.sql`
    SELECT s."seatLimit" AS limit, s."reminderHours",
           (SELECT count(*)::int FROM "member" m WHERE m."organizationId" = ${organizationId}) AS members,
           (SELECT count(*)::int FROM "invitation" i WHERE i."organizationId" = ${organizationId} AND i.status = 'pending' AND i."expiresAt" > now()) AS pending,
           coalesce((SELECT json_agg(json_build_object('id', d.id, 'domain', d.domain, 'token', d.token, 'verifiedAt', d."verifiedAt", 'policy', d.policy, 'role', d.role) ORDER BY d.domain)
                     FROM "admit"."organization_domain" d WHERE d."organizationId" = ${organizationId}), '[]') AS domains,
           coalesce((SELECT json_agg(json_build_object('id', r.id, 'email', r.email, 'userId', r."userId", 'createdAt', r."createdAt", 'domain', d.domain) ORDER BY r."createdAt")
                     FROM "admit"."join_request" r JOIN "admit"."organization_domain" d ON d.id = r."domainId" WHERE r."organizationId" = ${organizationId} AND r.status = 'pending'), '[]') AS requests
    FROM (SELECT 1) one LEFT JOIN "admit"."organization_settings" s ON s."organizationId" = ${organizationId}`);
  return {
    seats: seatSummary(row),
    reminderHours: row.reminderHours,
    domains: row.domains,
    joinRequests: row.requests,
  };
}
