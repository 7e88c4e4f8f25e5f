/**
 * A campaign pauses itself when too many of its messages bounce or draw complaints: once at least
 * `BOUNCE_SAMPLE` were sent, a rate above CAMPAIGN_BOUNCE_THRESHOLD percent (default 5; 0 turns it off)
 * pauses it, with the reason on its page and in the audit log (`campaign.pause`, automatic) — so a bad list
 * stops before it harms the sender's reputation. Resuming it is a person's decision: after that it does not
 * pause for its bounce rate again (lib/campaigns/manage-campaign.ts).
 */
import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";

export const BOUNCE_SAMPLE = 20;

export function bounceReason(bounced: number, sent: number, threshold: number) {
  const rate = Math.round((bounced / sent) * 1000) / 10;
  return `Paused automatically: ${bounced} of ${sent} messages sent bounced or were marked as spam (${rate}%, above the ${threshold}% threshold). Check the list before resuming.`;
}

/** Inside the webhook's transaction: pause each of these campaigns that is sending and over the threshold. */
export async function pauseForBounces(tx: Tx, campaignIds: string[]) {
  const threshold = env.campaignBounceThreshold;
  if (!threshold || !campaignIds.length) return;
  const rows = await tx.$queryRaw<{ id: string; name: string; organizationId: string; sent: number; bounced: number }[]>`
    SELECT c.id, c.name, c."organizationId",
           count(*) FILTER (WHERE r."messageId" IS NOT NULL)::int AS sent,
           count(*) FILTER (WHERE r."deliveryStatus" IN ('bounced', 'complained'))::int AS bounced
    FROM "admit"."campaign" c JOIN "admit"."campaign_recipient" r ON r."campaignId" = c.id
    WHERE c.id = ANY(${campaignIds}::text[]) AND c.status IN ('queued', 'sending') AND NOT c."ignoreBounceRate"
    GROUP BY c.id`;
  for (const c of rows) {
    if (c.sent < BOUNCE_SAMPLE || (c.bounced / c.sent) * 100 <= threshold) continue;
    const reason = bounceReason(c.bounced, c.sent, threshold);
    const paused = await tx.campaign.updateMany({ where: { id: c.id, status: { in: ["queued", "sending"] } }, data: { status: "paused", pausedReason: reason } });
    if (!paused.count) continue;
    await recordAudit(tx, { actor: null }, { action: "campaign.pause", organizationId: c.organizationId, target: { type: "campaign", id: c.id, label: c.name }, metadata: { automatic: true, reason, bounced: c.bounced, sent: c.sent, threshold } });
  }
}
