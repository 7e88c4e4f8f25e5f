/**
 * Rate limits on sign-in, magic-link requests and confirmation, sign-in-link confirmation and invitation
 * answers: stored in PostgreSQL (so they hold across instances), and each says how long to wait.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers, cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }) }));

const { POST: confirmLink } = await import("@/app/(auth)/link/[token]/confirm/route");
const { POST: confirmMagicLink } = await import("@/app/(auth)/sign-in/link/confirm/route");
const { auth } = await import("@/lib/auth");
const { prisma } = await import("@/lib/db");
const { acceptInvitationAction } = await import("@/lib/invitations/invitee-actions");
const { hitRateLimit, RateLimitedError } = await import("@/lib/rate-limit");
const { createUser, signInCookie } = await import("@/tests/support/factories");

const origin = "http://localhost:3000";
const uniqueIp = () => `10.250.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0] % 250)}`;
const retryOf = (location: string | null) => Number(new URL(location ?? "", origin).searchParams.get("retry"));

describe("rate limits", () => {
  it("the shared limiter counts in the database and says how long to wait", async () => {
    const subject = `ip-${randomBytes(4).toString("hex")}`;
    for (let i = 0; i < 10; i++) await hitRateLimit("invitationResponse", subject);
    const err = await hitRateLimit("invitationResponse", subject).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as InstanceType<typeof RateLimitedError>).retryAfterSeconds).toBeGreaterThan(0);
    expect((err as InstanceType<typeof RateLimitedError>).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((err as Error).message).toMatch(/^Too many attempts\. Try again in \d+ s\.$/);
    // Another client is not affected; the counter is a row any instance sees.
    await expect(hitRateLimit("invitationResponse", `${subject}-other`)).resolves.toBeUndefined();
    expect(await prisma.rateLimit.findUnique({ where: { key: `admit:invitationResponse:${subject}` } })).toMatchObject({ count: 11 });
  });

  it("password sign-in: the 11th attempt in a minute from one address gets 429 with the seconds to wait", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    const attempt = () =>
      auth.handler(
        new Request(`${origin}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin, "x-forwarded-for": ip }, body: JSON.stringify({ email: user.email, password: "not the password" }) }),
      );
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0);
  });

  it("magic-link requests are limited to 5 a minute per address", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const res = await auth.handler(
        new Request(`${origin}/api/auth/sign-in/magic-link`, { method: "POST", headers: { "content-type": "application/json", origin, "x-forwarded-for": ip }, body: JSON.stringify({ email: user.email, callbackURL: "/" }) }),
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("magic-link confirmation: past the limit, back to the confirm page with a 'try again in N s' notice", async () => {
    const ip = uniqueIp();
    const post = () =>
      confirmMagicLink(
        new Request(`${origin}/sign-in/link/confirm`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", origin, "x-forwarded-for": ip },
          body: new URLSearchParams({ token: randomBytes(32).toString("base64url"), next: "/users" }),
        }),
      );
    for (let i = 0; i < 10; i++) expect((await post()).headers.get("location")).toMatch(/error=INVALID_TOKEN/);
    const limited = await post();
    const location = limited.headers.get("location")!;
    expect(location).toMatch(/^\/sign-in\/link\?/);
    expect(new URL(location, origin).searchParams.get("error")).toBe("rate_limited");
    expect(new URL(location, origin).searchParams.get("next")).toBe("/users");
    expect(retryOf(location)).toBeGreaterThan(0);
  });

  it("sign-in-link confirmation: past the limit, back to the link page with the wait", async () => {
    const ip = uniqueIp();
    const token = randomBytes(32).toString("base64url");
    const post = () => confirmLink(new Request(`${origin}/link/${token}/confirm`, { method: "POST", headers: { origin, "x-forwarded-for": ip } }), { params: Promise.resolve({ token }) });
    for (let i = 0; i < 10; i++) expect((await post()).headers.get("location")).toBe(`/link/${token}`);
    const location = (await post()).headers.get("location");
    expect(location).toMatch(new RegExp(`^/link/${token}\\?error=rate_limited&retry=\\d+$`));
    expect(retryOf(location)).toBeLessThanOrEqual(60);
  });

  it("invitation answers: the 11th in a minute from one address is refused with the wait", async () => {
    const user = await createUser();
    const cookie = await signInCookie(user.email);
    request.headers = new Headers({ cookie, "x-forwarded-for": uniqueIp() });
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await acceptInvitationAction(randomBytes(16).toString("hex")));
    expect(answers.slice(0, 10).every((a) => !a.ok && a.error === "This invitation does not exist.")).toBe(true);
    expect(answers[10]).toMatchObject({ ok: false, error: expect.stringMatching(/^Too many attempts\. Try again in \d+ s\.$/), retryAfter: expect.any(Number) });
  });
});
