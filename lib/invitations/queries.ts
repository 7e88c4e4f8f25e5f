import "server-only";
import { createLoader, type SearchParams } from "nuqs/server";
import { ORG_ROLES } from "@/lib/access";
import { cachedFacets, knownLargeTotal, rememberTotal, scopeKey } from "@/lib/data-table/facet-cache";
import { allowed, escapeLike, nearestEnd, pageWindow, toPage } from "@/lib/data-table/params";
import { NotFoundError } from "@/lib/errors";
import { prisma, Prisma, queryRows } from "@/lib/db";
import { authorize, scopeOf, type Actor, type Scope } from "@/lib/permissions";
import { scopeSql } from "@/lib/scope-sql";
import { EXPIRING_WITHIN, INVITATION_SORTS, invitationsSearchParams } from "./schema";
import { INVITATION_STATUSES, invitationStatus, type InvitationStatus } from "./status";

export const loadInvitationsParams = createLoader(invitationsSearchParams);

/**
 * The invitations page's data in two statements: the page of rows with their count (one statement, so one
 * snapshot: the pager always agrees with the page; deep pages read from the nearer end, a count first), and
 * the filter facets (organizations, inviters with counts). Every console request pays for what it reads, so
 * these are plain SQL (no ORM round trips per relation).
 */
export async function listInvitations(actor: Actor | null, searchParams: SearchParams) {
  const { scope, now, take, read } = await invitationsPage(actor, searchParams);
  const [{ rows, rowCount }, facets] = await Promise.all([read, invitationFacets(scope)]);
  return {
    ...toPage(
      rows.map((r) => ({
        id: r.id,
        email: r.email,
        role: r.role ?? "member",
        status: invitationStatus(r, now),
        team: r.team,
        organization: r.organization,
        inviterEmail: r.inviterEmail ?? "deleted user",
        expiresAt: r.expiresAt.toISOString(),
        createdAt: r.createdAt.toISOString(),
      })),
      rowCount,
      take,
    ),
    organizations: facets.filter((f) => f.kind === "org").map((o) => ({ value: o.id, label: o.label })),
    inviters: facets.filter((f) => f.kind === "inviter").sort((a, b) => b.n - a.n).map((i) => ({ value: i.id, label: i.label, count: i.n })),
  };
}
export type InvitationRow = Awaited<ReturnType<typeof listInvitations>>["rows"][number];

/**
 * The HTTP API's invitations: the page's filters, scope and SQL, with the ids a program needs; `id` reads one
 * (null when it does not exist or is outside the reader's scope, which look the same).
 */
export async function findInvitations(actor: Actor | null, searchParams: SearchParams, opts: { id?: string } = {}) {
  const { p, now, take, read } = await invitationsPage(actor, searchParams, opts.id);
  const { rows, rowCount } = await read;
  return {
    page: opts.id ? 1 : Math.max(1, Math.floor(p.page)),
    perPage: take,
    ...toPage(
      rows.map((r) => ({
        id: r.id,
        email: r.email,
        role: r.role ?? "member",
        status: invitationStatus(r, now),
        organizationId: r.organizationId,
        organization: r.organization,
        teamIds: r.teamId ? r.teamId.split(",") : [],
        inviterEmail: r.inviterEmail,
        expiresAt: r.expiresAt.toISOString(),
        createdAt: r.createdAt.toISOString(),
      })),
      rowCount,
      take,
    ),
  };
}

/**
 * Both readers' first steps: authorize, the reader's scope, the URL's filters, and the page's rows read (the
 * promise, so the page can read its facets at the same time). With `id`, that one invitation within the scope.
 */
async function invitationsPage(actor: Actor | null, searchParams: SearchParams, id?: string) {
  await authorize(actor, "invitation:read");
  const scope = scopeOf(actor, "invitation:read");
  const p = await loadInvitationsParams(searchParams);
  const now = new Date();
  const where = id ? whereOf([inScope(scope), Prisma.sql`i.id = ${id}`]) : invitationsWhere(scope, p, now);
  const { skip, take } = id ? { skip: 0, take: 1 } : pageWindow(p.page, p.perPage);
  // The total depends on the scope and the filters, not on the page or its order.
  const { page: _page, perPage: _perPage, sort: _sort, ...filters } = p;
  const totalKey = id ? null : `invitations:${scopeKey(scope)}:${JSON.stringify(filters)}`;
  return { scope, p, now, take, read: invitationRows(where, p.sort, skip, take, totalKey) };
}

interface RawInvitation {
  id: string;
  organizationId: string;
  teamId: string | null;
  email: string;
  role: string | null;
  status: string;
  expiresAt: Date;
  createdAt: Date;
  inviterEmail: string | null;
  organization: string;
  team: string | null;
  total: number;
}

const SORT_COLUMNS: Record<(typeof INVITATION_SORTS)[number], Prisma.Sql> = { createdAt: Prisma.raw(`i."createdAt"`), expiresAt: Prisma.raw(`i."expiresAt"`), email: Prisma.raw(`i.email`) };

async function invitationRows(where: Prisma.Sql, sort: { id: (typeof INVITATION_SORTS)[number]; desc: boolean }, skip: number, take: number, totalKey: string | null) {
  // A large total counted in the last few seconds is not counted again (lib/data-table/facet-cache.ts#rememberTotal).
  const known = totalKey ? knownLargeTotal(totalKey) : null;
  // Past the first pages the count decides which end to read from (lib/data-table/params.ts#nearestEnd).
  const total = known ?? (skip >= 1000 ? (await queryRows<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM "invitation" i ${where}`))[0].n : null);
  const w = total === null ? { skip, take, reversed: false } : nearestEnd(skip, take, total);
  const desc = sort.desc !== w.reversed;
  const order = Prisma.sql`ORDER BY ${SORT_COLUMNS[sort.id]} ${Prisma.raw(desc ? "DESC" : "ASC")}, i.id ${Prisma.raw(w.reversed ? "DESC" : "ASC")}`;
  const raw = await queryRows<RawInvitation[]>(Prisma.sql`
    SELECT r.*, ${total === null ? Prisma.sql`(SELECT count(*)::int FROM "invitation" i ${where})` : Prisma.sql`${total}::int`} AS total
    FROM (SELECT 1) one LEFT JOIN LATERAL (
      SELECT i.id, i."organizationId", i."teamId", i.email, i.role, i.status, i."expiresAt", i."createdAt", u.email AS "inviterEmail", o.name AS organization,
             (SELECT string_agg(coalesce(t.name, 'deleted team'), ', ' ORDER BY x.n)
                FROM unnest(string_to_array(i."teamId", ',')) WITH ORDINALITY AS x(id, n) LEFT JOIN "team" t ON t.id = x.id) AS team
      FROM "invitation" i JOIN "organization" o ON o.id = i."organizationId" LEFT JOIN "user" u ON u.id = i."inviterId"
      ${where} ${order} OFFSET ${w.skip} LIMIT ${w.take}
    ) r ON true`);
  const rows = raw.filter((r) => r.id !== null);
  const rowCount = raw[0]?.total ?? 0;
  if (totalKey && known === null) rememberTotal(totalKey, rowCount);
  return { rows: w.reversed ? rows.reverse() : rows, rowCount };
}

/** The filter menus: organizations in scope, and who invited (with counts), in one statement, kept a few seconds per scope. */
function invitationFacets(scope: Scope) {
  return cachedFacets(`invitations:${scopeKey(scope)}`, () => readInvitationFacets(scope));
}

function readInvitationFacets(scope: Scope) {
  return queryRows<{ kind: "org" | "inviter"; id: string; label: string; n: number }[]>(Prisma.sql`
    (SELECT 'org' AS kind, o.id, o.name AS label, 0 AS n FROM "organization" o WHERE ${scopeSql(scope, "o.id")} ORDER BY o.name LIMIT 100)
    UNION ALL
    (SELECT 'inviter', g."inviterId", coalesce(u.email, 'deleted user'), g.n
       FROM (SELECT i."inviterId", count(*)::int AS n FROM "invitation" i ${whereOf([inScope(scope)])} GROUP BY 1 ORDER BY 2 DESC LIMIT 50) g
       LEFT JOIN "user" u ON u.id = g."inviterId")`);
}

/** status.ts#invitationStatus as SQL, for invitation `i` (here, not in status.ts: client components import that file). */
function invitationStatusSql(status: InvitationStatus, now: Date) {
  if (status === "pending") return Prisma.sql`(i.status = 'pending' AND i."expiresAt" > ${now})`;
  if (status === "expired") return Prisma.sql`(i.status = 'pending' AND i."expiresAt" <= ${now})`;
  return Prisma.sql`i.status = ${status}`;
}

const inScope = (scope: Scope) => scopeSql(scope, `i."organizationId"`);
const whereOf = (conditions: (Prisma.Sql | null)[]) => {
  const parts = conditions.filter((c): c is Prisma.Sql => c !== null);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
};

/** The table's filters as SQL, inside the actor's scope (unknown filter values are ignored). */
function invitationsWhere(scope: Scope, p: Awaited<ReturnType<typeof loadInvitationsParams>>, now: Date): Prisma.Sql {
  const statuses = allowed(p.status, INVITATION_STATUSES);
  const roles = allowed(p.role, ORG_ROLES);
  // "Expiring within": still pending, expiry between now and the widest window asked for.
  const windows = EXPIRING_WITHIN.filter((w) => p.expiring.includes(w.value));
  const expiringWithin = windows.length ? Math.max(...windows.map((w) => w.seconds)) : null;
  return whereOf([
    inScope(scope),
    p.org.length ? Prisma.sql`i."organizationId" = ANY(${p.org}::text[])` : null,
    statuses.length ? Prisma.sql`(${Prisma.join(statuses.map((st) => invitationStatusSql(st, now)), " OR ")})` : null,
    roles.length ? Prisma.sql`i.role = ANY(${roles}::text[])` : null,
    p.inviter.length ? Prisma.sql`i."inviterId" = ANY(${p.inviter}::text[])` : null,
    expiringWithin ? Prisma.sql`(i.status = 'pending' AND i."expiresAt" > ${now} AND i."expiresAt" <= ${new Date(now.getTime() + expiringWithin * 1000)})` : null,
    p.q ? Prisma.sql`i.email LIKE ${`%${escapeLike(p.q.toLowerCase())}%`}` : null,
  ]);
}

/** Organizations the actor may invite into, with their teams, for the invite dialog (one statement). */
export async function listInvitableOrganizations(actor: Actor | null) {
  const scope = scopeOf(actor, "invitation:create");
  if (!scope.all && scope.organizationIds.length === 0) return [];
  return queryRows<{ id: string; name: string; teams: { id: string; name: string }[] }[]>(Prisma.sql`
    SELECT o.id, o.name,
           coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name) FROM "team" t WHERE t."organizationId" = o.id), '[]') AS teams
    FROM "organization" o WHERE ${scopeSql(scope, "o.id")}
    ORDER BY o.name LIMIT 500`);
}
export type InvitableOrganization = Awaited<ReturnType<typeof listInvitableOrganizations>>[number];

/** One invitation with its extras (lib/invitations/extras.ts: destination after accepting, metadata), for the API. */
export async function getInvitation(actor: Actor | null, id: string) {
  const found = await findInvitations(actor, {}, { id });
  const row = found.rows[0];
  if (!row) throw new NotFoundError("Invitation not found.");
  const extra = await prisma.invitationExtra.findUnique({ where: { invitationId: id }, select: { redirectTo: true, metadata: true } });
  return { ...row, redirectTo: extra?.redirectTo ?? null, metadata: (extra?.metadata as Record<string, unknown> | null) ?? null };
}
