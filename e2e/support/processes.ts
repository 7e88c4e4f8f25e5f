/**
 * Processes the journeys start besides the webServer: the console through `npm start`'s launcher with an
 * exact environment, and the stock better-auth application (tests/stock-app) on a database of its own.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

const TSX = path.resolve("node_modules/.bin/tsx");

export interface Started {
  exited: Promise<number>;
  output(): string;
  ready(): Promise<void>;
  stop(): Promise<number>;
}

function launch(command: string, args: string[], env: Record<string, string>, waitForUrl?: string): Started {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/root", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return {
    exited,
    output: () => output,
    async ready() {
      for (let i = 0; i < 180; i++) {
        if (await fetch(waitForUrl!).then((r) => r.status < 500).catch(() => false)) return;
        if (child.exitCode !== null) throw new Error(`exited early:\n${output}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`not ready:\n${output}`);
    },
    stop() {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
      return exited;
    },
  };
}

/** `npm start` (the launcher) on `port` with exactly this environment. */
export function startConsole(port: number, env: Record<string, string>) {
  return launch(TSX, ["scripts/launch.ts", "start"], { PORT: String(port), ...env }, `http://localhost:${port}/sign-in`);
}

/** The stock application (tests/stock-app/server.ts). */
export function startStockApp(port: number, env: Record<string, string>) {
  return launch(TSX, ["tests/stock-app/server.ts"], { PORT: String(port), BETTER_AUTH_URL: `http://127.0.0.1:${port}`, ...env }, `http://127.0.0.1:${port}/me`);
}

/** A new database next to `baseUrl` (same server), returned as a URL. */
export async function createDatabase(baseUrl: string, name: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The stock application's schema, made the way its team would: better-auth's migration API ("kysely",
 * what `npx auth migrate` runs) or `prisma migrate deploy` of its better-auth-generated Prisma schema.
 */
export function makeAppSchema(kind: "kysely" | "prisma", databaseUrl: string, env: Record<string, string> = {}) {
  const run =
    kind === "kysely"
      ? spawnSync(TSX, ["tests/stock-app/migrate.ts", "--run"], { env: { ...process.env, ...env, DATABASE_URL: databaseUrl }, encoding: "utf8" })
      : spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy", "--config", "tests/stock-app/prisma.config.ts"], { env: { ...process.env, ...env, DATABASE_URL: databaseUrl }, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${kind} schema failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** What better-auth's migration API would still do on this database (the application running it again). */
export function pendingAppMigrations(databaseUrl: string) {
  const run = spawnSync(TSX, ["tests/stock-app/migrate.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`migration check failed:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { toBeCreated: string[]; toBeAdded: string[] };
}

export async function sql<T extends pg.QueryResultRow>(databaseUrl: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** The application's tables as a comparable description: columns, constraints and indexes in "public". */
export async function describePublicSchema(databaseUrl: string) {
  const rows = await sql<{ d: string }>(
    databaseUrl,
    `SELECT string_agg(d, E'\\n' ORDER BY d) AS d FROM (
       SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '')) AS d FROM information_schema.columns WHERE table_schema = 'public'
       UNION ALL SELECT format('constraint %s %s', conname, pg_get_constraintdef(c.oid)) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
       UNION ALL SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public') s`,
  );
  return rows[0].d;
}
