/** Tokens and ids, in one place: link secrets (random or derived), their hashes, and ids for better-auth rows. */
import { createHmac } from "node:crypto";
import { generateRandomString } from "better-auth/crypto";

/** Link secrets and their hashes are better-auth-admit's (one format for the console's links and an application's). */
export { hashToken, isWellFormedToken, newLinkToken as newToken } from "better-auth-admit";

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
