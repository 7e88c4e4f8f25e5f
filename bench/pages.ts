/**
 * Scenario 8 (issue 17): the console's pages against the framework's floor, both built and served the same
 * way (`next start`, production build) and measured in the same run.
 *
 *   floor: bench/floor (a bare dynamic page: reads a header, renders two elements), built here;
 *   Admit: its own database (CREATE DATABASE on the bench's server) with the demo data (`ADMIT_SEED=1`),
 *          signed in as the demo admin and as the demo org owner.
 * Per page: single-user p50 (sequential, whole body read), requests/s and p95 at 10 connections
 * (autocannon, whole body; its p97.5 stands for the p95, which it does not report: stricter), database round
 * trips per request (pg_stat_statements: statements executed,
 * BEGIN/COMMIT included, over the sequential requests), and the HTML bytes.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { serverNodeOptions } from "../scripts/node-options";

type Row = { scenario: string; metric: string; admit: string; stock?: string; target: string; met?: boolean };
type Fmt = (n: number, digits?: number) => string;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function up(url: string) {
  for (let i = 0; i < 240; i++) {
    if (await fetch(url).then((r) => r.status < 500).catch(() => false)) return;
    await wait(500);
  }
  throw new Error(`${url} did not come up`);
}

/** Sequential requests, whole body read: p50 time and the body size of the last. */
async function single(url: string, cookie: string, n = 40) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n + 5; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    if (i >= 5) times.push(performance.now() - t);
    bytes = body.byteLength;
  }
  return { p50: percentile(times, 50), bytes };
}

async function loaded(url: string, cookie: string, seconds = 8) {
  const { default: autocannon } = await import("autocannon");
  const result = await autocannon({ url, connections: 10, duration: seconds, headers: { cookie } });
  if (result.non2xx) throw new Error(`${url}: ${result.non2xx} answers were not 2xx`);
  // Completed requests over the run's own clock (autocannon's per-second average counts a last, partial second).
  return { rps: result.requests.total / result.duration, p50: result.latency.p50, p95: percentile([result.latency.p90, result.latency.p97_5], 50) };
}

/** Statements PostgreSQL ran in this database, from pg_stat_statements. */
async function statements(client: pg.Client) {
  const { rows } = await client.query<{ n: string }>(`SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database()`);
  return Number(rows[0].n);
}

export async function benchPages(serverUrl: string, fmt: Fmt): Promise<Row[]> {
  const rows: Row[] = [];
  const root = new pg.Client({ connectionString: serverUrl });
  await root.connect();
  await root.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  await root.query(`DROP DATABASE IF EXISTS admit_pages WITH (FORCE)`);
  await root.query(`CREATE DATABASE admit_pages`);
  await root.end();
  const url = serverUrl.replace(/\/[^/]*$/, "/admit_pages");
  const { prepareDatabase } = await import("../lib/database/prepare");
  await prepareDatabase(url, { createBetterAuthTables: true });

  // The floor: built here (about a minute), served like the console.
  const build = spawnSync(path.resolve("node_modules/.bin/next"), ["build", "bench/floor"], { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) throw new Error(`floor build failed:\n${build.stdout}\n${build.stderr}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "admit-pages-"));
  // With the console's Node flags (scripts/node-options.ts; `npm start` below sets them): the same runtime.
  const floor = spawn(path.resolve("node_modules/.bin/next"), ["start", "bench/floor", "-p", "3201"], { stdio: "ignore", detached: true, env: { ...process.env, NODE_ENV: "production", NODE_OPTIONS: serverNodeOptions(process.env.NODE_OPTIONS) } });
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.RESEND_API_KEY; // the launcher's own Resend sink
  const admit = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/launch.ts", "start"], {
    env: { ...env, PORT: "3202", DATABASE_URL: url, ADMIT_DATA_DIR: dataDir, ADMIT_SEED: "1", BETTER_AUTH_URL: "http://localhost:3202", BETTER_AUTH_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz", ADMIT_WORKER: "off", AUTH_RATE_LIMIT: "off", ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK: "1", PG_PORT: "0", SINK_PORT: "0" },
    stdio: ["ignore", fs.openSync(path.join(dataDir, "admit.log"), "a"), fs.openSync(path.join(dataDir, "admit.log"), "a")],
    detached: true,
  });
  admit.on("exit", (code) => code && console.error(`Admit stopped (${code}); its output: ${path.join(dataDir, "admit.log")}`));
  const db = new pg.Client({ connectionString: url });
  try {
    await Promise.all([up("http://localhost:3201/"), up("http://localhost:3202/sign-in")]);
    // Both servers warm before anything is measured (V8 compiles a page's code as it runs hot): a long-running
    // server is, and the first page measured would otherwise pay for the rest (session 14: admin /invitations,
    // measured first, 17 ms single against 9–11 ms warm).
    await loaded("http://localhost:3201/", "", 3);
    const floorSingle = await single("http://localhost:3201/", "");
    const floorLoad = await loaded("http://localhost:3201/", "");
    rows.push({ scenario: "8. console pages (demo data)", metric: "floor: bare dynamic page, single p50; req/s at 10", admit: `${fmt(floorSingle.p50, 1)} ms; ${fmt(floorLoad.rps)} / s (p95 ${fmt(floorLoad.p95)} ms)`, target: "(floor)" });

    const { password, accounts } = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8")) as { password: string; accounts: { email: string; role: string }[] };
    await db.connect();
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    const base = "http://localhost:3202";
    const orgId = (await db.query<{ id: string }>(`SELECT id FROM organization ORDER BY name LIMIT 1`)).rows[0].id;
    // The demo has no campaign: one of 120 recipients (sent, delivered, bounced, failed, pending) in the first
    // organization, created by its owner, so "a campaign" is measured like the other pages.
    const campaignId = "bench-campaign";
    await db.query(
      `INSERT INTO admit.campaign (id, "organizationId", kind, status, name, subject, message, "expiresIn", "createdById", "createdByEmail", total, "startedAt")
       SELECT $1, $2, 'invitation', 'sending', 'Spring onboarding', 'Join us', 'Hello', 604800, m."userId", u.email, 120, now()
       FROM member m JOIN "user" u ON u.id = m."userId" WHERE m."organizationId" = $2 AND m.role = 'owner' LIMIT 1`,
      [campaignId, orgId],
    );
    await db.query(
      `INSERT INTO admit.campaign_recipient (id, "campaignId", row, email, name, status, "deliveryStatus", "sentAt", "updatedAt")
       SELECT $1 || '-' || g, $1, g, 'recipient.' || g || '@example.test', 'Recipient ' || g,
              (ARRAY['sent', 'sent', 'sent', 'failed', 'pending'])[g % 5 + 1], (ARRAY['delivered', 'bounced', NULL, NULL, NULL])[g % 5 + 1],
              CASE WHEN g % 5 < 3 THEN now() END, now()
       FROM generate_series(0, 119) g`,
      [campaignId],
    );
    const pages = ["/invitations", "/users", "/organizations", `/organizations/${orgId}`, "/campaigns", `/campaigns/${campaignId}`, "/audit", "/sign-in-links"];
    const people: { who: string; cookie: string; pages: string[] }[] = [];
    for (const who of ["platform admin", "owner of Acme Inc"]) {
      const email = accounts.find((a) => a.role === who)!.email;
      const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password }) });
      const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const theirs: string[] = [];
      for (const page of pages) {
        const probe = await fetch(`${base}${page}`, { headers: { cookie }, redirect: "manual" });
        await probe.arrayBuffer();
        if (probe.status === 200) theirs.push(page); // else not this person's page (the owner has no users or audit page)
      }
      people.push({ who, cookie, pages: theirs });
    }
    // Warm-up (not measured): every page of every person under load for a second.
    for (const { cookie, pages: theirs } of people) for (const page of theirs) await loaded(`${base}${page}`, cookie, 1);
    for (const { who, cookie, pages: theirs } of people) {
      for (const page of theirs) {
        const before = await statements(db);
        const s = await single(`${base}${page}`, cookie);
        const trips = (await statements(db) - before - 1) / 45;
        const l = await loaded(`${base}${page}`, cookie);
        const label = page.replace(orgId, ":id").replace(campaignId, ":id");
        rows.push({
          scenario: "",
          metric: `${who === "platform admin" ? "admin" : "owner"} ${label}: single p50; req/s, p95 at 10; DB trips; KB`,
          admit: `${fmt(s.p50, 1)} ms; ${fmt(l.rps)} / s, ${fmt(l.p95)} ms; ${fmt(trips, 1)}; ${fmt(s.bytes / 1024, 1)}`,
          stock: `${fmt(s.p50 / floorSingle.p50, 1)}× / ${fmt(floorLoad.rps / l.rps, 1)}× floor`,
          target: "≤ 15 ms; ≥ 120 / s; ≤ 5",
          met: s.p50 <= 15 && l.rps >= 120 && trips <= 5,
        });
      }
    }
    // The 50-row page's weight (after the timings, which are on the demo data): 60 more invitations in the
    // first organization, the admin's invitations page at 50 rows, HTML with its RSC payload.
    const inviter = (await db.query<{ id: string }>(`SELECT id FROM "user" WHERE email = $1`, [accounts.find((a) => a.role === "platform admin")!.email])).rows[0].id;
    await db.query(
      `INSERT INTO invitation (id, "organizationId", email, role, status, "expiresAt", "createdAt", "inviterId")
       SELECT md5(random()::text || g), $1, 'weight.' || g || '@example.test', 'member', 'pending', now() + interval '3 days', now() - g * interval '1 minute', $2 FROM generate_series(1, 60) g`,
      [orgId, inviter],
    );
    const adminEmail = accounts.find((a) => a.role === "platform admin")!.email;
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email: adminEmail, password }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const res = await fetch(`${base}/invitations?perPage=50`, { headers: { cookie } });
    const html = await res.text();
    const shown = (html.match(/<tr[ >]/g) ?? []).length - 1; // the header row and the page's rows
    rows.push({ scenario: "", metric: `admin /invitations, ${shown} rows: HTML with RSC payload`, admit: `${fmt(Buffer.byteLength(html) / 1024, 1)} KB`, target: "≤ 60 KB (50 rows)", met: shown === 50 && Buffer.byteLength(html) <= 60 * 1024 });

    // At scale: 100,000 invitations in 200 organizations, the admin's invitations page with each filter, under load.
    const owner = (await db.query<{ id: string }>(`SELECT id FROM "user" WHERE email = $1`, [accounts.find((a) => a.role === "owner of Acme Inc")!.email])).rows[0].id;
    await db.query(
      `INSERT INTO organization (id, name, slug, "createdAt") SELECT 'scale-' || g, 'Scale ' || g, 'scale-' || g, now() FROM generate_series(1, 200) g`,
    );
    await db.query(
      `INSERT INTO invitation (id, "organizationId", email, role, status, "expiresAt", "createdAt", "inviterId")
       SELECT md5(random()::text || g), 'scale-' || (1 + g % 200), 'p' || (g % 200) || '.' || g || '@scale.test', 'member',
              (ARRAY['pending','pending','accepted','canceled','rejected'])[1 + g % 5], now() + ((g % 20) - 5) * interval '1 day', now() - g * interval '1 second', $1
       FROM generate_series(1, 100000) g`,
      [owner],
    );
    await db.query(`ANALYZE invitation`);
    for (const [name, query] of [["default view", ""], ["status = pending", "?status=pending"], ["email search", "?q=p17.42"], ["last page", "?page=5000"]] as const) {
      const l = await loaded(`${base}/invitations${query}`, cookie);
      rows.push({ scenario: name === "default view" ? "8b. invitations page, 100,000 rows, 10 connections" : "", metric: `${name}: req/s; p95`, admit: `${fmt(l.rps)} / s; ${fmt(l.p95)} ms`, stock: `${fmt(floorLoad.rps / l.rps, 1)}× floor`, target: "≥ 60 / s; p95 ≤ 150 ms", met: l.rps >= 60 && l.p95 <= 150 });
    }
  } finally {
    await db.end().catch(() => {});
    for (const child of [floor, admit]) if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
    await wait(1500);
  }
  return rows;
}
