/**
 * Before Admit starts (scripts/launch.ts, the test setup): check the database (and, with an application
 * configured, that it accepts Admit's sessions), make better-auth's tables only on a fresh database Admit
 * owns, then apply Admit's own migrations. On an
 * incompatible database nothing is written and the error says what to do.
 */
import { Client } from "pg";
import { checkApplication } from "@/lib/app-check";
import { createAppIndexes } from "./app-indexes";
import { applyAdmitMigrations } from "./admit-migrations";
import { createAppViews } from "./app-views";
import { createBetterAuthTables } from "./better-auth-tables";
import { checkDatabase, formatReport } from "./check";

export class DatabaseNotReady extends Error {}

/** `user@host:port/db` of a connection string, without the password. */
export function describeDatabase(url: string) {
  try {
    const u = new URL(url);
    return `${u.username ? `${decodeURIComponent(u.username)}@` : ""}${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "(DATABASE_URL is not a URL)";
  }
}

export async function connect(url: string) {
  const db = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await db.connect();
  } catch (e) {
    throw new DatabaseNotReady(`Cannot reach the database ${describeDatabase(url)}: ${(e as Error).message || (e as { code?: string }).code || e}. Check DATABASE_URL and that PostgreSQL is running.`);
  }
  return db;
}

export interface PrepareOptions {
  /** On a database without any of better-auth's tables, create them (Admit's own database only). */
  createBetterAuthTables?: boolean;
  log?: (line: string) => void;
}

export async function prepareDatabase(url: string, { createBetterAuthTables: mayCreate = false, log = () => {} }: PrepareOptions = {}) {
  const db = await connect(url);
  try {
    let report = await checkDatabase(db);
    if (report.betterAuthTables === "absent" && !report.errors.length) {
      if (!mayCreate) {
        throw new DatabaseNotReady(
          `The database ${describeDatabase(url)} has none of better-auth's tables. If it is your application's database, run your application's better-auth migration first (see "Attach Admit to your application" in the README). For a database of Admit's own, run \`npm run db:migrate -- --create-better-auth-tables\`. Nothing was written.`,
        );
      }
      log("Creating better-auth's tables (better-auth's migration API) and Admit's indexes on them");
      await createBetterAuthTables(url);
      await createAppIndexes(db, "camel", { concurrently: false });
      report = await checkDatabase(db);
    }
    if (report.errors.length) throw new DatabaseNotReady(`Database ${describeDatabase(url)}:\n${formatReport(report)}`);
    // With an application configured: does it accept the sessions Admit will hand it? (Before any write.)
    const app = await checkApplication(db, report.naming);
    if (app && !app.ok) throw new DatabaseNotReady(`${app.message} Nothing was written.`);
    if (app) log(app.message);
    const ran = await applyAdmitMigrations(db);
    await createAppViews(db, report.naming);
    if (ran.length) log(`Applied Admit's migrations: ${ran.join(", ")}`);
    for (const note of report.notes.filter((n) => !n.startsWith("Admit's schema"))) log(`note: ${note}`);
    return report;
  } finally {
    await db.end().catch(() => {});
  }
}
