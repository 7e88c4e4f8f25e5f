/**
 * PostgreSQL restarted while a campaign is sending: the worker (`npm run worker`, the real one, in its own
 * process) rides out the outage, reconnects and finishes, and every recipient gets exactly one email.
 * This test owns a second embedded PostgreSQL, since the shared one cannot be restarted under other tests.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/dev/embedded-postgres";
import { prepareDatabase } from "@/lib/database/prepare";
import { listSinkMessages } from "@/lib/dev/resend-sink/client";

const PORT = Number(process.env.TEST_PG_PORT ?? 25340) + 40;
const DIR = path.join(os.tmpdir(), `admit-restart-${PORT}`);
const RECIPIENTS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
const children: ReturnType<typeof spawn>[] = [];
afterAll(async () => {
  // tsx runs the script in a child of its own: kill the whole process group, or the worker outlives the test.
  for (const c of children) if (c.pid && c.exitCode === null) process.kill(-c.pid, "SIGKILL");
  await server?.stop();
});

/** One query on a fresh connection; null while the server is down. */
async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[] | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return (await client.query(sql, params)).rows as T[];
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

describe("database restart", () => {
  it("a campaign being sent survives a PostgreSQL restart and sends every recipient exactly once", async () => {
    server = await startEmbeddedPostgres({ dir: path.join(DIR, "pg"), port: PORT, fresh: true });
    const url = server.url;
    await prepareDatabase(url, { createBetterAuthTables: true });
    const env = { ...process.env, DATABASE_URL: url, CAMPAIGN_RPS: "4", WORKER_POLL_SECONDS: "1", CAMPAIGN_JOB_EXPIRE_SECONDS: "30" };
    const tsx = path.resolve("node_modules/.bin/tsx");
    const prefix = `r${randomUUID().slice(0, 8)}`;
    const seeded = spawnSync(tsx, ["tests/support/seed-campaign.ts", String(RECIPIENTS), prefix], { env, encoding: "utf8" });
    expect(seeded.status, seeded.stderr).toBe(0);
    const id = seeded.stdout.trim().split("\n").at(-1)!;

    let workerLog = "";
    const worker = spawn(tsx, ["scripts/worker.ts"], { env, detached: true });
    children.push(worker);
    worker.stdout!.on("data", (d) => (workerLog += d));
    worker.stderr!.on("data", (d) => (workerLog += d));

    const sent = async () => Number((await query<{ n: string }>(url, `SELECT count(*) AS n FROM "admit"."campaign_recipient" WHERE "campaignId" = $1 AND status = 'sent'`, [id]))?.[0]?.n ?? -1);
    // Let it send part of the campaign, then take the database away mid-send.
    for (let i = 0; i < 600 && (await sent()) < 300; i++) await sleep(100);
    const before = await sent();
    expect(before, workerLog.slice(-3000)).toBeGreaterThanOrEqual(300);
    expect(before).toBeLessThan(RECIPIENTS);
    await server.stop();
    await sleep(3000);
    server = await startEmbeddedPostgres({ dir: path.join(DIR, "pg"), port: PORT });

    let status: string | undefined;
    for (let i = 0; i < 900 && status !== "completed"; i++) {
      status = (await query<{ status: string }>(url, `SELECT status FROM "admit"."campaign" WHERE id = $1`, [id]))?.[0]?.status;
      if (status !== "completed") await sleep(100);
    }
    expect(status, workerLog.slice(-3000)).toBe("completed");
    expect(await sent()).toBe(RECIPIENTS);
    expect(worker.exitCode).toBeNull(); // the same worker process finished the job

    const counts = new Map<string, number>();
    for (const m of await listSinkMessages({ to: prefix, limit: 100_000 })) counts.set(m.to[0], (counts.get(m.to[0]) ?? 0) + 1);
    expect(counts.size).toBe(RECIPIENTS);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
  }, 180_000);
});
