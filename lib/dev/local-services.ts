/**
 * What `npm run dev`, `npm start`, the tests and the benchmarks need around the app when nothing is
 * configured: the embedded PostgreSQL (when DATABASE_URL is unset); the database checked and Admit's migrations
 * applied (lib/database/prepare.ts); and the local
 * Resend sink (when RESEND_API_KEY is unset), in development or the loopback test deployment only. Sets DATABASE_URL / RESEND_BASE_URL for this process and
 * its children.
 */
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { prepareDatabase } from "@/lib/database/prepare";
import { startResendSink } from "@/lib/dev/resend-sink/server";
import { env } from "@/lib/env";

export interface LocalServicesOptions {
  dataDir: string;
  pgPort: number;
  sinkPort: number;
  fresh?: boolean;
  /** More PostgreSQL settings for the embedded server (lib/dev/embedded-postgres.ts). */
  pgFlags?: string[];
  log?: (line: string) => void;
}

export async function startLocalServices(opts: LocalServicesOptions) {
  const stops: (() => Promise<void>)[] = [];
  let embedded = false;
  if (!process.env.DATABASE_URL) {
    if (!env.mayUseDevServices) throw new Error("DATABASE_URL is not set (the embedded PostgreSQL is for development only)");
    const pg = await startEmbeddedPostgres({ dir: path.join(opts.dataDir, "pg"), port: opts.pgPort, fresh: opts.fresh, flags: opts.pgFlags });
    process.env.DATABASE_URL = pg.url;
    stops.push(pg.stop);
    embedded = true;
  }
  // The embedded database is Admit's own: better-auth's tables are made there as an application would make
  // them. A configured DATABASE_URL is the application's: checked, never given better-auth's tables.
  try {
    await prepareDatabase(process.env.DATABASE_URL, { createBetterAuthTables: embedded, log: opts.log });
  } catch (e) {
    for (const stop of stops) await stop().catch(() => {});
    throw e;
  }
  let sink: Awaited<ReturnType<typeof startResendSink>> | undefined;
  if (!process.env.RESEND_API_KEY && env.mayUseDevServices) {
    if (opts.fresh) fs.rmSync(path.join(opts.dataDir, "outbox.jsonl"), { force: true });
    sink = await startResendSink({ port: opts.sinkPort, storeFile: path.join(opts.dataDir, "outbox.jsonl") });
    process.env.RESEND_BASE_URL = sink.url;
    stops.unshift(sink.close);
  }
  return {
    embedded,
    databaseUrl: process.env.DATABASE_URL,
    sink,
    async stop() {
      for (const stop of stops) await stop().catch(() => {});
    },
  };
}
