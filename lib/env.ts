/**
 * Configuration read from the environment, in one place, and the one start-up check of it.
 *
 * Values are read lazily (on access), because scripts/launch.ts and the test setups fill some of them in
 * (the embedded database URL, the mail sink) after modules are imported.
 *
 * Development conveniences (the embedded PostgreSQL, the local Resend sink and its outbox page, the demo
 * seed, rate limits off) exist only in development and tests. A production process (`npm start`,
 * `next start`, NODE_ENV=production) refuses to start without what it needs, listing every missing or
 * malformed setting at once, and never serves a development tool, unless ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK=1
 * is set for a throwaway deployment whose BETTER_AUTH_URL is a loopback address (the Playwright suite and
 * the benchmarks run the production build that way).
 */
import { z } from "zod";

const DEV_SECRET = "admit-development-secret-do-not-use-in-production-0123456789";
export const UNSAFE_DEV_TOOLS = "ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const positiveNumber = z.coerce.number({ error: "must be a number" }).positive("must be a positive number");
const onOff = z.enum(["on", "off"], { error: 'must be "on" or "off"' });

/** Every variable Admit reads (README, "Configuration"). Empty strings count as unset. */
const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  BETTER_AUTH_URL: httpUrl.optional(),
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  RESEND_API_KEY: z.string().startsWith("re_", 'must be a Resend API key ("re_...")').optional(),
  RESEND_BASE_URL: httpUrl.optional(),
  RESEND_WEBHOOK_SECRET: z.string().startsWith("whsec_", 'must be a Resend signing secret ("whsec_...")').optional(),
  EMAIL_FROM: z.string().min(3).optional(),
  APP_HOME_URL: httpUrl.optional(),
  APP_COOKIE_DOMAIN: z.string().regex(/^\.?[a-z0-9-]+(\.[a-z0-9-]+)+$/i, "must be a domain such as example.com").optional(),
  APP_COOKIE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, - or _").optional(),
  APP_LINK_EXCHANGE_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  APP_AUTH_URL: httpUrl.optional(),
  APP_INVITATION_URL: httpUrl.refine((v) => v.includes("%7Bid%7D") || v.includes("{id}"), 'must contain "{id}" where the invitation id goes').optional(),
  INVITATION_EXPIRES_DAYS: positiveNumber.max(30, "must be at most 30").optional(),
  CAMPAIGN_RPS: z.coerce.number({ error: "must be a number" }).min(0, "must be 0 (no cap) or more").optional(),
  CAMPAIGN_BOUNCE_THRESHOLD: z.coerce.number({ error: "must be a number" }).min(0, "must be 0 (never pause) or more").max(100, "must be a percentage (at most 100)").optional(),
  ADMIT_WORKER: onOff.optional(),
  AUTH_RATE_LIMIT: onOff.optional(),
  CAMPAIGN_JOB_EXPIRE_SECONDS: positiveNumber.optional(),
  PGBOSS_MAINTENANCE_SECONDS: positiveNumber.optional(),
  WORKER_POLL_SECONDS: positiveNumber.optional(),
  AUDIT_RETENTION_DAYS: z.coerce.number({ error: "must be a number" }).int("must be a whole number of days").min(1, "must be at least 1 (unset: keep every event)").optional(),
  ADMIT_DNS_STUB_FILE: z.string().min(1).optional(),
  [UNSAFE_DEV_TOOLS]: z.literal("1", { error: "must be 1 or unset" }).optional(),
});
type Vars = z.infer<typeof schema>;

const parsed = new Map<string, unknown>();

/**
 * One variable, parsed by its own schema and remembered per raw value (hot paths read settings per
 * recipient). A malformed value reads as unset here, which fails closed; checkEnvironment() reports it.
 */
function value<K extends keyof Vars>(name: K): Vars[K] {
  const raw = process.env[name] || undefined;
  const key = `${name}\u0000${raw ?? ""}`;
  if (!parsed.has(key)) {
    const result = schema.shape[name].safeParse(raw);
    parsed.set(key, result.success ? result.data : undefined);
  }
  return parsed.get(key) as Vars[K];
}

export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

const isProduction = () => process.env.NODE_ENV === "production";
/** Development tools are allowed: not production, or the loopback-only test deployment. */
const devToolsAllowed = () => !isProduction() || (value(UNSAFE_DEV_TOOLS) === "1" && isLoopbackUrl(value("BETTER_AUTH_URL")));

/**
 * Everything wrong with the environment for this kind of process, as one message per problem (empty: fine).
 * `production` defaults to NODE_ENV; scripts/launch.ts passes it for `npm start` before Next.js sets it.
 */
export function checkEnvironment(production = isProduction()): string[] {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, process.env[k] || undefined]));
  const parsed = schema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`);
  problems.push(...applicationProblems());
  if (!production) return problems;
  if (value(UNSAFE_DEV_TOOLS)) {
    if (!isLoopbackUrl(value("BETTER_AUTH_URL"))) {
      problems.push(`${UNSAFE_DEV_TOOLS} is only for a test deployment on this machine: BETTER_AUTH_URL must be a loopback address (localhost, 127.0.0.1, [::1]), got ${value("BETTER_AUTH_URL") ?? "nothing"}`);
    }
    return problems;
  }
  const need = (name: keyof Vars, why: string) => !value(name) && !problems.some((p) => p.startsWith(name)) && problems.push(`${name} is not set: ${why}`);
  need("DATABASE_URL", "the PostgreSQL database to use");
  need("BETTER_AUTH_URL", "the console's public origin, e.g. https://admit.example.com");
  need("BETTER_AUTH_SECRET", "the secret better-auth signs sessions with (at least 32 characters)");
  need("RESEND_API_KEY", "production sends real mail through Resend (the local mail sink and its outbox exist only in development)");
  if (value("RESEND_BASE_URL")) problems.push("RESEND_BASE_URL is set: production mail goes to Resend itself (a local sink is for development only)");
  if (value("ADMIT_DNS_STUB_FILE")) problems.push("ADMIT_DNS_STUB_FILE is set: domains are verified with real DNS in production (the stub file is for tests)");
  if (value("AUTH_RATE_LIMIT") === "off") problems.push("AUTH_RATE_LIMIT=off turns rate limiting off: development and benchmarks only");
  return problems;
}

/** How people land in the application (README, "Attach Admit to your application"): one way, consistent. */
function applicationProblems(): string[] {
  const home = value("APP_HOME_URL");
  const domain = value("APP_COOKIE_DOMAIN")?.replace(/^\./, "").toLowerCase();
  const problems: string[] = [];
  if (domain && value("APP_LINK_EXCHANGE_SECRET")) problems.push("APP_COOKIE_DOMAIN and APP_LINK_EXCHANGE_SECRET are both set: choose one way to sign people in to the application (a shared parent domain, or the link exchange plugin)");
  if ((domain || value("APP_LINK_EXCHANGE_SECRET") || value("APP_AUTH_URL")) && !home) problems.push("APP_HOME_URL is not set: the application's URL, where people land signed in");
  if (domain && home) {
    const hosts = [new URL(home).hostname, new URL(value("BETTER_AUTH_URL") ?? "http://localhost").hostname];
    const outside = hosts.filter((h) => h !== domain && !h.endsWith(`.${domain}`));
    if (outside.length) problems.push(`APP_COOKIE_DOMAIN=${domain} is not a parent domain of ${outside.join(" and ")}: the console (BETTER_AUTH_URL) and the application (APP_HOME_URL) must both be under it`);
  }
  return problems;
}

/** Stops the process with one message listing every problem (production start-up). */
export function assertEnvironment(production = isProduction()) {
  const problems = checkEnvironment(production);
  if (!problems.length) return;
  console.error(`\nAdmit cannot start: fix these settings (see README, "Configuration"):\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
  process.exit(1);
}

export const env = {
  get isProduction() {
    return isProduction();
  },
  /** Dev-only pages (the outbox) and the local mail sink: development (or the loopback test deployment) without a real Resend key. */
  get devTools() {
    return devToolsAllowed() && !value("RESEND_API_KEY");
  },
  /** Demo data may be seeded (development, or the loopback test deployment). */
  get mayUseDevServices() {
    return devToolsAllowed();
  },
  get databaseUrl() {
    const url = value("DATABASE_URL");
    // `next build` constructs (never connects) the client while collecting page data.
    if (!url && process.env.NEXT_PHASE === "phase-production-build") return "postgresql://build@127.0.0.1:1/unused";
    if (!url) throw new Error("DATABASE_URL is not set (scripts/launch.ts sets it for the embedded database)");
    return url;
  },
  get appUrl() {
    const url = value("BETTER_AUTH_URL");
    if (!url && isProduction() && process.env.NEXT_PHASE !== "phase-production-build") throw new Error("BETTER_AUTH_URL must be set in production");
    return (url ?? "http://localhost:3000").replace(/\/$/, "");
  },
  get authSecret() {
    const secret = value("BETTER_AUTH_SECRET");
    if (secret) return secret;
    // `next build` imports server modules without running them; the real secret is needed at run time only.
    if (isProduction() && process.env.NEXT_PHASE !== "phase-production-build") throw new Error("BETTER_AUTH_SECRET must be set in production");
    return DEV_SECRET;
  },
  get resendApiKey() {
    // The SDK insists on a key; the local sink accepts any.
    return value("RESEND_API_KEY") || "re_local_sink";
  },
  get mailConfigured() {
    return !!value("RESEND_API_KEY") || (!!value("RESEND_BASE_URL") && devToolsAllowed());
  },
  get resendWebhookSecret() {
    return value("RESEND_WEBHOOK_SECRET") ?? null;
  },
  get emailFrom() {
    return value("EMAIL_FROM") ?? "Admit <admit@example.com>";
  },
  /** The application Admit serves: where people land after a link or an accepted invitation. */
  get appHomeUrl() {
    return value("APP_HOME_URL") ?? null;
  },
  /**
   * How a used link signs people in to the application: "shared-cookie" (Admit sets better-auth's session
   * cookie on the parent domain both share), "exchange" (the link opens on the application's origin, whose
   * admitLinkExchange plugin trades it for a session), or "console" (no application configured: Admit's own).
   */
  get appSignIn(): "shared-cookie" | "exchange" | "console" {
    if (!value("APP_HOME_URL")) return "console";
    if (value("APP_LINK_EXCHANGE_SECRET")) return "exchange";
    return value("APP_COOKIE_DOMAIN") ? "shared-cookie" : "console";
  },
  /** Shared-cookie mode: the application's cookie domain and prefix (its better-auth `advanced` options). */
  get appCookie() {
    const domain = value("APP_COOKIE_DOMAIN")?.replace(/^\./, "").toLowerCase();
    return domain ? { domain, prefix: value("APP_COOKIE_PREFIX") ?? "better-auth" } : null;
  },
  get appLinkExchangeSecret() {
    return value("APP_LINK_EXCHANGE_SECRET") ?? null;
  },
  /** The application's better-auth base URL (its BETTER_AUTH_URL + basePath), for link exchange and checks. */
  get appAuthUrl() {
    const home = value("APP_HOME_URL");
    return (value("APP_AUTH_URL") ?? (home ? `${new URL(home).origin}/api/auth` : "")).replace(/\/$/, "") || null;
  },
  /** Where an invitation's link points: the application's accept page (`{id}` replaced), or Admit's. */
  get appInvitationUrl() {
    return value("APP_INVITATION_URL")?.replace("%7Bid%7D", "{id}") ?? null;
  },
  /** Default invitation lifetime, in days (the allowed range is 1 hour to 30 days). */
  get invitationExpiresDays() {
    return value("INVITATION_EXPIRES_DAYS") ?? 7;
  },
  /** Resend requests per second for campaigns (0: no cap). */
  get campaignRps() {
    return value("CAMPAIGN_RPS") ?? 2;
  },
  /** Days of audit log to keep (older events are pruned, leaving a signed checkpoint); unset: keep every event. */
  get auditRetentionDays() {
    return value("AUDIT_RETENTION_DAYS") ?? null;
  },
  /** Percent of a campaign's sent messages bouncing or drawing complaints above which it pauses itself (0: never). */
  get campaignBounceThreshold() {
    return value("CAMPAIGN_BOUNCE_THRESHOLD") ?? 5;
  },
  /** Tests only: TXT records read from this JSON file ({ "name": ["record", …] }) instead of DNS. */
  get dnsStubFile() {
    return devToolsAllowed() ? (value("ADMIT_DNS_STUB_FILE") ?? null) : null;
  },
  get workerInProcess() {
    return value("ADMIT_WORKER") !== "off";
  },
  /** Job tuning (tests shorten these): a campaign job's lease, pg-boss maintenance, worker polling. */
  get jobs() {
    return { expireSeconds: value("CAMPAIGN_JOB_EXPIRE_SECONDS") ?? 120, maintenanceSeconds: value("PGBOSS_MAINTENANCE_SECONDS") ?? 30, pollSeconds: value("WORKER_POLL_SECONDS") ?? 1 };
  },
  /** Where the Resend SDK sends in development (the local sink), if anywhere but Resend. */
  get resendBaseUrl() {
    return devToolsAllowed() ? (process.env.RESEND_BASE_URL ?? null) : null;
  },
  /** Rate limits are on, except when turned off outside production (benchmarks, some tests). */
  get rateLimits() {
    return value("AUTH_RATE_LIMIT") !== "off" || !devToolsAllowed();
  },
};
