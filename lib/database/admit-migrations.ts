/**
 * Admit's own migrations (prisma/migrations/<stamp>_<name>/migration.sql, written by `npm run
 * db:new-migration`), applied in order inside the `admit` schema, each in one transaction, recorded in
 * `admit._admit_migrations` with a checksum. Admit's history never touches the application's (an
 * application on Prisma keeps its own `_prisma_migrations` in `public`). One runner at a time (advisory lock).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Client } from "pg";

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
const HISTORY = `"admit"."_admit_migrations"`;

export function migrationFiles(dir = MIGRATIONS_DIR) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

async function applied(db: Client) {
  const { rows } = await db.query<{ exists: boolean }>(`SELECT to_regclass('admit._admit_migrations') IS NOT NULL AS exists`);
  if (!rows[0].exists) return new Map<string, string>();
  const history = await db.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${HISTORY}`);
  return new Map(history.rows.map((r) => [r.name, r.checksum]));
}

/** Migrations not yet applied, and applied ones whose file changed since (an error to fix, not to rerun). */
export async function migrationStatus(db: Client) {
  const done = await applied(db);
  const files = migrationFiles();
  return {
    pending: files.filter((f) => !done.has(f.name)).map((f) => f.name),
    changed: files.filter((f) => done.has(f.name) && done.get(f.name) !== f.checksum).map((f) => f.name),
  };
}

export async function applyAdmitMigrations(db: Client) {
  await db.query(`SELECT pg_advisory_lock(hashtextextended('admit:migrations', 0))`);
  try {
    await db.query(`CREATE SCHEMA IF NOT EXISTS "admit"`);
    await db.query(`CREATE TABLE IF NOT EXISTS ${HISTORY} (name text PRIMARY KEY, checksum text NOT NULL, "appliedAt" timestamptz NOT NULL DEFAULT now())`);
    const done = await applied(db);
    const ran: string[] = [];
    for (const m of migrationFiles()) {
      if (done.has(m.name)) {
        if (done.get(m.name) !== m.checksum) throw new Error(`Admit's migration ${m.name} was edited after it was applied to this database. Restore the file; put changes in a new migration.`);
        continue;
      }
      await db.query("BEGIN");
      try {
        await db.query(m.sql);
        await db.query(`INSERT INTO ${HISTORY} (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await db.query("COMMIT");
      } catch (e) {
        await db.query("ROLLBACK");
        throw new Error(`Admit's migration ${m.name} failed (nothing of it was applied): ${(e as Error).message}`);
      }
      ran.push(m.name);
    }
    return ran;
  } finally {
    await db.query(`SELECT pg_advisory_unlock(hashtextextended('admit:migrations', 0))`);
  }
}
