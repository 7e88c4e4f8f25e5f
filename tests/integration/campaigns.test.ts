import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createCampaign, previewCampaign } from "@/lib/campaigns/create-campaign";
import { controlCampaign } from "@/lib/campaigns/manage-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { prisma } from "@/lib/db";
import { configureSink, findLink, listSinkBatches, listSinkMessages } from "@/lib/dev/resend-sink/client";
import { actorOf, addMember, createOrganization, createUser } from "@/tests/support/factories";
import { postResendEvent } from "@/tests/support/resend-events";

const csv = (lines: string[]) => new TextEncoder().encode(["email,name,company", ...lines].join("\n") + "\n");

async function setup() {
  const owner = await createUser();
  const org = await createOrganization(owner);
  return { owner, org, ctx: { actor: await actorOf(owner) } };
}

const settings = (organizationId: string, kind: "invitation" | "sign-in" = "invitation") => ({
  organizationId,
  kind,
  name: "Spring onboarding",
  role: "member" as const,
  expiresIn: 7 * 86400,
  subject: "{{name}}, join {{organization}}",
  message: "Hello {{name}} from {{company}}!\n\nWelcome.",
});

async function sinkCountsFor(prefix: string) {
  const messages = await listSinkMessages({ to: prefix, limit: 100_000 });
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.to[0], (counts.get(m.to[0]) ?? 0) + 1);
  return counts;
}

describe("campaigns", () => {
  it("previews every row's outcome and writes nothing", async () => {
    const { owner, org, ctx } = await setup();
    const member = await createUser();
    await addMember(org.id, member, "member");
    const { rows } = await previewCampaign(ctx, settings(org.id), csv(["a@example.test,Ada,X", "not-an-email,B,Y", "a@example.test,Dup,Z", `${member.email},M,Q`, "c@example.test,C,W"]));
    expect(rows.map((r) => r.outcome)).toEqual(["valid", "invalid_email", "duplicate", "already_member", "valid"]);
    expect(await prisma.campaign.count({ where: { organizationId: org.id } })).toBe(0);
    expect(owner).toBeTruthy();
  });

  it("refuses people without campaign rights", async () => {
    const { org } = await setup();
    const member = await createUser();
    await addMember(org.id, member, "member");
    await expect(createCampaign({ actor: await actorOf(member) }, settings(org.id), csv(["x@example.test,X,Y"]))).rejects.toMatchObject({ status: 403 });
    expect(await prisma.campaign.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("sends 1,000 invitations exactly once through a 429 and a 500; links sign up and accept in one step", async () => {
    const { org, ctx } = await setup();
    const prefix = `c${randomUUID().slice(0, 8)}`;
    const lines = Array.from({ length: 1000 }, (_, i) => `${prefix}.${i}@example.test,Person ${i},Co ${i}`);
    const { id, recipients } = await createCampaign(ctx, settings(org.id), csv(lines));
    expect(recipients).toBe(1000);
    expect(await prisma.campaignRecipient.count({ where: { campaignId: id } })).toBe(1000);
    await configureSink({ failures: [{ status: 429, count: 1, retryAfter: 1, match: prefix }, { status: 500, count: 1, match: prefix }] });
    process.env.CAMPAIGN_RPS = "0";
    const result = await sendCampaign(id, 120_000);
    expect(result.state).toBe("completed");
    const counts = await sinkCountsFor(prefix);
    expect(counts.size).toBe(1000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect((await listSinkBatches(prefix)).length).toBe(10);
    expect(await prisma.campaignRecipient.count({ where: { campaignId: id, status: "sent" } })).toBe(1000);
    expect(await prisma.invitation.count({ where: { organizationId: org.id, status: "pending" } })).toBe(1000);

    const [mail] = await listSinkMessages({ to: `${prefix}.7@` });
    expect(mail.subject).toBe(`Person 7, join ${org.name}`);
    expect(mail.html).toContain("Hello Person 7 from Co 7!");
    const link = findLink(mail, "/link/")!;
    const { POST } = await import("@/app/(auth)/link/[token]/confirm/route");
    const token = link.split("/link/")[1];
    const res = await POST(new Request(`http://localhost:3000/link/${token}/confirm`, { method: "POST", headers: { origin: "http://localhost:3000", "x-forwarded-for": "127.9.0.7" } }), {
      params: Promise.resolve({ token }),
    });
    expect(res.headers.get("location")).toBe("/welcome");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: `${prefix}.7@example.test` } });
    expect(await prisma.member.findFirst({ where: { organizationId: org.id, userId: user.id } })).not.toBeNull();
    expect((await prisma.invitation.findFirstOrThrow({ where: { organizationId: org.id, email: user.email } })).status).toBe("accepted");
  }, 120_000);

  it("a worker killed with SIGKILL mid-campaign is resumed and every recipient gets exactly one email", async () => {
    const { org, ctx } = await setup();
    const prefix = `k${randomUUID().slice(0, 8)}`;
    const { id } = await createCampaign(ctx, settings(org.id), csv(Array.from({ length: 600 }, (_, i) => `${prefix}.${i}@example.test,P${i},C`)));
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["tests/support/run-campaign.ts", id], {
      env: { ...process.env, CAMPAIGN_RPS: "4" },
      stdio: "ignore",
      detached: true, // its own process group: tsx runs the script in a child that must die too
    });
    // Let it send a few chunks, then kill it without warning.
    for (let i = 0; i < 200; i++) {
      if ((await prisma.campaignRecipient.count({ where: { campaignId: id, status: "sent" } })) >= 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const sentBefore = await prisma.campaignRecipient.count({ where: { campaignId: id, status: "sent" } });
    expect(sentBefore).toBeGreaterThanOrEqual(200);
    expect(sentBefore).toBeLessThan(600);
    process.env.CAMPAIGN_RPS = "0";
    expect((await sendCampaign(id, 120_000)).state).toBe("completed");
    const counts = await sinkCountsFor(prefix);
    expect(counts.size).toBe(600);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);

  it("pause, resume and cancel change what the sender does", async () => {
    const { org, ctx } = await setup();
    const prefix = `p${randomUUID().slice(0, 8)}`;
    const { id } = await createCampaign(ctx, settings(org.id), csv(Array.from({ length: 250 }, (_, i) => `${prefix}.${i}@example.test,P,C`)));
    await controlCampaign(ctx, id, "pause");
    expect((await sendCampaign(id, 10_000)).state).toBe("paused");
    expect(await prisma.campaignRecipient.count({ where: { campaignId: id, status: "sent" } })).toBe(0);
    await controlCampaign(ctx, id, "cancel");
    expect(await prisma.campaignRecipient.count({ where: { campaignId: id, status: "canceled" } })).toBe(250);
    await expect(controlCampaign(ctx, id, "resume")).rejects.toMatchObject({ status: 409 });
  });

  it("webhooks: a valid signature updates delivery status; a bad one writes nothing; unknown events are ignored", async () => {
    const { org, ctx } = await setup();
    const prefix = `w${randomUUID().slice(0, 8)}`;
    const { id } = await createCampaign(ctx, settings(org.id), csv([`${prefix}@example.test,W,C`]));
    process.env.CAMPAIGN_RPS = "0";
    await sendCampaign(id, 10_000);
    const recipient = await prisma.campaignRecipient.findFirstOrThrow({ where: { campaignId: id } });
    const secret = `whsec_${Buffer.from("test-secret-for-webhooks-0123456789").toString("base64")}`;
    process.env.RESEND_WEBHOOK_SECRET = secret;
    const send = (body: object, sign = true) => postResendEvent(secret, body, { sign });
    const bad = await send({ type: "email.bounced", data: { email_id: recipient.messageId } }, false);
    expect(bad.status).toBe(400);
    expect((await prisma.campaignRecipient.findUniqueOrThrow({ where: { id: recipient.id } })).deliveryStatus).toBeNull();
    expect((await send({ type: "email.delivered", data: { email_id: recipient.messageId } })).status).toBe(200);
    expect((await prisma.campaignRecipient.findUniqueOrThrow({ where: { id: recipient.id } })).deliveryStatus).toBe("delivered");
    expect((await send({ type: "email.delivery_delayed", data: { email_id: recipient.messageId } })).status).toBe(200);
    expect((await prisma.campaignRecipient.findUniqueOrThrow({ where: { id: recipient.id } })).deliveryStatus).toBe("delivered");
    expect((await send({ type: "contact.created", data: {} })).status).toBe(200);
    expect((await send({ type: "email.bounced", data: { email_id: recipient.messageId } })).status).toBe(200);
    expect((await prisma.campaignRecipient.findUniqueOrThrow({ where: { id: recipient.id } })).deliveryStatus).toBe("bounced");
  });
});
