/**
 * The job worker: runs inside the app by default (instrumentation.ts) and as separate processes with
 * `npm run worker` to scale out. Every worker takes jobs from the same PostgreSQL queue.
 *
 * A database outage (restart, failover) does not kill the worker: a job that loses its connection waits for
 * the database and carries on (sending is idempotent per chunk), and pg-boss's own bookkeeping calls that
 * fail while the database is away are logged, not fatal.
 */
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { deliveriesDue, dispatchWebhooks } from "@/lib/webhooks/dispatch";
import { pruneIdempotency } from "@/lib/api/idempotency";
import { sealAuditLog } from "@/lib/audit/chain";
import { pruneAuditLog } from "@/lib/audit/retention";
import { announceExpiredInvitations } from "@/lib/webhooks/expiry";
import { sendInvitationReminders } from "@/lib/invitations/reminders";
import { recordSignIns } from "@/lib/users/sign-ins";
import { pruneWebhookHistory } from "@/lib/webhooks/retention";
import { CAMPAIGN_QUEUE, enqueueCampaign, enqueueWebhookDispatch, getBoss, jobSettings, WEBHOOK_QUEUE } from "./queue";

let started = false;

export async function startWorker() {
  if (started) return;
  started = true;
  // pg-boss 10 does not await its complete/fail calls; with the database down they reject unhandled.
  process.on("unhandledRejection", (reason) => {
    if (isConnectionError(reason)) return logError("jobs", "database unreachable:", messageOf(reason));
    if (process.listenerCount("unhandledRejection") === 1) {
      logError("jobs", "unhandled rejection", reason);
      process.exit(1);
    }
  });
  const boss = await getBoss();
  await boss.work<{ campaignId: string }>(CAMPAIGN_QUEUE, { batchSize: 1, pollingIntervalSeconds: env.jobs.pollSeconds }, async ([job]) => {
    const result = await throughOutages(() => sendCampaign(job.data.campaignId, jobSettings().budgetMs));
    if (result.state === "more") await throughOutages(() => enqueueCampaign(job.data.campaignId));
  });
  // The poll below also sends due invitation reminders every minute (lib/invitations/reminders.ts), seals new audit events into their chains (lib/audit/chain.ts) and, hourly, prunes
  // what is past AUDIT_RETENTION_DAYS (lib/audit/retention.ts).
  // Webhooks: a dispatch job sends what is due for a bounded time; a light poll queues one when deliveries are
  // due (new events, retries whose time came, claims left by a worker that died) and announces expiries.
  await boss.work(WEBHOOK_QUEUE, { batchSize: 1, pollingIntervalSeconds: env.jobs.pollSeconds }, async () => {
    const until = Date.now() + jobSettings().budgetMs;
    while (Date.now() < until && (await throughOutages(() => dispatchWebhooks())).attempted > 0);
  });
  let lastExpirySweep = 0;
  let lastPrune = 0;
  let polling = false;
  const poll = async () => {
    if (polling) return; // a slow pass (a large seal, an hourly prune) is not overlapped by the next
    polling = true;
    try {
      if (Date.now() - lastExpirySweep >= 60_000) {
        lastExpirySweep = Date.now();
        await announceExpiredInvitations();
        await sendInvitationReminders();
        await recordSignIns();
      }
      if (Date.now() - lastPrune >= 3_600_000) {
        lastPrune = Date.now();
        await Promise.all([pruneWebhookHistory(), pruneIdempotency(), pruneAuditLog()]);
      }
      if (await deliveriesDue()) await enqueueWebhookDispatch();
      await sealAuditLog();
    } catch (e) {
      logError("jobs", "poll failed:", messageOf(e));
    } finally {
      polling = false;
    }
  };
  setInterval(poll, env.jobs.pollSeconds * 1000).unref();
}

/** Runs the work; if the database connection is lost, waits for it to come back and runs it again. */
async function throughOutages<T>(work: () => Promise<T>, { attempts = 5, waitMs = 120_000 } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (!isConnectionError(e) || attempt >= attempts) throw e;
      logError("jobs", `database connection lost (${messageOf(e)}); waiting for it to resume`);
      await waitForDatabase(waitMs);
    }
  }
}

async function waitForDatabase(timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      await prisma.$queryRaw`SELECT 1`;
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006", "P1001", "P1017"]);
const CONNECTION_TEXT = /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|the database system is (starting up|shutting down)|Can't reach database|Client has encountered a connection error|connection (is )?closed/i;

/** Whether an error (or one it wraps) means the database connection was lost, rather than a failed query. */
function isConnectionError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 5) return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
  if (typeof err.code === "string" && CONNECTION_CODES.has(err.code)) return true;
  if (typeof err.originalCode === "string" && CONNECTION_CODES.has(err.originalCode)) return true;
  if (typeof err.message === "string" && CONNECTION_TEXT.test(err.message)) return true;
  return isConnectionError(err.cause, depth + 1);
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 200);
