/**
 * better-auth settings that Admit's own code needs too, as plain data (no better-auth instance), so the
 * domain layer never imports lib/auth.ts.
 */
export const MAGIC_LINK_MINUTES = 15;
/** Organization limits. better-auth's defaults (100) are too small for CSV campaigns. */
export const ORGANIZATION_LIMITS = { invitations: 100_000, members: 100_000 };
