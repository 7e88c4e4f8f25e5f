/**
 * pg-boss, the durable job queue (its tables live in Admit's `admit` schema of the same database, beside Admit's own). Sending a
 * campaign is one job per campaign at a time ("stately" queue keyed by campaign id); each job works for a
 * bounded time and re-enqueues the rest, so a worker that dies loses at most one short job, which pg-boss
 * hands to another worker when it expires.
 */
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";

export const CAMPAIGN_QUEUE = "campaign-send";
/** Webhook deliveries (lib/webhooks/dispatch.ts): one dispatch job queued at a time, each sends what is due. */
export const WEBHOOK_QUEUE = "webhook-dispatch";

const g = globalThis as unknown as { __admitBoss?: Promise<PgBoss> };

export function jobSettings() {
  const expire = env.jobs.expireSeconds;
  return {
    expireInSeconds: expire,
    /** Stop taking new chunks after this long, leaving room before the job could expire. */
    budgetMs: (expire * 1000) / 3,
    maintenanceIntervalSeconds: env.jobs.maintenanceSeconds,
  };
}

export function getBoss(): Promise<PgBoss> {
  g.__admitBoss ??= (async () => {
    const boss = new PgBoss({
      connectionString: env.databaseUrl,
      schema: "admit",
      max: 4,
      maintenanceIntervalSeconds: jobSettings().maintenanceIntervalSeconds,
      supervise: true,
    });
    boss.on("error", (e) => logError("jobs", e.message));
    await boss.start();
    await boss.createQueue(CAMPAIGN_QUEUE, { name: CAMPAIGN_QUEUE, policy: "stately" });
    await boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, policy: "stately" });
    return boss;
  })().catch((e) => {
    g.__admitBoss = undefined;
    throw e;
  });
  return g.__admitBoss;
}

export async function enqueueCampaign(campaignId: string, startAfterSeconds = 0) {
  const boss = await getBoss();
  const { expireInSeconds } = jobSettings();
  await boss.send(CAMPAIGN_QUEUE, { campaignId }, { singletonKey: campaignId, expireInSeconds, retryLimit: 20, retryDelay: 2, retryBackoff: true, startAfter: startAfterSeconds });
}

/** Queues a webhook dispatch unless one is already queued. */
export async function enqueueWebhookDispatch() {
  const boss = await getBoss();
  await boss.send(WEBHOOK_QUEUE, {}, { singletonKey: "dispatch", expireInSeconds: 300, retryLimit: 5, retryDelay: 5, retryBackoff: true });
}

export async function stopBoss() {
  const boss = await g.__admitBoss?.catch(() => undefined);
  g.__admitBoss = undefined;
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
}
