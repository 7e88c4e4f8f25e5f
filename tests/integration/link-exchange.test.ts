/**
 * The console's side of the link exchange (lib/auth-plugins/link-exchange.ts), as the application's
 * admitLinkExchange plugin calls it: only in exchange mode, only with the shared secret, once per link,
 * limited per end user's address, and the session it hands back is the link's person's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/db";
import { issueSignInLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { createUser } from "@/tests/support/factories";

const SECRET = "exchange-test-secret-0123456789abcdefghijklmnop";
const HOME = "https://app.example.test/home";
const saved = { ...process.env };
let ip = 0;

function exchange(token: string, authorization: string | null = `Bearer ${SECRET}`, ipAddress = `203.0.113.${++ip % 250}`) {
  return auth.handler(
    new Request("http://localhost:3000/api/auth/admit/link-exchange", {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ token, ipAddress, userAgent: "application server" }),
    }),
  );
}

async function link() {
  const issuer = await createUser({ role: "admin" });
  const person = await createUser();
  const [issued] = await issueSignInLinks(await actingAs(issuer.id), { purpose: "sign-in", recipients: [{ email: person.email }] });
  return { person, issued, token: issued.url!.split("/admit/link/")[1] };
}

describe("link exchange", () => {
  beforeAll(() => Object.assign(process.env, { APP_HOME_URL: HOME, APP_LINK_EXCHANGE_SECRET: SECRET }));
  afterAll(() => {
    for (const k of ["APP_HOME_URL", "APP_LINK_EXCHANGE_SECRET"]) if (saved[k] === undefined) delete process.env[k];
  });

  it("links open on the application's origin; the exchange hands back the person's session and the application as destination", async () => {
    const { person, issued, token } = await link();
    expect(issued.url).toMatch(/^https:\/\/app\.example\.test\/api\/auth\/admit\/link\/[A-Za-z0-9_-]{43}$/);
    const res = await exchange(token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sessionToken: string; redirectTo: string };
    expect(body.redirectTo).toBe(HOME);
    const session = await prisma.session.findFirstOrThrow({ where: { token: body.sessionToken } });
    expect(session.userId).toBe(person.id);
    expect(res.headers.getSetCookie()).toEqual([]); // the application sets its own cookie, not the console
    const row = await prisma.signInLink.findUniqueOrThrow({ where: { id: issued.linkId } });
    expect(row).toMatchObject({ sessionId: session.id, usedUserAgent: "application server" });
  });

  it("is used once: a replay, a forged token and a wrong or missing secret get nothing", async () => {
    const { token } = await link();
    expect((await exchange(token)).status).toBe(200);
    const replay = await exchange(token);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ code: "LINK_USED" });
    expect(((await (await exchange("A".repeat(43))).json()) as { code: string }).code).toBe("LINK_UNKNOWN");
    const fresh = await link();
    for (const authorization of [null, "Bearer wrong-secret-0123456789abcdefghijklmnopqrs", SECRET, `Basic ${SECRET}`]) {
      const res = await exchange(fresh.token, authorization);
      expect(res.status).toBe(401);
    }
    expect((await prisma.signInLink.findUniqueOrThrow({ where: { id: fresh.issued.linkId } })).usedAt).toBeNull();
  });

  it("is limited per end user's address (the application's server is one address for everyone)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await exchange("B".repeat(43), `Bearer ${SECRET}`, "198.51.100.7")).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await exchange("B".repeat(43), `Bearer ${SECRET}`, "198.51.100.8")).status).toBe(400);
  });

  it("does not exist unless exchange mode is configured", async () => {
    const { token } = await link();
    delete process.env.APP_LINK_EXCHANGE_SECRET;
    try {
      expect((await exchange(token)).status).toBe(404);
    } finally {
      process.env.APP_LINK_EXCHANGE_SECRET = SECRET;
    }
  });
});
