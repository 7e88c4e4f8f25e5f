/**
 * The one way an Actor (lib/permissions.ts) is made: one statement reads the person's platform role, ban
 * state and organization roles now (`readActor`), one function builds it (`toActor`). Requests get theirs from the session reader (lib/session.ts); scripts, jobs
 * and server code acting for a named person use `actingAs` (a ctx) or `actorFromUserId`.
 */
import { prisma, Prisma, queryRows } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { ActorContext } from "@/lib/audit/record";
import type { Actor } from "@/lib/permissions";
import { isBannedNow } from "@/lib/users/ban";

export interface ActorUser {
  id: string;
  email: string;
  name: string;
  role?: string | null;
  banned?: boolean | null;
  banExpires?: Date | string | null;
}

type ActorRow = ActorUser & { memberships: [organizationId: string, role: string, organizationName: string][] };
type SessionActorRow = ActorRow & { sessionId: string; impersonatedBy: string | null };

const MEMBERSHIPS = Prisma.sql`coalesce((SELECT json_agg(json_build_array(m."organizationId", m.role, o.name))
                                          FROM "member" m JOIN "organization" o ON o.id = m."organizationId" WHERE m."userId" = u.id), '[]') AS memberships`;

/** The person and their memberships with the organizations' names: one statement, for every way an actor is made. */
async function readActor(userId: string): Promise<ActorRow | null> {
  const [row] = await queryRows<ActorRow[]>(Prisma.sql`
    SELECT u.id, u.email, u.name, u.role, u.banned, u."banExpires", ${MEMBERSHIPS}
    FROM "user" u WHERE u.id = ${userId}`, { prepared: true });
  return row ?? null;
}

/** The same for a request: the live, unexpired session row with this token, and its person. */
async function readSessionActor(token: string): Promise<SessionActorRow | null> {
  const [row] = await queryRows<SessionActorRow[]>(Prisma.sql`
    SELECT u.id, u.email, u.name, u.role, u.banned, u."banExpires", s.id AS "sessionId", s."impersonatedBy", ${MEMBERSHIPS}
    FROM "session" s JOIN "user" u ON u.id = s."userId"
    WHERE s.token = ${token} AND s."expiresAt" > now()`, { prepared: true });
  return row ?? null;
}

const toActor = (row: ActorRow, session: { sessionId?: string; impersonatedBy?: string | null }): Actor => ({
  userId: row.id,
  email: row.email,
  name: row.name,
  role: row.role ?? null,
  sessionId: session.sessionId ?? "",
  impersonatedBy: session.impersonatedBy ?? null,
  memberships: Object.fromEntries(row.memberships.map(([orgId, role]) => [orgId, role])),
  organizationNames: Object.fromEntries(row.memberships.map(([orgId, , name]) => [orgId, name])),
});

/**
 * The actor behind a session token (every console request starts here, lib/session.ts): the person's role
 * and ban state as they are now, their memberships, who is impersonating them. Null when the session row is
 * gone (revoked, signed out) or expired, or the person is banned.
 */
export async function actorForSessionToken(token: string): Promise<Actor | null> {
  const row = await readSessionActor(token);
  return row && !isBannedNow(row) ? toActor(row, row) : null;
}

/** For scripts, jobs and server code acting on behalf of a named person: null if unknown or banned. */
export async function actorFromUserId(userId: string, session: { impersonatedBy?: string | null } = {}): Promise<Actor | null> {
  const row = await readActor(userId);
  return row && !isBannedNow(row) ? toActor(row, session) : null;
}

/**
 * The preamble of every domain function that acts for a named person (an inviter, an adder, an issuer):
 * that person as an actor, or a clear error (404 unknown, 403 banned).
 */
export async function requireActor(userId: string, who: string, session: { impersonatedBy?: string | null } = {}): Promise<Actor> {
  const row = await readActor(userId);
  if (!row) throw new NotFoundError(`The ${who} does not exist.`);
  if (isBannedNow(row)) throw new ForbiddenError(`The ${who} is banned.`);
  return toActor(row, session);
}

/** The email of the admin impersonating this actor (for the banner), or null. */
export async function impersonatorEmail(actor: Pick<Actor, "impersonatedBy">): Promise<string | null> {
  if (!actor.impersonatedBy) return null;
  return (await prisma.user.findUnique({ where: { id: actor.impersonatedBy }, select: { email: true } }))?.email ?? null;
}

/**
 * The first argument of every domain function (`fn(ctx, input)`) for server code, scripts and jobs that
 * act on behalf of a named person: `await createInvitations(await actingAs(ownerId), { ... })`.
 */
export async function actingAs(userId: string, meta: { ipAddress?: string | null; userAgent?: string | null; impersonatedBy?: string | null } = {}): Promise<ActorContext & { actor: Actor }> {
  const actor = await requireActor(userId, "person", { impersonatedBy: meta.impersonatedBy });
  return { actor, ipAddress: meta.ipAddress ?? null, userAgent: meta.userAgent ?? null };
}
