/** Link secrets: 32 random bytes (base64url, 43 characters); only their SHA-256 is ever stored. */
import { createHash, randomBytes } from "node:crypto";

export const newLinkToken = () => randomBytes(32).toString("base64url");

/** SHA-256 of a token, base64url: what the database keeps and looks up. */
export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("base64url");

/** Shape check before any lookup, so junk never reaches a query. */
export const isWellFormedToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
