/**
 * Changing a person's account from the console: ban (with a reason and an optional end; every session ends),
 * unban, platform role, sign out of one or all sessions. The same effects as better-auth's admin endpoints, in one
 * transaction with the audit event; each asks the permission module, then the one rule for account changes
 * (./rules.ts) with the number of admins read under a lock, so two admins cannot demote each other at once.
 */
import { parseRoles, PLATFORM_ROLES, type PlatformRole } from "@/lib/access";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { lockFor, prisma, type Tx } from "@/lib/db";
import { AppError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { authorize, type Permission } from "@/lib/permissions";
import { USER_CHANGE_REFUSAL_TEXT, userChangeRefusal, type UserChange, type UserChangeRefusal } from "./rules";

/** The actor, the targets and the number of admins, read inside the change's transaction under the admins' lock. */
async function prepare(tx: Tx, ctx: ActorContext, userIds: string[], permission: Permission) {
  const actor = await authorize(ctx.actor, permission);
  if (actor.key) throw new ForbiddenError("API keys cannot change accounts.");
  await lockFor(tx, "platform-admins");
  const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, role: true, banned: true } });
  const [{ admins }] = await tx.$queryRaw<{ admins: number }[]>`
    SELECT count(*)::int AS admins FROM "user" WHERE ',' || coalesce(role, '') || ',' LIKE '%,admin,%' AND coalesce(banned, false) = false`;
  return { actor, users: new Map(users.map((u) => [u.id, u])), admins };
}

type Target = { id: string; email: string; role: string | null; banned: boolean | null };

/** Loads one target and asks the rule, inside the change's transaction; throws the refusal. */
async function checked(tx: Tx, ctx: ActorContext, userId: string, permission: Permission, change: UserChange, newRole?: string): Promise<Target> {
  const { actor, users, admins } = await prepare(tx, ctx, [userId], permission);
  const target = users.get(userId);
  if (!target) throw new NotFoundError("User not found.");
  const refusal = userChangeRefusal(actor, target, change, { admins, newRole });
  if (refusal) throw refusalError(refusal);
  return target;
}

/** A refusal of the rule as the error a single change answers with: 409 for the last admin, else 403. */
function refusalError(refusal: UserChangeRefusal) {
  return refusal === "last_admin" ? new AppError(USER_CHANGE_REFUSAL_TEXT[refusal], 409, "conflict") : new ForbiddenError(USER_CHANGE_REFUSAL_TEXT[refusal]);
}

const target = (t: { id: string; email: string }) => ({ type: "user", id: t.id, label: t.email });

export interface AccountOutcome {
  userId: string;
  email?: string;
  status: "done" | "skipped";
  /** Why a person was skipped: the rule's refusal, or nothing to do. */
  code?: UserChangeRefusal | "not_found" | "unchanged";
  reason?: string;
}

function banInput(input: { reason: string; days?: number | null }) {
  const reason = input.reason.trim().slice(0, 500);
  if (reason.length < 3) throw new AppError("Say why (it is shown in the audit log).", 422);
  if (input.days != null && (!Number.isInteger(input.days) || input.days < 1 || input.days > 3650)) throw new AppError("A ban lasts 1 to 3,650 days, or until lifted.", 422);
  return { reason, banExpires: input.days ? new Date(Date.now() + input.days * 86_400_000) : null };
}

/**
 * Ban or unban many people at once (the users table's bulk actions): one transaction, an outcome per person; the
 * people the rule refuses (or already in that state, or unknown) are skipped with the reason. Banning ends every
 * session of each banned person. Admins counted once, each ban taken from the count as it is decided.
 */
export async function setBanned(ctx: ActorContext, input: { userIds: string[]; banned: boolean; reason?: string; days?: number | null }): Promise<AccountOutcome[]> {
  const ids = [...new Set(input.userIds)];
  if (!ids.length || ids.length > 1000) throw new AppError("Choose between 1 and 1,000 people.", 422);
  const ban = input.banned ? banInput({ reason: input.reason ?? "", days: input.days }) : null;
  return prisma.$transaction(async (tx) => {
    const { actor, users, admins } = await prepare(tx, ctx, ids, "user:ban");
    let adminsLeft = admins;
    const outcomes: AccountOutcome[] = [];
    for (const id of ids) {
      const user = users.get(id);
      if (!user) {
        outcomes.push({ userId: id, status: "skipped", code: "not_found", reason: "User not found." });
        continue;
      }
      const refusal = userChangeRefusal(actor, user, input.banned ? "ban" : "unban", { admins: adminsLeft });
      if (refusal) outcomes.push({ userId: id, email: user.email, status: "skipped", code: refusal, reason: USER_CHANGE_REFUSAL_TEXT[refusal] });
      else if (!!user.banned === input.banned) outcomes.push({ userId: id, email: user.email, status: "skipped", code: "unchanged", reason: input.banned ? "Already banned." : "Not banned." });
      else {
        outcomes.push({ userId: id, email: user.email, status: "done" });
        if (input.banned && parseRoles(user.role).includes("admin")) adminsLeft--;
      }
    }
    const done = outcomes.filter((o) => o.status === "done").map((o) => users.get(o.userId)!);
    if (!done.length) return outcomes;
    await tx.user.updateMany({ where: { id: { in: done.map((u) => u.id) } }, data: ban ? { banned: true, banReason: ban.reason, banExpires: ban.banExpires, updatedAt: new Date() } : { banned: false, banReason: null, banExpires: null, updatedAt: new Date() } });
    if (ban) await tx.session.deleteMany({ where: { userId: { in: done.map((u) => u.id) } } });
    await recordAudit(
      tx,
      ctx,
      done.map((u) => ({ action: ban ? "user.banned" : "user.unbanned", target: target(u), metadata: ban ? { reason: ban.reason, until: ban.banExpires?.toISOString() ?? null } : {} })),
    );
    return outcomes;
  });
}

/** One person (their page): the same as `setBanned`, with a refusal as an error. */
export async function banUser(ctx: ActorContext, input: { userId: string; reason: string; days?: number | null }) {
  const [outcome] = await setBanned(ctx, { userIds: [input.userId], banned: true, reason: input.reason, days: input.days });
  return settledOne(outcome);
}

export async function unbanUser(ctx: ActorContext, userId: string) {
  const [outcome] = await setBanned(ctx, { userIds: [userId], banned: false });
  return settledOne(outcome);
}

function settledOne(outcome: AccountOutcome) {
  if (outcome.status === "done") return { done: true };
  if (outcome.code === "not_found") throw new NotFoundError(outcome.reason);
  if (outcome.code === "unchanged" || !outcome.code) throw new AppError(outcome.reason ?? "Nothing to change.", 409, "conflict");
  throw refusalError(outcome.code);
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
