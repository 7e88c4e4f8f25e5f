import { afterEach, describe, expect, it, vi } from "vitest";
import { checkEnvironment, env, UNSAFE_DEV_TOOLS } from "./env";

const PRODUCTION = {
  DATABASE_URL: "postgresql://admit@db.internal:5432/admit",
  BETTER_AUTH_URL: "https://admit.example.com",
  BETTER_AUTH_SECRET: "s".repeat(40),
  RESEND_API_KEY: "re_live_123",
};
const APP = ["APP_COOKIE_DOMAIN", "APP_COOKIE_PREFIX", "APP_LINK_EXCHANGE_SECRET", "APP_AUTH_URL", "APP_INVITATION_URL"];
const ALL = [...Object.keys(PRODUCTION), "RESEND_BASE_URL", "AUTH_RATE_LIMIT", "APP_HOME_URL", "CAMPAIGN_RPS", "RESEND_WEBHOOK_SECRET", UNSAFE_DEV_TOOLS, ...APP];

function setEnv(vars: Record<string, string | undefined>) {
  for (const k of ALL) vi.stubEnv(k, "");
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v ?? "");
}

afterEach(() => vi.unstubAllEnvs());

describe("the start-up check of the environment", () => {
  it("signing people in to the application: one way, fully configured, or the process refuses", () => {
    const secret = "x".repeat(40);
    setEnv({ ...PRODUCTION, APP_LINK_EXCHANGE_SECRET: secret });
    expect(checkEnvironment(true)).toEqual([expect.stringMatching(/^APP_HOME_URL is not set/)]);
    setEnv({ ...PRODUCTION, APP_HOME_URL: "https://app.example.com/", APP_LINK_EXCHANGE_SECRET: secret, APP_COOKIE_DOMAIN: "example.com" });
    expect(checkEnvironment(true)).toEqual([expect.stringMatching(/both set: choose one/)]);
    setEnv({ ...PRODUCTION, APP_HOME_URL: "https://app.other.org/", APP_COOKIE_DOMAIN: "example.com" });
    expect(checkEnvironment(true)).toEqual([expect.stringMatching(/not a parent domain of app\.other\.org/)]);
    setEnv({ ...PRODUCTION, APP_HOME_URL: "https://app.example.com/", APP_LINK_EXCHANGE_SECRET: "short", APP_INVITATION_URL: "https://app.example.com/accept" });
    expect(checkEnvironment(true).map((p) => p.split(" ")[0]).sort()).toEqual(["APP_INVITATION_URL", "APP_LINK_EXCHANGE_SECRET"]);
    setEnv({ ...PRODUCTION, APP_HOME_URL: "https://app.example.com/", APP_COOKIE_DOMAIN: ".Example.com" });
    expect(checkEnvironment(true)).toEqual([]);
    expect(env.appSignIn).toBe("shared-cookie");
    expect(env.appCookie).toEqual({ domain: "example.com", prefix: "better-auth" });
  });

  it("accepts a complete production environment", () => {
    setEnv(PRODUCTION);
    expect(checkEnvironment(true)).toEqual([]);
  });

  it("lists everything production lacks at once, saying what to set", () => {
    setEnv({});
    const problems = checkEnvironment(true);
    expect(problems.map((p) => p.split(" ")[0])).toEqual(["DATABASE_URL", "BETTER_AUTH_URL", "BETTER_AUTH_SECRET", "RESEND_API_KEY"]);
    expect(problems.find((p) => p.startsWith("RESEND_API_KEY"))).toMatch(/development/);
  });

  it("refuses production without a mail key (the outbox and sink are development tools)", () => {
    setEnv({ ...PRODUCTION, RESEND_API_KEY: undefined });
    expect(checkEnvironment(true)).toEqual([expect.stringMatching(/^RESEND_API_KEY is not set/)]);
  });

  it("reports malformed values with the variable's name", () => {
    setEnv({ ...PRODUCTION, BETTER_AUTH_SECRET: "short", BETTER_AUTH_URL: "javascript:alert(1)", APP_HOME_URL: "ftp://x", CAMPAIGN_RPS: "fast", RESEND_API_KEY: "sk_wrong" });
    const names = checkEnvironment(true).map((p) => p.split(" ")[0]).sort();
    expect(names).toEqual(["APP_HOME_URL", "BETTER_AUTH_SECRET", "BETTER_AUTH_URL", "CAMPAIGN_RPS", "RESEND_API_KEY"]);
  });

  it("refuses development conveniences in production: a local mail sink, rate limits off", () => {
    setEnv({ ...PRODUCTION, RESEND_BASE_URL: "http://127.0.0.1:54330", AUTH_RATE_LIMIT: "off" });
    expect(checkEnvironment(true)).toEqual([expect.stringMatching(/^RESEND_BASE_URL/), expect.stringMatching(/^AUTH_RATE_LIMIT/)]);
  });

  it("allows the loopback test deployment only on a loopback BETTER_AUTH_URL", () => {
    for (const url of ["http://localhost:3100", "http://127.0.0.1:3100", "http://[::1]:3100"]) {
      setEnv({ [UNSAFE_DEV_TOOLS]: "1", BETTER_AUTH_URL: url });
      expect(checkEnvironment(true)).toEqual([]);
    }
    for (const url of ["https://admit.example.com", "http://localhost.evil.example", "http://10.0.0.5:3000", undefined]) {
      setEnv({ [UNSAFE_DEV_TOOLS]: "1", BETTER_AUTH_URL: url });
      expect(checkEnvironment(true)).toEqual([expect.stringContaining(`${UNSAFE_DEV_TOOLS} is only for a test deployment`)]);
    }
  });

  it("serves development tools in production only in the loopback test deployment", () => {
    setEnv({ ...PRODUCTION, RESEND_API_KEY: undefined });
    vi.stubEnv("NODE_ENV", "production");
    expect(env.devTools).toBe(false);
    expect(env.rateLimits).toBe(true);
    vi.stubEnv("AUTH_RATE_LIMIT", "off");
    expect(env.rateLimits).toBe(true); // ignored in production
    vi.stubEnv(UNSAFE_DEV_TOOLS, "1");
    expect(env.devTools).toBe(false); // not on a public URL
    vi.stubEnv("BETTER_AUTH_URL", "http://localhost:3100");
    expect(env.devTools).toBe(true);
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv(UNSAFE_DEV_TOOLS, "");
    expect(env.devTools).toBe(true);
    vi.stubEnv("RESEND_API_KEY", "re_123");
    expect(env.devTools).toBe(false); // a real key: the sink is not in use
  });
});
