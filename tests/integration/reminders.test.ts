/**
 * Invitation reminders (lib/invitations/reminders.ts): off by default; on per organization or per campaign; one
 * reminder before expiry to people who have not answered, never two (also with sweeps running at once); none for
 * an invitation made inside its own window; suppressed addresses not mailed; on the invitation's history.
 */
import { describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { prisma } from "@/lib/db";
import { listSinkMessages } from "@/lib/dev/resend-sink/client";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { revokeInvitations } from "@/lib/invitations/manage-invitations";
import { sendInvitationReminders } from "@/lib/invitations/reminders";
import { setReminderHours } from "@/lib/organizations/settings";
import { addSuppressions } from "@/lib/suppressions/manage";
import { actorOf, addMember, createOrganization, createUser, uniqueEmail } from "@/tests/support/factories";

const HOUR = 3_600_000;

async function orgWithReminders(hours: 24 | 48 | 72 | null) {
  const owner = await createUser();
  const org = await createOrganization(owner);
  if (hours) await setReminderHours({ actor: await actorOf(owner) }, { organizationId: org.id, hours });
  return { owner, org, asOwner: await actingAs(owner.id) };
}
async function invite(asOwner: Awaited<ReturnType<typeof actingAs>>, organizationId: string, email: string, expiresIn = 7 * 86400) {
  const { outcomes } = await createInvitations(asOwner, { organizationId, invitees: [{ email }], expiresIn, send: false });
  return prisma.invitation.findUniqueOrThrow({ where: { id: outcomes[0].invitationId! } });
}
const reminders = (to: string) => listSinkMessages({ to }).then((m) => m.filter((x) => x.subject.startsWith("Reminder:")));

describe("invitation reminders", () => {
  it("off by default: nobody is reminded", async () => {
    const { org, asOwner } = await orgWithReminders(null);
    const inv = await invite(asOwner, org.id, uniqueEmail("nobody"));
    await sendInvitationReminders({ now: new Date(inv.expiresAt.getTime() - HOUR) });
    expect(await prisma.invitationReminder.count({ where: { invitationId: inv.id } })).toBe(0);
  });

  it("on for an organization: one reminder inside the window, to who has not answered, never a second", async () => {
    const { org, asOwner } = await orgWithReminders(24);
    const [waiting, revoked] = [uniqueEmail("waiting"), uniqueEmail("revoked")];
    const inv = await invite(asOwner, org.id, waiting);
    const gone = await invite(asOwner, org.id, revoked);
    await revokeInvitations(asOwner, [gone.id]);
    // Two days before expiry: not yet.
    await sendInvitationReminders({ now: new Date(inv.expiresAt.getTime() - 48 * HOUR) });
    expect(await reminders(waiting)).toHaveLength(0);
    // Inside the 24 hours: once, even when the sweep runs again and again, and twice at once.
    const inside = new Date(inv.expiresAt.getTime() - 23 * HOUR);
    await Promise.all([sendInvitationReminders({ now: inside }), sendInvitationReminders({ now: inside })]);
    await sendInvitationReminders({ now: new Date(inv.expiresAt.getTime() - HOUR) });
    const mail = await reminders(waiting);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe(`Reminder: your invitation to join ${org.name} expires soon`);
    expect(mail[0].html).toContain(`/invite/${inv.id}`);
    expect(await prisma.invitationReminder.findUniqueOrThrow({ where: { invitationId: inv.id } })).toMatchObject({ status: "sent", hoursBefore: 24, messageId: expect.any(String) });
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { targetId: inv.id, action: "invitation.reminded" } })).toMatchObject({ actorId: null, metadata: { hoursBefore: 24 } });
    expect(await reminders(revoked)).toHaveLength(0);
    // Renewing the invitation does not earn it a second reminder.
    await prisma.invitation.update({ where: { id: inv.id }, data: { expiresAt: new Date(inv.expiresAt.getTime() + 7 * 24 * HOUR) } });
    await sendInvitationReminders({ now: new Date(inv.expiresAt.getTime() + 6 * 24 * HOUR) });
    expect(await reminders(waiting)).toHaveLength(1);
  });

  it("an invitation made inside its own reminder window gets none", async () => {
    const { org, asOwner } = await orgWithReminders(48);
    const email = uniqueEmail("short");
    const inv = await invite(asOwner, org.id, email, 24 * 3600);
    await sendInvitationReminders({ now: new Date(inv.expiresAt.getTime() - HOUR) });
    expect(await reminders(email)).toHaveLength(0);
  });

  it("a campaign's reminder setting applies to its invitees; suppressed addresses are not mailed, and not retried", async () => {
    const { owner, org } = await orgWithReminders(null);
    const [fine, blocked] = [uniqueEmail("camp"), uniqueEmail("campblocked")];
    const { id } = await createCampaign(
      { actor: await actorOf(owner) },
      { organizationId: org.id, kind: "invitation", name: "Reminded", role: "member", expiresIn: 7 * 86400, subject: "Hi", message: "Hello", reminderHours: 72 },
      new TextEncoder().encode(`email,name\n${fine},F\n${blocked},B\n`),
    );
    process.env.CAMPAIGN_RPS = "0";
    expect((await sendCampaign(id, 60_000)).state).toBe("completed");
    await addSuppressions({ actor: await actorOf(await createUser({ role: "admin" })) }, { emails: [blocked] });
    const invitations = await prisma.invitation.findMany({ where: { organizationId: org.id }, orderBy: { email: "asc" } });
    await sendInvitationReminders({ now: new Date(invitations[0].expiresAt.getTime() - 71 * HOUR) });
    expect(await reminders(fine)).toHaveLength(1);
    expect(await reminders(blocked)).toHaveLength(0);
    const byEmail = Object.fromEntries(
      await Promise.all(invitations.map(async (i) => [i.email, await prisma.invitationReminder.findUniqueOrThrow({ where: { invitationId: i.id } })] as const)),
    );
    expect(byEmail[fine]).toMatchObject({ status: "sent", campaignId: id, hoursBefore: 72 });
    expect(byEmail[blocked]).toMatchObject({ status: "suppressed", campaignId: id });
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { targetLabel: blocked, action: "invitation.reminder_failed" } })).toMatchObject({ metadata: { suppressed: true } });
  });

  it("organization owners and admins, and platform admins, change the setting; it is audited; only the offered hours", async () => {
    const { owner, org } = await orgWithReminders(null);
    const orgAdmin = await createUser();
    const member = await createUser();
    await addMember(org.id, orgAdmin, "admin");
    await addMember(org.id, member, "member");
    await setReminderHours({ actor: await actorOf(orgAdmin) }, { organizationId: org.id, hours: 48 });
    for (const who of [member, await createUser({ role: "support" })]) {
      await expect(setReminderHours({ actor: await actorOf(who) }, { organizationId: org.id, hours: 24 })).rejects.toMatchObject({ status: 403 });
    }
    await expect(setReminderHours({ actor: await actorOf(owner) }, { organizationId: org.id, hours: 12 as 24 })).rejects.toThrow("Reminders go 24, 48, 72 hours before expiry");
    await setReminderHours({ actor: await actorOf(await createUser({ role: "admin" })) }, { organizationId: org.id, hours: null });
    const events = await prisma.auditEvent.findMany({ where: { organizationId: org.id, action: "organization.reminders_changed" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.metadata)).toEqual([
      { from: null, to: 48 },
      { from: 48, to: null },
    ]);
  });
});
