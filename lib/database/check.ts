/**
 * The compatibility check (`npm run db:check`, and before every start): reads the database, writes
 * nothing, and says whether Admit can work on it. Errors stop Admit from starting; notes are advice.
 */
import type { Client } from "pg";
import { missingAppIndexes } from "./app-indexes";
import { migrationStatus } from "./admit-migrations";
import { expectedTables, SCHEMA_LAYERS } from "./better-auth-tables";
import { detectNaming, physical, type Naming } from "./naming";

/** better-auth tables Admit inserts rows into: a required column it cannot fill there blocks it. */
const TABLES_ADMIT_WRITES = ["user", "session", "account", "verification", "member", "invitation", "teamMember"];
const TYPES: Record<string, string[]> = {
  string: ["text", "character varying", "character"],
  number: ["integer", "bigint", "smallint", "numeric"],
  boolean: ["boolean"],
  date: ["timestamp with time zone", "timestamp without time zone", "date"],
  json: ["json", "jsonb"],
};

interface Column { table: string; column: string; type: string; nullable: boolean; hasDefault: boolean }

export interface DatabaseReport {
  /** "absent": none of better-auth's tables exist (a fresh database); "present": all of them do. */
  betterAuthTables: "absent" | "partial" | "present";
  /** better-auth's own names, or snake_case (its Drizzle generator's default). */
  naming: Naming;
  errors: string[];
  notes: string[];
  ok: string[];
  missingIndexes: string[];
  pendingMigrations: string[];
}

async function columnsIn(db: Client, schema: string) {
  const { rows } = await db.query<Column>(
    `SELECT table_name AS table, column_name AS column, data_type AS type, is_nullable = 'YES' AS nullable,
            (column_default IS NOT NULL OR is_identity = 'YES' OR is_generated <> 'NEVER') AS "hasDefault"
       FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
    [schema],
  );
  const tables = new Map<string, Map<string, Column>>();
  for (const r of rows) {
    if (!tables.has(r.table)) tables.set(r.table, new Map());
    tables.get(r.table)!.set(r.column, r);
  }
  return tables;
}

const needsOf = (layer: string) => SCHEMA_LAYERS.find((l) => l.name === layer)!.needs;

function checkTables(found: Map<string, Map<string, Column>>, report: DatabaseReport) {
  const expected = expectedTables();
  const naming = (report.naming = detectNaming(found));
  const name = (n: string) => physical(naming, n);
  const expectedPhysical = new Set(Object.keys(expected).map(name));
  const present = Object.keys(expected).filter((t) => found.has(name(t)));
  report.betterAuthTables = present.length === 0 ? "absent" : present.length === Object.keys(expected).length ? "present" : "partial";
  // A table with every column of a missing one: better-auth's `modelName` option renamed it.
  const renamedAs = (table: string) =>
    [...found.keys()].find((t) => !expectedPhysical.has(t) && Object.keys(expected[table].columns).every((c) => found.get(t)!.has(name(c))));
  const renamedText = (table: string, as: string) => `Table "${as}" looks like better-auth's "${name(table)}" table renamed with better-auth's \`modelName\` option: Admit works with better-auth's default table names only.`;
  if (report.betterAuthTables === "absent") {
    const as = renamedAs("user");
    if (as) report.errors.push(renamedText("user", as));
    return;
  }
  for (const [table, def] of Object.entries(expected)) {
    const t = name(table);
    const columns = found.get(t);
    if (!columns) {
      const as = renamedAs(table);
      report.errors.push(as ? renamedText(table, as) : `Table "${t}" is missing: enable ${needsOf(def.columns[Object.keys(def.columns)[1]]?.layer ?? "core")} in your application and run its better-auth migration.`);
      continue;
    }
    for (const [field, col] of Object.entries(def.columns)) {
      const c = columns.get(name(field));
      if (!c) report.errors.push(`Column "${t}"."${name(field)}" is missing: enable ${needsOf(col.layer)} in your application and run its better-auth migration.`);
      else if (field !== "id" && !TYPES[col.type]?.includes(c.type)) report.errors.push(`Column "${t}"."${name(field)}" is ${c.type}; better-auth's ${col.type} field needs ${TYPES[col.type]?.join(" or ")}.`);
    }
    if (!TABLES_ADMIT_WRITES.includes(table)) continue;
    const known = new Set(Object.keys(def.columns).map(name));
    for (const c of columns.values()) {
      if (!known.has(c.column) && !c.nullable && !c.hasDefault) {
        report.errors.push(`Column "${t}"."${c.column}" is required (NOT NULL, no default) but is not one of better-auth's: Admit creates "${t}" rows and cannot fill it. Give it a default or make it nullable.`);
      }
    }
  }
  if (naming === "snake") report.ok.push(`tables and columns are in snake_case (better-auth's Drizzle generator): Admit maps them through views in its own schema`);
  const id = found.get("user")?.get("id");
  if (id) {
    if (id.type === "uuid") report.errors.push(`The application uses uuid ids (better-auth's \`advanced.database.generateId: "uuid"\`); Admit writes better-auth's default string ids and does not support uuid ids yet.`);
    else if (TYPES.number.includes(id.type)) report.errors.push(`The application uses numeric ids (better-auth's \`advanced.database.generateId: "serial"\`); Admit writes better-auth's default string ids and does not support serial ids.`);
    else report.ok.push(`ids are strings (better-auth's default), as Admit writes them`);
  }
  if (report.betterAuthTables === "present" && !report.errors.length) report.ok.push(`better-auth's tables for core, admin, organization and teams are all present`);
}

export async function checkDatabase(db: Client): Promise<DatabaseReport> {
  const report: DatabaseReport = { betterAuthTables: "absent", naming: "camel", errors: [], notes: [], ok: [], missingIndexes: [], pendingMigrations: [] };
  checkTables(await columnsIn(db, "public"), report);
  // Known by a column only Admit's own tables had (an application may have a "campaign" table, or
  // better-auth-admit's snake_case "sign_in_link").
  const legacy = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public'
       AND (table_name, column_name) IN (('sign_in_link', 'issuerEmail'), ('audit_event', 'impersonatorId'), ('campaign', 'expiresIn'))`,
  );
  if (legacy.rows[0].n > 0) report.errors.push(`This database has Admit's tables in "public" (made by an Admit from before its tables moved to the "admit" schema). For a development database, delete its data directory (.data); Admit never moves tables in an application's schema.`);
  const status = await migrationStatus(db);
  report.pendingMigrations = status.pending;
  for (const name of status.changed) report.errors.push(`Admit's migration ${name} was edited after it was applied to this database.`);
  if (status.pending.length) report.notes.push(`Admit's schema "admit": ${status.pending.length} migration(s) to apply (${status.pending.join(", ")}); applied at start.`);
  else report.ok.push(`Admit's schema "admit" is up to date`);
  if (report.betterAuthTables === "present") {
    report.missingIndexes = (await missingAppIndexes(db)).map((m) => m.index.name); // (names are the same under either naming)
    if (report.missingIndexes.length) report.notes.push(`Indexes Admit wants on the application's tables are missing (${report.missingIndexes.join(", ")}); the invitation pages are slow on large tables without them. Create them with \`npm run db:indexes\` (CREATE INDEX CONCURRENTLY: no write lock).`);
    else report.ok.push(`Admit's indexes on the application's tables are present`);
  }
  return report;
}

export function formatReport(report: DatabaseReport) {
  return [
    ...report.ok.map((l) => `  ok    ${l}`),
    ...report.notes.map((l) => `  note  ${l}`),
    ...report.errors.map((l) => `  ERROR ${l}`),
    report.errors.length ? `Admit cannot work on this database: ${report.errors.length} problem(s) above. Nothing was written.` : `Admit can work on this database.`,
  ].join("\n");
}
