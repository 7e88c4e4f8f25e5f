/**
 * The stock better-auth application's database (tests/stock-app), made the way its team would make it, and
 * what the compatibility tests compare: shared by the integration tests and the journeys.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

const TSX = path.resolve("node_modules/.bin/tsx");

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
 * what `npx auth migrate` runs), `prisma migrate deploy` of its better-auth-generated Prisma schema, or
 * Drizzle's migrator with the migration drizzle-kit made of its better-auth-generated Drizzle schema.
 */
export type SchemaKind = "kysely" | "prisma" | "drizzle";

export function makeAppSchema(kind: SchemaKind, databaseUrl: string, env: Record<string, string> = {}) {
  const runEnv = { ...process.env, ...env, DATABASE_URL: databaseUrl };
  const run =
    kind === "kysely"
      ? spawnSync(TSX, ["tests/stock-app/migrate.ts", "--run"], { env: runEnv, encoding: "utf8" })
      : kind === "prisma"
        ? spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy", "--config", "tests/stock-app/prisma.config.ts"], { env: runEnv, encoding: "utf8" })
        : spawnSync(TSX, ["tests/stock-app/migrate-drizzle.ts"], { env: runEnv, encoding: "utf8" });
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
