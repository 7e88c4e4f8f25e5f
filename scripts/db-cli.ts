/**
 * Database chores.
 *   npm run db:migrate            apply pending migrations (DATABASE_URL, or the embedded dev database)
 *   npm run db:seed               seed the demo data (once) and print the demo accounts
 *   npm run db:new-migration NAME write prisma/migrations/<timestamp>_NAME from the schema's changes
 *   npm run db:drift              fail if the migrations and prisma/schema.prisma disagree
 * The Wasm schema engine cannot run `migrate dev` with a shadow database, so new migrations are generated
 * with `migrate diff --from-migrations` against a throwaway embedded PostgreSQL.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/dev/embedded-postgres";
import { startLocalServices } from "../lib/dev/local-services";

const [command, name] = process.argv.slice(2);
process.env.CHECKPOINT_DISABLE = "1";

if (command === "migrate" || command === "seed") {
  const services = await startLocalServices({ dataDir: process.env.ADMIT_DATA_DIR ?? ".data", pgPort: Number(process.env.PG_PORT ?? 54329), sinkPort: 0 });
  if (command === "seed") {
    const { seedDemo } = await import("../prisma/seed");
    const seeded = await seedDemo();
    console.log(seeded ? JSON.stringify(seeded, null, 2) : "Already seeded.");
    const { prisma } = await import("../lib/db");
    await prisma.$disconnect();
  } else {
    console.log("Migrations applied.");
  }
  await services.stop();
} else if (command === "drift") {
  // The diff needs a database for its shadow copy: a throwaway embedded one unless DATABASE_URL is set
  // (outside the work tree, so no file watcher or test-file glob ever walks a live database directory).
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dir: path.join(os.tmpdir(), "admit-drift-pg"), port: 54345, fresh: true });
  const res = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], {
    env: { ...process.env, ...(pg ? { DATABASE_URL: pg.url } : {}) },
    stdio: "inherit",
  });
  await pg?.stop();
  if (res.status === 0) console.log("Migrations match the schema.");
  else console.error("The schema and the migrations differ: run `npm run db:new-migration <name>`.");
  process.exit(res.status ?? 1);
} else if (command === "new-migration") {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:new-migration <snake_case_name>");
  const pg = await startEmbeddedPostgres({ dir: ".data/pg-migration-scratch", port: 54362, fresh: true });
  try {
    const sql = execFileSync(
      path.resolve("node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { env: { ...process.env, DATABASE_URL: pg.url }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    const body = sql.split("\n").filter((l) => !l.startsWith("Loaded Prisma config")).join("\n").trim();
    if (!body || body.includes("This is an empty migration")) {
      console.log("The schema matches the migrations: nothing to write.");
    } else {
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join("prisma/migrations", `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), body + "\n");
      console.log(`Wrote ${dir}/migration.sql`);
    }
  } finally {
    await pg.stop();
  }
} else {
  console.error("usage: tsx scripts/db-cli.ts migrate | seed | drift | new-migration <name>");
  process.exit(1);
}
