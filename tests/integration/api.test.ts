/**
 * The HTTP API (/api/v1) through its route handler, with real keys verified by better-auth's api-key plugin
 * against PostgreSQL: authentication and its refusals, scopes and organization narrowing, problem details,
 * idempotency, each resource's operations, audit attribution to the key, and the OpenAPI document.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { API_SCOPES } from "@/lib/permissions";
import { addMember, apiKeyFor, createOrganization, createUser, signInCookie, uniqueEmail } from "@/tests/support/factories";

const route = await import("@/app/api/v1/[[...path]]/route");
const { auth } = await import("@/lib/auth");
const ORIGIN = "http://localhost:3000";

type Options = { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> };
async function api(method: string, path: string, opts: Options = {}) {
  const headers = new Headers({ "x-forwarded-for": "10.9.8.7", "user-agent": "api-test", ...opts.headers });
  if (opts.key) headers.set("authorization", `Bearer ${opts.key}`);
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const handler = (route as unknown as Record<string, (r: Request) => Promise<Response>>)[method];
  const res = await handler(new Request(`${ORIGIN}/api/v1${path}`, { method, headers, body }));
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

let owner: { id: string; email: string };
let org: { id: string; name: string };
let otherOrg: { id: string };
let ownerKey: string;
let ownerKeyId: string;

beforeAll(async () => {
  owner = await createUser();
  const other = await createUser();
  org = await createOrganization(owner);
  otherOrg = await createOrganization(other);
  ({ key: ownerKey, id: ownerKeyId } = await apiKeyFor(owner));
});

describe("authentication", () => {
  it("refuses a request without a key, with an unknown key, a revoked, an expired key and a banned person's key, as 401 problem details", async () => {
    const none = await api("GET", "/invitations");
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(none.body).toMatchObject({ type: "urn:admit:problem:unauthorized", code: "unauthorized", status: 401 });
    expect((await api("GET", "/invitations", { key: "admit_" + "x".repeat(64) })).status).toBe(401);
    expect((await api("GET", "/invitations", { key: "not-a-key" })).status).toBe(401);
    const revoked = await apiKeyFor(owner);
    await prisma.apikey.update({ where: { id: revoked.id }, data: { enabled: false, revokedAt: new Date() } });
    expect((await api("GET", "/invitations", { key: revoked.key })).status).toBe(401);
    const expired = await apiKeyFor(owner, { expiresAt: new Date(Date.now() - 1000) });
    expect((await api("GET", "/invitations", { key: expired.key })).status).toBe(401);
    const banned = await createUser();
    await addMember(org.id, banned, "admin");
    const bannedKey = await apiKeyFor(banned);
    expect((await api("GET", "/invitations", { key: bannedKey.key })).status).toBe(200);
    await prisma.user.update({ where: { id: banned.id }, data: { banned: true } });
    expect((await api("GET", "/invitations", { key: bannedKey.key })).status).toBe(401);
  });

  it("a session cookie is no substitute for a key", async () => {
    const cookie = await signInCookie(owner.email);
    expect((await api("GET", "/invitations", { headers: { cookie } })).status).toBe(401);
  });

  it("rate limits each key: 429 with Retry-After", async () => {
    const { key } = await apiKeyFor(owner, { rateLimitMax: 2 });
    expect((await api("GET", "/organizations", { key })).status).toBe(200);
    expect((await api("GET", "/organizations", { key })).status).toBe(200);
    const limited = await api("GET", "/organizations", { key });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("better-auth's own api-key routes are closed to HTTP, even with a session", async () => {
    const cookie = await signInCookie(owner.email);
    const res = await auth.handler(
      new Request(`${ORIGIN}/api/auth/api-key/create`, { method: "POST", headers: { cookie, origin: ORIGIN, "content-type": "application/json" }, body: JSON.stringify({ name: "sneaky" }) }),
    );
    expect(res.status).toBe(404);
    expect(await prisma.apikey.count({ where: { referenceId: owner.id, name: "sneaky" } })).toBe(0);
  });
});

describe("invitations", () => {
  it("creates in bulk with an outcome per person, audited with the key", async () => {
    const a = uniqueEmail("api");
    const res = await api("POST", "/invitations", { key: ownerKey, body: { organizationId: org.id, invitees: [{ email: a }, { email: a }, { email: "nope" }], send: false } });
    expect(res.status).toBe(201);
    expect(res.body.outcomes.map((o: { status: string; reason?: string }) => [o.status, o.reason ?? null])).toEqual([
      ["created", null],
      ["skipped", "duplicate_in_request"],
      ["skipped", "invalid_email"],
    ]);
    expect(res.body.outcomes[2].reasonText).toBe("Not a valid email address");
    const id = res.body.outcomes[0].invitationId;
    const events = await prisma.auditEvent.findMany({ where: { targetId: id } });
    expect(events.map((e) => [e.action, e.apiKeyId, e.actorId])).toEqual([["invitation.created", ownerKeyId, owner.id]]);
    const one = await api("GET", `/invitations/${id}`, { key: ownerKey });
    expect(one.body).toMatchObject({ id, email: a, status: "pending", organizationId: org.id, organization: org.name });
    const list = await api("GET", `/invitations?q=${encodeURIComponent(a)}&status=pending&perPage=10`, { key: ownerKey });
    expect(list.body).toMatchObject({ total: 1, page: 1, perPage: 10, pageCount: 1 });
    expect(list.body.data[0].id).toBe(id);
    const revoked = await api("POST", "/invitations/revoke", { key: ownerKey, body: { ids: [id] } });
    expect(revoked.body.outcomes[0]).toMatchObject({ id, status: "revoked" });
    expect((await api("GET", `/invitations/${id}`, { key: ownerKey })).body.status).toBe("canceled");
  });

  it("answers 422 with pointers for invalid input, 400 for broken JSON, 415 for another type, 413 past the limit", async () => {
    const invalid = await api("POST", "/invitations", { key: ownerKey, body: { organizationId: org.id, invitees: [] } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe("validation_failed");
    expect(invalid.body.errors).toContainEqual({ pointer: "#/invitees", detail: "Add at least one person to invite." });
    expect((await api("POST", "/invitations", { key: ownerKey, raw: "{nope" })).body.code).toBe("invalid_json");
    expect((await api("POST", "/invitations", { key: ownerKey, raw: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(415);
    const huge = JSON.stringify({ organizationId: org.id, invitees: [{ email: "x".repeat(17 * 1024 * 1024) }] });
    expect((await api("POST", "/invitations", { key: ownerKey, raw: huge })).status).toBe(413);
    const badQuery = await api("GET", "/invitations?status=bogus", { key: ownerKey });
    expect(badQuery.status).toBe(422);
    expect(badQuery.body.errors[0].pointer).toBe("#query/status");
    expect((await api("GET", "/nowhere", { key: ownerKey })).status).toBe(404);
    expect((await api("PUT", "/invitations", { key: ownerKey, body: {} })).status).toBe(405);
  });

  it("another organization's invitation is not found; its organization is forbidden", async () => {
    const theirs = await prisma.invitation.create({
      data: { id: crypto.randomUUID(), organizationId: otherOrg.id, email: uniqueEmail("theirs"), role: "member", status: "pending", expiresAt: new Date(Date.now() + 86_400_000), createdAt: new Date(), inviterId: owner.id },
    });
    expect((await api("GET", `/invitations/${theirs.id}`, { key: ownerKey })).status).toBe(404);
    const before = await prisma.invitation.count({ where: { organizationId: otherOrg.id } });
    const res = await api("POST", "/invitations", { key: ownerKey, body: { organizationId: otherOrg.id, invitees: [{ email: uniqueEmail() }], send: false } });
    expect(res.status).toBe(403);
    expect(await prisma.invitation.count({ where: { organizationId: otherOrg.id } })).toBe(before);
    expect((await api("POST", "/invitations/revoke", { key: ownerKey, body: { ids: [theirs.id] } })).status).toBe(403);
  });
});

describe("scopes and organization narrowing", () => {
  it("a key does only what its scopes name, and never more than its person may", async () => {
    const { key } = await apiKeyFor(owner, { scopes: ["invitation:read"] });
    expect((await api("GET", "/invitations", { key })).status).toBe(200);
    const before = await prisma.invitation.count({ where: { organizationId: org.id } });
    const denied = await api("POST", "/invitations", { key, body: { organizationId: org.id, invitees: [{ email: uniqueEmail() }], send: false } });
    expect(denied.status).toBe(403);
    expect(await prisma.invitation.count({ where: { organizationId: org.id } })).toBe(before);
    // All scopes, but the person is an owner, not support: no sign-in links.
    expect((await api("POST", "/sign-in-links", { key: ownerKey, body: { recipients: [{ email: owner.email }] } })).status).toBe(403);
  });

  it("a key limited to one organization sees and changes only that organization, and nothing platform-wide", async () => {
    const admin = await createUser({ role: "admin" });
    const { key } = await apiKeyFor(admin, { organizationId: org.id });
    const orgs = await api("GET", "/organizations?perPage=100", { key });
    expect(orgs.body.data.map((o: { id: string }) => o.id)).toEqual([org.id]);
    expect((await api("GET", `/organizations/${otherOrg.id}`, { key })).status).toBe(403);
    expect((await api("POST", "/invitations", { key, body: { organizationId: otherOrg.id, invitees: [{ email: uniqueEmail() }], send: false } })).status).toBe(403);
    expect((await api("POST", "/invitations", { key, body: { organizationId: org.id, invitees: [{ email: uniqueEmail() }], send: false } })).status).toBe(201);
    const target = await createUser();
    expect((await api("POST", "/sign-in-links", { key, body: { recipients: [{ email: target.email }] } })).status).toBe(403);
    expect((await api("GET", "/sign-in-links", { key })).status).toBe(403);
    const events = await api("GET", "/audit-events?limit=1000", { key });
    expect(events.body.events.every((e: { organizationId: string | null }) => e.organizationId === org.id)).toBe(true);
  });
});

describe("idempotency", () => {
  it("the same key and body get the first answer again; another body gets 409; nothing is done twice", async () => {
    const body = { organizationId: org.id, invitees: [{ email: uniqueEmail("idem") }], send: false };
    const headers = { "idempotency-key": `k-${crypto.randomUUID()}` };
    const first = await api("POST", "/invitations", { key: ownerKey, body, headers });
    const again = await api("POST", "/invitations", { key: ownerKey, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await prisma.auditEvent.count({ where: { targetId: first.body.outcomes[0].invitationId } })).toBe(1);
    const other = await api("POST", "/invitations", { key: ownerKey, body: { ...body, invitees: [{ email: uniqueEmail() }] }, headers });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("idempotency_key_reused");
    // Keys are per API key: another key may use the same value.
    const second = await apiKeyFor(owner);
    expect((await api("POST", "/invitations", { key: second.key, body: { ...body, invitees: [{ email: uniqueEmail() }] }, headers })).status).toBe(201);
    // A refusal is kept too (it is the answer to that request).
    const refusedHeaders = { "idempotency-key": `r-${crypto.randomUUID()}` };
    const refused = await api("POST", "/invitations", { key: ownerKey, body: { organizationId: otherOrg.id, invitees: [{ email: "a@b.test" }] }, headers: refusedHeaders });
    expect(refused.status).toBe(403);
    const replayed = await api("POST", "/invitations", { key: ownerKey, body: { organizationId: otherOrg.id, invitees: [{ email: "a@b.test" }] }, headers: refusedHeaders });
    expect([replayed.status, replayed.body, replayed.headers.get("idempotent-replayed")]).toEqual([403, refused.body, "true"]);
    expect((await api("POST", "/invitations", { key: ownerKey, body, headers: { "idempotency-key": "" } })).status).toBe(422);
  });

  it("a first request that never finished stops blocking its key after 10 minutes; answers go after 24 hours", async () => {
    const { pruneIdempotency } = await import("@/lib/api/idempotency");
    const body = { organizationId: org.id, invitees: [{ email: uniqueEmail("abandoned") }], send: false };
    const headers = { "idempotency-key": `a-${crypto.randomUUID()}` };
    const { requestHash } = await import("@/lib/api/idempotency");
    const hash = requestHash("POST", "/api/v1/invitations", JSON.stringify(body));
    await prisma.apiIdempotency.create({ data: { apiKeyId: ownerKeyId, key: headers["idempotency-key"], requestHash: hash, createdAt: new Date(Date.now() - 60_000) } });
    expect((await api("POST", "/invitations", { key: ownerKey, body, headers })).body.code).toBe("idempotency_in_progress");
    await prisma.apiIdempotency.update({ where: { apiKeyId_key: { apiKeyId: ownerKeyId, key: headers["idempotency-key"] } }, data: { createdAt: new Date(Date.now() - 11 * 60_000) } });
    expect((await api("POST", "/invitations", { key: ownerKey, body, headers })).status).toBe(201);
    const old = `o-${crypto.randomUUID()}`;
    await prisma.apiIdempotency.create({ data: { apiKeyId: ownerKeyId, key: old, requestHash: "x", status: 201, body: {}, createdAt: new Date(Date.now() - 25 * 3_600_000) } });
    await pruneIdempotency();
    expect(await prisma.apiIdempotency.findUnique({ where: { apiKeyId_key: { apiKeyId: ownerKeyId, key: old } } })).toBeNull();
    expect(await prisma.apiIdempotency.findUnique({ where: { apiKeyId_key: { apiKeyId: ownerKeyId, key: headers["idempotency-key"] } } })).not.toBeNull();
  });
});

describe("members, sign-in links, campaigns, audit", () => {
  it("adds members, changes a role, removes a member", async () => {
    const email = uniqueEmail("added");
    const added = await api("POST", `/organizations/${org.id}/members`, { key: ownerKey, body: { people: [{ email, name: "Added" }] } });
    expect(added.status).toBe(201);
    expect(added.body.outcomes[0]).toMatchObject({ email, status: "added", createdUser: true });
    const detail = await api("GET", `/organizations/${org.id}`, { key: ownerKey });
    const member = detail.body.members.find((m: { user: { email: string } }) => m.user.email === email);
    expect(member.role).toBe("member");
    expect((await api("PATCH", `/members/${member.id}`, { key: ownerKey, body: { role: "admin" } })).body).toEqual({ changed: true });
    expect((await prisma.member.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("admin");
    expect((await api("PATCH", `/members/${member.id}`, { key: ownerKey, body: { role: "king" } })).status).toBe(422);
    expect((await api("DELETE", `/members/${member.id}`, { key: ownerKey })).body).toEqual({ removed: true });
    expect(await prisma.member.findUnique({ where: { id: member.id } })).toBeNull();
    expect((await prisma.auditEvent.findMany({ where: { targetId: member.id }, orderBy: { createdAt: "asc" } })).map((e) => [e.action, e.apiKeyId])).toEqual([
      ["member.added", ownerKeyId],
      ["member.role_changed", ownerKeyId],
      ["member.removed", ownerKeyId],
    ]);
  });

  it("issues sign-in links (returned, not sent), lists and revokes them", async () => {
    const support = await createUser({ role: "support" });
    const { key } = await apiKeyFor(support);
    const person = await createUser();
    const issued = await api("POST", "/sign-in-links", { key, body: { recipients: [{ email: person.email }, { email: uniqueEmail("nobody") }] } });
    expect(issued.status).toBe(201);
    expect(issued.body.links[0]).toMatchObject({ email: person.email, status: "issued" });
    expect(issued.body.links[0].url).toMatch(/\/link\/[A-Za-z0-9_-]+$/);
    expect(issued.body.links[1]).toMatchObject({ status: "skipped", reason: "no_account" });
    const admin = await createUser({ role: "admin" });
    const adminKey = (await apiKeyFor(admin)).key;
    const listed = await api("GET", `/sign-in-links?q=${encodeURIComponent(person.email)}`, { key: adminKey });
    expect(listed.body.data[0]).toMatchObject({ id: issued.body.links[0].linkId, status: "unused", purpose: "sign-in" });
    expect((await api("POST", "/sign-in-links/revoke", { key, body: { ids: [issued.body.links[0].linkId] } })).status).toBe(403);
    const revoked = await api("POST", "/sign-in-links/revoke", { key: adminKey, body: { ids: [issued.body.links[0].linkId] } });
    expect(revoked.body.outcomes[0].status).toBe("revoked");
  });

  it("starts a campaign from rows or CSV text, reports progress, pauses and cancels it", async () => {
    const settings = { organizationId: org.id, kind: "invitation", name: "API campaign", role: "member", expiresIn: 7 * 86400, subject: "Hi {{name}}", message: "Hello {{name}}" };
    const fromRows = await api("POST", "/campaigns", { key: ownerKey, body: { ...settings, rows: [{ email: uniqueEmail("c"), name: "A", fields: { city: "Oslo" } }, { email: "broken" }] } });
    expect(fromRows.status).toBe(201);
    expect(fromRows.body).toMatchObject({ recipients: 1, skipped: 1 });
    const fromCsv = await api("POST", "/campaigns", { key: ownerKey, body: { ...settings, csv: `email,name\n${uniqueEmail("c")},B\n${uniqueEmail("c")},C\n` } });
    expect(fromCsv.body).toMatchObject({ recipients: 2, skipped: 0 });
    expect((await api("POST", "/campaigns", { key: ownerKey, body: { ...settings, csv: "email\n", rows: [] } })).status).toBe(422);
    expect((await api("POST", "/campaigns", { key: ownerKey, body: { ...settings, csv: "name\nx\n" } })).body.code).toBe("validation_failed");
    const progress = await api("GET", `/campaigns/${fromCsv.body.id}`, { key: ownerKey });
    expect(progress.body).toMatchObject({ id: fromCsv.body.id, total: 2, organizationId: org.id });
    expect((await api("POST", `/campaigns/${fromCsv.body.id}/pause`, { key: ownerKey })).status).toBe(200);
    expect((await api("POST", `/campaigns/${fromCsv.body.id}/pause`, { key: ownerKey })).status).toBe(409);
    expect((await api("POST", `/campaigns/${fromCsv.body.id}/cancel`, { key: ownerKey })).status).toBe(200);
    expect((await api("GET", `/campaigns/${fromCsv.body.id}`, { key: ownerKey })).body.status).toBe("canceled");
  });

  it("pages the audit log by cursor, newest first, without repeats or gaps", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: { status: number; body: { events: { id: string; createdAt: string }[]; next: string | null } } = await api("GET", `/audit-events?limit=3&organizationId=${org.id}${cursor ? `&cursor=${cursor}` : ""}`, { key: ownerKey });
      expect(page.status).toBe(200);
      seen.push(...page.body.events.map((e) => e.id));
      cursor = page.body.next;
      if (!cursor) break;
    }
    const all = await prisma.auditEvent.findMany({ where: { organizationId: org.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen).toEqual(all.map((e) => e.id));
    expect((await api("GET", "/audit-events?cursor=garbage", { key: ownerKey })).status).toBe(422);
    const byKey = await api("GET", `/audit-events?apiKeyId=${ownerKeyId}&limit=1000`, { key: ownerKey });
    expect(byKey.body.events.length).toBeGreaterThan(3);
    expect(byKey.body.events.every((e: { apiKeyId: string }) => e.apiKeyId === ownerKeyId)).toBe(true);
  });
});

describe("the OpenAPI document", () => {
  it("is served without a key and describes every operation from its schemas", async () => {
    const res = await api("GET", "/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    const { v1Routes } = await import("@/lib/api/v1");
    const operations = Object.values(doc.paths as Record<string, Record<string, { operationId: string; "x-admit-scope": string }>>).flatMap((p) => Object.values(p));
    expect(operations.map((o) => o.operationId).sort()).toEqual(v1Routes.map((r) => r.operationId).sort());
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    expect(operations.every((o) => (API_SCOPES as readonly string[]).includes(o["x-admit-scope"]))).toBe(true);
    const create = doc.paths["/invitations"].post;
    expect(create.requestBody.content["application/json"].schema.properties.invitees.maxItems).toBe(50_000);
    expect(create.responses["422"].content["application/problem+json"].schema.$ref).toBe("#/components/schemas/Problem");
    // Every reference points at a component that exists, and the whole is valid OpenAPI 3.1 (ReadMe's validator).
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !doc.components.schemas[r])).toEqual([]);
    const { validate } = await import("@readme/openapi-parser");
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
  });
});

describe("API keys made in the console", () => {
  it("a key is created for its person with scopes they hold, shown once, stored hashed, audited, and works until revoked", async () => {
    const { createApiKey } = await import("@/lib/api-keys/create-api-key");
    const { revokeApiKeys } = await import("@/lib/api-keys/revoke-api-key");
    const { listApiKeys } = await import("@/lib/api-keys/queries");
    const { actingAs } = await import("@/lib/actor");
    const ctx = await actingAs(owner.id, { ipAddress: "10.1.1.1" });
    const created = await createApiKey(ctx, { name: "CRM sync", scopes: ["invitation:read", "invitation:create"], organizationId: org.id, expiresInDays: 30 });
    expect(created.key).toMatch(/^admit_[A-Za-z]{64}$/);
    const row = await prisma.apikey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.key).not.toContain(created.key.slice(6));
    expect(row.start).toBe(created.key.slice(0, 10));
    expect(await prisma.auditEvent.count({ where: { targetId: created.id, action: "apiKey.created", actorId: owner.id } })).toBe(1);
    expect((await api("GET", "/invitations", { key: created.key })).status).toBe(200);
    const listed = (await listApiKeys(ctx.actor)).find((k) => k.id === created.id);
    expect(listed).toMatchObject({ name: "CRM sync", status: "active", scopes: ["invitation:read", "invitation:create"], organization: org.name, own: true });
    expect(listed!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(await listApiKeys(ctx.actor))).not.toContain(created.key);

    // Someone else cannot see or revoke it; an admin can.
    const stranger = await createUser({ role: "support" });
    const strangerCtx = await actingAs(stranger.id);
    expect((await listApiKeys(strangerCtx.actor)).some((k) => k.id === created.id)).toBe(false);
    expect(await revokeApiKeys(strangerCtx, [created.id])).toEqual([{ id: created.id, status: "skipped", reason: "Not found." }]);
    expect((await api("GET", "/invitations", { key: created.key })).status).toBe(200);
    const admin = await createUser({ role: "admin" });
    expect(await revokeApiKeys(await actingAs(admin.id), [created.id])).toEqual([{ id: created.id, status: "revoked" }]);
    expect((await api("GET", "/invitations", { key: created.key })).status).toBe(401);
    expect(await revokeApiKeys(ctx, [created.id])).toEqual([{ id: created.id, status: "skipped", reason: "The key is already revoked." }]);
    expect(await prisma.auditEvent.count({ where: { targetId: created.id, action: "apiKey.revoked" } })).toBe(1);
  });

  it("refuses scopes the person could not use, keys for plain members, keys made with a key or while impersonating", async () => {
    const { createApiKey } = await import("@/lib/api-keys/create-api-key");
    const { actingAs } = await import("@/lib/actor");
    const ctx = await actingAs(owner.id);
    const count = () => prisma.apikey.count({ where: { referenceId: owner.id } });
    const before = await count();
    await expect(createApiKey(ctx, { name: "links", scopes: ["signInLink:create"] })).rejects.toMatchObject({ status: 422, code: "scope_not_held" });
    await expect(createApiKey(ctx, { name: "elsewhere", scopes: ["invitation:read"], organizationId: otherOrg.id })).rejects.toMatchObject({ status: 422 });
    const support = await createUser({ role: "support" });
    await expect(createApiKey(await actingAs(support.id), { name: "narrow links", scopes: ["signInLink:create"], organizationId: org.id })).rejects.toMatchObject({ status: 422 });
    await expect(createApiKey(ctx, { name: "", scopes: ["invitation:read"] })).rejects.toThrow();
    await expect(createApiKey(ctx, { name: "forever", scopes: ["invitation:read"], expiresInDays: 5000 })).rejects.toThrow();
    const member = await createUser();
    await addMember(org.id, member, "member");
    await expect(createApiKey(await actingAs(member.id), { name: "m", scopes: ["invitation:read"] })).rejects.toMatchObject({ status: 403 });
    const viaKey = { ...ctx, actor: { ...ctx.actor, key: { id: "k", name: "k", scopes: [], organizationId: null } } };
    await expect(createApiKey(viaKey, { name: "k2", scopes: ["invitation:read"] })).rejects.toMatchObject({ status: 403 });
    const admin = await createUser({ role: "admin" });
    await expect(createApiKey(await actingAs(owner.id, { impersonatedBy: admin.id }), { name: "imp", scopes: ["invitation:read"] })).rejects.toMatchObject({ status: 403 });
    expect(await count()).toBe(before);
  });
});

describe("every operation refuses a revoked key, an expired key and a key without its scope, changing nothing", () => {
  it("401, 401, 403 on each route, and the data is as it was", { timeout: 120_000 }, async () => {
    const { v1Routes } = await import("@/lib/api/v1");
    const { actingAs } = await import("@/lib/actor");
    const { createInvitations } = await import("@/lib/invitations/create-invitations");
    const { issueSignInLinks } = await import("@/lib/sign-in-links/issue-sign-in-links");
    const { createCampaign } = await import("@/lib/campaigns/create-campaign");
    const admin = await createUser({ role: "admin" });
    const person = await createUser();
    const member = await createUser();
    await addMember(org.id, member, "member");
    const memberId = (await prisma.member.findFirstOrThrow({ where: { organizationId: org.id, userId: member.id } })).id;
    const inv = (await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email: uniqueEmail("target") }], send: false })).outcomes[0].invitationId!;
    const link = (await issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients: [{ email: person.email }] }))[0].linkId!;
    const settings = { organizationId: org.id, kind: "invitation" as const, name: "Refused", role: "member" as const, expiresIn: 7 * 86400, subject: "Hi", message: "Hello" };
    const campaign = (await createCampaign(await actingAs(owner.id), settings, new TextEncoder().encode(`email\n${uniqueEmail("c")}\n`))).id;
    const calls: Record<string, [string, string, unknown?]> = {
      createInvitations: ["POST", "/invitations", { organizationId: org.id, invitees: [{ email: uniqueEmail() }], send: false }],
      listInvitations: ["GET", "/invitations"],
      getInvitation: ["GET", `/invitations/${inv}`],
      resendInvitations: ["POST", "/invitations/resend", { ids: [inv] }],
      revokeInvitations: ["POST", "/invitations/revoke", { ids: [inv] }],
      listOrganizations: ["GET", "/organizations"],
      getOrganization: ["GET", `/organizations/${org.id}`],
      addMembers: ["POST", `/organizations/${org.id}/members`, { people: [{ email: uniqueEmail() }] }],
      changeMemberRole: ["PATCH", `/members/${memberId}`, { role: "admin" }],
      removeMember: ["DELETE", `/members/${memberId}`],
      issueSignInLinks: ["POST", "/sign-in-links", { recipients: [{ email: person.email }] }],
      listSignInLinks: ["GET", "/sign-in-links"],
      revokeSignInLinks: ["POST", "/sign-in-links/revoke", { ids: [link] }],
      createCampaign: ["POST", "/campaigns", { ...settings, rows: [{ email: uniqueEmail() }] }],
      listCampaigns: ["GET", "/campaigns"],
      getCampaign: ["GET", `/campaigns/${campaign}`],
      pauseCampaign: ["POST", `/campaigns/${campaign}/pause`],
      resumeCampaign: ["POST", `/campaigns/${campaign}/resume`],
      cancelCampaign: ["POST", `/campaigns/${campaign}/cancel`],
      listAuditEvents: ["GET", `/audit-events?organizationId=${org.id}`],
    };
    expect(Object.keys(calls).sort()).toEqual(v1Routes.map((r) => r.operationId).sort());
    const fingerprint = async () =>
      (
        await prisma.$queryRaw<{ f: string }[]>`
          SELECT md5(concat_ws('|',
            (SELECT string_agg(concat_ws(',', id, status, "expiresAt"), ';' ORDER BY id) FROM "invitation" WHERE "organizationId" = ${org.id}),
            (SELECT string_agg(concat_ws(',', id, role), ';' ORDER BY id) FROM "member" WHERE "organizationId" = ${org.id}),
            (SELECT string_agg(concat_ws(',', id, "revokedAt"), ';' ORDER BY id) FROM "admit"."sign_in_link" WHERE email = ${person.email}),
            (SELECT string_agg(concat_ws(',', id, status), ';' ORDER BY id) FROM "admit"."campaign" WHERE "organizationId" = ${org.id}),
            (SELECT count(*) FROM "admit"."audit_event" WHERE "actorId" = ${admin.id}))) AS f`
      )[0].f;
    const revoked = await apiKeyFor(admin);
    await prisma.apikey.update({ where: { id: revoked.id }, data: { enabled: false, revokedAt: new Date() } });
    const expired = await apiKeyFor(admin, { expiresAt: new Date(Date.now() - 1000) });
    const before = await fingerprint();
    const wrong: string[] = [];
    for (const r of v1Routes) {
      const [method, path, body] = calls[r.operationId];
      const unscoped = await apiKeyFor(admin, { scopes: API_SCOPES.filter((s) => s !== r.scope) });
      for (const [label, key, status] of [["revoked", revoked.key, 401], ["expired", expired.key, 401], ["without its scope", unscoped.key, 403]] as const) {
        const res = await api(method, path, { key, body });
        if (res.status !== status) wrong.push(`${r.operationId} with a key ${label}: ${res.status}, expected ${status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });
});
