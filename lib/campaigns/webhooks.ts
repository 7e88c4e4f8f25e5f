/**
 * Resend delivery webhooks (`/api/webhooks/resend`). The Svix-style signature is checked with the Resend
 * SDK against RESEND_WEBHOOK_SECRET before anything is read; a bad or missing signature writes nothing.
 * Delivery events update the campaign recipient with that message id; other events are acknowledged and
 * ignored. A later, stronger status wins (delayed < delivered < bounced / complained). A bounce or complaint
 * puts the addresses on the suppression list (lib/email/suppression.ts), whatever sent the message, and a
 * campaign whose bounce rate passes CAMPAIGN_BOUNCE_THRESHOLD pauses itself, saying why (./bounce-rate.ts).
 */
import { Resend } from "resend";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { emitWebhookEvents } from "@/lib/webhooks/emit";
import { suppressAddresses } from "@/lib/email/suppression";
import { pauseForBounces } from "./bounce-rate";

const EVENTS: Record<string, { status: string; rank: number }> = {
  "email.delivery_delayed": { status: "delivery_delayed", rank: 1 },
  "email.delivered": { status: "delivered", rank: 2 },
  "email.bounced": { status: "bounced", rank: 3 },
  "email.complained": { status: "complained", rank: 3 },
};
const RANK: Record<string, number> = Object.fromEntries(Object.values(EVENTS).map((e) => [e.status, e.rank]));

export async function handleResendWebhook(payload: string, headers: Headers): Promise<{ status: number; body: Record<string, unknown> }> {
  const secret = env.resendWebhookSecret;
  if (!secret) return { status: 503, body: { error: "Webhooks are not configured (RESEND_WEBHOOK_SECRET)." } };
  let event: { type?: string; data?: { email_id?: string; to?: unknown; bounce?: { message?: unknown; type?: unknown } } };
  try {
    event = new Resend(env.resendApiKey).webhooks.verify({
      payload,
      headers: { id: headers.get("svix-id") ?? headers.get("webhook-id") ?? "", timestamp: headers.get("svix-timestamp") ?? headers.get("webhook-timestamp") ?? "", signature: headers.get("svix-signature") ?? headers.get("webhook-signature") ?? "" } as never,
      webhookSecret: secret,
    }) as typeof event;
  } catch {
    return { status: 400, body: { error: "Invalid signature." } };
  }
  const mapped = event.type ? EVENTS[event.type] : undefined;
  const messageId = event.data?.email_id;
  if (typeof messageId === "string" && (event.type === "email.opened" || event.type === "email.clicked")) {
    // Engagement, for the campaign funnel (./funnel.ts): the first open and the first click are kept.
    const updated =
      event.type === "email.opened"
        ? await prisma.$executeRaw`UPDATE "admit"."campaign_recipient" SET "openedAt" = now() WHERE "messageId" = ${messageId} AND "openedAt" IS NULL`
        : await prisma.$executeRaw`UPDATE "admit"."campaign_recipient" SET "clickedAt" = now(), "openedAt" = coalesce("openedAt", now()) WHERE "messageId" = ${messageId} AND "clickedAt" IS NULL`;
    return { status: 200, body: { updated } };
  }
  if (!mapped || typeof messageId !== "string") return { status: 200, body: { ignored: true } };
  const recipients = await prisma.campaignRecipient.findMany({ where: { messageId }, select: { id: true, email: true, deliveryStatus: true, campaign: { select: { id: true, organizationId: true } } } });
  const stronger = recipients.filter((r) => (RANK[r.deliveryStatus ?? ""] ?? 0) < mapped.rank);
  const suppress = mapped.status === "bounced" || mapped.status === "complained" ? addressesOf(event.data?.to, recipients) : [];
  if (suppress.length) {
    const detail = typeof event.data?.bounce?.message === "string" ? event.data.bounce.message : null;
    const campaign = recipients[0]?.campaign;
    await prisma.$transaction((tx) =>
      suppressAddresses(tx, { actor: null }, suppress.map((email) => ({ email, reason: mapped.status as "bounced" | "complained", detail, messageId, campaignId: campaign?.id ?? null, organizationId: campaign?.organizationId ?? null }))),
    );
  }
  if (!stronger.length) return { status: 200, body: { updated: 0 } };
  await prisma.$transaction(async (tx) => {
    // Only rows still weaker when written: a concurrent event for the same message is announced once.
    const moved = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "admit"."campaign_recipient" SET "deliveryStatus" = ${mapped.status}, "deliveredAt" = CASE WHEN ${mapped.status} = 'delivered' THEN now() ELSE "deliveredAt" END
      WHERE id = ANY(${stronger.map((r) => r.id)}::text[]) AND coalesce("deliveryStatus", '') = ANY(${Object.keys(RANK).filter((k) => RANK[k] < mapped.rank).concat("")}::text[])
      RETURNING id`;
    const announced = mapped.status === "delivered" || mapped.status === "bounced" || mapped.status === "complained" ? (`email.${mapped.status}` as const) : null;
    if (!announced) return;
    const ids = new Set(moved.map((m) => m.id));
    await emitWebhookEvents(
      tx,
      stronger.filter((r) => ids.has(r.id)).map((r) => ({
        type: announced,
        organizationId: r.campaign.organizationId,
        data: { target: { type: "campaignRecipient", id: r.id, label: r.email }, actor: null, details: { campaignId: r.campaign.id, messageId } },
      })),
    );
    if (announced !== "email.delivered") await pauseForBounces(tx, [...new Set(stronger.filter((r) => ids.has(r.id)).map((r) => r.campaign.id))]);
  });
  return { status: 200, body: { updated: stronger.length } };
}

/** The addresses a bounce or complaint is about: the event's `to`, else the campaign recipients of that message. */
function addressesOf(to: unknown, recipients: { email: string }[]): string[] {
  const listed = (Array.isArray(to) ? to : [to]).filter((t): t is string => typeof t === "string" && t.includes("@"));
  return (listed.length ? listed : recipients.map((r) => r.email)).map((e) => (/<([^<>]+)>/.exec(e)?.[1] ?? e).trim().toLowerCase()).slice(0, 50);
}
