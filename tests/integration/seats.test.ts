/**
 * Seat limits (lib/organizations/seats.ts): members plus pending invitations never exceed an organization's
 * seats, whichever path adds people — invitations, pre-accepted members, campaigns, better-auth's own
 * endpoints — and concurrent requests cannot overbook; accepting an invitation takes no new seat.
 */
import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { auth } from "@/lib/auth";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { prisma } from "@/lib/db";
import { acceptInvitationForUser } from "@/lib/invitations/accept";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { addMembers } from "@/lib/memberships/add-members";
import { getOrganization } from "@/lib/organizations/queries";
import { seatUsage, setSeatLimit } from "@/lib/organizations/seats";
import { SEAT_LIMIT_TEXT } from "@/lib/people";
import { actorOf, createOrganization, createUser, signInCookie, uniqueEmail } from "@/tests/support/factories";

async function orgWithSeats(seats: number | null) {
  const admin = await createUser({ role: "admin" });
  const owner = await createUser();
  const org = await createOrganization(owner);
  await setSeatLimit({ actor: await actorOf(admin) }, { organizationId: org.id, seats });
  return { admin, owner, org, asOwner: await actingAs(owner.id) };
}
const reasons = (outcomes: { status: string; reason?: string }[]) => outcomes.map((o) => o.reason ?? o.status);

describe("seat limits", () => {
  it("invitations stop at the limit with a reason per person; the page shows the seats; the change is audited", async () => {
    const { admin, org, asOwner } = await orgWithSeats(3);
    const { outcomes } = await createInvitations(asOwner, { organizationId: org.id, invitees: [1, 2, 3].map(() => ({ email: uniqueEmail("seat") })), send: false });
    expect(reasons(outcomes)).toEqual(["created", "created", "seat_limit"]);
    const page = await getOrganization(await actorOf(admin), org.id);
    expect(page.seats).toEqual({ limit: 3, members: 1, pending: 2, used: 3, left: 0 });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "organization.seats_changed" } });
    expect(event).toMatchObject({ actorId: admin.id, metadata: { from: null, to: 3 } });
    // Re-inviting a pending person takes no new seat.
    const again = await createInvitations(asOwner, { organizationId: org.id, invitees: [{ email: outcomes[0].email }], send: false });
    expect(reasons(again.outcomes)).toEqual(["refreshed"]);
  });

  it("adding members: a person whose pending invitation is superseded needs no new seat, a new one does", async () => {
    const { org, asOwner } = await orgWithSeats(2);
    const invited = uniqueEmail("held");
    await createInvitations(asOwner, { organizationId: org.id, invitees: [{ email: invited }], send: false });
    const outcomes = await addMembers(asOwner, { organizationId: org.id, people: [{ email: uniqueEmail("new") }, { email: invited }] });
    expect(reasons(outcomes)).toEqual(["seat_limit", "added"]);
    expect(await seatUsage(org.id)).toMatchObject({ members: 2, pending: 0, used: 2 });
  });

  it("an expired invitation holds no seat; refreshing it takes one again", async () => {
    const { admin, org, asOwner } = await orgWithSeats(2);
    const lapsed = uniqueEmail("lapsed");
    await createInvitations(asOwner, { organizationId: org.id, invitees: [{ email: lapsed }], send: false });
    await prisma.invitation.updateMany({ where: { organizationId: org.id, email: lapsed }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await createInvitations(asOwner, { organizationId: org.id, invitees: [{ email: uniqueEmail("fills") }], send: false });
    expect(reasons((await createInvitations(asOwner, { organizationId: org.id, invitees: [{ email: lapsed }], send: false })).outcomes)).toEqual(["seat_limit"]);
    await setSeatLimit({ actor: await actorOf(admin) }, { organizationId: org.id, seats: 3 });
    expect(reasons((await createInvitations(asOwner, { organizationId: org.id, invitees: [{ email: lapsed }], send: false })).outcomes)).toEqual(["refreshed"]);
    expect(await seatUsage(org.id)).toMatchObject({ used: 3, left: 0 });
  });

  it("concurrent invitations and additions never overbook", async () => {
    const { org, asOwner } = await orgWithSeats(10);
    const batch = (n: number) => Array.from({ length: n }, () => ({ email: uniqueEmail("race") }));
    await Promise.all([
      ...[1, 2, 3].map(() => createInvitations(asOwner, { organizationId: org.id, invitees: batch(4), send: false })),
      ...[1, 2, 3].map(() => addMembers(asOwner, { organizationId: org.id, people: batch(3) })),
    ]);
    expect(await seatUsage(org.id)).toMatchObject({ used: 10, left: 0 });
  });

  it("campaign recipients past the limit are skipped with the reason", async () => {
    const { org, owner } = await orgWithSeats(3);
    const lines = Array.from({ length: 4 }, (_, i) => `${uniqueEmail(`camp${i}`)},P${i}`);
    const { id } = await createCampaign({ actor: await actorOf(owner) }, { organizationId: org.id, kind: "invitation", name: "Seats", role: "member", expiresIn: 86400, subject: "Hi", message: "Hello" }, new TextEncoder().encode(["email,name", ...lines].join("\n")));
    expect((await sendCampaign(id, 60_000)).state).toBe("completed");
    const recipients = await prisma.campaignRecipient.findMany({ where: { campaignId: id }, orderBy: { row: "asc" }, select: { status: true, error: true } });
    expect(recipients.filter((r) => r.status === "skipped")).toEqual([{ status: "skipped", error: SEAT_LIMIT_TEXT }, { status: "skipped", error: SEAT_LIMIT_TEXT }]);
    expect(await seatUsage(org.id)).toMatchObject({ used: 3 });
  });

  it("better-auth's own endpoints keep to the seats; accepting an invitation takes no new seat", async () => {
    const { org, owner, asOwner } = await orgWithSeats(2);
    const invitee = await createUser();
    await createInvitations(asOwner, { organizationId: org.id, invitees: [{ email: invitee.email }], send: false });
    const headers = new Headers({ cookie: await signInCookie(owner.email) });
    await expect(auth.api.createInvitation({ headers, body: { email: uniqueEmail("stock"), role: "member", organizationId: org.id } })).rejects.toMatchObject({ body: { code: "SEAT_LIMIT_REACHED" } });
    // Someone who may not invite there learns nothing of its seats: the endpoint's own refusal.
    const stranger = new Headers({ cookie: await signInCookie((await createUser()).email) });
    await expect(auth.api.createInvitation({ headers: stranger, body: { email: uniqueEmail("stock"), role: "member", organizationId: org.id } })).rejects.not.toMatchObject({ body: { code: "SEAT_LIMIT_REACHED" } });
    await expect(auth.api.createInvitation({ headers: new Headers(), body: { email: uniqueEmail("stock"), role: "member", organizationId: org.id } })).rejects.not.toMatchObject({ body: { code: "SEAT_LIMIT_REACHED" } });
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { organizationId: org.id, email: invitee.email } });
    await acceptInvitationForUser(invitation.id, invitee);
    expect(await seatUsage(org.id)).toMatchObject({ members: 2, pending: 0, used: 2 });
    // Without a limit, the same calls go through.
    await prisma.organizationSettings.update({ where: { organizationId: org.id }, data: { seatLimit: null } });
    await expect(auth.api.createInvitation({ headers, body: { email: uniqueEmail("stock"), role: "member", organizationId: org.id } })).resolves.toMatchObject({ organizationId: org.id });
  });

  it("only platform admins set seats, to a whole number or none", async () => {
    const { admin, owner, org } = await orgWithSeats(null);
    for (const who of [owner, await createUser({ role: "support" })]) {
      await expect(setSeatLimit({ actor: await actorOf(who) }, { organizationId: org.id, seats: 100 })).rejects.toMatchObject({ status: 403 });
    }
    const ctx = { actor: await actorOf(admin) };
    await expect(setSeatLimit(ctx, { organizationId: org.id, seats: -1 })).rejects.toThrow("Seats cannot be negative.");
    await expect(setSeatLimit(ctx, { organizationId: org.id, seats: 2.5 })).rejects.toThrow("whole number");
    await expect(setSeatLimit(ctx, { organizationId: "no-such-org", seats: 5 })).rejects.toMatchObject({ status: 404 });
    expect(await seatUsage(org.id)).toMatchObject({ limit: null, left: null });
  });
});
