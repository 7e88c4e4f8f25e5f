import { defineConfig } from "@playwright/test";
import { DNS_STUB_FILE } from "./e2e/support/dns-stub";

/**
 * Journeys run against the production build (`next build` first, then `next start` through the launcher)
 * on a fresh embedded PostgreSQL and a fresh local mail sink of their own.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
// Every fixed port a test listens on is below 32768: the kernel hands out 32768–60999 as the local ports of
// outgoing connections, and a listener there can find its port taken by any client socket (EADDRINUSE).
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 25350);
const SINK_PORT = Number(process.env.E2E_SINK_PORT ?? 25351);
export const E2E_BASE_URL = `http://localhost:${PORT}`;

// The test process seeds its own data through the app's domain code, against the same database and sink.
process.env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/admit`;
process.env.RESEND_BASE_URL = `http://127.0.0.1:${SINK_PORT}`;
process.env.BETTER_AUTH_URL = E2E_BASE_URL;

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  webServer: {
    command: "tsx scripts/launch.ts start",
    url: `${E2E_BASE_URL}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      PG_PORT: String(PG_PORT),
      SINK_PORT: String(SINK_PORT),
      ADMIT_DATA_DIR: ".data-e2e",
      ADMIT_FRESH: "1",
      // A throwaway deployment on this machine: the embedded database, the local mail sink and its outbox.
      ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK: "1",
      BETTER_AUTH_URL: E2E_BASE_URL,
      BETTER_AUTH_SECRET: "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      // Domain verification reads TXT records from this file (a journey publishes them): no DNS in tests.
      ADMIT_DNS_STUB_FILE: DNS_STUB_FILE,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      RESEND_API_KEY: "",
    },
  },
});
