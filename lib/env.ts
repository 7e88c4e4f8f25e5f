/**
 * Configuration read from the environment, in one place. Values are read lazily (on access), because
 * scripts/launch.ts and the test setups fill some of them in (the embedded database URL, the mail sink)
 * after modules are imported.
 */
const DEV_SECRET = "admit-development-secret-do-not-use-in-production-0123456789";

function intFromEnv(name: string, fallback: number) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

export const env = {
  /** Dev-only pages (the outbox) and the local mail sink are on unless a real Resend key is configured. */
  get devTools() {
    return !process.env.RESEND_API_KEY;
  },
  get databaseUrl() {
    const url = process.env.DATABASE_URL;
    // `next build` constructs (never connects) the client while collecting page data.
    if (!url && process.env.NEXT_PHASE === "phase-production-build") return "postgresql://build@127.0.0.1:1/unused";
    if (!url) throw new Error("DATABASE_URL is not set (scripts/launch.ts sets it for the embedded database)");
    return url;
  },
  get appUrl() {
    return (process.env.BETTER_AUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  },
  get authSecret() {
    const secret = process.env.BETTER_AUTH_SECRET;
    if (secret) return secret;
    // `next build` imports server modules without running them; the real secret is needed at run time only.
    if (process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
      throw new Error("BETTER_AUTH_SECRET must be set in production");
    }
    return DEV_SECRET;
  },
  get resendApiKey() {
    // The SDK insists on a key; the local sink accepts any.
    return process.env.RESEND_API_KEY || "re_local_sink";
  },
  get emailFrom() {
    return process.env.EMAIL_FROM ?? "Admit <admit@example.com>";
  },
  /** Where "Continue to the app" leads invitees after they join (the application Admit serves). */
  get appHomeUrl() {
    return process.env.APP_HOME_URL || null;
  },
  /** Default invitation lifetime, in days (the allowed range is 1 hour to 30 days). */
  get invitationExpiresDays() {
    return intFromEnv("INVITATION_EXPIRES_DAYS", 7);
  },
};
