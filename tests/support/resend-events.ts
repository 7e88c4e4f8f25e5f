/** Resend webhook events as Resend signs them (Svix headers), posted to Admit's route. */
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll } from "vitest";
import { POST } from "@/app/api/webhooks/resend/route";

export function postResendEvent(secret: string, body: object, { sign = true } = {}) {
  const payload = JSON.stringify(body);
  const id = `msg_${randomUUID()}`;
  const now = new Date();
  const signature = sign ? new Webhook(secret).sign(id, now, payload) : "v1,AAAA";
  return POST(new Request("http://localhost:3000/api/webhooks/resend", { method: "POST", body: payload, headers: { "svix-id": id, "svix-timestamp": String(Math.floor(now.getTime() / 1000)), "svix-signature": signature } }));
}

/**
 * For a test file that receives Resend's webhooks and sends campaigns: a signing secret in RESEND_WEBHOOK_SECRET and
 * no rate cap (CAMPAIGN_RPS=0) while it runs, restored after. Returns the secret.
 */
export function resendWebhooksForThisFile(label: string) {
  const secret = `whsec_${Buffer.from(`${label}-secret-0123456789abcdef`).toString("base64")}`;
  const saved = { secret: process.env.RESEND_WEBHOOK_SECRET, rps: process.env.CAMPAIGN_RPS };
  beforeAll(() => {
    process.env.RESEND_WEBHOOK_SECRET = secret;
    process.env.CAMPAIGN_RPS = "0";
  });
  afterAll(() => {
    process.env.RESEND_WEBHOOK_SECRET = saved.secret;
    process.env.CAMPAIGN_RPS = saved.rps;
  });
  return secret;
}
