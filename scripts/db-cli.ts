/**
 * Database chores.
 *   npm run db:check              the compatibility report for DATABASE_URL (or the embedded dev database); writes nothing
 *   npm run db:indexes            create the indexes Admit wants on the application's tables (CONCURRENTLY)
 *   npm run db:migrate            apply Admit's pending migrations (schema "admit"); with
 *                                 `-- --create-better-auth-tables`, first make better-auth's tables on an empty database
 *   npm run db:seed               seed the demo data (once) and print the demo accounts
 *   npm run db:new-migration NAME write prisma/migrations/<timestamp>_NAME from the schema's changes to Admit's models
 *   npm run db:drift              fail if prisma/schema.prisma disagrees with better-auth's DDL + Admit's migrations
 *   npm run audit:verify          check the audit log's hash chains and signed heads (exit 1 if altered); with
 *                                 `-- --chain org:<id>` one chain; `-- --file audit.ndjson` an NDJSON export
 *                                 instead (no database needed). Exit 0 intact, 1 altered, 2 cannot check
 * drift and new-migration compare the Prisma schema with a throwaway database built the way a fresh one is:
 * better-auth's migration API, Admit's indexes, Admit's migrations.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { APP_INDEXES, createAppIndexes, createIndexSql } from "../lib/database/app-indexes";
import { MIGRATIONS_DIR, migrationFiles } from "../lib/database/admit-migrations";
import { betterAuthTablesSql, expectedTables } from "../lib/database/better-auth-tables";
import { checkDatabase, formatReport } from "../lib/database/check";
import { connect, DatabaseNotReady, describeDatabase, prepareDatabase } from "../lib/database/prepare";
import { startEmbeddedPostgres } from "../lib/dev/embedded-postgres";
import { startLocalServices } from "../lib/dev/local-services";

const [command, ...args] = process.argv.slice(2);
process.env.CHECKPOINT_DISABLE = "1";
const localOptions = { dataDir: process.env.ADMIT_DATA_DIR ?? ".data", pgPort: Number(process.env.PG_PORT ?? 54329), sinkPort: 0 };

/** DATABASE_URL, or the embedded development database (started for the command). */
async function withDatabase<T>(fn: (url: string) => Promise<T>) {
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dir: path.join(localOptions.dataDir, "pg"), port: localOptions.pgPort });
  try {
    return await fn(process.env.DATABASE_URL ?? pg!.url);
  } finally {
    await pg?.stop();
  }
}

/** Migrations a throwaway database runs to match a fresh one: better-auth's DDL and Admit's indexes first. */
async function freshDatabaseMigrations(url: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admit-migrations-"));
  const first = [await betterAuthTablesSql(url), "CREATE EXTENSION IF NOT EXISTS pg_trgm;", ...APP_INDEXES.map((i) => `${createIndexSql(i, false)};`)].join("\n");
  fs.mkdirSync(path.join(dir, "00000000000000_better_auth"));
  fs.writeFileSync(path.join(dir, "00000000000000_better_auth", "migration.sql"), first);
  for (const m of migrationFiles()) fs.cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(dir, m.name), { recursive: true });
  fs.copyFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
  return dir;
}

/**
 * prisma/schema.prisma with the better-auth models placed on better-auth's tables ("public") instead of on
 * Admit's views of them, so the diff compares them with better-auth's own DDL.
 */
function schemaOnTables() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "admit-schema-")), "schema.prisma");
  const tables = new Set(Object.keys(expectedTables()));
  const text = fs.readFileSync("prisma/schema.prisma", "utf8").replace(/model \w+ \{[^}]*\}/g, (block) => {
    const table = block.match(/@@map\("([^"]+)"\)/)?.[1];
    return table && tables.has(table) ? block.replace('@@schema("admit")', '@@schema("public")') : block;
  });
  fs.writeFileSync(file, text.replace('output     = "../lib/generated/prisma"', `output     = "${path.resolve("lib/generated/prisma")}"`));
  return file;
}

function prismaDiff(url: string, from: string, extra: string[]) {
  return execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "diff", "--from-migrations", from, "--to-schema-datamodel", schemaOnTables(), ...extra], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

async function throwaway<T>(fn: (url: string) => Promise<T>) {
  // Outside the work tree, so no file watcher or test-file glob ever walks a live database directory.
  const pg = await startEmbeddedPostgres({ dir: path.join(os.tmpdir(), "admit-drift-pg"), port: 25345, fresh: true });
  try {
    return await fn(pg.url);
  } finally {
    await pg.stop();
  }
}

/** `npm run audit:verify`: the database's chains, or an NDJSON export's (`--file`). Returns the exit code. */
async function auditVerify(argv: string[]) {
  const file = argv[argv.indexOf("--file") + 1];
  if (argv.includes("--file")) {
    if (!file || !fs.existsSync(file)) throw new Error("usage: npm run audit:verify -- --file <export.ndjson>");
    const { createInterface } = await import("node:readline");
    const { verifyExport } = await import("../lib/audit/verify-export");
    const report = await verifyExport(createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity }));
    for (const c of report.chains) {
      const gaps = c.gaps.length ? `; not in the file: ${c.gaps.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(", ")}` : "";
      console.log(`${c.problem ? "ALTERED" : "ok     "} ${c.chain}: events ${c.first}-${c.last} (${c.events})${gaps}${c.problem ? `\n        ${c.problem}` : ""}`);
    }
    if (report.unsealed) console.log(`${report.unsealed} event(s) had no hash yet when exported.`);
    if (report.malformed.length) console.log(`Lines that are not audit events: ${report.malformed.slice(0, 20).join(", ")}${report.malformed.length > 20 ? ", ..." : ""}`);
    const bad = report.chains.some((c) => c.problem) || report.malformed.length > 0;
    console.log(bad ? "The export does not verify." : `The export verifies: ${report.events} events. (Signed heads are checked against the database only.)`);
    return bad ? 1 : 0;
  }
  const chainArg = argv.includes("--chain") ? argv[argv.indexOf("--chain") + 1] : undefined;
  if (argv.includes("--chain") && !chainArg) throw new Error("usage: npm run audit:verify -- --chain <platform | org:<organization id>>");
  if (!process.env.BETTER_AUTH_SECRET) {
    // The signed heads need the console's secret: the development console's is kept in its data directory.
    const local = path.join(localOptions.dataDir, "auth-secret");
    if (process.env.DATABASE_URL || !fs.existsSync(local)) {
      console.error("BETTER_AUTH_SECRET is not set: the chains' heads are signed with the console's secret, so they cannot be checked without it.");
      return 2;
    }
    process.env.BETTER_AUTH_SECRET = fs.readFileSync(local, "utf8").trim();
  }
  return withDatabase(async (url) => {
    process.env.DATABASE_URL ??= url;
    const { checkAuditChains } = await import("../lib/audit/verify");
    const { prisma } = await import("../lib/db");
    try {
      const result = await checkAuditChains(chainArg ? [chainArg] : undefined);
      if (chainArg && !result.chains.length) console.log(`No chain ${chainArg}.`);
      for (const c of result.chains) {
        console.log(`${c.problem ? "ALTERED" : "ok     "} ${c.label} (${c.chain}): ${c.events} events, ${c.firstSeq}-${c.headSeq}${c.pruned ? `, ${c.pruned} pruned` : ""}${c.problem ? `\n        at event ${c.problem.seq}${c.problem.eventId ? ` (${c.problem.eventId})` : ""}: ${c.problem.reason}` : ""}`);
      }
      if (result.pending) console.log(`${result.pending} recent event(s) not sealed yet (the worker seals them within seconds).`);
      const found = !chainArg || result.chains.length > 0;
      console.log(result.intact && found ? `The audit log is intact: ${result.chains.length} chain(s).` : found ? "The audit log was altered." : "Nothing to check.");
      return result.intact && found ? 0 : 1;
    } finally {
      await prisma.$disconnect();
    }
  });
}

try {
  if (command === "check") {
    await withDatabase(async (url) => {
      const db = await connect(url);
      const report = await checkDatabase(db).finally(() => db.end());
      console.log(`Database ${describeDatabase(url)}\n${formatReport(report)}`);
      if (report.betterAuthTables === "absent" && !report.errors.length) console.log("  note  None of better-auth's tables exist: run your application's better-auth migration first.");
      process.exitCode = report.errors.length || report.betterAuthTables === "absent" ? 1 : 0;
    });
  } else if (command === "indexes") {
    await withDatabase(async (url) => {
      const db = await connect(url);
      const created = await checkDatabase(db)
        .then((report) => createAppIndexes(db, report.naming, { log: (l) => console.log(l) }))
        .finally(() => db.end());
      console.log(created.length ? `Created ${created.length} index(es).` : "Every index Admit wants is present.");
    });
  } else if (command === "migrate") {
    if (process.env.DATABASE_URL) {
      await prepareDatabase(process.env.DATABASE_URL, { createBetterAuthTables: args.includes("--create-better-auth-tables"), log: console.log });
    } else {
      await (await startLocalServices(localOptions)).stop();
    }
    console.log("Migrations applied.");
  } else if (command === "seed") {
    const services = await startLocalServices(localOptions);
    const { seedDemo } = await import("../prisma/seed");
    const seeded = await seedDemo();
    console.log(seeded ? JSON.stringify(seeded, null, 2) : "Already seeded.");
    const { prisma } = await import("../lib/db");
    await prisma.$disconnect();
    await services.stop();
  } else if (command === "drift") {
    const out = await throwaway(async (url) => {
      try {
        prismaDiff(url, await freshDatabaseMigrations(url), ["--exit-code"]);
        return 0;
      } catch (e) {
        return (e as { status?: number }).status ?? 1;
      }
    });
    if (out === 0) console.log("The schema matches better-auth's tables and Admit's migrations.");
    else console.error("The schema and the database differ: run `npm run db:new-migration <name>` for Admit's models; better-auth's models must match better-auth's DDL.");
    process.exit(out);
  } else if (command === "new-migration") {
    const name = args[0];
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:new-migration <snake_case_name>");
    const sql = await throwaway(async (url) => prismaDiff(url, await freshDatabaseMigrations(url), ["--script"]));
    const statements = sql.split("\n").filter((l) => !l.startsWith("Loaded Prisma config")).join("\n").split(";\n").map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*\n?)*$/.test(s));
    const outside = statements.filter((s) => !s.includes(`"admit"`));
    if (outside.length) {
      console.error(`These changes touch the application's tables, which Admit never migrates. Make the better-auth models match better-auth's DDL (or add an index to lib/database/app-indexes.ts):\n\n${outside.join(";\n\n")};`);
      process.exit(1);
    }
    if (!statements.length) {
      console.log("The schema matches the migrations: nothing to write.");
    } else {
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), statements.join(";\n\n") + ";\n");
      console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    }
  } else if (command === "audit-verify") {
    process.exitCode = await auditVerify(args);
  } else {
    console.error("usage: tsx scripts/db-cli.ts check | indexes | migrate [--create-better-auth-tables] | seed | drift | new-migration <name> | audit-verify [--file export.ndjson]");
    process.exit(1);
  }
} catch (e) {
  if (!(e instanceof DatabaseNotReady)) throw e;
  console.error(e.message);
  process.exit(1);
}
// embedded-postgres's exit hook ends the process with code 0 on `beforeExit`, whatever `process.exitCode` says:
// exit explicitly, once the output is flushed, so `db:check` and `audit:verify` fail a script when they should.
await new Promise((resolve) => process.stdout.write("", resolve));
process.exit(process.exitCode ?? 0);
