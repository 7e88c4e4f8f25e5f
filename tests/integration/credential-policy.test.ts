/**
 * One rule for every way a sign-in credential comes to exist (lib/credential-policy.ts), asked by every
 * path: the sign-in link form, sign-in campaigns (preview and sender), invitation campaigns' links,
 * welcome links, better-auth's own impersonation endpoint, and the link itself when it is used.
 * Each path × each kind of person (plain user, support, admin, banned) × the issuers that may use the path.
 */
import fs from "node:fs";
import { actingAs } from "@/lib/actor";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as confirmLink } from "@/app/(auth)/link/[token]/confirm/route";
import { auth } from "@/lib/auth";
import { checkRows, createCampaign, previewCampaign } from "@/lib/campaigns/create-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { credentialRefusal } from "@/lib/credential-policy";
import { prisma } from "@/lib/db";
import { listSinkMessages } from "@/lib/dev/resend-sink/client";
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

async function impersonate(cookie: string, body: Record<string, unknown>) {
  return auth.handler(
    new Request(`${origin}/api/auth/admin/impersonate-user`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, cookie, "x-forwarded-for": `127.8.0.${++ip % 250}` },
      body: JSON.stringify(body),
    }),
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

// ------------------------------------------------------------------ the README's table, cell by cell
type Cell = "✓" | "✗" | "page";
function readTable() {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
  const block = /<!-- credentials:start -->([\s\S]*?)<!-- credentials:end -->/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no <!-- credentials:start --> table");
  const lines = block.split("\n").filter((l) => l.trim().startsWith("|")).slice(2);
  return lines.map((line) => {
    const [pathName, issuer, ...cells] = line.split("|").slice(1, -1).map((c) => c.trim());
    return { path: pathName, issuer: issuer as "owner" | "support" | "admin", expected: Object.fromEntries(TARGETS.map((t, i) => [t, cells[i] as Cell])) as Record<TargetKind, Cell> };
  });
}

async function issuerFor(kind: "owner" | "support" | "admin") {
  const issuer = await createUser({ role: kind === "owner" ? "user" : kind });
  const owner = kind === "owner" ? issuer : await createUser();
  const org = await createOrganization(owner);
  return { issuer, org };
}

/** Runs one path for one person; what it minted: a one-step sign-in, an invitation page, or nothing. */
const PATHS: Record<string, (issuer: User, orgId: string, person: User) => Promise<Cell>> = {
  "sign-in link form": async (issuer, _org, person) => {
    const [r] = await issueSignInLinks(await actingAs(issuer.id), { purpose: "sign-in", recipients: [{ email: person.email }] });
    return r.status === "issued" ? "✓" : "✗";
  },
  "impersonation link": async (issuer, _org, person) => {
    const [r] = await issueSignInLinks(await actingAs(issuer.id), { purpose: "impersonation", recipients: [{ email: person.email }], reason: "ticket 7" });
    return r.status === "issued" ? "✓" : "✗";
  },
  "impersonate-user endpoint": async (issuer, _org, person) => {
    const res = await impersonate(await signInCookie(issuer.email), { userId: person.id, reason: "ticket 7" });
    return res.ok ? "✓" : "✗";
  },
  "sign-in campaign": (issuer, org, person) => campaignCell(issuer, org, person, "sign-in"),
  "invitation campaign": (issuer, org, person) => campaignCell(issuer, org, person, "invitation"),
};

/** Preview, start and send a one-person campaign; the preview must have said what the sender then did. */
async function campaignCell(issuer: User, orgId: string, person: User, kind: "invitation" | "sign-in"): Promise<Cell> {
  const ctx = { actor: await actorOf(issuer) };
  const { rows } = await previewCampaign(ctx, settings(orgId, kind), csvOf(person.email));
  const previewed: Cell = rows[0].outcome !== "valid" ? "✗" : rows[0].invitationPageOnly ? "page" : "✓";
  if (previewed === "✗") {
    await expect(createCampaign(ctx, settings(orgId, kind), csvOf(person.email))).rejects.toThrow(/No valid recipients/);
    return "✗";
  }
  const { id } = await createCampaign(ctx, settings(orgId, kind), csvOf(person.email));
  process.env.CAMPAIGN_RPS = "0";
  await sendCampaign(id, 30_000);
  const recipient = await prisma.campaignRecipient.findFirstOrThrow({ where: { campaignId: id } });
  expect(recipient.status).toBe("sent");
  const sent: Cell = recipient.linkId ? "✓" : recipient.invitationId ? "page" : "✗";
  expect(sent).toBe(previewed);
  return sent;
}

describe("every minting path asks the policy (README table)", () => {
  for (const row of readTable()) {
    it(`${row.path}, issued by ${row.issuer}`, async () => {
      const run = PATHS[row.path];
      expect(run, `no runner for "${row.path}"`).toBeDefined();
      const { issuer, org } = await issuerFor(row.issuer);
      const got: Record<string, Cell> = {};
      for (const kind of TARGETS) got[kind] = await run(issuer, org.id, await target(kind));
      expect(got).toEqual(row.expected);
    });
  }
  it("self-impersonation is refused by both impersonation paths", async () => {
    const admin = await createUser({ role: "admin" });
    expect(await PATHS["impersonation link"](admin, "", admin)).toBe("✗");
    expect(await PATHS["impersonate-user endpoint"](admin, "", admin)).toBe("✗");
  });
});

describe("the sender asks again", () => {
  it("the sender asks the policy again: a person promoted after the preview gets no link", async () => {
    const support = await createUser({ role: "support" });
    const owner = await createUser();
    const org = await createOrganization(owner);
    const person = await createUser();
    const ctx = { actor: await actorOf(support) };
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
    const ctx = { actor: await actorOf(owner) };
    const rows = await checkRows(await actorOf(owner), settings(org.id, "invitation"), [plain, support, banned].map((u, i) => ({ line: i + 2, email: u.email, fields: {} })));
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
    const [link] = await issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients: [{ email: person.email }] });
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
    const [link] = await issueSignInLinks(await actingAs(support.id), { purpose: "sign-in", recipients: [{ email: person.email }] });
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
    const outcomes = await addMembers(await actingAs(owner.id), { organizationId: org.id, people: [{ email: newcomer }], sendWelcome: true });
    expect(outcomes[0]).toMatchObject({ status: "added", welcomeSent: true });
  });

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

  it("an impersonation session keeps its hour: a session read without the don't-remember cookie does not renew it", async () => {
    const admin = await createUser({ role: "admin" });
    const person = await createUser();
    const ok = await impersonate(await signInCookie(admin.email), { userId: person.id, reason: "ticket 77: checking a bounded session" });
    expect(ok.status).toBe(200);
    const { session } = (await ok.json()) as { session: { token: string } };
    const before = await prisma.session.findUniqueOrThrow({ where: { token: session.token } });
    expect(before.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000);
    // Only the session cookie, as a client that drops the rest would send: better-auth would refresh it to 7 days.
    const cookie = ok.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => c.startsWith("better-auth.session_token=")).at(-1)!;
    const read = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(read?.user.id).toBe(person.id);
    const after = await prisma.session.findUniqueOrThrow({ where: { token: session.token } });
    expect(after.expiresAt.getTime()).toBeLessThanOrEqual(before.expiresAt.getTime());
    // An ordinary session is still refreshed as better-auth does.
    const plain = await signInCookie(person.email);
    const own = (await prisma.session.findMany({ where: { userId: person.id, impersonatedBy: null } }))[0];
    await prisma.session.update({ where: { id: own.id }, data: { expiresAt: new Date(Date.now() + 3600_000) } });
    await auth.api.getSession({ headers: new Headers({ cookie: plain }) });
    expect((await prisma.session.findUniqueOrThrow({ where: { id: own.id } })).expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });

  it("members of an organization cannot get sign-in links from its owner (no sign-in link power)", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const member = await createUser();
    await addMember(org.id, member, "member");
    await expect(issueSignInLinks(await actingAs(owner.id), { purpose: "sign-in", recipients: [{ email: member.email }] })).rejects.toThrow(/may not issue/);
  });
});
