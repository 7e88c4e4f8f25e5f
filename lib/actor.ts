/**
 * The one way an Actor (lib/permissions.ts) is made: from a user row, with their platform role and their
 * organization roles read now. Requests get theirs from the session reader (lib/session.ts); scripts, jobs
 * and server code acting for a named person use `actingAs` (a ctx) or `actorFromUserId`.
 */
import { prisma } from "@/lib/db";
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

/** The actor for this user (null when banned), with their memberships read from the database. */
export async function actorFromUser(user: ActorUser, session: { sessionId?: string; impersonatedBy?: string | null } = {}): Promise<Actor | null> {
  if (isBannedNow(user)) return null;
  const rows = await prisma.member.findMany({ where: { userId: user.id }, select: { organizationId: true, role: true } });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role ?? null,
    sessionId: session.sessionId ?? "",
    impersonatedBy: session.impersonatedBy ?? null,
    memberships: Object.fromEntries(rows.map((m) => [m.organizationId, m.role])),
  };
}

/**
 * The actor behind a session, in one round trip (every console request starts here): the person's role and
 * ban state as they are now, their memberships with the organizations' names, and whether the session row
 * still exists and is unexpired (a revoked or signed-out session gets no actor, even while better-auth's
 * signed cookie cache still vouches for it). Null when any of that says no.
 */
export async function actorForSession(userId: string, session: { sessionId: string; impersonatedBy?: string | null }): Promise<Actor | null> {
  const [row] = await prisma.$queryRaw<(ActorUser & { live: boolean; memberships: [string, string, string][] })[]>`
    SELECT u.id, u.email, u.name, u.role, u.banned, u."banExpires",
           EXISTS (SELECT 1 FROM "session" s WHERE s.id = ${session.sessionId} AND s."userId" = u.id AND s."expiresAt" > now()) AS live,
           coalesce((SELECT json_agg(json_build_array(m."organizationId", m.role, o.name))
                     FROM "member" m JOIN "organization" o ON o.id = m."organizationId" WHERE m."userId" = u.id), '[]') AS memberships
    FROM "user" u
    WHERE u.id = ${userId}`;
  if (!row?.live || isBannedNow(row)) return null;
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    role: row.role ?? null,
    sessionId: session.sessionId,
    impersonatedBy: session.impersonatedBy ?? null,
    memberships: Object.fromEntries(row.memberships.map(([orgId, role]) => [orgId, role])),
    organizationNames: Object.fromEntries(row.memberships.map(([orgId, , name]) => [orgId, name])),
  };
}

const userById = (id: string) => prisma.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, banned: true, banExpires: true } });

/** For scripts, jobs and server code acting on behalf of a named person: null if unknown or banned. */
export async function actorFromUserId(userId: string, session: { impersonatedBy?: string | null } = {}): Promise<Actor | null> {
  const user = await userById(userId);
  return user ? actorFromUser(user, session) : null;
}

/**
 * The preamble of every domain function that acts for a named person (an inviter, an adder, an issuer):
 * that person as an actor, or a clear error (404 unknown, 403 banned).
 */
export async function requireActor(userId: string, who: string, session: { impersonatedBy?: string | null } = {}): Promise<Actor> {
  const user = await userById(userId);
  if (!user) throw new NotFoundError(`The ${who} does not exist.`);
  const actor = await actorFromUser(user, session);
  if (!actor) throw new ForbiddenError(`The ${who} is banned.`);
  return actor;
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
