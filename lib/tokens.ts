import { createHash, randomBytes } from "node:crypto";

/** A link secret: 32 random bytes, base64url (43 characters). Only its hash is ever stored. */
export function newToken() {
  return randomBytes(32).toString("base64url");
}

/** SHA-256 of a token, base64url: what the database keeps and looks up. */
export function hashToken(token: string) {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

/** Shape check before any lookup, so junk never reaches a query. */
export function isWellFormedToken(token: string) {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
