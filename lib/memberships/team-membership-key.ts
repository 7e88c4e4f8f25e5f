import { createHash } from "node:crypto";

/** better-auth 1.7's team membership key: base64url(SHA-256(JSON [teamId, userId])), no padding. */
export function teamMembershipKey(teamId: string, userId: string) {
  return createHash("sha256").update(JSON.stringify([teamId, userId])).digest("base64url");
}
