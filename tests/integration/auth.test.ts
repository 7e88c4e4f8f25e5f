import { describe, expect, it } from "vitest";
import { POST as confirmMagicLink } from "@/app/(auth)/sign-in/link/confirm/route";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/db";
import { findLink, listSinkMessages } from "@/lib/dev/resend-sink/client";
import { getActor } from "@/lib/session";
import { cookieHeader, createUser, signInCookie, uniqueEmail } from "@/tests/support/factories";

const origin = "http://localhost:3000";
const post = (path: string, body: unknown, ip = "127.0.0.9") =>
  auth.handler(
    new Request(`${origin}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, "x-forwarded-for": ip },
      body: JSON.stringify(body),
    }),
  );

async function requestMagicLink(email: string) {
  const res = await post("/sign-in/magic-link", { email, callbackURL: "/users" }, `127.1.${Math.floor(Math.random() * 250)}.1`);
  expect(res.status).toBe(200);
  const [message] = await listSinkMessages({ to: email });
  return message;
}

describe("better-auth wiring", () => {
  it("refuses public sign-up: accounts come from invitations or admins", async () => {
    const email = uniqueEmail("signup");
    const res = await post("/sign-up/email", { email, password: "correct horse battery staple", name: "Nope" });
    expect(res.ok).toBe(false);
    expect(await prisma.user.findUnique({ where: { email } })).toBeNull();
  });

  it("signs in with a password and resolves the actor with its platform role", async () => {
    const user = await createUser({ role: "support" });
    const cookie = await signInCookie(user.email);
    const actor = await getActor(new Headers({ cookie }));
    expect(actor).toMatchObject({ userId: user.id, email: user.email, role: "support", impersonatedBy: null });
  });

  it("rejects a wrong password", async () => {
    const user = await createUser();
    const res = await post("/sign-in/email", { email: user.email, password: "wrong password!!" });
    expect(res.status).toBe(401);
  });

  it("a banned user gets no actor even with a live session", async () => {
    const user = await createUser();
    const cookie = await signInCookie(user.email);
    await prisma.user.update({ where: { id: user.id }, data: { banned: true } });
    expect(await getActor(new Headers({ cookie }))).toBeNull();
  });

  it("every session read is the session row: a revoked session, a ban, a new role count at once", async () => {
    const admin = await createUser({ role: "admin" });
    const cookie = await signInCookie(admin.email);
    expect(cookie).not.toContain("session_data="); // no cookie cache (lib/auth.ts)
    const headers = new Headers({ cookie });
    const actor = await getActor(headers);
    expect(actor?.role).toBe("admin");
    // A role change is read now, not from the cache.
    await prisma.user.update({ where: { id: admin.id }, data: { role: "support" } });
    expect((await getActor(headers))?.role).toBe("support");
    await prisma.user.update({ where: { id: admin.id }, data: { role: "admin" } });
    // better-auth's own endpoints refuse a banned admin's session.
    await prisma.user.update({ where: { id: admin.id }, data: { banned: true } });
    const listUsers = await auth.handler(new Request(`${origin}/api/auth/admin/list-users`, { headers: { cookie, origin } }));
    expect(listUsers.status).toBe(403);
    await prisma.user.update({ where: { id: admin.id }, data: { banned: false } });
    // Revoked (signed out elsewhere, or by an admin): no actor, and no admin endpoint.
    await prisma.session.deleteMany({ where: { userId: admin.id } });
    expect(await getActor(headers)).toBeNull();
    // Nor does the browser's /get-session report it alive.
    const asked = await auth.handler(new Request(`${origin}/api/auth/get-session`, { headers: { cookie, origin } }));
    expect(await asked.json()).toBeNull();
    const after = await auth.handler(new Request(`${origin}/api/auth/admin/list-users`, { headers: { cookie, origin } }));
    expect(after.status).toBe(401);
  });

  it("the session reader takes only a cookie signed with the secret, for a live session row", async () => {
    const user = await createUser();
    const cookie = await signInCookie(user.email);
    const session = (await prisma.session.findFirstOrThrow({ where: { userId: user.id } }))!;
    const [name, value] = cookie.split(";").map((c) => c.trim()).find((c) => c.includes("session_token="))!.split(/=(.*)/s);
    const signed = decodeURIComponent(value);
    expect(signed.startsWith(`${session.token}.`)).toBe(true);
    const withValue = (v: string) => new Headers({ cookie: `${name}=${encodeURIComponent(v)}` });
    expect((await getActor(withValue(signed)))?.userId).toBe(user.id);
    // The bare token, a forged signature, another session's token under this signature, no cookie: nobody.
    expect(await getActor(withValue(session.token))).toBeNull();
    expect(await getActor(withValue(`${session.token}.${"A".repeat(43)}=`))).toBeNull();
    const other = await createUser();
    await signInCookie(other.email);
    const otherToken = (await prisma.session.findFirstOrThrow({ where: { userId: other.id } })).token;
    expect(await getActor(withValue(`${otherToken}.${signed.slice(signed.lastIndexOf(".") + 1)}`))).toBeNull();
    expect(await getActor(new Headers())).toBeNull();
    // An expired row: nobody; who impersonates is read from the row.
    await prisma.session.update({ where: { id: session.id }, data: { impersonatedBy: other.id } });
    expect(await getActor(withValue(signed))).toMatchObject({ userId: user.id, sessionId: session.id, impersonatedBy: other.id });
    await prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getActor(withValue(signed))).toBeNull();
  });

  it("magic link: the mail links to a confirm page, GET consumes nothing, the POST signs in once", async () => {
    const user = await createUser();
    const message = await requestMagicLink(user.email);
    expect(message.subject).toBe("Your sign-in link for Admit");
    const link = findLink(message, "/sign-in/link?");
    expect(link).toBeDefined();
    const url = new URL(link!);
    const token = url.searchParams.get("token")!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    // Stored hashed: the raw token is nowhere in the verification table.
    const rows = await prisma.verification.findMany({ where: { identifier: { startsWith: "magic-link:" } } });
    expect(rows.some((r) => r.identifier.includes(token) || r.value.includes(token))).toBe(false);
    const before = await prisma.verification.count();

    // The confirm page is a plain page; opening it does not touch better-auth. The POST does.
    const confirm = () =>
      confirmMagicLink(
        new Request(`${origin}/sign-in/link/confirm`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", origin, "x-forwarded-for": "127.0.0.77" },
          body: new URLSearchParams({ token, next: url.searchParams.get("next")! }),
        }),
      );
    expect(await prisma.verification.count()).toBe(before);
    const res = await confirm();
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/\/users$/);
    const actor = await getActor(new Headers({ cookie: cookieHeader(res) }));
    expect(actor?.userId).toBe(user.id);

    // A POST from another site is refused before anything is looked up.
    const foreign = await confirmMagicLink(
      new Request(`${origin}/sign-in/link/confirm`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
        body: new URLSearchParams({ token }),
      }),
    );
    expect(foreign.status).toBe(403);

    const replay = await confirm();
    expect(replay.headers.get("location")).toMatch(/error=INVALID_TOKEN/);
    expect(cookieHeader(replay)).not.toMatch(/session_token=[^;]/);
  });

  it("sends no magic link to an address without an account", async () => {
    const email = uniqueEmail("stranger");
    const res = await post("/sign-in/magic-link", { email, callbackURL: "/" }, "127.2.0.1");
    expect(res.status).toBe(200);
    expect(await listSinkMessages({ to: email })).toHaveLength(0);
    expect(await prisma.user.findUnique({ where: { email } })).toBeNull();
  });

  it("refuses a confirm POST that tries to redirect off-site", async () => {
    const user = await createUser();
    const message = await requestMagicLink(user.email);
    const token = new URL(findLink(message, "/sign-in/link?")!).searchParams.get("token")!;
    const res = await confirmMagicLink(
      new Request(`${origin}/sign-in/link/confirm`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin, "x-forwarded-for": "127.0.0.78" },
        body: new URLSearchParams({ token, next: "//evil.example/steal" }),
      }),
    );
    expect(res.headers.get("location")).not.toContain("evil.example");
  });
});
