/**
 * `npm run bench`: Admit against the stock better-auth path, on its own database (a fresh embedded
 * PostgreSQL unless DATABASE_URL is set) and the local Resend emulator. Prints one table and writes
 * bench/results/latest.json. Medians over BENCH_RUNS runs (default 3).
 *
 *   BENCH_ONLY=pages,invites,plugin,api,dispatch,page,http,links,soak,memory   run some scenarios only
 *   BENCH_SOAK_SECONDS=180   how long the soak (mixed console traffic over HTTP) runs
 *   BENCH_THROTTLED=1   also run the 2-requests-per-second dispatch (about 50 s)
 * The http scenario (page time to first byte, link exchange over loopback with autocannon) needs a
 * production build (`npm run build`); it starts `next start` on port 3200 against the bench database.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { serverNodeOptions } from "../scripts/node-options";

// The queries and route handlers are marked "server-only" for Next.js; here everything is server code.
const require = createRequire(import.meta.url);
const serverOnly = require.resolve("server-only");
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

// The same Node.js options `npm run worker` uses (package.json).
const WORKER_NODE_OPTIONS = "--max-old-space-size=160 --max-semi-space-size=4";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const only = new Set((process.env.BENCH_ONLY ?? "pages,invites,plugin,api,dispatch,page,http,links,soak,memory").split(","));
process.env.CHECKPOINT_DISABLE = "1";
process.env.BETTER_AUTH_URL ??= "http://localhost:3000";
process.env.AUTH_RATE_LIMIT = "off"; // the benchmark drives one IP far past any sign-in limit

const { startLocalServices } = await import("../lib/dev/local-services");
const services = await startLocalServices({ dataDir: path.join(os.tmpdir(), "admit-bench"), pgPort: 25370, sinkPort: 0, fresh: true, pgFlags: ["-c", "shared_preload_libraries=pg_stat_statements"] });
await fetch(new URL("/_sink/config", services.sink!.url), { method: "POST", body: JSON.stringify({ keepMessages: false }) });

const { actingAs } = await import("../lib/actor");
const { prisma } = await import("../lib/db");
const { auth } = await import("../lib/auth");
const { createInvitations } = await import("../lib/invitations/create-invitations");
const { createCampaign } = await import("../lib/campaigns/create-campaign");
const { sendCampaign } = await import("../lib/campaigns/send-campaign");
const { listInvitations } = await import("../lib/invitations/queries");
const { issueSignInLinks } = await import("../lib/sign-in-links/issue-sign-in-links");
const { POST: confirmLink } = await import("../app/(auth)/link/[token]/confirm/route");
const { actorOf, createOrganization, createUser, signInCookie } = await import("../tests/support/factories");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const time = async <T>(fn: () => Promise<T>) => {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
};
const rows: { scenario: string; metric: string; admit: string; stock?: string; target: string; met?: boolean }[] = [];
const fmt = (n: number, digits = 0) => n.toLocaleString("en", { maximumFractionDigits: digits });

// ---------------------------------------------------------------- 8. console pages against the floor (own database)
if (only.has("pages")) {
  if (!fs.existsSync(".next/BUILD_ID")) rows.push({ scenario: "8. console pages", metric: "skipped: run `npm run build` first", admit: "", target: "" });
  else {
    const { benchPages } = await import("./pages");
    rows.push(...(await benchPages(services.databaseUrl, fmt)));
  }
}

// The page scenarios run first, so the table holds exactly their 100,000 invitations.
// ---------------------------------------------------------------- 3. invitations page at scale
if (only.has("page")) {
  const admin = await createUser({ role: "admin" });
  const owner = await createUser();
  const orgIds: string[] = [];
  for (let i = 0; i < 200; i++) orgIds.push((await createOrganization(owner, `Scale ${i}`)).id);
  const PER = 500;
  for (let i = 0; i < orgIds.length; i++) {
    await prisma.$executeRaw`INSERT INTO "invitation" (id, "organizationId", email, role, status, "expiresAt", "createdAt", "inviterId")
      SELECT md5(random()::text || g), ${orgIds[i]}, 'p' || ${i} || '.' || g || '@scale.test', 'member',
             (ARRAY['pending','pending','accepted','canceled','rejected'])[1 + g % 5], now() + ((g % 20) - 5) * interval '1 day', now() - g * interval '1 minute', ${owner.id}
      FROM generate_series(1, ${PER}) AS g`;
  }
  await prisma.$executeRaw`ANALYZE "invitation"`;
  const actor = await actorOf(admin);
  const views: [string, Record<string, string>][] = [
    ["default view", {}],
    ["status = pending", { status: "pending" }],
    ["email search", { q: "p17.42" }],
    ["last page", { page: String(Math.ceil((200 * PER) / 20)) }],
  ];
  for (const [name, params] of views) {
    const samples: number[] = [];
    for (let i = 0; i < 25; i++) samples.push((await time(() => listInvitations(actor, params))).ms);
    rows.push({ scenario: name === "default view" ? "3. invitations page, 100,000 rows" : "", metric: `${name}: p50 / p95`, admit: `${fmt(percentile(samples, 50), 1)} / ${fmt(percentile(samples, 95), 1)} ms`, target: "p95 < 50 ms", met: percentile(samples, 95) < 50 });
  }
}

// ---------------------------------------------------------------- 3b + 4b. over HTTP against `next start`
if (only.has("http")) {
  if (!fs.existsSync(".next/BUILD_ID")) {
    rows.push({ scenario: "3b/4b. HTTP", metric: "skipped: run `npm run build` first", admit: "", target: "" });
  } else {
    const PORT = 3200;
    const base = `http://localhost:${PORT}`;
    const server = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/launch.ts", "start"], {
      env: { ...process.env, PORT: String(PORT), DATABASE_URL: services.databaseUrl, RESEND_API_KEY: "re_bench", RESEND_BASE_URL: services.sink!.url, BETTER_AUTH_URL: base, BETTER_AUTH_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz", ADMIT_WORKER: "off", AUTH_RATE_LIMIT: "off", ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK: "1" },
      stdio: "ignore",
      detached: true,
    });
    try {
      for (let i = 0; i < 120 && !(await fetch(`${base}/sign-in`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 500));
      const admin = await createUser({ role: "admin" });
      const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email: admin.email, password: "correct horse battery staple" }) });
      const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const ttfb: number[] = [];
      for (let i = 0; i < 40; i++) {
        const t = performance.now();
        const res = await fetch(`${base}/invitations`, { headers: { cookie } });
        ttfb.push(performance.now() - t);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`/invitations answered ${res.status}`);
      }
      const warm = ttfb.slice(5);
      rows.push({ scenario: "3b. invitations page over HTTP", metric: "time to first byte p50 / p95", admit: `${fmt(percentile(warm, 50), 1)} / ${fmt(percentile(warm, 95), 1)} ms`, target: "p95 < 200 ms", met: percentile(warm, 95) < 200 });

      // WARM links are exchanged first, not measured, then N under measurement. The server is still getting
      // faster through its first thousand or so (V8 compiles the hot code in tiers, on the cores autocannon and
      // PostgreSQL also use): on the probe, successive thousands ran 136, 238, 312 and 319 / s (scenario 8).
      const [N, WARM] = [2000, 1500];
      const users = await Promise.all(Array.from({ length: N + WARM }, () => createUser()));
      const links = await issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients: users.map((u) => ({ email: u.email })) });
      const tokens = links.map((l) => l.url!.split("/link/")[1]);
      const { default: autocannon } = await import("autocannon");
      let i = 0;
      const exchange = (amount: number) =>
        autocannon({
          url: base,
          connections: 50,
          amount,
          requests: [{ method: "POST", headers: { origin: base }, setupRequest: (req) => ({ ...req, path: `/link/${tokens[i++]}/confirm` }) }],
        });
      await exchange(WARM);
      const before = await prisma.session.count();
      const result = await exchange(N);
      const sessions = (await prisma.session.count()) - before;
      // Exchanges over the run's own clock: autocannon's per-second average counts the last, partial second
      // of a run this short (1,000 in 5.4 s read as 167 / s).
      // Issue 17's target: ≥ 300 exchanges / s with p95 ≤ 300 ms. autocannon has no p95; its p97.5 bounds it.
      const rate = N / result.duration;
      rows.push({ scenario: "4b. link exchange over HTTP, 50 connections", metric: "p50 / p97.5 (autocannon; p95 ≤ p97.5)", admit: `${fmt(result.latency.p50, 1)} / ${fmt(result.latency.p97_5, 1)} ms`, target: "p97.5 ≤ 300 ms", met: result.latency.p97_5 <= 300 });
      rows.push({ scenario: "", metric: "requests / s; 3xx; sessions = links", admit: `${fmt(rate)} / s; ${result["3xx"]}; ${sessions} = ${N}`, target: "≥ 300 / s; sessions = links", met: rate >= 300 && sessions === N && result["3xx"] === N });
    } finally {
      process.kill(-server.pid!, "SIGTERM");
      await new Promise((r) => setTimeout(r, 1500));
    }
  }
}

// ---------------------------------------------------------------- 1. bulk invitations
if (only.has("invites")) {
  const N = 10_000;
  const admitMs: number[] = [];
  const floorMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const invitees = Array.from({ length: N }, (_, i) => ({ email: `b${run}.${i}@bench.test` }));
    const { ms, value } = await time(async () => createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees, send: false }));
    if (value.counts.created !== N) throw new Error(`expected ${N} created, got ${JSON.stringify(value.counts)}`);
    admitMs.push(ms);
    const floorOrg = await createOrganization(owner);
    const ids = invitees.map(() => randomUUID());
    const { ms: floor } = await time(() =>
      prisma.$executeRaw`INSERT INTO "invitation" (id, "organizationId", email, role, status, "expiresAt", "createdAt", "inviterId")
        SELECT id, ${floorOrg.id}, email, 'member', 'pending', now() + interval '7 days', now(), ${owner.id}
        FROM unnest(${ids}::text[], ${invitees.map((i) => `f.${i.email}`)}::text[]) AS t(id, email)`,
    );
    floorMs.push(floor);
  }
  // Stock: a real session for the inviter and one auth.api.createInvitation per invitee (#6159).
  const STOCK_N = 300;
  const owner = await createUser();
  const org = await createOrganization(owner);
  const headers = new Headers({ cookie: await signInCookie(owner.email) });
  const { ms: stockMs } = await time(async () => {
    for (let i = 0; i < STOCK_N; i++) await auth.api.createInvitation({ body: { email: `s.${i}@bench.test`, role: "member", organizationId: org.id }, headers });
  });
  const admitRate = N / (median(admitMs) / 1000);
  const stockRate = STOCK_N / (stockMs / 1000);
  rows.push({ scenario: "1. 10,000 invitations", metric: "time (median)", admit: `${fmt(median(admitMs))} ms`, stock: `${fmt((N / stockRate) * 1000)} ms (from ${STOCK_N})`, target: "< 1,000 ms", met: median(admitMs) < 1000 });
  rows.push({ scenario: "", metric: "invitations / s", admit: fmt(admitRate), stock: fmt(stockRate), target: "≥ 100× stock", met: admitRate / stockRate >= 100 });
  rows.push({ scenario: "", metric: "ratio Admit / stock", admit: `${fmt(admitRate / stockRate, 1)}×`, target: "≥ 100×", met: admitRate / stockRate >= 100 });
  rows.push({ scenario: "", metric: "floor: one raw INSERT", admit: `${fmt(median(floorMs))} ms`, target: "(reference)" });
}

// ---------------------------------------------------------------- 7. the plugin package in a stock application
if (only.has("plugin")) {
  const { benchPlugin } = await import("./plugin");
  rows.push(...(await benchPlugin(services.databaseUrl, RUNS, median, fmt)));
}

// ---------------------------------------------------------------- 2. campaign dispatch
async function dispatch(n: number, rps: number) {
  const owner = await createUser();
  const org = await createOrganization(owner);
  const csv = new TextEncoder().encode(["email,name", ...Array.from({ length: n }, (_, i) => `d${randomUUID().slice(0, 6)}.${i}@bench.test,P${i}`)].join("\n"));
  process.env.CAMPAIGN_RPS = String(rps);
  const settings = { organizationId: org.id, kind: "invitation" as const, name: "bench", role: "member" as const, expiresIn: 7 * 86400, subject: "Hi {{name}}", message: "Hello {{name}}" };
  const { ms } = await time(async () => {
    const { id } = await createCampaign({ actor: await actorOf(owner) }, settings, csv);
    const state = await sendCampaign(id, 30 * 60_000);
    if (state.state !== "completed") throw new Error(`campaign ended ${state.state}`);
  });
  return ms;
}
if (only.has("dispatch")) {
  const N = 10_000;
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await dispatch(N, 0));
  const rate = N / (median(runs) / 1000);
  rows.push({ scenario: "2a. campaign, 10,000, unthrottled", metric: "emails / s end to end", admit: fmt(rate), target: "≥ 2,000 / s", met: rate >= 2000 });
  if (process.env.BENCH_THROTTLED === "1") {
    const ms = await dispatch(N, 2);
    rows.push({ scenario: "2b. campaign, 10,000, 2 req/s", metric: "total vs 50 s bound", admit: `${fmt(ms / 1000, 1)} s`, target: "≤ 55 s", met: ms <= 55_000 });
  }
}

// ---------------------------------------------------------------- 4. sign-in link exchange
if (only.has("links")) {
  const admin = await createUser({ role: "admin" });
  const N = 500;
  const users = await Promise.all(Array.from({ length: N }, () => createUser()));
  const links = await issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients: users.map((u) => ({ email: u.email })) });
  const tokens = links.map((l) => l.url!.split("/link/")[1]);
  const before = await prisma.session.count();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 50 }, async (_, c) => {
      while (next < tokens.length) {
        const token = tokens[next++];
        const { ms, value } = await time(() =>
          confirmLink(new Request(`http://localhost:3000/link/${token}/confirm`, { method: "POST", headers: { origin: "http://localhost:3000", "x-forwarded-for": `127.8.${c}.1` } }), { params: Promise.resolve({ token }) }),
        );
        if (value.headers.get("location") !== "/welcome") throw new Error("a link was refused");
        latencies.push(ms);
      }
    }),
  );
  const wall = performance.now() - started;
  const sessions = (await prisma.session.count()) - before;
  rows.push({ scenario: "4. link exchange, 50 concurrent (in-process)", metric: "p50 / p95", admit: `${fmt(percentile(latencies, 50), 1)} / ${fmt(percentile(latencies, 95), 1)} ms`, target: "(report)" });
  rows.push({ scenario: "", metric: "exchanges / s; sessions = links", admit: `${fmt(N / (wall / 1000))} / s; ${sessions} = ${N}`, target: "sessions = links", met: sessions === N });
}

// ---------------------------------------------------------------- 6. soak: mixed console traffic over loopback
if (only.has("soak") && !fs.existsSync(".next/BUILD_ID")) rows.push({ scenario: "6. soak", metric: "skipped: run `npm run build` first", admit: "", target: "" });
else if (only.has("soak")) {
  const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 180);
  const PORT = 3201;
  // The server's inspector (loopback only) lets the bench force a full GC and read the live heap.
  const INSPECT_PORT = 9231;
  const base = `http://localhost:${PORT}`;
  // Its own application_name, so its PostgreSQL connections can be counted apart from this process's.
  const dbUrl = `${services.databaseUrl}${services.databaseUrl.includes("?") ? "&" : "?"}application_name=admit-soak`;
  const server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(PORT)], {
    env: { ...process.env, NODE_OPTIONS: `${serverNodeOptions(process.env.BENCH_SOAK_NODE_OPTIONS)} --inspect=127.0.0.1:${INSPECT_PORT}`, NODE_ENV: "production", DATABASE_URL: dbUrl, RESEND_API_KEY: "re_bench", RESEND_BASE_URL: services.sink!.url, BETTER_AUTH_URL: base, BETTER_AUTH_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz", ADMIT_WORKER: "off", AUTH_RATE_LIMIT: "off", ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK: "1" },
    stdio: "ignore",
    detached: true,
  });
  /** Resident memory and open file descriptors of the server's whole process group; its PostgreSQL connections. */
  const measure = async () => {
    const pids = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[2] === String(server.pid);
      } catch {
        return false;
      }
    });
    let rssKb = 0;
    let fds = 0;
    for (const p of pids) {
      try {
        rssKb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
        fds += fs.readdirSync(`/proc/${p}/fd`).length;
      } catch {
        /* exited */
      }
    }
    const [{ n }] = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'admit-soak'`;
    return { rssMb: rssKb / 1024, fds, pg: Number(n) };
  };
  /** The server's live heap after two forced full garbage collections: what a leak would grow. */
  const liveHeapMb = (snapshot?: string) => {
    const args = ["--experimental-websocket", "bench/heap-usage.mjs", String(INSPECT_PORT), ...(snapshot && process.env.BENCH_SOAK_SNAPSHOTS ? [snapshot] : [])];
    const out = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20 });
    if (out.status !== 0) throw new Error(`could not read the server's heap: ${out.stderr}`);
    return (JSON.parse(out.stdout.trim()) as { usedSize: number }).usedSize / 2 ** 20;
  };
  try {
    for (let i = 0; i < 120 && !(await fetch(`${base}/sign-in`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 500));
    const admin = await createUser({ role: "admin" });
    const owner = await createUser();
    const org = await createOrganization(owner, "Soak");
    await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: Array.from({ length: 50 }, (_, i) => ({ email: `soak${i}@soak.bench.test` })), send: false });
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email: admin.email, password: "correct horse battery staple" }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const authed = { cookie };
    // What people do all day: the console's pages (with searches and filters), the session check, the sign-in
    // page, a CSV export, and link confirmations that fail (unknown tokens).
    const mix = [
      { method: "GET", path: "/invitations", headers: authed },
      { method: "GET", path: `/invitations?status=pending&q=soak`, headers: authed },
      { method: "GET", path: "/users?q=soak", headers: authed },
      { method: "GET", path: "/organizations", headers: authed },
      { method: "GET", path: `/organizations/${org.id}`, headers: authed },
      { method: "GET", path: "/audit", headers: authed },
      { method: "GET", path: "/campaigns", headers: authed },
      { method: "GET", path: "/sign-in-links", headers: authed },
      { method: "GET", path: "/api/auth/get-session", headers: authed },
      { method: "GET", path: "/sign-in" },
      { method: "POST", path: "/link/not-a-real-token-0000000000000000000000000/confirm", headers: { origin: base } },
    ] as const;
    const { default: autocannon } = await import("autocannon");
    const run = (duration: number) => autocannon({ url: base, connections: 20, duration, requests: mix.map((r) => ({ ...r, headers: { ...("headers" in r ? r.headers : {}) } })) });
    // Warm up first (code caches, pools, the V8 heap growing to its working size): growth is measured after it.
    await run(Math.max(30, Math.round(SECONDS / 2)));
    await new Promise((r) => setTimeout(r, 10_000));
    const before = await measure();
    // The live heap after a forced full GC, at the start and after each third of the run: a leak grows
    // it steadily; caches grow it at first and then level off.
    const heaps = [liveHeapMb(path.join(os.tmpdir(), "admit-soak-before.heapsnapshot"))];
    let peakMb = before.rssMb;
    const sampler = setInterval(() => void measure().then((m) => (peakMb = Math.max(peakMb, m.rssMb))), 5000);
    const results: Awaited<ReturnType<typeof run>>[] = [];
    for (let part = 0; part < 3; part++) {
      results.push(await run(Math.round(SECONDS / 3)));
      await new Promise((r) => setTimeout(r, 5000));
      heaps.push(liveHeapMb(part === 2 ? path.join(os.tmpdir(), "admit-soak-after.heapsnapshot") : undefined));
    }
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 10_000)); // idle: pools release, timers settle
    const after = await measure();
    const sum = (f: (r: (typeof results)[number]) => number) => results.reduce((a, r) => a + f(r), 0);
    const result = {
      total: sum((r) => r.requests.total),
      errors: sum((r) => r.errors + r.timeouts + r.non2xx - r["3xx"]),
      p50: median(results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
    };
    const errors = result.errors;
    const label = `6. soak, ${fmt(SECONDS)} s, 20 connections`;
    rows.push({ scenario: label, metric: "requests; errors (non-2xx/3xx, timeouts)", admit: `${fmt(result.total)} (${fmt(result.total / SECONDS)} / s); ${errors}`, target: "0 errors", met: errors === 0 });
    rows.push({ scenario: "", metric: "latency p50 / p99", admit: `${fmt(result.p50, 1)} / ${fmt(result.p99, 1)} ms`, target: "(report)" });
    rows.push({ scenario: "", metric: "live heap after full GC: start, each third", admit: heaps.map((h) => fmt(h)).join(" → ") + " MB", target: "last third < +5%", met: heaps[3] < heaps[2] * 1.05 });
    rows.push({ scenario: "", metric: "server RSS before / peak / after idle", admit: `${fmt(before.rssMb)} / ${fmt(peakMb)} / ${fmt(after.rssMb)} MB`, target: "(report)" });
    rows.push({ scenario: "", metric: "open fds; PostgreSQL connections (before → after)", admit: `${before.fds} → ${after.fds}; ${before.pg} → ${after.pg}`, target: "no growth", met: after.fds <= before.fds + 2 && after.pg <= Math.max(before.pg, 10) });
  } finally {
    process.kill(-server.pid!, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
  }
}

// ---------------------------------------------------------------- 5. worker memory on 100,000 recipients
if (only.has("memory")) {
  const N = Number(process.env.BENCH_MEMORY_RECIPIENTS ?? 100_000);
  const owner = await createUser();
  const org = await createOrganization(owner);
  // A CSV holds at most 50,000 rows: upload that many, then add the second half directly.
  const half = N / 2;
  const csv = new TextEncoder().encode(["email,name", ...Array.from({ length: half }, (_, i) => `m${i}@mem.bench.test,P${i}`)].join("\n"));
  const settings = { organizationId: org.id, kind: "invitation" as const, name: "memory", role: "member" as const, expiresIn: 7 * 86400, subject: "Hi {{name}}", message: "Hello {{name}}" };
  const { id } = await createCampaign({ actor: await actorOf(owner) }, settings, csv);
  await prisma.$executeRaw`INSERT INTO "admit"."campaign_recipient" (id, "campaignId", "row", email, name, role, fields, status, attempts, "updatedAt")
    SELECT md5(random()::text || g), ${id}, g, 'm' || g || '@mem.bench.test', 'P' || g, 'member', '{}', 'pending', 0, now() FROM generate_series(${half}::int, ${N - 1}::int) AS g`;
  await prisma.campaign.update({ where: { id }, data: { total: N } });
  // Asynchronously: the mail emulator runs in this process and must keep answering.
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["bench/campaign-worker.ts", id], {
    env: { ...process.env, NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS ?? WORKER_NODE_OPTIONS, DATABASE_URL: services.databaseUrl, RESEND_BASE_URL: services.sink!.url, CAMPAIGN_RPS: "0" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const last = stdout.trim().split("\n").at(-1);
  if (status !== 0 || !last?.startsWith("{")) throw new Error(`the worker failed (${status}): ${stderr.slice(-2000)}`);
  const out = JSON.parse(last) as { state: string; ms: number; peakMb: number; baseMb: number };
  rows.push({ scenario: `5. worker, ${fmt(N)}-recipient campaign`, metric: "peak RSS (loaded, before sending); time", admit: `${fmt(out.peakMb)} MB (${fmt(out.baseMb)} MB); ${fmt(out.ms / 1000, 1)} s (${out.state})`, target: "< 300 MB", met: out.peakMb < 300 && out.state === "completed" });
}

// ---------------------------------------------------------------- 9. the HTTP API and webhooks
if (only.has("api")) {
  const { benchApi } = await import("./api");
  rows.push(...(await benchApi(RUNS, median, fmt)));
}

// ---------------------------------------------------------------- report
const header = ["scenario", "metric", "Admit", "stock", "target", "met"];
const table = rows.map((r) => [r.scenario, r.metric, r.admit, r.stock ?? "", r.target, r.met === undefined ? "" : r.met ? "yes" : "NO"]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(`\nAdmit benchmarks — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, median of ${RUNS} runs\n`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of table) console.log(line(r));
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync("bench/results/latest.json", JSON.stringify({ date: new Date().toISOString(), cores: os.cpus().length, runs: RUNS, rows }, null, 2));
await prisma.$disconnect();
await services.stop();
process.exit(0);
