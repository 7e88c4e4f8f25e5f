/**
 * Sends due deliveries (run by the pg-boss worker, lib/jobs/worker.ts): claims up to `limit` with SKIP LOCKED
 * (a claim lasts 2 minutes, so a worker killed mid-delivery loses nothing: the claim lapses and another worker
 * sends it again; receivers de-duplicate on `webhook-id`), posts each endpoint's in the order they were written
 * (endpoints in parallel), signs every post with the endpoint's secret (standardwebhooks), and records the
 * outcome. A failure is retried with backoff over more than a day (RETRY_AFTER_SECONDS), then marked failed; an
 * endpoint that fails DISABLE_AFTER_FAILURES times in a row is disabled, with the reason shown in the console.
 */
import { Webhook } from "standardwebhooks";
import { recordAudit } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { logError } from "@/lib/log";
import { openSecret } from "./secret";

/** Wait before attempt n+1 after attempt n failed (n = 1…): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: 27.6 h in all. */
export const RETRY_AFTER_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];
export const DISABLE_AFTER_FAILURES = 50;
const CLAIM_SECONDS = 120;
const TIMEOUT_MS = 10_000;

interface Claimed {
  id: string;
  eventId: string;
  endpointId: string;
  attempts: number;
  url: string;
  secret: string;
  consecutiveFailures: number;
  payload: unknown;
}

async function claim(limit: number): Promise<Claimed[]> {
  return prisma.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM "admit"."webhook_delivery" d JOIN "admit"."webhook_endpoint" ep ON ep.id = d."endpointId" AND ep.enabled
      WHERE (d.status = 'pending' AND d."nextAttemptAt" <= now()) OR (d.status = 'delivering' AND d."lockedUntil" < now())
      ORDER BY d.seq LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
      UPDATE "admit"."webhook_delivery" d SET status = 'delivering', "lockedUntil" = now() + make_interval(secs => ${CLAIM_SECONDS}),
             attempts = d.attempts + 1, "lastAttemptAt" = now()
      FROM due WHERE d.id = due.id
      RETURNING d.id, d."eventId", d."endpointId", d.attempts, d.seq
    )
    SELECT c.id, c."eventId", c."endpointId", c.attempts, ep.url, ep.secret, ep."consecutiveFailures", e.payload
    FROM claimed c JOIN "admit"."webhook_endpoint" ep ON ep.id = c."endpointId" JOIN "admit"."webhook_event" e ON e.id = c."eventId"
    ORDER BY c.seq`;
}

type Outcome = { ok: boolean; status: number | null; body: string | null; error: string | null };

async function post(delivery: Claimed, signer: Webhook): Promise<Outcome> {
  const body = JSON.stringify(delivery.payload);
  const sentAt = new Date();
  try {
    const res = await fetch(delivery.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Admit-Webhooks/1",
        "webhook-id": delivery.eventId,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signer.sign(delivery.eventId, sentAt, body),
      },
      body,
    });
    const text = (await res.text().catch(() => "")).slice(0, 1000);
    return { ok: res.status >= 200 && res.status < 300, status: res.status, body: text, error: res.status >= 300 && res.status < 400 ? "Redirects are not followed." : null };
  } catch (e) {
    return { ok: false, status: null, body: null, error: (e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)).slice(0, 300) };
  }
}

type Settled = { delivery: Claimed; outcome: Outcome };

/**
 * Writes a batch of outcomes (one statement), then the endpoint's failure streak; disables the endpoint when the
 * streak reaches DISABLE_AFTER_FAILURES (audited, in the same transaction). Returns whether to stop sending.
 */
async function settle(endpointId: string, url: string, batch: Settled[], streak: number) {
  if (!batch.length) return false;
  const retryOf = (s: Settled) => RETRY_AFTER_SECONDS[s.delivery.attempts - 1];
  const status = (s: Settled) => (s.outcome.ok ? "succeeded" : retryOf(s) === undefined ? "failed" : "pending");
  const last = batch[batch.length - 1].outcome;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "admit"."webhook_delivery" d SET status = u.status, "lockedUntil" = NULL, "responseStatus" = u.code, "responseBody" = u.body, error = u.error,
             "deliveredAt" = CASE WHEN u.status = 'succeeded' THEN now() ELSE d."deliveredAt" END,
             "nextAttemptAt" = CASE WHEN u.status = 'pending' THEN now() + make_interval(secs => u.retry) ELSE d."nextAttemptAt" END
      FROM unnest(${batch.map((s) => s.delivery.id)}::text[], ${batch.map(status)}::text[], ${batch.map((s) => s.outcome.status)}::int[],
                  ${batch.map((s) => s.outcome.body)}::text[], ${batch.map((s) => s.outcome.error)}::text[], ${batch.map((s) => retryOf(s) ?? 0)}::int[])
        AS u(id, status, code, body, error, retry)
      WHERE d.id = u.id`;
    const anyOk = batch.some((s) => s.outcome.ok);
    const anyFailed = batch.some((s) => !s.outcome.ok);
    const [endpoint] = await tx.$queryRaw<{ enabled: boolean }[]>`
      UPDATE "admit"."webhook_endpoint" SET "consecutiveFailures" = ${streak},
        "lastSuccessAt" = CASE WHEN ${anyOk} THEN now() ELSE "lastSuccessAt" END,
        "lastFailureAt" = CASE WHEN ${anyFailed} THEN now() ELSE "lastFailureAt" END
      WHERE id = ${endpointId} RETURNING enabled`;
    if (!endpoint?.enabled) return true;
    if (streak < DISABLE_AFTER_FAILURES) return false;
    const reason = `Disabled after ${DISABLE_AFTER_FAILURES} failed deliveries in a row (last: ${last.status ? `HTTP ${last.status}` : last.error}).`;
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: false, disabledAt: new Date(), disabledReason: reason } });
    await recordAudit(tx, { actor: null }, { action: "webhook.endpoint_disabled", target: { type: "webhookEndpoint", id: endpointId, label: url }, metadata: { reason } });
    return true;
  });
}

/** Gives claimed deliveries back untried (their endpoint was disabled meanwhile). */
async function release(deliveries: Claimed[]) {
  if (!deliveries.length) return;
  await prisma.$executeRaw`
    UPDATE "admit"."webhook_delivery" SET status = 'pending', attempts = attempts - 1, "lockedUntil" = NULL
    WHERE id = ANY(${deliveries.map((d) => d.id)}::text[]) AND status = 'delivering'`;
}

const SETTLE_EVERY = 50;

/** One endpoint's claimed deliveries, in order; outcomes written every SETTLE_EVERY posts. Returns how many succeeded. */
async function sendToEndpoint(list: Claimed[]): Promise<number> {
  const { endpointId, url } = list[0];
  let streak = list[0].consecutiveFailures;
  let signer: Webhook | null = null;
  try {
    signer = new Webhook(await openSecret(list[0].secret));
  } catch (e) {
    logError("webhooks", "cannot open an endpoint's secret (was BETTER_AUTH_SECRET changed?)", e);
  }
  let succeeded = 0;
  let batch: Settled[] = [];
  for (const [i, d] of list.entries()) {
    const outcome = signer ? await post(d, signer) : { ok: false, status: null, body: null, error: "The endpoint's secret cannot be read: rotate it." };
    batch.push({ delivery: d, outcome });
    streak = outcome.ok ? 0 : streak + 1;
    if (outcome.ok) succeeded++;
    const last = i === list.length - 1;
    if (last || batch.length >= SETTLE_EVERY || streak >= DISABLE_AFTER_FAILURES) {
      const stop = await settle(endpointId, url, batch, streak);
      batch = [];
      if (stop) {
        await release(list.slice(i + 1));
        break;
      }
    }
  }
  return succeeded;
}

/** One round: claim due deliveries and send them. Returns how many were attempted and how many succeeded. */
export async function dispatchWebhooks({ limit = 200 } = {}) {
  const claimed = await claim(limit);
  const byEndpoint = new Map<string, Claimed[]>();
  for (const d of claimed) byEndpoint.set(d.endpointId, [...(byEndpoint.get(d.endpointId) ?? []), d]);
  const succeeded = await Promise.all([...byEndpoint.values()].map(sendToEndpoint));
  return { attempted: claimed.length, succeeded: succeeded.reduce((a, b) => a + b, 0) };
}

/** Whether any delivery is due (the worker's cheap poll before it queues a dispatch job). */
export async function deliveriesDue(): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ due: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "admit"."webhook_delivery" WHERE (status = 'pending' AND "nextAttemptAt" <= now()) OR (status = 'delivering' AND "lockedUntil" < now())) AS due`;
  return row.due;
}
