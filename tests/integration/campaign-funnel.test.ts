/**
 * A campaign's funnel (lib/campaigns/funnel.ts): sent, delivered, opened, clicked, accepted, expired, bounced —
 * from Resend's webhooks and from what became of each invitation and link; each stage filters the recipients,
 * and the export carries every recipient's stages.
 */
import { describe, expect, it } from "vitest";
import { GET as exportRecipients } from "@/app/(console)/campaigns/[id]/export/route";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { getCampaignFunnel, listRecipients } from "@/lib/campaigns/queries";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { prisma } from "@/lib/db";
import { acceptInvitationForUser } from "@/lib/invitations/accept";
import { actorOf, createOrganization, createUser, signInCookie, uniqueEmail } from "@/tests/support/factories";
import { postResendEvent, resendWebhooksForThisFile } from "@/tests/support/resend-events";

const SECRET = resendWebhooksForThisFile("funnel");
const resendEvent = (type: string, messageId: string | null) => postResendEvent(SECRET, { type, data: { email_id: messageId } });

describe("campaign funnel", () => {
  it("counts each stage from webhooks and outcomes, filters recipients by stage, and exports the stages", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const ctx = { actor: await actorOf(owner) };
    const people = await Promise.all([0, 1, 2, 3, 4, 5].map(() => createUser({ email: uniqueEmail("funnel") })));
    const { id } = await createCampaign(
      ctx,
      { organizationId: org.id, kind: "invitation", name: "Funnel", role: "member", expiresIn: 7 * 86400, subject: "Hi", message: "Hello" },
      new TextEncoder().encode(["email,name", ...people.map((p) => `${p.email},P`)].join("\n")),
    );
    expect((await sendCampaign(id, 60_000)).state).toBe("completed");
    const r = await prisma.campaignRecipient.findMany({ where: { campaignId: id }, orderBy: { row: "asc" } });
    for (const x of r.slice(0, 4)) await resendEvent("email.delivered", x.messageId);
    for (const x of r.slice(0, 3)) await resendEvent("email.opened", x.messageId);
    await resendEvent("email.clicked", r[0].messageId);
    await resendEvent("email.clicked", r[0].messageId); // the first click is kept
    await resendEvent("email.bounced", r[5].messageId);
    // r[0] accepts through its one-step link; r[1] on the invitation page; r[4]'s invitation lapses.
    await prisma.signInLink.update({ where: { id: r[0].linkId! }, data: { usedAt: new Date() } });
    await acceptInvitationForUser(r[0].invitationId!, people[0]);
    await acceptInvitationForUser(r[1].invitationId!, people[1]);
    await prisma.invitation.update({ where: { id: r[4].invitationId! }, data: { expiresAt: new Date(Date.now() - 60_000) } });

    const funnel = await getCampaignFunnel(ctx.actor, id);
    expect(funnel.counts).toEqual({ recipients: 6, sent: 6, delivered: 4, opened: 3, clicked: 1, accepted: 2, expired: 1, bounced: 1 });
    expect(funnel.unit).toBe("hour");
    expect(funnel.series.reduce((n, p) => n + (p.sent ?? 0), 0)).toBe(6);
    expect(funnel.series.reduce((n, p) => n + (p.accepted ?? 0), 0)).toBe(1); // by link; the page acceptance has no time of its own here
    const clicked = await prisma.campaignRecipient.findUniqueOrThrow({ where: { id: r[0].id } });
    expect(clicked.clickedAt && clicked.openedAt && clicked.deliveredAt).toBeTruthy();

    const accepted = await listRecipients(ctx.actor, id, { stage: "accepted" });
    expect(accepted.rows.map((x) => x.email).sort()).toEqual([people[0].email, people[1].email].sort());
    expect((await listRecipients(ctx.actor, id, { stage: "expired" })).rows.map((x) => x.email)).toEqual([people[4].email]);
    expect((await listRecipients(ctx.actor, id, { stage: "bounced,opened" })).rowCount).toBe(4);

    const res = await exportRecipients(new Request(`http://localhost:3000/campaigns/${id}/export`, { headers: { cookie: await signInCookie(owner.email) } }), { params: Promise.resolve({ id }) });
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("email,name,status,delivery,error,sentAt,deliveredAt,openedAt,clickedAt,stages");
    expect(lines[1].endsWith(",sent delivered opened clicked accepted")).toBe(true);
    expect(lines[5].endsWith(",sent expired")).toBe(true);
    expect(lines[6].endsWith(",sent bounced")).toBe(true);
  });

  it("readers outside the campaign's organization get nothing", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const { id } = await createCampaign(
      { actor: await actorOf(owner) },
      { organizationId: org.id, kind: "invitation", name: "Private", role: "member", expiresIn: 86400, subject: "Hi", message: "Hello" },
      new TextEncoder().encode(`email,name\n${uniqueEmail("x")},X\n`),
    );
    const stranger = await createUser();
    await createOrganization(stranger);
    await expect(getCampaignFunnel(await actorOf(stranger), id)).rejects.toMatchObject({ status: 403 });
  });
});
