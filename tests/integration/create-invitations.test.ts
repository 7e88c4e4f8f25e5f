import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { prisma } from "@/lib/db";
import { listSinkBatches, listSinkMessages } from "@/lib/dev/resend-sink/client";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { addMember, createOrganization, createUser, uniqueEmail } from "@/tests/support/factories";

async function orgWithOwner() {
  const owner = await createUser();
  const org = await createOrganization(owner);
  return { owner, org };
}

async function countSinkBatches(prefix: string) {
  return (await listSinkMessages({ to: prefix, limit: 5000 })).length;
}

describe("createInvitations (server API, no session)", () => {
  it("creates invitations for a named inviter and mails each with the org, inviter, role, expiry and link", async () => {
    const { owner, org } = await orgWithOwner();
    const a = uniqueEmail("inv-a");
    const b = uniqueEmail("inv-b");
    const { outcomes, counts } = await createInvitations(await actingAs(owner.id), {
      organizationId: org.id,
      invitees: [{ email: `  ${a.toUpperCase()} ` }, { email: b, role: "admin" }],
    });
    expect(counts).toMatchObject({ created: 2, refreshed: 0, skipped: 0, sent: 2, sendFailed: 0 });
    expect(outcomes.map((o) => [o.email, o.status, o.role])).toEqual([
      [a, "created", "member"],
      [b, "created", "admin"],
    ]);
    const rows = await prisma.invitation.findMany({ where: { organizationId: org.id }, orderBy: { email: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.inviterId === owner.id && r.status === "pending")).toBe(true);
    // Default expiry: 7 days.
    const days = (rows[0].expiresAt.getTime() - Date.now()) / 86400e3;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);

    const [mail] = await listSinkMessages({ to: a });
    expect(mail.subject).toContain(org.name);
    expect(mail.html).toContain(`/invite/${outcomes[0].invitationId}`);
    expect(mail.html).toContain(owner.email);
    expect(mail.text).toMatch(/as a\s+member/i);
    expect(mail.text).toContain("expires on");

    const audit = await prisma.auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { action: "asc" } });
    expect(audit.map((e) => e.action).sort()).toEqual(["invitation.created", "invitation.created", "invitation.sent", "invitation.sent"]);
    expect(audit.every((e) => e.actorId === owner.id)).toBe(true);
    expect(JSON.stringify(audit.map((e) => e.metadata))).not.toContain(outcomes[0].invitationId);
  });

  it("refreshes a pending invitation instead of duplicating it: same id, new expiry, mail again", async () => {
    const { owner, org } = await orgWithOwner();
    const email = uniqueEmail("again");
    const first = await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email }], expiresIn: 3600 });
    const second = await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email }], expiresIn: 3 * 86400 });
    expect(second.outcomes[0]).toMatchObject({ status: "refreshed", invitationId: first.outcomes[0].invitationId });
    const rows = await prisma.invitation.findMany({ where: { organizationId: org.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].expiresAt.getTime()).toBeGreaterThan(Date.now() + 2.9 * 86400e3);
    expect(await listSinkMessages({ to: email })).toHaveLength(2);
  });

  it("skips each bad invitee with a reason and still creates the good ones", async () => {
    const { owner, org } = await orgWithOwner();
    const member = await createUser();
    await addMember(org.id, member, "member");
    const ok = uniqueEmail("ok");
    const { outcomes, counts } = await createInvitations(await actingAs(owner.id), {
      organizationId: org.id,
      send: false,
      invitees: [
        { email: ok },
        { email: "not an email" },
        { email: ok.toUpperCase() },
        { email: member.email },
        { email: uniqueEmail("r"), role: "superuser" },
        { email: uniqueEmail("t"), teamId: "no-such-team" },
      ],
    });
    expect(outcomes.map((o) => o.reason ?? o.status)).toEqual(["created", "invalid_email", "duplicate_in_request", "already_member", "unknown_role", "unknown_team"]);
    expect(counts).toMatchObject({ created: 1, skipped: 5, sent: 0 });
    expect(await prisma.invitation.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it("denies inviters without the right: plain members, owners of other orgs, unknown and banned users", async () => {
    const { org } = await orgWithOwner();
    const member = await createUser();
    await addMember(org.id, member, "member");
    const { owner: otherOwner } = await orgWithOwner();
    const banned = await createUser({ role: "admin", banned: true });
    const invitees = [{ email: uniqueEmail("denied") }];
    await expect(createInvitations(await actingAs(member.id), { organizationId: org.id, invitees })).rejects.toThrow(/may not invite/);
    await expect(createInvitations(await actingAs(otherOwner.id), { organizationId: org.id, invitees })).rejects.toThrow(/may not invite/);
    // Server code names the inviter; an unknown or banned one gets no actor to invite with.
    await expect(actingAs("nobody")).rejects.toThrow(/does not exist/);
    await expect(actingAs(banned.id)).rejects.toThrow(/banned/);
    await expect(createInvitations(await actingAs(otherOwner.id), { organizationId: "no-such-org", invitees })).rejects.toThrow(/does not exist/);
    expect(await prisma.invitation.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("lets support and admins invite anywhere; only owners and admins may invite an owner", async () => {
    const { org } = await orgWithOwner();
    const support = await createUser({ role: "support" });
    const admin = await createUser({ role: "admin" });
    const orgAdmin = await createUser();
    await addMember(org.id, orgAdmin, "admin");
    const res = await createInvitations(await actingAs(support.id), { organizationId: org.id, send: false, invitees: [{ email: uniqueEmail("s1") }, { email: uniqueEmail("s2"), role: "owner" }] });
    expect(res.outcomes.map((o) => o.reason ?? o.status)).toEqual(["created", "owner_requires_owner"]);
    const byOrgAdmin = await createInvitations(await actingAs(orgAdmin.id), { organizationId: org.id, send: false, invitees: [{ email: uniqueEmail("o"), role: "owner" }] });
    expect(byOrgAdmin.outcomes[0].reason).toBe("owner_requires_owner");
    const byAdmin = await createInvitations(await actingAs(admin.id), { organizationId: org.id, send: false, invitees: [{ email: uniqueEmail("o"), role: "owner" }] });
    expect(byAdmin.outcomes[0].status).toBe("created");
  });

  it("validates the request as a whole first: expiry bounds and empty lists change nothing", async () => {
    const { owner, org } = await orgWithOwner();
    const invitees = [{ email: uniqueEmail("bounds") }];
    await expect(createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees, expiresIn: 60 })).rejects.toThrow();
    await expect(createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees, expiresIn: 31 * 86400 })).rejects.toThrow();
    await expect(createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [] })).rejects.toThrow();
    expect(await prisma.invitation.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("a 500-invitee request is one transaction and mails in 5 batch calls", async () => {
    const { owner, org } = await orgWithOwner();
    const prefix = `bulk${Date.now()}`;
    const invitees = Array.from({ length: 500 }, (_, i) => ({ email: `${prefix}.${i}@example.test` }));
    const { counts } = await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees });
    expect(counts).toMatchObject({ created: 500, sent: 500 });
    expect((await listSinkBatches(prefix)).map((b) => b.size)).toEqual([100, 100, 100, 100, 100]);
    expect(await countSinkBatches(prefix)).toBe(500);
    // One transaction: every invitation carries the same transaction timestamp (now() is per transaction).
    const stamps = await prisma.invitation.groupBy({ by: ["createdAt"], where: { organizationId: org.id } });
    expect(stamps).toHaveLength(1);
  });

  it("concurrent requests for overlapping emails never create two pending invitations for one person", async () => {
    const { owner, org } = await orgWithOwner();
    const emails = Array.from({ length: 5 }, () => uniqueEmail("race"));
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        createInvitations(await actingAs(owner.id), { organizationId: org.id, send: false, invitees: emails.slice(i % 3).map((email) => ({ email })) }),
      ),
    );
    expect(results.flatMap((r) => r.outcomes).every((o) => o.status === "created" || o.status === "refreshed")).toBe(true);
    const rows = await prisma.invitation.groupBy({ by: ["email"], where: { organizationId: org.id, status: "pending" }, _count: { _all: true } });
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => (r._count as { _all: number })._all === 1)).toBe(true);
  });

  it("rolls everything back when a write fails midway", async () => {
    const { owner, org } = await orgWithOwner();
    // A trigger makes the INSERT fail for the second address only, after the first row was written.
    const emails = [uniqueEmail("rb1"), uniqueEmail("rb2")];
    await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION admit_test_fail() RETURNS trigger AS $$ BEGIN IF NEW.email = '${emails[1]}' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER admit_test_fail BEFORE INSERT ON public."invitation" FOR EACH ROW EXECUTE FUNCTION admit_test_fail()`);
    try {
      await expect(createInvitations(await actingAs(owner.id), { organizationId: org.id, send: false, invitees: emails.map((email) => ({ email })) })).rejects.toThrow();
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER admit_test_fail ON public."invitation"`);
    }
    expect(await prisma.invitation.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
