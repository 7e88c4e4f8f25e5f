/**
 * `npm run dev` / `npm start`: runs Next.js with everything it needs.
 *
 * `dev`: DATABASE_URL unset -> embedded PostgreSQL in ./.data (kept between runs); RESEND_API_KEY unset ->
 * the local Resend sink (messages shown on /dev/outbox); demo data and accounts seeded once and their
 * credentials printed on every start.
 * `start` (production): the environment is checked first (lib/env.ts) and the process refuses to start,
 * listing every missing or malformed setting. No development service runs, unless
 * ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK=1 with a loopback BETTER_AUTH_URL (test deployments on this machine).
 * In both modes the database is checked first (lib/database/check.ts; an incompatible one stops the start)
 * and Admit's migrations are applied.
 *
 * Environment: PORT (3000), ADMIT_DATA_DIR (.data), PG_PORT (54329), SINK_PORT (54330),
 * ADMIT_SEED=1 to seed in a loopback test deployment too, ADMIT_FRESH=1 to start from an empty embedded database.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DatabaseNotReady } from "../lib/database/prepare";
import { startLocalServices } from "../lib/dev/local-services";
import { assertEnvironment, env } from "../lib/env";
import { serverNodeOptions } from "./node-options";

const mode = process.argv[2] === "start" ? "start" : "dev";
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.ADMIT_DATA_DIR ?? ".data");
fs.mkdirSync(dataDir, { recursive: true });

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";
if (mode === "dev") process.env.BETTER_AUTH_URL ||= `http://localhost:${port}`;
else Object.assign(process.env, { NODE_ENV: "production" });
assertEnvironment(mode === "start");

if (mode === "start" && !fs.existsSync(".next/BUILD_ID")) {
  console.error("No production build found: run `npm run build` first.");
  process.exit(1);
}

const services = await startLocalServices({
  dataDir,
  pgPort: Number(process.env.PG_PORT ?? 54329),
  sinkPort: Number(process.env.SINK_PORT ?? 54330),
  fresh: process.env.ADMIT_FRESH === "1",
  log: (line) => console.log(`  ${line}`),
}).catch((e: unknown) => {
  // An incompatible or unreachable database: the check's report, and nothing written.
  if (!(e instanceof DatabaseNotReady)) throw e;
  console.error(`\nAdmit cannot start. ${e.message}\n`);
  process.exit(1);
});

if (services.embedded && !process.env.BETTER_AUTH_SECRET) {
  // A local secret per data directory, so sessions survive restarts without a shared default.
  const secretFile = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.BETTER_AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
}

if (mode === "dev" || (process.env.ADMIT_SEED === "1" && env.mayUseDevServices)) {
  const accountsFile = path.join(dataDir, "demo-accounts.json");
  const { seedDemo } = await import("../prisma/seed");
  const seeded = await seedDemo();
  if (seeded) fs.writeFileSync(accountsFile, JSON.stringify(seeded, null, 2), { mode: 0o600 });
  if (fs.existsSync(accountsFile)) {
    const { password, accounts } = JSON.parse(fs.readFileSync(accountsFile, "utf8")) as NonNullable<Awaited<ReturnType<typeof seedDemo>>>;
    const width = Math.max(...accounts.map((a) => a.email.length));
    console.log(`\n  Admit demo accounts (password for all: ${password})`);
    for (const a of accounts) console.log(`    ${a.email.padEnd(width)}  ${a.role}`);
  }
  const { prisma } = await import("../lib/db");
  await prisma.$disconnect();
}

console.log(`\n  Console:  ${process.env.BETTER_AUTH_URL}`);
if (services.sink) console.log(`  Outbox:   ${process.env.BETTER_AUTH_URL}/dev/outbox`);
console.log(`  Database: ${services.embedded ? `embedded PostgreSQL in ${path.relative(process.cwd(), dataDir)}/pg` : "DATABASE_URL"}\n`);

// Production: Node's flags for the server (scripts/node-options.ts), unless NODE_OPTIONS sets them already.
const nextEnv = mode === "start" ? { ...process.env, NODE_OPTIONS: serverNodeOptions(process.env.NODE_OPTIONS) } : process.env;
const next = spawn(path.resolve("node_modules/.bin/next"), [mode, "-p", String(port)], { stdio: "inherit", env: nextEnv });

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  await services.stop();
  process.exit(code);
}
next.on("exit", (code) => void shutdown(code ?? 0));
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
