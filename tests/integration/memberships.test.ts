import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { prisma } from "@/lib/db";
import { findLink, listSinkMessages } from "@/lib/dev/resend-sink/client";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { addMembers } from "@/lib/memberships/add-members";
import { changeMemberRole, removeMember } from "@/lib/memberships/manage-members";
import { actorOf, addMember, createOrganization, createUser, signInCookie, uniqueEmail } from "@/tests/support/factories";

async function orgWithTeam() {
  const owner = await createUser();
  const org = await createOrganization(owner);
  const team = await prisma.team.create({ data: { id: `team-${Date.now()}-${Math.random()}`, name: "Core", organizationId: org.id, memberCount: 0, createdAt: new Date() } });
  return { owner, org, team };
}

describe("pre-accepted membership", () => {
  it("adds existing and new people with a role and team; new ones get a verified, passwordless account and a welcome link", async () => {
    const { owner, org, team } = await orgWithTeam();
    const existing = await createUser();
    const fresh = uniqueEmail("fresh");
    const outcomes = await addMembers(await actingAs(owner.id), {
      organizationId: org.id,
      people: [
        { email: existing.email, role: "admin", teamId: team.id },
        { email: fresh.toUpperCase(), teamId: team.id },
        { email: "nope" },
      ],
      sendWelcome: true,
    });
    expect(outcomes.map((o) => o.reason ?? o.status)).toEqual(["added", "added", "invalid_email"]);
    expect(outcomes[1]).toMatchObject({ createdUser: true, welcomeSent: true });
    const freshUser = await prisma.user.findUniqueOrThrow({ where: { email: fresh }, include: { accounts: true } });
    expect(freshUser).toMatchObject({ emailVerified: true, role: "user" });
    expect(freshUser.accounts).toHaveLength(0);
    const members = await prisma.member.findMany({ where: { organizationId: org.id }, select: { userId: true, role: true } });
    expect(members).toEqual(expect.arrayContaining([{ userId: existing.id, role: "admin" }, { userId: freshUser.id, role: "member" }]));
    expect((await prisma.team.findUniqueOrThrow({ where: { id: team.id } })).memberCount).toBe(2);
    const [mail] = await listSinkMessages({ to: fresh });
    expect(mail.subject).toMatch(/Welcome/);
    expect(findLink(mail, "/link/")).toBeDefined();
    expect(await listSinkMessages({ to: existing.email })).toHaveLength(0);
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: "member.added" } })).toBe(2);
  });

  it("reports people who are already members and supersedes their pending invitation", async () => {
    const { owner, org } = await orgWithTeam();
    const email = uniqueEmail("pending");
    await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email }], send: false });
    const first = await addMembers(await actingAs(owner.id), { organizationId: org.id, people: [{ email }] });
    expect(first[0].status).toBe("added");
    expect((await prisma.invitation.findFirstOrThrow({ where: { organizationId: org.id, email } })).status).toBe("canceled");
    const again = await addMembers(await actingAs(owner.id), { organizationId: org.id, people: [{ email }] });
    expect(again[0]).toMatchObject({ status: "skipped", reason: "already_member" });
  });

  it("denies people without member:create and keeps owner rules", async () => {
    const { org } = await orgWithTeam();
    const member = await createUser();
    await addMember(org.id, member, "member");
    const orgAdmin = await createUser();
    await addMember(org.id, orgAdmin, "admin");
    await expect(addMembers(await actingAs(member.id), { organizationId: org.id, people: [{ email: uniqueEmail("x") }] })).rejects.toMatchObject({ status: 403 });
    const byAdmin = await addMembers(await actingAs(orgAdmin.id), { organizationId: org.id, people: [{ email: uniqueEmail("o"), role: "owner" }] });
    expect(byAdmin[0].reason).toBe("owner_requires_owner");
    const support = await createUser({ role: "support" });
    expect((await addMembers(await actingAs(support.id), { organizationId: org.id, people: [{ email: uniqueEmail("s") }] }))[0].status).toBe("added");
  });

  it("role changes and removal respect the owner rules and never drop the last owner", async () => {
    const { owner, org } = await orgWithTeam();
    const orgAdmin = await createUser();
    await addMember(org.id, orgAdmin, "admin");
    const member = await createUser();
    await addMember(org.id, member, "member");
    const ownerMember = await prisma.member.findFirstOrThrow({ where: { organizationId: org.id, userId: owner.id } });
    const memberRow = await prisma.member.findFirstOrThrow({ where: { organizationId: org.id, userId: member.id } });

    await expect(changeMemberRole({ actor: await actorOf(orgAdmin) }, memberRow.id, "owner")).rejects.toMatchObject({ status: 403 });
    await expect(changeMemberRole({ actor: await actorOf(orgAdmin) }, ownerMember.id, "member")).rejects.toMatchObject({ status: 403 });
    await expect(changeMemberRole({ actor: await actorOf(owner) }, ownerMember.id, "member")).rejects.toMatchObject({ status: 409 });
    await expect(removeMember({ actor: await actorOf(owner) }, ownerMember.id)).rejects.toMatchObject({ status: 409 });
    await expect(changeMemberRole({ actor: await actorOf(member) }, memberRow.id, "admin")).rejects.toMatchObject({ status: 403 });

    await changeMemberRole({ actor: await actorOf(orgAdmin) }, memberRow.id, "admin");
    expect((await prisma.member.findUniqueOrThrow({ where: { id: memberRow.id } })).role).toBe("admin");
    await removeMember({ actor: await actorOf(orgAdmin) }, memberRow.id);
    expect(await prisma.member.findUnique({ where: { id: memberRow.id } })).toBeNull();
    const audit = await prisma.auditEvent.findMany({ where: { organizationId: org.id, action: { in: ["member.role_changed", "member.removed"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["member.removed", "member.role_changed"]);
  });
});

describe("team memberships Admit writes directly", () => {
  it("carry the same membershipKey better-auth stores for the same pair (a changed formula fails here, not silently)", async () => {
    const { auth } = await import("@/lib/auth");
    const { teamMembershipKey } = await import("@/lib/memberships/team-members");
    const { owner, org, team } = await orgWithTeam();
    const person = await createUser();
    await addMember(org.id, person, "member");
    const res = await auth.handler(
      new Request("http://localhost:3000/api/auth/organization/add-team-member", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie: await signInCookie(owner.email) },
        body: JSON.stringify({ teamId: team.id, userId: person.id, organizationId: org.id }),
      }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const row = await prisma.teamMember.findFirstOrThrow({ where: { teamId: team.id, userId: person.id } });
    expect(row.membershipKey).toBe(teamMembershipKey(team.id, person.id));
  });
});
