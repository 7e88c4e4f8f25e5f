import { newAuthId } from "@/lib/tokens";

/**
 * The user row better-auth's admin createUser writes for an account without a password: a better-auth
 * style id, verified email (they get in through a link mailed to it), the default platform role.
 * For inserting many at once inside a caller's transaction.
 */
export function passwordlessUser(email: string, name = "", now = new Date()) {
  return { id: newAuthId(), email, name, emailVerified: true, role: "user", banned: false, createdAt: now, updatedAt: now };
}
