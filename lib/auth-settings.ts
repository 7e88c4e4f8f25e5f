/**
 * better-auth settings that Admit's own code needs too, as plain data (no better-auth instance), so the
 * domain layer never imports lib/auth.ts.
 */
export const MAGIC_LINK_MINUTES = 15;
/** Organization limits. better-auth's defaults (100) are too small for CSV campaigns. */
export const ORGANIZATION_LIMITS = { invitations: 100_000, members: 100_000 };

/**
 * API keys (better-auth's api-key plugin, lib/auth.ts; written by lib/api-keys/create-api-key.ts). Keys look
 * like `admit_` + 64 letters; the first 10 characters are kept to tell keys apart in the console.
 */
export const API_KEYS = {
  prefix: "admit_",
  length: 64,
  shownCharacters: 10,
  /** Requests per key per minute, unless the key says otherwise (then at most `maxPerMinute`). */
  perMinute: 600,
  maxPerMinute: 6000,
  windowMs: 60_000,
  /** Lifetime bounds in days; every key expires. */
  defaultDays: 90,
  maxDays: 365,
};
