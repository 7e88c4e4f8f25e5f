import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/db";
import { listSinkMessages } from "@/lib/dev/resend-sink/client";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { resendInvitations, revokeInvitations } from "@/lib/invitations/manage-invitations";
import { actorOf, createOrganization, createUser, signInCookie, uniqueEmail } from "@/tests/support/factories";

async function setup(n = 2) {
  const owner = await createUser();
  const org = await createOrganization(owner);
  const emails = Array.from({ length: n }, () => uniqueEmail("m"));
  const { outcomes } = await createInvitations(await actingAs(owner.id), { organizationId: org.id, send: false, invitees: emails.map((email) => ({ email })) });
  return { owner, org, emails, ids: outcomes.map((o) => o.invitationId!) };
}

describe("revoke and resend", () => {
  it("revokes pending invitations atomically and refuses non-pending ones without changing them", async () => {
    const { owner, ids, org } = await setup(3);
    await prisma.invitation.update({ where: { id: ids[2] }, data: { status: "accepted" } });
    const outcomes = await revokeInvitations({ actor: await actorOf(owner) }, ids);
    expect(outcomes.map((o) => o.status)).toEqual(["revoked", "revoked", "skipped"]);
    expect(outcomes[2].reason).toMatch(/accepted/);
    const rows = await prisma.invitation.findMany({ where: { organizationId: org.id }, orderBy: { id: "asc" } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [ids[0]]: "canceled", [ids[1]]: "canceled", [ids[2]]: "accepted" });
    expect(await prisma.auditEvent.count({ where: { action: "invitation.revoked", organizationId: org.id } })).toBe(2);
    // Revoking again changes nothing and records nothing.
    const again = await revokeInvitations({ actor: await actorOf(owner) }, [ids[0]]);
    expect(again[0].status).toBe("skipped");
    expect(await prisma.auditEvent.count({ where: { action: "invitation.revoked", organizationId: org.id } })).toBe(2);
  });

  it("support may revoke only their own invitations; a mixed request is refused whole", async () => {
    const { ids: othersIds, org } = await setup(1);
    const support = await createUser({ role: "support" });
    const own = await createInvitations(await actingAs(support.id), { organizationId: org.id, send: false, invitees: [{ email: uniqueEmail("own") }] });
    const ownId = own.outcomes[0].invitationId!;
    await expect(revokeInvitations({ actor: await actorOf(support) }, [ownId, othersIds[0]])).rejects.toMatchObject({ status: 403 });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: ownId } })).status).toBe("pending");
    expect((await revokeInvitations({ actor: await actorOf(support) }, [ownId]))[0].status).toBe("revoked");
  });

  it("owners of another organization and plain users cannot touch the invitations", async () => {
    const { ids } = await setup(1);
    const stranger = await createUser();
    const otherOwner = await createUser();
    await createOrganization(otherOwner);
    for (const actor of [await actorOf(stranger), await actorOf(otherOwner)]) {
      await expect(revokeInvitations({ actor }, ids)).rejects.toMatchObject({ status: 403 });
      await expect(resendInvitations({ actor }, ids)).rejects.toMatchObject({ status: 403 });
    }
    await expect(revokeInvitations({ actor: null }, ids)).rejects.toMatchObject({ status: 401 });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("pending");
  });

  it("resend renews expired invitations with the same link and mails them again", async () => {
    const { owner, ids, emails } = await setup(1);
    await prisma.invitation.update({ where: { id: ids[0] }, data: { expiresAt: new Date(Date.now() - 3600e3) } });
    const [outcome] = await resendInvitations({ actor: await actorOf(owner) }, ids, 2 * 86400);
    expect(outcome.status).toBe("resent");
    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(row.status).toBe("pending");
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 1.9 * 86400e3);
    const [mail] = await listSinkMessages({ to: emails[0] });
    expect(mail.html).toContain(`/invite/${ids[0]}`);
  });
});

describe("accepting", () => {
  it("the invitee signed in with the invited email accepts through better-auth and becomes a member", async () => {
    const { org, emails, ids } = await setup(1);
    const invitee = await createUser({ email: emails[0] });
    const cookie = await signInCookie(invitee.email);
    await auth.api.acceptInvitation({ body: { invitationId: ids[0] }, headers: new Headers({ cookie }) });
    expect(await prisma.member.findFirst({ where: { organizationId: org.id, userId: invitee.id } })).toMatchObject({ role: "member" });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("accepted");
  });

  it("someone signed in with another email cannot accept", async () => {
    const { ids } = await setup(1);
    const other = await createUser();
    const cookie = await signInCookie(other.email);
    await expect(auth.api.acceptInvitation({ body: { invitationId: ids[0] }, headers: new Headers({ cookie }) })).rejects.toThrow();
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: ids[0] } })).status).toBe("pending");
  });

  it("a magic link creates an account only for an invited address", async () => {
    const { emails } = await setup(1);
    const stranger = uniqueEmail("stranger");
    const request = (email: string) =>
      auth.handler(
        new Request("http://localhost:3000/api/auth/sign-in/magic-link", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": `127.3.${Math.floor(Math.random() * 250)}.1` },
          body: JSON.stringify({ email, callbackURL: "/welcome" }),
        }),
      );
    await request(emails[0]);
    await request(stranger);
    expect(await listSinkMessages({ to: emails[0] })).toHaveLength(1);
    expect(await listSinkMessages({ to: stranger })).toHaveLength(0);
  });
});
