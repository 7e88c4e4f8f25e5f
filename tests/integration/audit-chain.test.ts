/**
 * Tamper evidence (lib/audit/chain.ts, verify.ts, retention.ts): events are sealed into per-organization
 * chains with signed heads; the verifier finds every kind of alteration and where it starts; retention prunes
 * from the start of a chain and leaves a signed checkpoint; an NDJSON export verifies offline.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chainOf, eventHash, PLATFORM_CHAIN, sealAuditLog } from "@/lib/audit/chain";
import { verifyAuditLog } from "@/lib/audit/queries";
import { recordAudit } from "@/lib/audit/record";
import { pruneAuditLog } from "@/lib/audit/retention";
import { checkAuditChains } from "@/lib/audit/verify";
import { verifyExport } from "@/lib/audit/verify-export";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { actorOf, createOrganization, createUser, signInCookie } from "@/tests/support/factories";

const { GET: exportGet } = await import("@/app/(console)/audit/export/route");

async function record(organizationId: string | null, n: number, label = "x") {
  await prisma.$transaction((tx) =>
    recordAudit(
      tx,
      { actor: null, ipAddress: "203.0.113.9", userAgent: "chain-test" },
      Array.from({ length: n }, (_, i) => ({ action: "test.chained", organizationId, target: { type: "user", id: `t${i}`, label: `${label} Ünï ${i}` }, metadata: { i, nested: { z: 1, a: [1, "x", null] } } })),
    ),
  );
}

/** A fresh organization whose chain holds `n` sealed events of ours (after its own creation event). */
async function sealedChain(n = 4) {
  const org = await createOrganization(await createUser());
  await record(org.id, n);
  await sealAuditLog();
  const chain = chainOf(org.id);
  const events = await prisma.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
  return { org, chain, events };
}
/** `npm run audit:verify` as an operator runs it (a cron, a monitor): its exit code and output. */
function verifyCommand(args: string[], secret: string | null = env.authSecret) {
  const root = path.resolve(import.meta.dirname, "../..");
  const vars: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", BETTER_AUTH_SECRET: secret ?? undefined };
  if (!secret) delete vars.BETTER_AUTH_SECRET;
  return new Promise<{ code: number; out: string }>((resolve) =>
    execFile(path.join(root, "node_modules/.bin/tsx"), ["scripts/db-cli.ts", "audit-verify", ...args], { cwd: root, env: vars }, (e, stdout, stderr) =>
      resolve({ code: e ? Number(e.code) : 0, out: stdout + stderr }),
    ),
  );
}
const reportOf = async (chain: string) => (await checkAuditChains([chain])).chains[0];

describe("audit chains", () => {
  it("seals each organization's events into its own chain: numbered, linked, hashed, with a signed head", async () => {
    const a = await sealedChain(3);
    const b = await sealedChain(2);
    for (const { events } of [a, b]) {
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events[0].prevHash).toBeNull();
      events.forEach((e, i) => {
        expect(e.hash).toBe(eventHash(e));
        if (i) expect(e.prevHash).toBe(events[i - 1].hash);
      });
    }
    expect(a.events.filter((e) => e.action === "test.chained")).toHaveLength(3);
    const head = await prisma.auditChain.findUniqueOrThrow({ where: { chain: a.chain } });
    expect(head).toMatchObject({ seq: a.events.length, hash: a.events.at(-1)!.hash });
    const result = await checkAuditChains([a.chain, b.chain]);
    expect(result.chains.map((c) => [c.chain, c.problem, c.events])).toEqual(
      expect.arrayContaining([
        [a.chain, null, a.events.length],
        [b.chain, null, b.events.length],
      ]),
    );
    // Events outside any organization go to the platform's chain.
    await record(null, 1);
    await sealAuditLog();
    expect((await reportOf(PLATFORM_CHAIN)).problem).toBeNull();
  });

  it("an event that commits after later ones were sealed joins its chain at the end, and the chain verifies", async () => {
    const { org, chain } = await sealedChain(1);
    let inserted!: () => void;
    let release!: () => void;
    const ready = new Promise<void>((r) => (inserted = r));
    const held = new Promise<void>((r) => (release = r));
    const late = prisma.$transaction(async (tx) => {
      await tx.auditEvent.create({ data: { action: "test.late", organizationId: org.id, createdAt: new Date(Date.now() - 3_600_000) } });
      inserted();
      await held;
    });
    await ready;
    await record(org.id, 2);
    await sealAuditLog();
    release();
    await late;
    await sealAuditLog();
    const events = await prisma.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
    expect(events.at(-1)!.action).toBe("test.late");
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, seq: null } })).toBe(0);
    expect((await reportOf(chain)).problem).toBeNull();
  });

  it("finds where a chain was altered, whatever was done to it", async () => {
    // A changed field.
    let c = await sealedChain();
    await prisma.$executeRaw`UPDATE "admit"."audit_event" SET metadata = '{"i": 99}' WHERE id = ${c.events[2].id}`;
    expect((await reportOf(c.chain)).problem).toMatchObject({ seq: 3, eventId: c.events[2].id, reason: expect.stringMatching(/changed after it was recorded/) });
    // A deleted event in the middle.
    c = await sealedChain();
    await prisma.auditEvent.delete({ where: { id: c.events[1].id } });
    expect((await reportOf(c.chain)).problem).toMatchObject({ seq: 2, reason: "Event 2 is missing: it was deleted." });
    // The end of the chain cut off.
    c = await sealedChain();
    await prisma.auditEvent.deleteMany({ where: { id: { in: c.events.slice(-2).map((e) => e.id) } } });
    expect((await reportOf(c.chain)).problem?.reason).toMatch(/the last sealed ones, are missing/);
    // The chain rewritten from an event on, every hash recomputed, the head's hash too, but not its signature.
    c = await sealedChain();
    let prev = c.events[0].hash;
    for (const e of c.events.slice(1)) {
      const forged = { ...e, actorEmail: "someone-else@example.test", prevHash: prev };
      prev = eventHash(forged);
      await prisma.auditEvent.update({ where: { id: e.id }, data: { actorEmail: forged.actorEmail, prevHash: forged.prevHash, hash: prev } });
    }
    await prisma.auditChain.update({ where: { chain: c.chain }, data: { hash: prev! } });
    expect((await reportOf(c.chain)).problem?.reason).toMatch(/signed head does not match/);
    // A well-formed event appended behind the sealer's back.
    c = await sealedChain();
    const last = c.events.at(-1)!;
    const extra = { ...last, id: randomUUID(), seq: last.seq! + 1, prevHash: last.hash, action: "test.forged" };
    await prisma.auditEvent.create({ data: { ...extra, metadata: {}, hash: eventHash({ ...extra, metadata: {} }) } });
    expect((await reportOf(c.chain)).problem).toMatchObject({ seq: last.seq! + 1, reason: expect.stringMatching(/without being sealed by Admit/) });
    // The signed head removed.
    c = await sealedChain();
    await prisma.auditChain.delete({ where: { chain: c.chain } });
    expect((await checkAuditChains()).chains.find((r) => r.chain === c.chain)?.problem?.reason).toMatch(/no signed head/);
  });

  it("`npm run audit:verify` exits 0 for an intact chain, 1 for an altered one, 2 without the secret", async () => {
    const intact = await sealedChain(2);
    const altered = await sealedChain(2);
    await prisma.$executeRaw`UPDATE "admit"."audit_event" SET "ipAddress" = '198.51.100.1' WHERE chain = ${altered.chain} AND seq = 2`;
    const [ok, bad, noSecret] = await Promise.all([verifyCommand(["--chain", intact.chain]), verifyCommand(["--chain", altered.chain]), verifyCommand(["--chain", intact.chain], null)]);
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining("The audit log is intact: 1 chain(s).") });
    expect(bad).toMatchObject({ code: 1, out: expect.stringMatching(/ALTERED[^\n]*\n\s+at event 2 \(/) });
    expect(noSecret).toMatchObject({ code: 2, out: expect.stringContaining("BETTER_AUTH_SECRET is not set") });
  }, 60_000);

  it("retention prunes from the start of a chain, leaves a signed checkpoint and the rest still verifies", async () => {
    const org = await createOrganization(await createUser());
    const chain = chainOf(org.id);
    const old = new Date(Date.now() - 400 * 86_400_000);
    await prisma.auditEvent.createMany({ data: [0, 1, 2].map((i) => ({ action: "test.old", organizationId: org.id, createdAt: new Date(old.getTime() + i * 1000), metadata: { i } })) });
    await sealAuditLog();
    await record(org.id, 2);
    await sealAuditLog();
    const before = await prisma.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
    expect(before.slice(0, 3).map((e) => e.action)).toEqual(["test.old", "test.old", "test.old"]);

    const [outcome] = await pruneAuditLog({ days: 365, chains: [chain] });
    expect(outcome).toEqual({ chain, removed: 3, throughSeq: 3 });
    expect(await prisma.auditEvent.count({ where: { chain } })).toBe(before.length - 3);
    const head = await prisma.auditChain.findUniqueOrThrow({ where: { chain } });
    expect(head).toMatchObject({ checkpointSeq: 3, checkpointHash: before[2].hash, prunedCount: 3 });
    const report = await reportOf(chain);
    expect(report).toMatchObject({ problem: null, firstSeq: 4, pruned: 3, events: before.length - 3 });
    const pruned = await prisma.auditEvent.findFirstOrThrow({ where: { action: "audit.pruned", metadata: { path: ["chain"], equals: chain } } });
    expect(pruned.metadata).toEqual({ chain, throughSeq: 3, events: 3, retentionDays: 365 });
    expect(await pruneAuditLog({ days: 365, chains: [chain] })).toEqual([]);

    // A forged checkpoint (to hide pruned-away history being swapped) does not verify.
    await prisma.auditChain.update({ where: { chain }, data: { checkpointHash: before[1].hash } });
    expect((await reportOf(chain)).problem?.reason).toMatch(/retention checkpoint's signature does not match/);
  });

  it("never prunes a chain that does not verify, and says so in the log", async () => {
    const org = await createOrganization(await createUser());
    const chain = chainOf(org.id);
    await prisma.auditEvent.createMany({ data: [0, 1].map((i) => ({ action: "test.old", organizationId: org.id, createdAt: new Date(Date.now() - 400 * 86_400_000 + i), metadata: { i } })) });
    await sealAuditLog();
    await prisma.$executeRaw`UPDATE "admit"."audit_event" SET "targetLabel" = 'edited' WHERE chain = ${chain} AND seq = 1`;
    const [outcome] = await pruneAuditLog({ days: 365, chains: [chain] });
    expect(outcome).toMatchObject({ chain, removed: 0, refused: expect.stringMatching(/changed after it was recorded/) });
    expect(await prisma.auditEvent.count({ where: { chain, action: "test.old" } })).toBe(2);
    expect(await prisma.auditEvent.count({ where: { action: "audit.prune-refused", metadata: { path: ["chain"], equals: chain } } })).toBe(1);
  });

  it("an NDJSON export carries the hashes and verifies offline; a changed line does not", async () => {
    const admin = await createUser({ role: "admin" });
    const tag = `chx${randomUUID().slice(0, 8)}`;
    const org = await createOrganization(await createUser());
    await record(org.id, 5, tag);
    await sealAuditLog();
    const res = await exportGet(new Request(`http://localhost:3000/audit/export?format=ndjson&q=${tag}`, { headers: { cookie: await signInCookie(admin.email) } }));
    const lines = (await res.text()).trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0])).toMatchObject({ chain: chainOf(org.id), seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const report = await verifyExport(lines);
    expect(report).toMatchObject({ events: 5, unsealed: 0, malformed: [] });
    expect(report.chains).toEqual([expect.objectContaining({ chain: chainOf(org.id), events: 5, gaps: [], problem: null })]);
    // Filtered: gaps are listed, not failed.
    const some = await verifyExport([lines[0], lines[2], lines[4]]);
    expect(some.chains[0]).toMatchObject({ problem: null, gaps: [expect.any(Array), expect.any(Array)] });
    // One character changed in one event.
    const changed = lines.map((l, i) => (i === 1 ? l.replace(`${tag} Ünï`, `${tag} Uni`) : l));
    expect((await verifyExport(changed)).chains[0].problem).toMatch(/was changed/);
    expect((await verifyExport([...lines, "not json"])).malformed).toEqual([6]);
  });

  it("only platform admins check the log's integrity", async () => {
    const owner = await createUser();
    await createOrganization(owner);
    for (const who of [owner, await createUser({ role: "support" })]) {
      await expect(verifyAuditLog(await actorOf(who))).rejects.toMatchObject({ status: 403 } satisfies Partial<AppError>);
    }
    await expect(verifyAuditLog(null)).rejects.toMatchObject({ status: 401 });
    const result = await verifyAuditLog(await actorOf(await createUser({ role: "admin" })));
    expect(result.chains.length).toBeGreaterThan(0);
  });
});
