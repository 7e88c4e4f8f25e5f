import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { POST as confirmLink } from "@/app/(auth)/link/[token]/confirm/route";
import { prisma } from "@/lib/db";
import { findLink, listSinkMessages } from "@/lib/dev/resend-sink/client";
import { getActor } from "@/lib/session";
import { issueSignInLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { getLinkForHolder } from "@/lib/sign-in-links/link-view";
import { revokeSignInLinks } from "@/lib/sign-in-links/revoke-sign-in-links";
import { actorOf, cookieHeader, createUser, uniqueEmail } from "@/tests/support/factories";

const origin = "http://localhost:3000";
let ip = 0;
function post(token: string, cookie?: string) {
  ip++;
  return confirmLink(
    new Request(`${origin}/link/${token}/confirm`, {
      method: "POST",
      headers: { origin, "x-forwarded-for": `127.4.${ip % 250}.${1 + Math.floor(ip / 250)}`, "user-agent": "vitest", ...(cookie ? { cookie } : {}) },
    }),
    { params: Promise.resolve({ token }) },
  );
}
const tokenOf = (url: string) => url.split("/link/")[1];

async function oneLink(opts: { purpose?: "sign-in" | "impersonation"; issuerRole?: "admin" | "support"; target?: Awaited<ReturnType<typeof createUser>> } = {}) {
  const issuer = await createUser({ role: opts.issuerRole ?? "admin" });
  const target = opts.target ?? (await createUser());
  const [link] = await issueSignInLinks(await actingAs(issuer.id), {
    purpose: opts.purpose ?? "sign-in",
    recipients: [{ email: target.email }],
    reason: opts.purpose === "impersonation" ? "ticket 42" : undefined,
  });
  return { issuer, target, link };
}

describe("sign-in links", () => {
  it("stores only the hash: the raw token is nowhere in the database", async () => {
    const { link } = await oneLink();
    expect(link.status).toBe("issued");
    const token = tokenOf(link.url!);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const dump = await prisma.$queryRaw<{ dump: string }[]>`
      SELECT (SELECT coalesce(string_agg(row_to_json(s)::text, ''), '') FROM "admit"."sign_in_link" s) || (SELECT coalesce(string_agg(row_to_json(a)::text, ''), '') FROM "admit"."audit_event" a) AS dump`;
    expect(dump[0].dump).not.toContain(token);
  });

  it("GET shows the link and consumes nothing; POST signs in once and redirects", async () => {
    const { link, target } = await oneLink();
    const token = tokenOf(link.url!);
    expect(await getLinkForHolder(token)).toMatchObject({ status: "unused", email: target.email });
    expect(await getLinkForHolder(token)).toMatchObject({ status: "unused" });
    const res = await post(token);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/welcome");
    expect((await getActor(new Headers({ cookie: cookieHeader(res) })))?.userId).toBe(target.id);
    const row = await prisma.signInLink.findUniqueOrThrow({ where: { id: link.linkId } });
    expect(row.usedAt).not.toBeNull();
    expect(row.usedUserAgent).toBe("vitest");
    expect(row.sessionId).not.toBeNull();
    // Replayed: refused, sent back to the link's page, no cookie.
    const replay = await post(token);
    expect(replay.headers.get("location")).toBe(`/link/${token}`);
    expect(cookieHeader(replay)).not.toMatch(/session_token=[^;]/);
    expect(await getLinkForHolder(token)).toMatchObject({ status: "used" });
  });

  it("of concurrent confirmations exactly one gets a session", async () => {
    const { link, target } = await oneLink();
    const token = tokenOf(link.url!);
    const before = await prisma.session.count({ where: { userId: target.id } });
    const responses = await Promise.all(Array.from({ length: 8 }, () => post(token)));
    const winners = responses.filter((r) => r.headers.get("location") === "/welcome");
    expect(winners).toHaveLength(1);
    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(before + 1);
  });

  it("refuses expired, revoked and unknown tokens without a session", async () => {
    const expired = await oneLink();
    await prisma.signInLink.update({ where: { id: expired.link.linkId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await oneLink();
    const [r] = await revokeSignInLinks({ actor: await actorOf(revoked.issuer) }, [revoked.link.linkId!]);
    expect(r.status).toBe("revoked");
    for (const [token, status] of [
      [tokenOf(expired.link.url!), "expired"],
      [tokenOf(revoked.link.url!), "revoked"],
      ["A".repeat(43), "unknown"],
      ["short", "unknown"],
    ] as const) {
      const res = await post(token);
      expect(res.headers.get("location")).toBe(`/link/${token}`);
      expect(cookieHeader(res)).not.toMatch(/session_token=[^;]/);
      expect((await getLinkForHolder(token)).status).toBe(status);
    }
    expect(await prisma.session.count({ where: { userId: { in: [expired.target.id, revoked.target.id] } } })).toBe(0);
  });

  it("refuses a POST from another site", async () => {
    const { link } = await oneLink();
    const res = await confirmLink(new Request(`${origin}/link/x/confirm`, { method: "POST", headers: { origin: "https://evil.example" } }), {
      params: Promise.resolve({ token: tokenOf(link.url!) }),
    });
    expect(res.status).toBe(403);
    expect((await getLinkForHolder(tokenOf(link.url!))).status).toBe("unused");
  });

  it("impersonation: admins only, with a reason, never of admins; the session carries impersonatedBy", async () => {
    const target = await createUser();
    await expect(oneLink({ purpose: "impersonation", issuerRole: "support", target })).rejects.toMatchObject({ status: 403 });
    const admin = await createUser({ role: "admin" });
    await expect(issueSignInLinks(await actingAs(admin.id), { purpose: "impersonation", recipients: [{ email: target.email }] })).rejects.toThrow(/reason/);
    const otherAdmin = await createUser({ role: "admin" });
    const [denied] = await issueSignInLinks(await actingAs(admin.id), { purpose: "impersonation", recipients: [{ email: otherAdmin.email }], reason: "x" });
    expect(denied).toMatchObject({ status: "skipped", reason: "admin_target" });

    const [link] = await issueSignInLinks(await actingAs(admin.id), { purpose: "impersonation", recipients: [{ email: target.email }], reason: "ticket 7", expiresIn: 600 });
    const res = await post(tokenOf(link.url!));
    const actor = await getActor(new Headers({ cookie: cookieHeader(res) }));
    expect(actor).toMatchObject({ userId: target.id, impersonatedBy: admin.id });
    const session = await prisma.session.findFirstOrThrow({ where: { userId: target.id, impersonatedBy: admin.id } });
    expect(session.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3600e3 + 1000);
    const started = await prisma.auditEvent.findFirstOrThrow({ where: { action: "signInLink.impersonation_started", actorId: target.id } });
    expect(started.impersonatorId).toBe(admin.id);
  });

  it("support may not issue links that sign in as an admin; admins may", async () => {
    const admin = await createUser({ role: "admin" });
    const support = await createUser({ role: "support" });
    const [bySupport] = await issueSignInLinks(await actingAs(support.id), { purpose: "sign-in", recipients: [{ email: admin.email }] });
    expect(bySupport.reason).toBe("privileged_target"); // the credential policy: admin and support accounts get one-step sign-in from admins only
    const [byAdmin] = await issueSignInLinks(await actingAs((await createUser({ role: "admin" })).id), { purpose: "sign-in", recipients: [{ email: admin.email }] });
    expect(byAdmin.status).toBe("issued");
    const user = await createUser();
    await expect(issueSignInLinks(await actingAs(user.id), { purpose: "sign-in", recipients: [{ email: user.email }] })).rejects.toMatchObject({ status: 403 });
  });

  it("refuses redirects outside the allowlist and lifetimes outside the bounds", async () => {
    const admin = await createUser({ role: "admin" });
    const recipients = [{ email: (await createUser()).email }];
    for (const redirectTo of ["https://evil.example", "//evil.example", "javascript:alert(1)", "/api/auth/sign-out"]) {
      await expect(issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients, redirectTo })).rejects.toThrow(/redirect/);
    }
    await expect(issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients, expiresIn: 60 })).rejects.toThrow();
    await expect(issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients, expiresIn: 8 * 86400 })).rejects.toThrow();
    await expect(issueSignInLinks(await actingAs(admin.id), { purpose: "impersonation", recipients, reason: "x", expiresIn: 2 * 3600 })).rejects.toThrow();
    expect(await prisma.signInLink.count({ where: { issuerId: admin.id } })).toBe(0);
  });

  it("bulk: returns email, url and expiry for each, creating accounts when asked; or mails them", async () => {
    const support = await createUser({ role: "support" });
    const existing = await createUser();
    const fresh = uniqueEmail("fresh");
    const out = await issueSignInLinks(await actingAs(support.id), {
      purpose: "sign-in",
      recipients: [{ email: existing.email }, { email: fresh }, { email: "bad" }, { email: uniqueEmail("nobody") }],
      createUsers: false,
    });
    expect(out.map((o) => o.reason ?? o.status)).toEqual(["issued", "no_account", "invalid_email", "no_account"]);
    const withCreate = await issueSignInLinks(await actingAs(support.id), { purpose: "sign-in", recipients: [{ email: fresh }], createUsers: true, send: true });
    expect(withCreate[0]).toMatchObject({ status: "issued", createdUser: true, sent: true });
    const created = await prisma.user.findUniqueOrThrow({ where: { email: fresh } });
    expect(created).toMatchObject({ emailVerified: true, role: "user" });
    const [mail] = await listSinkMessages({ to: fresh });
    expect(findLink(mail, "/link/")).toBe(withCreate[0].url);
  });
});
