/**
 * Webhooks end to end against a local receiver that verifies Standard Webhooks signatures with the
 * `standardwebhooks` library: every event type delivered once and verified; a receiver down for a while gets
 * everything once it is back; forged and replayed signatures are refused by the library; a dispatcher killed
 * mid-delivery loses nothing; an endpoint that keeps failing is disabled with its reason; replay; scoping by
 * event type and organization; nothing announced for a change that rolled back.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startReceiver } from "@/tests/support/webhook-receiver";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { actingAs } = await import("@/lib/actor");
const { auth } = await import("@/lib/auth");
const { prisma } = await import("@/lib/db");
const { createInvitations } = await import("@/lib/invitations/create-invitations");
const { resendInvitations, revokeInvitations } = await import("@/lib/invitations/manage-invitations");
const { acceptInvitationForUser } = await import("@/lib/invitations/accept");
const { declineInvitationAction } = await import("@/lib/invitations/invitee-actions");
const { addMembers } = await import("@/lib/memberships/add-members");
const { changeMemberRole, removeMember } = await import("@/lib/memberships/manage-members");
const { issueSignInLinks } = await import("@/lib/sign-in-links/issue-sign-in-links");
const { revokeSignInLinks } = await import("@/lib/sign-in-links/revoke-sign-in-links");
const { createCampaign } = await import("@/lib/campaigns/create-campaign");
const { controlCampaign } = await import("@/lib/campaigns/manage-campaign");
const { sendCampaign } = await import("@/lib/campaigns/send-campaign");
const { POST: resendWebhook } = await import("@/app/api/webhooks/resend/route");
const { createWebhookEndpoint, replayWebhookDelivery, updateWebhookEndpoint } = await import("@/lib/webhooks/endpoints");
const { DISABLE_AFTER_FAILURES, dispatchWebhooks } = await import("@/lib/webhooks/dispatch");
const { announceExpiredInvitations } = await import("@/lib/webhooks/expiry");
const { emitWebhookEvents } = await import("@/lib/webhooks/emit");
const { WEBHOOK_EVENTS } = await import("@/lib/webhooks/events");
const { addMember, cookieHeader, createOrganization, createUser, signInCookie, uniqueEmail } = await import("@/tests/support/factories");

const ORIGIN = "http://localhost:3000";
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let admin: { id: string; email: string };

/** Dispatch until nothing more is due now. */
async function drain() {
  for (let i = 0; i < 50 && (await dispatchWebhooks()).attempted > 0; i++);
}

async function endpoint(input: { events?: (typeof WEBHOOK_EVENTS)[number][]; organizationId?: string | null; url?: string } = {}) {
  const { id, secret } = await createWebhookEndpoint(await actingAs(admin.id), { url: input.url ?? receiver.url, events: input.events ?? [], organizationId: input.organizationId ?? null });
  return { id, secret };
}

beforeAll(async () => {
  receiver = await startReceiver();
  admin = await createUser({ role: "admin" });
});
afterAll(async () => {
  await prisma.webhookEndpoint.updateMany({ where: { url: { startsWith: receiver.url } }, data: { enabled: false } });
  await receiver.close();
});

describe("webhooks", () => {
  it("delivers every event type once, signed, verified by the receiver", { timeout: 120_000 }, async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const hook = await endpoint({ organizationId: null });
    receiver.state.secret = hook.secret;
    const ownerCtx = await actingAs(owner.id);

    // Invitations: created, refreshed, revoked, accepted, rejected, expired.
    const invitee = await createUser();
    const decliner = await createUser();
    const [a, b, c, d] = (await createInvitations(ownerCtx, { organizationId: org.id, invitees: [{ email: uniqueEmail("a") }, { email: uniqueEmail("b") }, { email: invitee.email }, { email: decliner.email }], send: false })).outcomes;
    await resendInvitations(ownerCtx, [a.invitationId!]);
    await revokeInvitations(ownerCtx, [b.invitationId!]);
    expect((await acceptInvitationForUser(c.invitationId!, invitee)).accepted).toBe(true);
    request.headers = new Headers({ cookie: await signInCookie(decliner.email), "x-forwarded-for": "10.77.0.1" });
    expect((await declineInvitationAction(d.invitationId!)).ok).toBe(true);
    const t0 = new Date();
    await announceExpiredInvitations(t0);
    const expiring = (await createInvitations(ownerCtx, { organizationId: org.id, invitees: [{ email: uniqueEmail("exp") }], send: false })).outcomes[0];
    await prisma.invitation.update({ where: { id: expiring.invitationId! }, data: { expiresAt: new Date(t0.getTime() + 1000) } });
    await announceExpiredInvitations(new Date(t0.getTime() + 2000));

    // Members: added, role changed, removed.
    const [added] = await addMembers(ownerCtx, { organizationId: org.id, people: [{ email: uniqueEmail("m") }] });
    const member = await prisma.member.findFirstOrThrow({ where: { organizationId: org.id, userId: added.userId! } });
    await changeMemberRole(ownerCtx, member.id, "admin");
    await removeMember(ownerCtx, member.id);

    // Sign-in links: issued, used, revoked; impersonation started and stopped.
    const person = await createUser();
    const [used, revoked] = await issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients: [{ email: person.email }] }).then(async (l) => [...l, ...(await issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients: [{ email: person.email }] }))]);
    const consume = await auth.api.consumeSignInLink({ body: { token: used.url!.split("/link/")[1] }, headers: new Headers({ "x-forwarded-for": "10.77.0.2" }), asResponse: true });
    expect(consume.status).toBe(200);
    await revokeSignInLinks(await actingAs(admin.id), [revoked.linkId!]);
    const adminCookie = await signInCookie(admin.email);
    const imp = await auth.handler(new Request(`${ORIGIN}/api/auth/admin/impersonate-user`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, cookie: adminCookie }, body: JSON.stringify({ userId: person.id, reason: "webhook test" }) }));
    expect(imp.status).toBe(200);
    // The impersonation's session, and the admin's kept aside (better-auth's admin_session cookie) for stopping.
    const impCookie = cookieHeader(imp);
    expect((await auth.handler(new Request(`${ORIGIN}/api/auth/admin/stop-impersonating`, { method: "POST", headers: { origin: ORIGIN, cookie: impCookie } }))).status).toBe(200);

    // Campaigns: started, paused, resumed, canceled; another completed, its emails delivered, bounced, complained.
    const settings = { organizationId: org.id, kind: "invitation" as const, name: "Hooks", role: "member" as const, expiresIn: 7 * 86400, subject: "Hi", message: "Hello" };
    const paused = await createCampaign(ownerCtx, settings, new TextEncoder().encode(`email\n${uniqueEmail("p")}\n`));
    await controlCampaign(ownerCtx, paused.id, "pause");
    await controlCampaign(ownerCtx, paused.id, "resume");
    await controlCampaign(ownerCtx, paused.id, "cancel");
    process.env.CAMPAIGN_RPS = "0";
    const sent = await createCampaign(ownerCtx, settings, new TextEncoder().encode(`email\n${uniqueEmail("s1")}\n${uniqueEmail("s2")}\n`));
    expect((await sendCampaign(sent.id, 20_000)).state).toBe("completed");
    const recipients = await prisma.campaignRecipient.findMany({ where: { campaignId: sent.id }, orderBy: { row: "asc" } });
    const secret = `whsec_${Buffer.from("webhooks-test-resend-secret-0123456789").toString("base64")}`;
    process.env.RESEND_WEBHOOK_SECRET = secret;
    for (const [type, r] of [["email.delivered", recipients[0]], ["email.bounced", recipients[0]], ["email.complained", recipients[1]]] as const) {
      const payload = JSON.stringify({ type, data: { email_id: r.messageId } });
      const msgId = `msg_${randomUUID()}`;
      const now = new Date();
      const res = await resendWebhook(new Request(`${ORIGIN}/api/webhooks/resend`, { method: "POST", body: payload, headers: { "svix-id": msgId, "svix-timestamp": String(Math.floor(now.getTime() / 1000)), "svix-signature": new Webhook(secret).sign(msgId, now, payload) } }));
      expect(res.status).toBe(200);
    }
    delete process.env.RESEND_WEBHOOK_SECRET;

    await drain();
    const mine = receiver.state.accepted.filter((r) => JSON.stringify(r.payload).includes(org.id) || JSON.stringify(r.payload).includes(person.id) || JSON.stringify(r.payload).includes(person.email));
    expect(new Set(mine.map((r) => r.type))).toEqual(new Set(WEBHOOK_EVENTS));
    expect(receiver.state.rejected).toBe(0);
    // Once each: no webhook-id arrived twice.
    const ids = receiver.state.accepted.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The payload names what changed and who changed it.
    const created = mine.find((r) => r.type === "invitation.created" && (r.payload.data.target as { id: string }).id === a.invitationId)!;
    expect(created.payload.data).toMatchObject({ organizationId: org.id, target: { type: "invitation", id: a.invitationId }, actor: { id: owner.id } });
    expect(mine.find((r) => r.type === "invitation.expired")!.payload.data.target).toMatchObject({ id: expiring.invitationId });
    expect(mine.find((r) => r.type === "campaign.completed")!.payload.data.target).toMatchObject({ id: sent.id });
    expect(await prisma.webhookDelivery.count({ where: { endpointId: hook.id, status: { not: "succeeded" } } })).toBe(0);
  });

  it("a receiver that is down for a while gets every event once it is back", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const hook = await endpoint({ organizationId: org.id });
    receiver.state.secret = hook.secret;
    receiver.state.failWith = 503;
    const emails = Array.from({ length: 5 }, () => uniqueEmail("down"));
    await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: emails.map((email) => ({ email })), send: false });
    await drain();
    const failed = await prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } });
    expect(failed.map((d) => [d.status, d.attempts, d.responseStatus])).toEqual(emails.map(() => ["pending", 1, 503]));
    expect(failed.every((d) => d.nextAttemptAt.getTime() > Date.now())).toBe(true);
    receiver.state.failWith = 0;
    await drain();
    expect(await prisma.webhookDelivery.count({ where: { endpointId: hook.id, status: "succeeded" } })).toBe(0); // not due yet
    await prisma.webhookDelivery.updateMany({ where: { endpointId: hook.id }, data: { nextAttemptAt: new Date() } }); // the backoff has passed
    await drain();
    const done = await prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } });
    expect(done.map((d) => [d.status, d.attempts, d.responseStatus])).toEqual(emails.map(() => ["succeeded", 2, 204]));
    const got = receiver.state.accepted.filter((r) => r.payload.data.organizationId === org.id).map((r) => (r.payload.data.target as { label: string }).label);
    expect(got.sort()).toEqual([...emails].sort());
  });

  it("the receiver's library refuses a forged, a tampered and a replayed (stale) signature", async () => {
    const hook = await endpoint({ events: ["member.added"] });
    const verify = (secret: string, id: string, at: Date, body: string, sentBody = body) =>
      fetch(receiver.url, { method: "POST", body: sentBody, headers: { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, body) } });
    receiver.state.secret = hook.secret;
    const body = JSON.stringify({ type: "member.added", timestamp: new Date().toISOString(), data: {} });
    const before = receiver.state.rejected;
    expect((await verify(hook.secret, "msg_ok", new Date(), body)).status).toBe(204);
    expect((await verify(`whsec_${Buffer.from("not-the-secret-0123456789abcdef!").toString("base64")}`, "msg_forged", new Date(), body)).status).toBe(400);
    expect((await verify(hook.secret, "msg_tampered", new Date(), body, body.replace("member.added", "member.removed"))).status).toBe(400);
    expect((await verify(hook.secret, "msg_replayed", new Date(Date.now() - 10 * 60_000), body)).status).toBe(400);
    expect(receiver.state.rejected - before).toBe(3);
  });

  it("a dispatcher killed mid-delivery loses nothing: its claims lapse and the deliveries go out", { timeout: 60_000 }, async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const hook = await endpoint({ organizationId: org.id });
    receiver.state.secret = hook.secret;
    await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email: uniqueEmail("k1") }, { email: uniqueEmail("k2") }], send: false });
    receiver.state.hang = true;
    const requests = receiver.state.requests;
    const child = execFile("npx", ["tsx", "tests/support/run-dispatch.ts"], { env: process.env });
    for (let i = 0; i < 200 && receiver.state.requests === requests; i++) await new Promise((r) => setTimeout(r, 100));
    expect(receiver.state.requests).toBeGreaterThan(requests);
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    receiver.state.hang = false;
    const claimed = await prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } });
    expect(claimed.some((d) => d.status === "delivering")).toBe(true);
    await drain();
    expect(await prisma.webhookDelivery.count({ where: { endpointId: hook.id, status: "succeeded" } })).toBe(0); // the claim still holds
    await prisma.webhookDelivery.updateMany({ where: { endpointId: hook.id, status: "delivering" }, data: { lockedUntil: new Date(Date.now() - 1000) } }); // two minutes later
    await drain();
    expect((await prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } })).map((d) => d.status)).toEqual(["succeeded", "succeeded"]);
  });

  it("an endpoint that keeps failing is disabled with its reason; enabled again, it gets what waited", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const hook = await endpoint({ organizationId: org.id, events: ["invitation.created"] });
    receiver.state.secret = hook.secret;
    receiver.state.failWith = 500;
    await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: Array.from({ length: DISABLE_AFTER_FAILURES + 5 }, () => ({ email: uniqueEmail("f") })), send: false });
    await drain();
    const disabled = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toBe(`Disabled after ${DISABLE_AFTER_FAILURES} failed deliveries in a row (last: HTTP 500).`);
    expect(await prisma.auditEvent.count({ where: { action: "webhook.endpoint_disabled", targetId: hook.id } })).toBe(1);
    // Nothing is attempted while it is disabled.
    expect(await prisma.webhookDelivery.count({ where: { endpointId: hook.id, attempts: 0 } })).toBe(5);
    receiver.state.failWith = 0;
    await updateWebhookEndpoint(await actingAs(admin.id), hook.id, { enabled: true });
    await prisma.webhookDelivery.updateMany({ where: { endpointId: hook.id }, data: { nextAttemptAt: new Date() } });
    await drain();
    expect(await prisma.webhookDelivery.count({ where: { endpointId: hook.id, status: "succeeded" } })).toBe(DISABLE_AFTER_FAILURES + 5);
    expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).consecutiveFailures).toBe(0);
  });

  it("replays a delivery with the same webhook-id, audited", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const hook = await endpoint({ organizationId: org.id });
    receiver.state.secret = hook.secret;
    await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email: uniqueEmail("r") }], send: false });
    await drain();
    const [delivery] = await prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } });
    expect(delivery.status).toBe("succeeded");
    await replayWebhookDelivery(await actingAs(admin.id), delivery.id);
    await drain();
    expect(receiver.state.accepted.filter((r) => r.id === delivery.eventId)).toHaveLength(2);
    expect(await prisma.auditEvent.count({ where: { action: "webhook.delivery_replayed", targetId: delivery.id } })).toBe(1);
    // The delivery log: search by event type or id, filter by status.
    const { getWebhookEndpoint } = await import("@/lib/webhooks/queries");
    const adminActor = (await actingAs(admin.id)).actor;
    const log = (params: Record<string, string>) => getWebhookEndpoint(adminActor, hook.id, params).then((r) => r.deliveries.rows.map((d) => d.id));
    expect(await log({})).toEqual([delivery.id]);
    expect(await log({ q: "invitation." })).toEqual([delivery.id]);
    expect(await log({ q: delivery.eventId })).toEqual([delivery.id]);
    expect(await log({ q: "member." })).toEqual([]);
    expect(await log({ q: "%" })).toEqual([]);
    expect(await log({ status: "failed" })).toEqual([]);
    // Past the last page the pager still knows the total (lib/db.ts#queryPage).
    const past = (await getWebhookEndpoint(adminActor, hook.id, { perPage: "10", page: "2" })).deliveries;
    expect([past.rows, past.rowCount]).toEqual([[], 1]);
    expect((await getWebhookEndpoint(adminActor, hook.id, {})).endpoint).not.toHaveProperty("secret");
    const someone = await createUser();
    await expect(replayWebhookDelivery(await actingAs(someone.id), delivery.id)).rejects.toMatchObject({ status: 403 });
  });

  it("an endpoint gets only its event types and organization; a rolled-back change announces nothing", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const other = await createOrganization(owner);
    const hook = await endpoint({ organizationId: org.id, events: ["member.added"] });
    const ctx = await actingAs(owner.id);
    await createInvitations(ctx, { organizationId: org.id, invitees: [{ email: uniqueEmail() }], send: false });
    await addMembers(ctx, { organizationId: other.id, people: [{ email: uniqueEmail() }] });
    await addMembers(ctx, { organizationId: org.id, people: [{ email: uniqueEmail() }] });
    const deliveries = await prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } });
    const events = await prisma.webhookEvent.findMany({ where: { id: { in: deliveries.map((d) => d.eventId) } } });
    expect(events.map((e) => [e.type, e.organizationId])).toEqual([["member.added", org.id]]);
    const marker = uniqueEmail("rolled-back");
    await expect(
      prisma.$transaction(async (tx) => {
        await emitWebhookEvents(tx, [{ type: "member.added", organizationId: org.id, data: { target: { type: "user", id: marker } } }]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.webhookEvent.count({ where: { payload: { path: ["data", "target", "id"], equals: marker } } })).toBe(0);
  });

  it("endpoint URLs and secrets: a full URL without credentials; the secret is stored encrypted and shown once", async () => {
    const ctx = await actingAs(admin.id);
    await expect(createWebhookEndpoint(ctx, { url: "not a url" })).rejects.toThrow();
    await expect(createWebhookEndpoint(ctx, { url: "ftp://example.com/x" })).rejects.toThrow();
    await expect(createWebhookEndpoint(ctx, { url: "https://user:pass@example.com/x" })).rejects.toThrow();
    const { id, secret } = await createWebhookEndpoint(ctx, { url: "https://example.com/hooks", events: ["member.added"] });
    expect(secret).toMatch(/^whsec_/);
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(row.secret).not.toContain(secret.slice(6));
    await updateWebhookEndpoint(ctx, id, { enabled: false });
    const owner = await createUser();
    await addMember((await createOrganization(admin)).id, owner, "owner");
    await expect(createWebhookEndpoint(await actingAs(owner.id), { url: "https://example.com/x" })).rejects.toMatchObject({ status: 403 });
  });

  it("keeps finished deliveries 30 days, never a pending one, and drops events nothing refers to", async () => {
    const { pruneWebhookHistory, RETENTION_DAYS } = await import("@/lib/webhooks/retention");
    const hook = await endpoint({ events: ["member.added"] });
    await updateWebhookEndpoint(await actingAs(admin.id), hook.id, { enabled: false });
    const old = new Date(Date.now() - (RETENTION_DAYS + 1) * 86_400_000);
    const mk = async (status: string, createdAt: Date) => {
      const eventId = `msg_ret_${randomUUID().replaceAll("-", "")}`;
      await prisma.webhookEvent.create({ data: { id: eventId, type: "member.added", payload: {}, createdAt } });
      const d = await prisma.webhookDelivery.create({ data: { id: randomUUID(), eventId, endpointId: hook.id, status, createdAt } });
      return { eventId, id: d.id };
    };
    const [oldDone, oldFailed, oldPending, recent] = [await mk("succeeded", old), await mk("failed", old), await mk("pending", old), await mk("succeeded", new Date())];
    await pruneWebhookHistory();
    const left = (await prisma.webhookDelivery.findMany({ where: { endpointId: hook.id } })).map((d) => d.id).sort();
    expect(left).toEqual([oldPending.id, recent.id].sort());
    expect(await prisma.webhookEvent.count({ where: { id: { in: [oldDone.eventId, oldFailed.eventId] } } })).toBe(0);
    expect(await prisma.webhookEvent.count({ where: { id: { in: [oldPending.eventId, recent.eventId] } } })).toBe(2);
  });
});

