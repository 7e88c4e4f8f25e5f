import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { escapeLike, pageWindow, toPage } from "@/lib/data-table/params";
import { Prisma, queryPage, queryRows, sortOrder } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { invitationStatus } from "@/lib/invitations/status";
import { authorize, scopeOf, type Actor } from "@/lib/permissions";
import { scopeSql } from "@/lib/scope-sql";
import { ORGANIZATION_SORTS, organizationsSearchParams } from "./schema";
import { challengeName, challengeValue } from "./domains";
import { seatSummary } from "./seats";

export const loadOrganizationsParams = createLoader(organizationsSearchParams);

/**
 * The organizations table in one statement (`queryPage`): the page of organizations in the reader's scope with
 * their member, team and open-invitation counts, and the total. Plain SQL: every console request pays for what it
 * reads (bench/README.md, scenario 8).
 */
export async function listOrganizations(actor: Actor | null, searchParams: SearchParams) {
  await authorize(actor, "organization:read");
  const scope = scopeOf(actor, "organization:read");
  const p = await loadOrganizationsParams(searchParams);
  const and: Prisma.Sql[] = [scopeSql(scope, "o.id")];
  if (p.q) {
    const like = `%${escapeLike(p.q)}%`;
    and.push(Prisma.sql`(o.name ILIKE ${like} OR o.slug ILIKE ${like})`);
  }
  const order = sortOrder(p.sort, ORGANIZATION_SORT_COLUMN, "o.id");
  const { skip, take } = pageWindow(p.page, p.perPage);
  const { rows, rowCount } = await queryPage<{ id: string; name: string; slug: string; createdAt: Date; members: number; teams: number; pendingInvitations: number }>(
    Prisma.sql`o.id, o.name, o.slug, o."createdAt",
           (SELECT count(*)::int FROM "member" m WHERE m."organizationId" = o.id) AS members,
           (SELECT count(*)::int FROM "team" t WHERE t."organizationId" = o.id) AS teams,
           (SELECT count(*)::int FROM "invitation" i WHERE i."organizationId" = o.id AND i.status = 'pending' AND i."expiresAt" > ${new Date()}) AS "pendingInvitations"`,
    Prisma.sql`"organization" o WHERE ${Prisma.join(and, " AND ")}`,
    order,
    skip,
    take,
  );
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
  const [[org], { seats, reminderHours, domains, joinRequests }] = await Promise.all([readOrganization(organizationId), organizationAdmitState(organizationId)]);
  if (!org) throw new NotFoundError("Organization not found.");
  const now = new Date();
  return {
    ...org,
    seats,
    reminderHours,
    domains: domains.map((d) => ({ ...d, record: { name: challengeName(d.domain), value: challengeValue(d.token) } })),
    joinRequests,
    createdAt: org.createdAt.toISOString(),
    members: org.members.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })),
    invitations: org.invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role ?? "member",
      status: invitationStatus({ status: i.status, expiresAt: new Date(i.expiresAt) }, now),
      teamName: org.teams.find((t) => t.id === i.teamId)?.name ?? null,
      inviterEmail: i.inviterEmail,
      expiresAt: new Date(i.expiresAt).toISOString(),
      createdAt: new Date(i.createdAt).toISOString(),
    })),
  };
}

/**
 * An organization with its teams, members (oldest first) and latest 200 invitations, in one statement; times
 * inside the JSON as epoch milliseconds. Plain SQL: the organization's page reads it on every request.
 */
function readOrganization(organizationId: string) {
  type Member = { id: string; role: string; createdAt: number; user: { id: string; name: string; email: string } };
  type Invitation = { id: string; email: string; role: string | null; status: string; teamId: string | null; expiresAt: number; createdAt: number; inviterEmail: string };
  const ms = (column: string) => Prisma.raw(`floor(extract(epoch FROM ${column}) * 1000)`);
  return queryRows<{ id: string; name: string; slug: string; createdAt: Date; teams: { id: string; name: string }[]; members: Member[]; invitations: Invitation[] }[]>(Prisma.sql`
    SELECT o.id, o.name, o.slug, o."createdAt",
           coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name) FROM "team" t WHERE t."organizationId" = o.id), '[]') AS teams,
           coalesce((SELECT json_agg(json_build_object('id', m.id, 'role', m.role, 'createdAt', ${ms(`m."createdAt"`)}, 'user', json_build_object('id', u.id, 'name', u.name, 'email', u.email)) ORDER BY m."createdAt", m.id)
                     FROM "member" m JOIN "user" u ON u.id = m."userId" WHERE m."organizationId" = o.id), '[]') AS members,
           coalesce((SELECT json_agg(json_build_object('id', i.id, 'email', i.email, 'role', i.role, 'status', i.status, 'teamId', i."teamId", 'expiresAt', ${ms(`i."expiresAt"`)}, 'createdAt', ${ms(`i."createdAt"`)}, 'inviterEmail', u.email) ORDER BY i."createdAt" DESC, i.id)
                     FROM (SELECT * FROM "invitation" i WHERE i."organizationId" = o.id ORDER BY i."createdAt" DESC, i.id LIMIT 200) i JOIN "user" u ON u.id = i."inviterId"), '[]') AS invitations
    FROM "organization" o WHERE o.id = ${organizationId}`, { prepared: true });
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
    FROM (SELECT 1) one LEFT JOIN "admit"."organization_settings" s ON s."organizationId" = ${organizationId}`, { prepared: true });
  return {
    seats: seatSummary(row),
    reminderHours: row.reminderHours,
    domains: row.domains,
    joinRequests: row.requests,
  };
}
