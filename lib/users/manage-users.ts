/**
 * Changing a person's account from the console: ban (with a reason and an optional end; every session ends),
 * unban, platform role, sign out of one or all sessions. The same effects as better-auth's admin endpoints, in one
 * transaction with the audit event; each asks the permission module, then the one rule for account changes
 * (./rules.ts) with the number of admins read under a lock, so two admins cannot demote each other at once.
 */
import { PLATFORM_ROLES, type PlatformRole } from "@/lib/access";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { lockFor, prisma, type Tx } from "@/lib/db";
import { AppError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { authorize, type Permission } from "@/lib/permissions";
import { USER_CHANGE_REFUSAL_TEXT, userChangeRefusal, type UserChange } from "./rules";

/** Loads the target and asks the rule, inside the change's transaction. */
async function checked(tx: Tx, ctx: ActorContext, userId: string, permission: Permission, change: UserChange, newRole?: string) {
  const actor = await authorize(ctx.actor, permission);
  if (actor.key) throw new ForbiddenError("API keys cannot change accounts.");
  await lockFor(tx, "platform-admins");
  const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, banned: true } });
  if (!target) throw new NotFoundError("User not found.");
  const [{ admins }] = await tx.$queryRaw<{ admins: number }[]>`
    SELECT count(*)::int AS admins FROM "user" WHERE ',' || coalesce(role, '') || ',' LIKE '%,admin,%' AND coalesce(banned, false) = false`;
  const refusal = userChangeRefusal(actor, target, change, { admins, newRole });
  if (refusal) throw new AppError(USER_CHANGE_REFUSAL_TEXT[refusal], refusal === "last_admin" ? 409 : 403, refusal === "last_admin" ? "conflict" : "forbidden");
  return target;
}

const target = (t: { id: string; email: string }) => ({ type: "user", id: t.id, label: t.email });

export async function banUser(ctx: ActorContext, input: { userId: string; reason: string; days?: number | null }) {
  const reason = input.reason.trim().slice(0, 500);
  if (reason.length < 3) throw new AppError("Say why (it is shown in the audit log).", 422);
  if (input.days != null && (!Number.isInteger(input.days) || input.days < 1 || input.days > 3650)) throw new AppError("A ban lasts 1 to 3,650 days, or until lifted.", 422);
  const banExpires = input.days ? new Date(Date.now() + input.days * 86_400_000) : null;
  return prisma.$transaction(async (tx) => {
    const user = await checked(tx, ctx, input.userId, "user:ban", "ban");
    await tx.user.update({ where: { id: user.id }, data: { banned: true, banReason: reason, banExpires, updatedAt: new Date() } });
    const sessions = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, ctx, { action: "user.banned", target: target(user), metadata: { reason, until: banExpires?.toISOString() ?? null, sessionsEnded: sessions.count } });
    return { sessionsEnded: sessions.count };
  });
}

export async function unbanUser(ctx: ActorContext, userId: string) {
  return prisma.$transaction(async (tx) => {
    const user = await checked(tx, ctx, userId, "user:ban", "unban");
    if (!user.banned) throw new AppError("This account is not banned.", 409, "conflict");
    await tx.user.update({ where: { id: user.id }, data: { banned: false, banReason: null, banExpires: null, updatedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "user.unbanned", target: target(user) });
    return { unbanned: true };
  });
}

export async function setPlatformRole(ctx: ActorContext, input: { userId: string; role: string }) {
  if (!(PLATFORM_ROLES as readonly string[]).includes(input.role)) throw new AppError(`The role must be one of: ${PLATFORM_ROLES.join(", ")}.`, 422);
  const role = input.role as PlatformRole;
  return prisma.$transaction(async (tx) => {
    const user = await checked(tx, ctx, input.userId, "user:set-role", "set-role", role);
    if ((user.role ?? "user") === role) return { changed: false };
    await tx.user.update({ where: { id: user.id }, data: { role, updatedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "user.role_changed", target: target(user), metadata: { from: user.role ?? "user", to: role } });
    return { changed: true };
  });
}

/** Ends one session (`sessionId`) or all of a person's sessions. */
export async function revokeUserSessions(ctx: ActorContext, input: { userId: string; sessionId?: string }) {
  return prisma.$transaction(async (tx) => {
    const user = await checked(tx, ctx, input.userId, "user:revoke-sessions", "revoke-sessions");
    const ended = await tx.session.deleteMany({ where: { userId: user.id, ...(input.sessionId ? { id: input.sessionId } : {}) } });
    if (input.sessionId && !ended.count) throw new NotFoundError("That session has already ended.");
    await recordAudit(tx, ctx, { action: input.sessionId ? "user.session_revoked" : "user.sessions_revoked", target: target(user), metadata: { sessionsEnded: ended.count } });
    return { sessionsEnded: ended.count };
  });
}
