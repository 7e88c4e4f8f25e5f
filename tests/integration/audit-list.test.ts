/**
 * The audit log's reads (lib/audit/queries.ts, SQL): the page's rows with their organization, impersonator and
 * API key looked up, its search (wildcards taken literally) and action filter with their counts, the reader's
 * scope and the total past the last page; and both keyset readers (the export, the HTTP API's cursor) over events
 * recorded together, which share a millisecond and differ in the microseconds a JavaScript Date does not keep.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEventsAfter, exportAuditEvents, listAuditEvents } from "@/lib/audit/queries";
import { Prisma, prisma } from "@/lib/db";
import { actorOf, addMember, apiKeyFor, createOrganization, createUser } from "@/tests/support/factories";

const tag = `al${randomUUID().slice(0, 8)}`;
let admin: { id: string; email: string };
let owner: { id: string };
let org: { id: string };

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  owner = await createUser();
  org = await createOrganization(owner, `Audit ${tag}`);
  const keyOwner = await createUser();
  await addMember(org.id, keyOwner, "admin");
  await apiKeyFor(keyOwner, { name: `Key ${tag}` });
  const key = await prisma.apikey.findFirstOrThrow({ where: { name: `Key ${tag}` } });
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  await prisma.auditEvent.createMany({
    data: [
      { action: "invitation.created", organizationId: org.id, actorEmail: `ann-${tag}@example.test`, targetLabel: "x@example.test", createdAt: at(5) },
      { action: "member.removed", organizationId: org.id, actorEmail: "bob@example.test", targetLabel: `t-${tag}`, impersonatorId: admin.id, createdAt: at(4) },
      { action: "invitation.canceled", organizationId: org.id, targetLabel: `k-${tag}`, apiKeyId: key.id, createdAt: at(3) },
      { action: "invitation.canceled", organizationId: `gone-${tag}`, targetLabel: `g-${tag}`, apiKeyId: "no-such-key", impersonatorId: "no-such-user", createdAt: at(2) },
      { action: "user.banned", targetLabel: `p-${tag}`, targetId: "user-1", createdAt: at(1) },
    ],
  });
});

const list = async (actor: { id: string }, params: Record<string, string> = {}) => listAuditEvents(await actorOf(actor), { q: tag, ...params });

describe("listAuditEvents", () => {
  it("shows each event with its organization, impersonator and key, newest first", async () => {
    const page = await list(admin);
    expect(page.rows.map((r) => [r.action, r.actorEmail, r.organization, r.impersonatorEmail, r.apiKey, r.target])).toEqual([
      ["user.banned", "system", null, null, null, `p-${tag}`],
      ["invitation.canceled", "system", "deleted organization", "no-such-user", "deleted key", `g-${tag}`],
      ["invitation.canceled", "system", `Audit ${tag}`, null, `Key ${tag}`, `k-${tag}`],
      ["member.removed", "bob@example.test", `Audit ${tag}`, admin.email, null, `t-${tag}`],
      ["invitation.created", `ann-${tag}@example.test`, `Audit ${tag}`, null, null, "x@example.test"],
    ]);
    expect(page.rows[0]).toMatchObject({ targetType: null, metadata: {}, ipAddress: null, createdAt: expect.stringMatching(/Z$/) });
    expect(page.rowCount).toBe(5);
    expect((await list(admin, { sort: "createdAt.asc" })).rows.map((r) => r.action)[0]).toBe("invitation.created");
  });

  it("searches actor, target and action with wildcards taken literally, and filters by action", async () => {
    expect((await listAuditEvents(await actorOf(admin), { q: `ANN-${tag}` })).rows.map((r) => r.action)).toEqual(["invitation.created"]);
    expect((await listAuditEvents(await actorOf(admin), { q: `_-${tag}` })).rows).toEqual([]);
    expect((await list(admin, { action: "invitation.canceled,member.removed" })).rows.map((r) => r.target)).toEqual([`g-${tag}`, `k-${tag}`, `t-${tag}`]);
    const counts = new Map((await list(admin)).actions.map((a) => [a.value, a.count]));
    expect(counts.get("invitation.canceled")).toBeGreaterThanOrEqual(2);
  });

  it("shows an owner only their organization's events, and its actions only", async () => {
    const page = await list(owner);
    expect(page.rows.map((r) => r.target)).toEqual([`k-${tag}`, `t-${tag}`, "x@example.test"]);
    expect(page.actions.map((a) => a.value)).not.toContain("user.banned");
  });

  it("knows the total past the last page", async () => {
    const page = await list(admin, { perPage: "10", page: "4" });
    expect([page.rows, page.rowCount, page.pageCount]).toEqual([[], 5, 1]);
  });
});

describe("keyset reads over events recorded together", () => {
  const batchTag = `${tag}-batch`;
  const N = 1030;
  beforeAll(async () => {
    // One statement, as recordAudit writes a bulk change: times a microsecond apart, all within two milliseconds.
    await prisma.$executeRaw(Prisma.sql`
      INSERT INTO "admit"."audit_event" (id, "createdAt", action, "organizationId", "targetType", "targetId", "targetLabel", metadata)
      SELECT gen_random_uuid()::text, date_trunc('milliseconds', now()) - interval '1 hour' + i * interval '1 microsecond', 'invitation.created', ${org.id}, 'invitation', i::text, ${batchTag} || '.' || i, '{}'
      FROM generate_series(0, ${N - 1}) i`);
  });

  it("the export streams every one, past a batch of 1,000", async () => {
    const seen: string[] = [];
    for await (const batch of await exportAuditEvents(await actorOf(owner), { q: batchTag })) seen.push(...batch.map((e) => e.targetLabel!));
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    expect(seen[0]).toBe(`${batchTag}.${N - 1}`);
  });

  it("the HTTP API's cursor pages through every one without repeats or gaps, and refuses a forged cursor", async () => {
    const actor = await actorOf(owner);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await auditEventsAfter(actor, { organizationId: org.id, limit: 100, cursor });
      seen.push(...page.events.map((e) => e.target?.label ?? "").filter((l) => l.startsWith(batchTag)));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(N);
    expect(seen).toHaveLength(N);
    for (const forged of ["2026-02-31T00:00:00Z|x", "2026-01-01 00:00:00|x", "2026-01-01T00:00:00Z", "'; DROP TABLE x; --|x"]) {
      await expect(auditEventsAfter(actor, { limit: 10, cursor: Buffer.from(forged).toString("base64url") })).rejects.toMatchObject({ status: 422 });
    }
    // A cursor from before this change (milliseconds) still reads.
    const old = Buffer.from(`${new Date().toISOString()}|zzz`).toString("base64url");
    expect((await auditEventsAfter(actor, { organizationId: org.id, limit: 1, cursor: old })).events).toHaveLength(1);
  });
});
