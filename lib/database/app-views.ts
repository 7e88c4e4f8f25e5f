/**
 * Admit reads and writes the application's better-auth tables through views in its own schema, one per
 * table, carrying better-auth's names over the application's (lib/database/naming.ts): `admit."user"` is
 * `SELECT "id", "email_verified" AS "emailVerified", … FROM public."user"` on a snake_case database and a
 * plain pass-through otherwise. They are simple views, so PostgreSQL updates the table beneath them (inserts
 * get the table's own defaults and constraints) and the planner sees through them to the table's indexes.
 * Admit's Prisma models and its raw SQL (search_path `admit, public`, lib/db.ts) use these names only.
 * Re-made at every start (inside Admit's schema: nothing of the application's changes).
 */
import type { Client } from "pg";
import { expectedTables } from "./better-auth-tables";
import { physical, type Naming } from "./naming";

export function appViewSql(naming: Naming) {
  return Object.entries(expectedTables()).map(([table, def]) => {
    const columns = Object.keys(def.columns).map((c) => `"${physical(naming, c)}" AS "${c}"`);
    return { table, sql: `CREATE OR REPLACE VIEW "admit"."${table}" AS SELECT ${columns.join(", ")} FROM "public"."${physical(naming, table)}"` };
  });
}

export async function createAppViews(db: Client, naming: Naming) {
  await db.query("BEGIN");
  try {
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('admit:views', 0))`);
    for (const view of appViewSql(naming)) {
      // CREATE OR REPLACE keeps a view whose columns stay the same; a different naming replaces it.
      await db.query("SAVEPOINT view");
      try {
        await db.query(view.sql);
      } catch {
        await db.query("ROLLBACK TO SAVEPOINT view");
        await db.query(`DROP VIEW IF EXISTS "admit"."${view.table}"`);
        await db.query(view.sql);
      }
    }
    await db.query("COMMIT");
  } catch (e) {
    await db.query("ROLLBACK");
    throw e;
  }
}
