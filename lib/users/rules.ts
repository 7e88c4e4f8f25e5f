/**
 * The one rule for changing another person's account (ban, unban, platform role, sessions, removal), asked by
 * Admit's own domain functions (./manage-users.ts) and by better-auth's admin endpoints (lib/auth-plugins/admit.ts):
 *  - only an admin touches platform staff (admins and support): support may ban, unban and sign out plain users;
 *  - nobody bans, demotes or removes themselves;
 *  - the last admin is never banned, demoted or removed.
 * Pure: the caller reads the number of admins (in its transaction). Which permission each change needs is the
 * permission module's (lib/permissions.ts); this adds what depends on the target.
 */
import { hasPlatformRole, parseRoles } from "@/lib/access";

export type UserChange = "ban" | "unban" | "set-role" | "revoke-sessions" | "remove";
export type UserChangeRefusal = "staff_target" | "self" | "last_admin";

export const USER_CHANGE_REFUSAL_TEXT: Record<UserChangeRefusal, string> = {
  staff_target: "Only an admin may change an admin's or a support agent's account.",
  self: "You cannot do that to your own account.",
  last_admin: "This is the last admin: make someone else an admin first.",
};

const isAdmin = (role: string | null | undefined) => parseRoles(role).includes("admin");

export function userChangeRefusal(
  actor: { userId: string; role: string | null },
  target: { id: string; role: string | null },
  change: UserChange,
  context: { admins: number; newRole?: string },
): UserChangeRefusal | null {
  if (hasPlatformRole(target.role) && !isAdmin(actor.role)) return "staff_target";
  const losesAdmin = change === "ban" || change === "remove" || (change === "set-role" && !isAdmin(context.newRole));
  if (target.id === actor.userId && (change === "ban" || change === "remove" || (change === "set-role" && losesAdmin))) return "self";
  if (isAdmin(target.role) && losesAdmin && context.admins <= 1) return "last_admin";
  return null;
}
