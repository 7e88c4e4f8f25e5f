/**
 * `npm test`: every check, in the order a reviewer would want them to fail.
 *   type check -> the plugin package's build -> lint -> size -> import cycles -> Prisma drift check -> Vitest (unit + integration on a real PostgreSQL)
 *   -> next build -> Playwright journeys against `next start` in Debian's Chromium.
 * Ends with one line `N passed, N failed` (Vitest and Playwright tests added up; a failed gate such as the
 * type check counts as one failure) and exits non-zero if anything failed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";
const bin = (name: string) => path.resolve("node_modules/.bin", name);
fs.mkdirSync("test-results", { recursive: true });

let passed = 0;
let failed = 0;
const gates: string[] = [];

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = res.status === 0;
  console.log(`${ok ? "✓" : "✗"} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function gate(label: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  const ok = run(label, cmd, args, env);
  if (!ok) {
    failed++;
    gates.push(label);
  }
  return ok;
}

function ensureChromium() {
  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(exe)) return true;
  if (process.getuid?.() !== 0) {
    console.error(`Chromium not found at ${exe}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    return false;
  }
  return run("install Chromium (apt-get)", "bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"]);
}

gate("type check (tsc --noEmit)", bin("tsc"), ["--noEmit"]);
gate("better-auth-admit builds (tsc with the package's own settings, to dist/)", "npm", ["run", "build", "-w", "better-auth-admit"]);
gate("lint (eslint)", bin("eslint"), ["."]);
gate("size (no file over 300 lines, no function over 80, in lib/ and app/)", bin("tsx"), ["scripts/check-size.ts"]);
// Layers point down (ARCHITECTURE.md): no import cycle anywhere in the app's own code.
gate("no import cycles (madge)", bin("madge"), ["--circular", "--extensions", "ts,tsx", "--ts-config", "tsconfig.json", "--exclude", "^lib/generated", "lib", "app", "components", "scripts"]);

gate("Prisma drift check (better-auth's DDL + Admit's migrations == prisma/schema.prisma)", bin("tsx"), ["scripts/db-cli.ts", "drift"]);

const vitestJson = "test-results/vitest.json";
fs.rmSync(vitestJson, { force: true });
run("Vitest: unit and integration tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
if (fs.existsSync(vitestJson)) {
  const r = JSON.parse(fs.readFileSync(vitestJson, "utf8")) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; success: boolean };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (!r.success && r.numFailedTests === 0) {
    failed++;
    gates.push("Vitest (a suite failed to load)");
  }
} else {
  failed++;
  gates.push("Vitest (no report)");
}

const pwJson = "test-results/playwright.json";
fs.rmSync(pwJson, { force: true });
if (gate("next build", bin("next"), ["build"]) && ensureChromium()) {
  const ok = run("Playwright journeys (production build)", bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (fs.existsSync(pwJson)) {
    const s = (JSON.parse(fs.readFileSync(pwJson, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } }).stats;
    passed += s.expected;
    failed += s.unexpected + s.flaky;
    // A run that failed without a failed test (the web server did not start, a file did not load) or that
    // ran nothing is a failure too: the report alone would say "0 failed".
    if ((!ok && s.unexpected + s.flaky === 0) || s.expected === 0) {
      failed++;
      gates.push("Playwright (exited with an error, or ran no test)");
    }
  } else {
    failed++;
    gates.push("Playwright (no report)");
  }
} else {
  failed++;
  gates.push("Playwright (not run)");
}

if (gates.length) console.log(`\nFailed gates: ${gates.join("; ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
