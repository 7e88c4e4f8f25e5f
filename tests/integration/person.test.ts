/**
 * A person's page (lib/users/queries.ts#getPerson): everything about one person for platform staff, no session
 * token, the audit timeline as actor and as target; refused to anyone else.
 */
import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { prisma } from "@/lib/db";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { issueSignInLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { getPerson } from "@/lib/users/queries";
import { actorOf, addMember, createOrganization, createUser, signInCookie } from "@/tests/support/factories";

describe("getPerson", () => {
  it("shows a person's organizations, sessions, invitations, links and timeline to platform staff", async () => {
    const admin = await createUser({ role: "admin" });
    const support = await createUser({ role: "support" });
    const person = await createUser({ name: "Pat Person" });
    const owner = await createUser();
    const org = await createOrganization(owner);
    const other = await createOrganization(owner);
    await addMember(org.id, person, "admin");
    await signInCookie(person.email);
    await createInvitations(await actingAs(owner.id), { organizationId: other.id, invitees: [{ email: person.email }], send: false });
    await issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients: [{ email: person.email }] });
    await prisma.user.update({ where: { id: person.id }, data: { banned: true, banReason: "spam", banExpires: new Date(Date.now() + 86_400_000) } });

    const view = await getPerson(await actorOf(support), person.id);
    expect(view.user).toMatchObject({ id: person.id, name: "Pat Person", role: "user", bannedNow: true, banReason: "spam" });
    expect(view.memberships.map((m) => [m.organization.id, m.role])).toEqual([[org.id, "admin"]]);
    expect(view.sessions).toHaveLength(1);
    expect(view.sessions[0]).toMatchObject({ impersonatedBy: null });
    expect(JSON.stringify(view)).not.toMatch(/token/i);
    expect(view.invitations.map((i) => [i.organization, i.status])).toEqual([[other.name, "pending"]]);
    expect(view.links.map((l) => [l.purpose, l.status, l.issuerEmail])).toEqual([["sign-in", "unused", admin.email]]);
    const actions = view.timeline.map((e) => [e.action, e.as]);
    expect(actions).toContainEqual(["invitation.created", "target"]);
    expect(actions).toContainEqual(["signInLink.issued", "target"]);
  });

  it("is for platform staff only, and says not found for an unknown id", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const member = await createUser();
    await addMember(org.id, member, "member");
    await expect(getPerson(await actorOf(owner), member.id)).rejects.toMatchObject({ status: 403 });
    await expect(getPerson(null, member.id)).rejects.toMatchObject({ status: 401 });
    await expect(getPerson(await actorOf(await createUser({ role: "admin" })), "no-such-user")).rejects.toMatchObject({ status: 404 });
  });
});
