/** Tokens and ids, in one place: link secrets (random or derived), their hashes, and ids for better-auth rows. */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { generateRandomString } from "better-auth/crypto";

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

/**
 * A link token derived from the server secret and a stable id (HMAC-SHA256, 32 bytes, base64url). Campaign
 * sending uses it so that a chunk resumed after a crash re-sends byte-identical emails under the same
 * idempotency key; the token is as unguessable as a random one without the secret, and only its SHA-256
 * is stored.
 */
export function derivedToken(secret: string, purpose: string, id: string) {
  return createHmac("sha256", secret).update(`${purpose}:${id}`).digest("base64url");
}

/** A row id for better-auth's tables, in better-auth's default format (32 letters and digits). */
export function newAuthId() {
  return generateRandomString(32, "a-z", "A-Z", "0-9");
}
