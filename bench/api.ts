/**
 * Scenario 9: the HTTP API and webhooks.
 *  9a. 10,000 invitations in one POST /api/v1/invitations (the route handler in process: key verification,
 *      body read and zod validation, the domain function, the answer's schema), against the same domain call
 *      made directly in the same run (the floor: what the API adds is the difference).
 *  9b. Webhook fan-out: 10,000 events written in one transaction (the emit statement's cost), then the
 *      dispatcher draining them to a local receiver that answers 204 (deliveries / s, signing included), with a
 *      sample verified by the standardwebhooks library.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

type Row = { scenario: string; metric: string; admit: string; stock?: string; target: string; met?: boolean };
const N = 10_000;

export async function benchApi(runs: number, median: (xs: number[]) => number, fmt: (n: number, d?: number) => string): Promise<Row[]> {
  const { actingAs } = await import("../lib/actor");
  const { prisma } = await import("../lib/db");
  const { createInvitations } = await import("../lib/invitations/create-invitations");
  const route = await import("../app/api/v1/[[...path]]/route");
  const { apiKeyFor, createOrganization, createUser } = await import("../tests/support/factories");
  const rows: Row[] = [];

  const owner = await createUser();
  const { key } = await apiKeyFor(owner);
  const apiMs: number[] = [];
  const directMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const viaApi = await createOrganization(owner);
    const body = JSON.stringify({ organizationId: viaApi.id, invitees: Array.from({ length: N }, (_, i) => ({ email: `api${run}.${i}@bench.test` })), send: false });
    const t = performance.now();
    const res = await route.POST(new Request("http://localhost:3000/api/v1/invitations", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body }));
    const answer = (await res.json()) as { counts?: { created: number } };
    apiMs.push(performance.now() - t);
    if (res.status !== 201 || answer.counts?.created !== N) throw new Error(`API: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    const direct = await createOrganization(owner);
    const t2 = performance.now();
    const result = await createInvitations(await actingAs(owner.id), { organizationId: direct.id, invitees: Array.from({ length: N }, (_, i) => ({ email: `direct${run}.${i}@bench.test` })), send: false });
    directMs.push(performance.now() - t2);
    if (result.counts.created !== N) throw new Error("direct: not all created");
  }
  rows.push({ scenario: "9a. 10,000 invitations, one API request", metric: "time (median); the domain call alone", admit: `${fmt(median(apiMs))} ms; ${fmt(median(directMs))} ms`, target: "< 1,500 ms", met: median(apiMs) < 1500 });
  rows.push({ scenario: "", metric: "what the API adds", admit: `${fmt(median(apiMs) - median(directMs))} ms (${fmt(median(apiMs) / median(directMs), 2)}×)`, target: "(report)" });

  // 9b. Webhook fan-out.
  const { createWebhookEndpoint, deleteWebhookEndpoint } = await import("../lib/webhooks/endpoints");
  const { emitWebhookEvents } = await import("../lib/webhooks/emit");
  const { dispatchWebhooks } = await import("../lib/webhooks/dispatch");
  const samples: { body: string; headers: Record<string, string> }[] = [];
  let received = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (received++ % 1000 === 0) samples.push({ body: Buffer.concat(chunks).toString(), headers: Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(req.headers[h])])) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const admin = await createUser({ role: "admin" });
  const ctx = await actingAs(admin.id);
  const org = await createOrganization(admin);
  const { id, secret } = await createWebhookEndpoint(ctx, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, organizationId: org.id });
  const events = Array.from({ length: N }, (_, i) => ({ type: "member.added" as const, organizationId: org.id, data: { target: { type: "user", id: `u${i}`, label: `p${i}@bench.test` } } }));
  const te = performance.now();
  await prisma.$transaction((tx) => emitWebhookEvents(tx, events), { timeout: 120_000 });
  const emitMs = performance.now() - te;
  const td = performance.now();
  while ((await dispatchWebhooks({ limit: 500 })).attempted > 0);
  const drainMs = performance.now() - td;
  const delivered = await prisma.webhookDelivery.count({ where: { endpointId: id, status: "succeeded" } });
  const verified = samples.filter((s) => {
    try {
      new Webhook(secret).verify(s.body, s.headers);
      return true;
    } catch {
      return false;
    }
  }).length;
  await deleteWebhookEndpoint(ctx, id);
  await new Promise<void>((r) => server.close(() => r()));
  rows.push({ scenario: "9b. webhook fan-out, 10,000 events", metric: "emit (one transaction)", admit: `${fmt(emitMs)} ms`, target: "< 1,000 ms", met: emitMs < 1000 });
  rows.push({ scenario: "", metric: "deliveries / s (signed, to a local receiver)", admit: `${fmt(N / (drainMs / 1000))} / s (${fmt(drainMs / 1000, 1)} s)`, target: "≥ 500 / s", met: N / (drainMs / 1000) >= 500 });
  rows.push({ scenario: "", metric: "delivered; sample verified", admit: `${fmt(delivered)} of ${fmt(N)}; ${verified} of ${samples.length}`, target: "all", met: delivered === N && verified === samples.length });
  return rows;
}
