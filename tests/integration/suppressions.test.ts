/**
 * The suppression list (lib/email/suppression.ts, lib/suppressions/): a hard bounce or a complaint from Resend
 * puts the address on it; nothing Admit sends reaches it afterwards (the one send path drops it; invitations,
 * campaigns and staff-sent links say so) except a sign-in link the person asked for; an admin clears it. A
 * campaign whose bounce rate passes the threshold pauses itself and says why.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCampaign, previewCampaign } from "@/lib/campaigns/create-campaign";
import { controlCampaign } from "@/lib/campaigns/manage-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { prisma } from "@/lib/db";
import { listSinkMessages } from "@/lib/dev/resend-sink/client";
import { sendEmail, sendEmailBatch } from "@/lib/email/send";
import { SUPPRESSED_TEXT } from "@/lib/email/suppression";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { addSuppressions, clearSuppressions } from "@/lib/suppressions/manage";
import { listSuppressions } from "@/lib/suppressions/queries";
import { actorOf, createOrganization, createUser, uniqueEmail } from "@/tests/support/factories";
import { postResendEvent, resendWebhooksForThisFile } from "@/tests/support/resend-events";

const SECRET = resendWebhooksForThisFile("suppression");

const resendEvent = (body: object) => postResendEvent(SECRET, body);
const csv = (emails: string[]) => new TextEncoder().encode(["email,name", ...emails.map((e) => `${e},P`)].join("\n"));
const settings = (organizationId: string) => ({ organizationId, kind: "invitation" as const, name: "Spring", role: "member" as const, expiresIn: 86400, subject: "Hi", message: "Hello" });

async function sentCampaign(n: number) {
  const owner = await createUser();
  const org = await createOrganization(owner);
  const ctx = { actor: await actorOf(owner) };
  const emails = Array.from({ length: n }, (_, i) => uniqueEmail(`c${i}`));
  const { id } = await createCampaign(ctx, settings(org.id), csv(emails));
  expect((await sendCampaign(id, 60_000)).state).toBe("completed");
  const recipients = await prisma.campaignRecipient.findMany({ where: { campaignId: id }, orderBy: { row: "asc" } });
  return { id, ctx, org, recipients };
}

describe("suppression list", () => {
  it("a bounce or a complaint suppresses the address, with its reason and source, audited", async () => {
    const { id, recipients } = await sentCampaign(2);
    const [a, b] = recipients;
    expect((await resendEvent({ type: "email.bounced", data: { email_id: a.messageId, to: [a.email.toUpperCase()], bounce: { message: "Mailbox does not exist", type: "Permanent" } } })).status).toBe(200);
    expect((await resendEvent({ type: "email.complained", data: { email_id: b.messageId, to: [`Person <${b.email}>`] } })).status).toBe(200);
    const rows = await prisma.emailSuppression.findMany({ where: { email: { in: [a.email, b.email] } }, orderBy: { reason: "asc" } });
    expect(rows).toMatchObject([
      { email: a.email, reason: "bounced", detail: "Mailbox does not exist", campaignId: id, messageId: a.messageId },
      { email: b.email, reason: "complained", campaignId: id },
    ]);
    expect(await prisma.auditEvent.count({ where: { action: "email.suppressed", targetId: { in: [a.email, b.email] } } })).toBe(2);
    // The same bounce again changes nothing and audits nothing more.
    await resendEvent({ type: "email.bounced", data: { email_id: a.messageId, to: [a.email] } });
    expect(await prisma.auditEvent.count({ where: { action: "email.suppressed", targetId: a.email } })).toBe(1);
  });

  it("nothing is sent to a suppressed address: the send path drops it, invitations say so; a sign-in link the person asked for still goes", async () => {
    const [blocked, fine] = [uniqueEmail("blocked"), uniqueEmail("fine")];
    const admin = await createUser({ role: "admin" });
    await addSuppressions({ actor: await actorOf(admin) }, { emails: [blocked] });
    const message = (to: string) => ({ to, subject: "Hello", html: "<p>Hi</p>", text: "Hi" });
    const results = await sendEmailBatch([message(blocked), message(fine)], { permissive: true });
    expect(results).toEqual([{ to: blocked, error: SUPPRESSED_TEXT, suppressed: true }, { to: fine, id: expect.any(String) }]);
    expect(await sendEmail(message(blocked.toUpperCase()))).toMatchObject({ suppressed: true });
    expect(await listSinkMessages({ to: blocked })).toHaveLength(0);
    expect(await sendEmail(message(blocked), { requestedByRecipient: true })).toMatchObject({ id: expect.any(String) });

    const owner = await createUser();
    const org = await createOrganization(owner);
    const { outcomes } = await createInvitations({ actor: await actorOf(owner) }, { organizationId: org.id, invitees: [{ email: blocked }, { email: fine }] });
    expect(outcomes.map((o) => [o.status, o.sent, o.suppressed ?? false])).toEqual([
      ["created", false, true],
      ["created", true, false],
    ]);
    const failed = await prisma.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "invitation.send_failed" } });
    expect(failed).toMatchObject({ targetLabel: blocked, metadata: { suppressed: true } });
  });

  it("campaigns: the preview marks suppressed rows, and sending skips them without inviting them", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const ctx = { actor: await actorOf(owner) };
    const [blocked, fine] = [uniqueEmail("cblocked"), uniqueEmail("cfine")];
    await addSuppressions({ actor: await actorOf(await createUser({ role: "admin" })) }, { emails: [blocked] });
    const preview = await previewCampaign(ctx, settings(org.id), csv([blocked, fine]));
    expect(preview.rows.map((r) => r.outcome)).toEqual(["suppressed", "valid"]);
    // Started anyway from rows (an address suppressed between preview and send is caught when sending).
    await prisma.emailSuppression.delete({ where: { email: blocked } });
    const { id } = await createCampaign(ctx, settings(org.id), csv([blocked, fine]));
    await addSuppressions({ actor: await actorOf(await createUser({ role: "admin" })) }, { emails: [blocked] });
    expect((await sendCampaign(id, 60_000)).state).toBe("completed");
    const recipients = await prisma.campaignRecipient.findMany({ where: { campaignId: id }, orderBy: { row: "asc" }, select: { email: true, status: true, error: true } });
    expect(recipients).toEqual([
      { email: blocked, status: "skipped", error: SUPPRESSED_TEXT },
      { email: fine, status: "sent", error: null },
    ]);
    expect(await prisma.invitation.count({ where: { organizationId: org.id, email: blocked } })).toBe(0);
    expect(await listSinkMessages({ to: blocked })).toHaveLength(0);
  });

  it("a campaign whose bounce rate passes the threshold pauses itself and says why; once resumed it does not again", async () => {
    const { id, ctx, recipients } = await sentCampaign(25);
    // As if still sending (the rest of a long list waiting): the sender finished these 25 synchronously.
    await prisma.campaign.update({ where: { id }, data: { status: "sending" } });
    await resendEvent({ type: "email.bounced", data: { email_id: recipients[0].messageId, to: [recipients[0].email] } });
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("sending"); // 1 of 25: 4 %
    await resendEvent({ type: "email.bounced", data: { email_id: recipients[1].messageId, to: [recipients[1].email] } });
    const paused = await prisma.campaign.findUniqueOrThrow({ where: { id } });
    expect(paused).toMatchObject({ status: "paused", pausedReason: expect.stringContaining("2 of 25 messages sent bounced or were marked as spam (8%, above the 5% threshold)") });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "campaign.pause" } });
    expect(event).toMatchObject({ actorId: null, metadata: { automatic: true, bounced: 2, sent: 25, threshold: 5 } });

    await controlCampaign(ctx, id, "resume");
    expect(await prisma.campaign.findUniqueOrThrow({ where: { id } })).toMatchObject({ pausedReason: null, ignoreBounceRate: true });
    await prisma.campaign.update({ where: { id }, data: { status: "sending" } });
    await resendEvent({ type: "email.complained", data: { email_id: recipients[2].messageId, to: [recipients[2].email] } });
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("sending");
  });

  it("too few messages to judge: no pause below 20 sent", async () => {
    const { id, recipients } = await sentCampaign(5);
    await prisma.campaign.update({ where: { id }, data: { status: "sending" } });
    for (const r of recipients.slice(0, 4)) await resendEvent({ type: "email.bounced", data: { email_id: r.messageId, to: [r.email] } });
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("sending");
  });

  it("admins add and clear addresses with an outcome each; support reads the list; nobody else", async () => {
    const admin = { actor: await actorOf(await createUser({ role: "admin" })) };
    const support = { actor: await actorOf(await createUser({ role: "support" })) };
    const owner = { actor: await actorOf(await createUser()) };
    const tag = randomUUID().slice(0, 8);
    const [x, y] = [`x.${tag}@example.test`, `y.${tag}@example.test`];
    const added = await addSuppressions(admin, { emails: [x, "not an address", x.toUpperCase()], note: "Asked not to be contacted" });
    expect(added.map((o) => o.status)).toEqual(["added", "invalid_email", "added"]);
    expect((await addSuppressions(admin, { emails: [x] }))[0].status).toBe("already_listed");
    await expect(addSuppressions(support, { emails: [y] })).rejects.toMatchObject({ status: 403 });
    await expect(clearSuppressions(support, { emails: [x] })).rejects.toMatchObject({ status: 403 });

    const list = await listSuppressions(support.actor, { q: tag });
    expect(list.rows).toEqual([expect.objectContaining({ email: x, reason: "manual", detail: "Asked not to be contacted", addedBy: admin.actor.email })]);
    await expect(listSuppressions(owner.actor, {})).rejects.toMatchObject({ status: 403 });

    expect(await clearSuppressions(admin, { emails: [x, y] })).toEqual([
      { email: x, status: "cleared" },
      { email: y, status: "not_listed" },
    ]);
    expect(await prisma.emailSuppression.count({ where: { email: x } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: { in: ["email.suppressed", "email.unsuppressed"] }, targetId: x } })).toBe(2);
  });
  it("the list: newest first or by address, filtered by reason, with the campaign that caused each, wildcards taken literally", async () => {
    const support = await actorOf(await createUser({ role: "support" }));
    const { id: campaignId } = await sentCampaign(1);
    const campaignName = (await prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).name;
    const tag = randomUUID().slice(0, 8);
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    await prisma.emailSuppression.createMany({
      data: [
        { email: `a.${tag}@example.test`, reason: "bounced", campaignId, createdAt: at(3) },
        { email: `c.${tag}@example.test`, reason: "complained", campaignId: "gone", createdAt: at(2) },
        { email: `b.${tag}@example.test`, reason: "manual", createdByEmail: "admin@example.test", createdAt: at(1) },
      ],
    });
    const list = (params: Record<string, string> = {}) => listSuppressions(support, { q: tag, ...params });
    const page = await list();
    expect(page.rows.map((r) => [r.email.split(".")[0], r.reason, r.campaign?.name ?? null, r.addedBy])).toEqual([
      ["b", "manual", null, "admin@example.test"],
      ["c", "complained", "deleted campaign", null],
      ["a", "bounced", campaignName, null],
    ]);
    expect(page.rows[2]).toMatchObject({ id: `a.${tag}@example.test`, campaign: { id: campaignId }, createdAt: expect.stringMatching(/Z$/) });
    expect((await list({ sort: "email.asc" })).rows.map((r) => r.email[0])).toEqual(["a", "b", "c"]);
    expect((await list({ reason: "bounced,complained" })).rows.map((r) => r.email[0])).toEqual(["c", "a"]);
    expect((await listSuppressions(support, { q: ` A.${tag.toUpperCase()} ` })).rows.map((r) => r.email[0])).toEqual(["a"]);
    expect((await listSuppressions(support, { q: `_.${tag}` })).rows).toEqual([]);
    const past = await list({ perPage: "10", page: "5" });
    expect([past.rows, past.rowCount]).toEqual([[], 3]);
    expect(page.reasonCounts.manual).toBeGreaterThanOrEqual(1);
  });
});
