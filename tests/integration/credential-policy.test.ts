/**
 * One rule for every way a sign-in credential comes to exist (lib/credential-policy.ts), asked by every
 * path: the sign-in link form, sign-in campaigns (preview and sender), invitation campaigns' links,
 * welcome links, better-auth's own impersonation endpoint, and the link itself when it is used.
 * Each path × each kind of person (plain user, support, admin, banned) × the issuers that may use the path.
 */
import { describe, expect, it } from "vitest";
import { POST as confirmLink } from "@/app/(auth)/link/[token]/confirm/route";
import { auth } from "@/lib/auth";
import { checkRows, createCampaign, previewCampaign } from "@/lib/campaigns/create-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { credentialRefusal } from "@/lib/credential-policy";
import { prisma } from "@/lib/db";
import { listSinkMessages } from "@/lib/email/sink/client";
import { issueSignInLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { getLinkForHolder } from "@/lib/sign-in-links/link-view";
import { actorOf, addMember, createOrganization, createUser, signInCookie, uniqueEmail } from "@/tests/support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
const TARGETS = ["plain", "support", "admin", "banned"] as const;
type TargetKind = (typeof TARGETS)[number];

async function target(kind: TargetKind): Promise<User> {
  if (kind === "plain") return createUser();
  if (kind === "banned") return createUser({ banned: true });
  return createUser({ role: kind });
}

const settings = (organizationId: string, kind: "invitation" | "sign-in") => ({
  organizationId,
  kind,
  name: `Policy ${kind}`,
  role: "member" as const,
  expiresIn: 7 * 86400,
  subject: "Hello {{name}}",
  message: "Welcome",
});
const csvOf = (...emails: string[]) => new TextEncoder().encode(["email", ...emails].join("\n"));

let ip = 0;
const origin = "http://localhost:3000";
function post(token: string) {
  ip++;
  return confirmLink(
    new Request(`${origin}/link/${token}/confirm`, { method: "POST", headers: { origin, "x-forwarded-for": `127.9.${ip % 250}.${1 + Math.floor(ip / 250)}` } }),
    { params: Promise.resolve({ token }) },
  );
}

describe("the credential policy (pure)", () => {
  const issuer = (role: string | null, extra = {}) => ({ userId: "issuer", role, ...extra });
  const person = (role: string | null, extra = {}) => ({ id: "person", role, ...extra });
  it.each([
    ["support", "user", "sign-in", null],
    ["support", "support", "sign-in", "privileged_target"],
    ["support", "admin", "sign-in", "privileged_target"],
    ["admin", "support", "sign-in", null],
    ["admin", "admin", "sign-in", null],
    ["user", "user", "sign-in", "not_allowed"],
    ["user", "user", "emailed", null],
    ["user", "support", "emailed", "privileged_target"],
    ["admin", "support", "emailed", null],
    ["admin", "user", "impersonation", null],
    ["admin", "support", "impersonation", null],
    ["admin", "admin", "impersonation", "admin_target"],
    ["support", "user", "impersonation", "not_allowed"],
  ] as const)("%s issuing for %s (%s): %s", (issuerRole, targetRole, kind, expected) => {
    expect(credentialRefusal(issuer(issuerRole), person(targetRole), kind)).toBe(expected);
  });
  it("refuses banned people, self-impersonation, banned issuers and anything minted while impersonated", () => {
    expect(credentialRefusal(issuer("admin"), person("user", { banned: true }), "emailed")).toBe("banned");
    expect(credentialRefusal(issuer("admin"), person("user", { banned: true, banExpires: new Date(Date.now() - 1000) }), "emailed")).toBeNull();
    expect(credentialRefusal(issuer("admin"), { id: "issuer", role: "admin" }, "impersonation")).toBe("self");
    expect(credentialRefusal(issuer("admin", { banned: true }), person("user"), "sign-in")).toBe("not_allowed");
    expect(credentialRefusal(issuer("admin", { impersonatedBy: "x" }), person("user"), "sign-in")).toBe("impersonating");
  });
});

describe("the sign-in link form", () => {
  it.each([
    ["support", { plain: "issued", support: "privileged_target", admin: "privileged_target", banned: "banned" }],
    ["admin", { plain: "issued", support: "issued", admin: "issued", banned: "banned" }],
  ] as const)("issued by %s", async (issuerRole, expected) => {
    const issuer = await createUser({ role: issuerRole });
    for (const kind of TARGETS) {
      const person = await target(kind);
      const [result] = await issueSignInLinks({ issuerId: issuer.id, purpose: "sign-in", recipients: [{ email: person.email }] });
      expect([kind, result.status === "issued" ? "issued" : result.reason]).toEqual([kind, expected[kind]]);
    }
  });

  it("impersonation links: never an admin, never yourself, never a banned person", async () => {
    const admin = await createUser({ role: "admin" });
    const expected = { plain: "issued", support: "issued", admin: "admin_target", banned: "banned" } as const;
    for (const kind of TARGETS) {
      const person = await target(kind);
      const [result] = await issueSignInLinks({ issuerId: admin.id, purpose: "impersonation", recipients: [{ email: person.email }], reason: "ticket 7" });
      expect([kind, result.status === "issued" ? "issued" : result.reason]).toEqual([kind, expected[kind]]);
    }
    const [self] = await issueSignInLinks({ issuerId: admin.id, purpose: "impersonation", recipients: [{ email: admin.email }], reason: "ticket 7" });
    expect(self.reason).toBe("self");
  });
});

describe("sign-in campaigns: the preview marks what the sender would refuse", () => {
  it("support's campaign: admin and support accounts and banned people are invalid rows with the reason, and nobody privileged gets a link", async () => {
    const support = await createUser({ role: "support" });
    const owner = await createUser();
    const org = await createOrganization(owner);
    const people = Object.fromEntries(await Promise.all(TARGETS.map(async (k) => [k, await target(k)] as const))) as Record<TargetKind, User>;
    const ctx = { actor: actorOf(support) };
    const file = csvOf(...TARGETS.map((k) => people[k].email));
    const { rows } = await previewCampaign(ctx, settings(org.id, "sign-in"), file);
    expect(Object.fromEntries(rows.map((r) => [r.email, r.outcome]))).toEqual({
      [people.plain.email]: "valid",
      [people.support.email]: "privileged_target",
      [people.admin.email]: "privileged_target",
      [people.banned.email]: "banned",
    });
    const { id } = await createCampaign(ctx, settings(org.id, "sign-in"), file);
    process.env.CAMPAIGN_RPS = "0";
    await sendCampaign(id, 30_000);
    const links = await prisma.signInLink.findMany({ where: { email: { in: TARGETS.map((k) => people[k].email) } }, select: { email: true } });
    expect(links.map((l) => l.email)).toEqual([people.plain.email]);
  });

  it("the sender asks the policy again: a person promoted after the preview gets no link", async () => {
    const support = await createUser({ role: "support" });
    const owner = await createUser();
    const org = await createOrganization(owner);
    const person = await createUser();
    const ctx = { actor: actorOf(support) };
    const { id } = await createCampaign(ctx, settings(org.id, "sign-in"), csvOf(person.email));
    await prisma.user.update({ where: { id: person.id }, data: { role: "admin" } });
    process.env.CAMPAIGN_RPS = "0";
    await sendCampaign(id, 30_000);
    const recipient = await prisma.campaignRecipient.findFirstOrThrow({ where: { campaignId: id } });
    expect(recipient.status).toBe("skipped");
    expect(recipient.error).toMatch(/platform role/);
    expect(await prisma.signInLink.count({ where: { email: person.email } })).toBe(0);
  });
});

describe("invitation campaigns: a link signs in only whom the policy allows", () => {
  it("an owner's campaign invites a support account with a link to the invitation page, not a one-step sign-in", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const [plain, support, banned] = [await target("plain"), await target("support"), await target("banned")];
    const newcomer = uniqueEmail("newcomer");
    const ctx = { actor: actorOf(owner) };
    const rows = await checkRows(actorOf(owner), settings(org.id, "invitation"), [plain, support, banned].map((u, i) => ({ line: i + 2, email: u.email, fields: {} })));
    expect(rows.map((r) => [r.outcome, !!r.invitationPageOnly])).toEqual([
      ["valid", false],
      ["valid", true],
      ["banned", false],
    ]);
    const { id } = await createCampaign(ctx, settings(org.id, "invitation"), csvOf(plain.email, support.email, newcomer));
    process.env.CAMPAIGN_RPS = "0";
    await sendCampaign(id, 30_000);
    expect(await prisma.signInLink.count({ where: { email: support.email } })).toBe(0);
    expect(await prisma.signInLink.count({ where: { email: { in: [plain.email, newcomer] } } })).toBe(2);
    const [mail] = await listSinkMessages({ to: support.email });
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: support.email, organizationId: org.id } });
    expect(mail.html).toContain(`/invite/${invitation.id}`);
    expect(mail.html).not.toContain("/link/");
    expect((await prisma.campaignRecipient.findFirstOrThrow({ where: { campaignId: id, email: support.email } })).status).toBe("sent");
  });
});

describe("using a link asks the policy again", () => {
  it("a banned person's link says so before anything is pressed; using it records no 'used' event and revokes it", async () => {
    const admin = await createUser({ role: "admin" });
    const person = await createUser();
    const [link] = await issueSignInLinks({ issuerId: admin.id, purpose: "sign-in", recipients: [{ email: person.email }] });
    const token = link.url!.split("/link/")[1];
    await prisma.user.update({ where: { id: person.id }, data: { banned: true, banReason: "test" } });
    expect((await getLinkForHolder(token)).status).toBe("suspended");
    const res = await post(token);
    expect(res.headers.get("location")).toContain("error=banned");
    const events = await prisma.auditEvent.findMany({ where: { targetId: link.linkId }, select: { action: true } });
    expect(events.map((e) => e.action).sort()).toEqual(["signInLink.issued", "signInLink.use_refused"]);
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
    // Unbanned later, the link still does not work: it was revoked.
    await prisma.user.update({ where: { id: person.id }, data: { banned: false } });
    expect((await getLinkForHolder(token)).status).toBe("revoked");
    expect((await post(token)).headers.get("location")).not.toContain("/welcome");
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
  });

  it("a link support issued to a plain user who was made an admin since cannot be used", async () => {
    const support = await createUser({ role: "support" });
    const person = await createUser();
    const [link] = await issueSignInLinks({ issuerId: support.id, purpose: "sign-in", recipients: [{ email: person.email }] });
    await prisma.user.update({ where: { id: person.id }, data: { role: "admin" } });
    const res = await post(link.url!.split("/link/")[1]);
    expect(res.headers.get("location")).toContain("error=refused");
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
  });
});

describe("welcome links and better-auth's impersonation endpoint", () => {
  it("adding people sends welcome links only to new plain accounts", async () => {
    const { addMembers } = await import("@/lib/memberships/add-members");
    const owner = await createUser();
    const org = await createOrganization(owner);
    const newcomer = uniqueEmail("welcome");
    const outcomes = await addMembers({ adderId: owner.id, organizationId: org.id, people: [{ email: newcomer }], sendWelcome: true });
    expect(outcomes[0]).toMatchObject({ status: "added", welcomeSent: true });
  });

  async function impersonate(cookie: string, body: Record<string, unknown>) {
    return auth.handler(
      new Request(`${origin}/api/auth/admin/impersonate-user`, {
        method: "POST",
        headers: { "content-type": "application/json", origin, cookie, "x-forwarded-for": `127.8.0.${++ip % 250}` },
        body: JSON.stringify(body),
      }),
    );
  }

  it("needs a reason; refuses yourself, admins and banned people; audits both people and the reason", async () => {
    const admin = await createUser({ role: "admin" });
    const cookie = await signInCookie(admin.email);
    const person = await createUser();
    const noReason = await impersonate(cookie, { userId: person.id });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { code: string }).code).toBe("REASON_REQUIRED");
    const self = await impersonate(cookie, { userId: admin.id, reason: "testing myself" });
    expect(self.status).toBe(403);
    expect(((await self.json()) as { message: string }).message).toBe("You cannot impersonate yourself.");
    for (const kind of ["admin", "banned"] as const) {
      const other = await target(kind);
      expect((await impersonate(cookie, { userId: other.id, reason: "ticket 9" })).status).toBe(403);
    }
    const ok = await impersonate(cookie, { userId: person.id, reason: "ticket 1234: cannot see invoices" });
    expect(ok.status).toBe(200);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.impersonated", targetId: person.id } });
    expect(event).toMatchObject({ actorEmail: admin.email, targetLabel: person.email });
    expect(event.metadata).toMatchObject({ reason: "ticket 1234: cannot see invoices", targetEmail: person.email });
  });

  it("members of an organization cannot get sign-in links from its owner (no sign-in link power)", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const member = await createUser();
    await addMember(org.id, member, "member");
    await expect(issueSignInLinks({ issuerId: owner.id, purpose: "sign-in", recipients: [{ email: member.email }] })).rejects.toThrow(/may not issue/);
  });
});
