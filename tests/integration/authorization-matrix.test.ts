/**
 * The authorization matrix: every server action, route handler and data query the console exposes, called
 * by each kind of actor, against the outcomes written in the README's "Permissions" table.
 *
 * - Entry points are discovered from the code: every export of a "use server" module, every export of a
 *   `lib/<feature>/queries.ts` module and every HTTP method exported by an `app/**\/route.ts`. One without
 *   a row in the README table (and an implementation below) fails the suite.
 * - Each cell makes fresh targets, calls the entry point as that actor through the real session cookie, and
 *   compares allowed / denied with the table. A denied call must leave every row of this suite's world
 *   (users, sessions, organizations, members, invitations, links, campaigns, audit events) exactly as it
 *   was; an allowed call that changes something must have written an audit event.
 *
 * Server actions read the request through `next/headers`; outside Next.js that module is given the
 * actor's headers here. Everything else (better-auth, PostgreSQL, the mail sink) is real.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { actingAs } = await import("@/lib/actor");
const { auth } = await import("@/lib/auth");
const { prisma } = await import("@/lib/db");
const { getActor } = await import("@/lib/session");
const { createInvitations } = await import("@/lib/invitations/create-invitations");
const { issueSignInLinks } = await import("@/lib/sign-in-links/issue-sign-in-links");
const { createCampaign, previewCampaign } = await import("@/lib/campaigns/create-campaign");
const { findLink, listSinkMessages } = await import("@/lib/dev/resend-sink/client");
const audit = await import("@/lib/audit/queries");
const campaigns = await import("@/lib/campaigns/queries");
const invitations = await import("@/lib/invitations/queries");
const organizations = await import("@/lib/organizations/queries");
const links = await import("@/lib/sign-in-links/queries");
const users = await import("@/lib/users/queries");
const apiKeys = await import("@/lib/api-keys/queries");
const { createApiKey } = await import("@/lib/api-keys/create-api-key");
const webhooks = await import("@/lib/webhooks/queries");
const suppressions = await import("@/lib/suppressions/queries");
const { suppressAddresses } = await import("@/lib/email/suppression");
const { addDomain, verifyDomain } = await import("@/lib/organizations/domains");
const DNS_STUB = path.join(fs.mkdtempSync(path.join((await import("node:os")).tmpdir(), "admit-matrix-dns-")), "txt.json");
process.env.ADMIT_DNS_STUB_FILE = DNS_STUB;
const { createWebhookEndpoint, updateWebhookEndpoint } = await import("@/lib/webhooks/endpoints");
const { actorOf, addMember, apiKeyFor, createOrganization, createUser, cookieHeader, signInCookie } = await import("@/tests/support/factories");

const ROOT = path.resolve(import.meta.dirname, "../..");
const ORIGIN = "http://localhost:3000";
const ACTORS = ["anonymous", "banned", "user", "member", "org admin", "other owner", "owner", "support", "admin", "impersonating"] as const;
type ActorName = (typeof ACTORS)[number];

// ------------------------------------------------------------------------------------------ the world
const RUN = `m${randomBytes(4).toString("hex")}`;
const DOMAIN = `@${RUN}.test`;
let seq = 0;
const email = (what: string) => `${what}.${++seq}${DOMAIN}`;

type User = Awaited<ReturnType<typeof createUser>>;
interface World {
  users: Record<Exclude<ActorName, "anonymous" | "impersonating">, User>;
  cookies: Partial<Record<ActorName, string>>;
  /** Each person's API key with every scope (the banned person's made before the ban); none for anonymous or impersonating. */
  keys: Partial<Record<ActorName, string>>;
  orgA: { id: string; name: string };
  orgB: { id: string };
}
let world: World;
let ipSeq = 0;
const nextIp = () => `10.${RUN.length}.${Math.floor(++ipSeq / 250) % 250}.${1 + (ipSeq % 250)}`;

function headersFor(actor: ActorName, extra: Record<string, string> = {}) {
  const cookie = world.cookies[actor];
  return new Headers({ origin: ORIGIN, "x-forwarded-for": nextIp(), "user-agent": "authorization-matrix", ...(cookie ? { cookie } : {}), ...extra });
}

async function plainUser(what = "target") {
  return createUser({ email: email(what) });
}
async function orgInvitation(organizationId: string, to = email("invitee")) {
  const { outcomes } = await createInvitations(await actingAs(world.users.owner.id), { organizationId, invitees: [{ email: to }], send: false });
  if (!outcomes[0].invitationId) throw new Error(`fixture invitation not created: ${JSON.stringify(outcomes[0])}`);
  return { id: outcomes[0].invitationId, email: to };
}
/** A domain claimed by A's owner, its TXT record published (ADMIT_DNS_STUB_FILE); verified when asked. */
async function claimedDomain(verified = false) {
  const ctx = await actingAs(world.users.owner.id);
  const d = await addDomain(ctx, { organizationId: world.orgA.id, domain: `c${++seq}-${RUN}.test` });
  const records = fs.existsSync(DNS_STUB) ? JSON.parse(fs.readFileSync(DNS_STUB, "utf8")) : {};
  fs.writeFileSync(DNS_STUB, JSON.stringify({ ...records, [d.record.name]: [d.record.value] }));
  if (verified) await verifyDomain(ctx, d.id);
  return d;
}
/** A pending request to join A from a plain user of this suite, through one of A's verified domains. */
async function pendingJoinRequest() {
  const d = await claimedDomain(true);
  const user = await plainUser("asks");
  return prisma.joinRequest.create({ data: { id: randomBytes(8).toString("hex"), organizationId: world.orgA.id, userId: user.id, email: user.email, domainId: d.id } });
}
/** An address of this suite's on the suppression list (as a bounce would put it there). */
async function suppressedAddress() {
  const address = email("bounced");
  await prisma.$transaction((tx) => suppressAddresses(tx, { actor: null }, [{ email: address, reason: "bounced" }]));
  return address;
}
async function orgMember() {
  const user = await plainUser("member");
  await addMember(world.orgA.id, user, "member");
  return prisma.member.findFirstOrThrow({ where: { organizationId: world.orgA.id, userId: user.id } });
}
async function signInLink(target?: User) {
  const user = target ?? (await plainUser());
  const [link] = await issueSignInLinks(await actingAs(world.users.admin.id), { purpose: "sign-in", recipients: [{ email: user.email }] });
  return { id: link.linkId!, token: link.url!.split("/link/")[1], user };
}
async function campaign() {
  const name = `Campaign ${++seq}`;
  const { id } = await createCampaign({ actor: await actorOf(world.users.owner) }, campaignSettings(name), csv(1));
  return { id, name };
}
const campaignSettings = (name = "Matrix") => ({
  organizationId: world.orgA.id,
  kind: "invitation" as const,
  name,
  role: "member" as const,
  expiresIn: 7 * 86400,
  subject: "Hi {{name}}",
  message: "Hello {{name}}",
});
const csv = (n: number) => new TextEncoder().encode(["email,name", ...Array.from({ length: n }, () => `${email("csv")},Person`)].join("\n"));
function campaignForm() {
  const form = new FormData();
  form.set("file", new File([csv(2)], "people.csv", { type: "text/csv" }));
  form.set("settings", JSON.stringify(campaignSettings(`Upload ${++seq}`)));
  return form;
}

/** A fingerprint of every row that belongs to this suite's world; other test files share the database. */
async function snapshot() {
  const [row] = await prisma.$queryRawUnsafe<Record<string, string>[]>(
    `WITH u AS (SELECT id FROM "user" WHERE email LIKE $1), o AS (SELECT id FROM "organization" WHERE slug LIKE $2),
          c AS (SELECT id FROM "admit"."campaign" WHERE "organizationId" IN (SELECT id FROM o))
     SELECT
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "user" t WHERE id IN (SELECT id FROM u)) AS users,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "session" t WHERE "userId" IN (SELECT id FROM u)) AS sessions,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "account" t WHERE "userId" IN (SELECT id FROM u)) AS accounts,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "organization" t WHERE id IN (SELECT id FROM o)) AS organizations,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "member" t WHERE "organizationId" IN (SELECT id FROM o) OR "userId" IN (SELECT id FROM u)) AS members,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "invitation" t WHERE "organizationId" IN (SELECT id FROM o) OR email LIKE $1) AS invitations,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "teamMember" t WHERE "userId" IN (SELECT id FROM u)) AS team_members,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "admit"."sign_in_link" t WHERE email LIKE $1 OR "issuerId" IN (SELECT id FROM u)) AS links,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "admit"."campaign" t WHERE id IN (SELECT id FROM c)) AS campaigns,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t."organizationId"), '')) FROM "admit"."organization_settings" t WHERE "organizationId" IN (SELECT id FROM o)) AS organization_settings,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.email), '')) FROM "admit"."email_suppression" t WHERE email LIKE $1) AS suppressions,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "admit"."organization_domain" t WHERE "organizationId" IN (SELECT id FROM o)) AS domains,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "admit"."join_request" t WHERE "organizationId" IN (SELECT id FROM o)) AS join_requests,
      (SELECT md5(coalesce(string_agg(concat_ws(',', t.id, t.enabled, t."revokedAt", t.permissions, t.metadata, t."expiresAt"), '|' ORDER BY t.id), '')) FROM "admit"."apikey" t WHERE "referenceId" IN (SELECT id FROM u)) AS api_keys,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "admit"."webhook_endpoint" t WHERE "createdById" IN (SELECT id FROM u)) AS webhook_endpoints,
      (SELECT md5(coalesce(string_agg(concat_ws(',', t.id, t.status, t.attempts), '|' ORDER BY t.id), '')) FROM "admit"."webhook_delivery" t
         WHERE "endpointId" IN (SELECT id FROM "admit"."webhook_endpoint" WHERE "createdById" IN (SELECT id FROM u))) AS webhook_deliveries,
      (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM "admit"."campaign_recipient" t WHERE "campaignId" IN (SELECT id FROM c)) AS recipients,
      (SELECT md5(coalesce(string_agg((to_jsonb(t) - 'chain' - 'seq' - 'prevHash' - 'hash')::text, '|' ORDER BY t.id), '')) FROM "admit"."audit_event" t
         WHERE "actorId" IN (SELECT id FROM u) OR "organizationId" IN (SELECT id FROM o) OR "targetId" IN (SELECT id FROM u) OR "actorEmail" LIKE $1) AS audit`,
    `%${DOMAIN}`,
    `${RUN}-%`,
  );
  return row;
}

// -------------------------------------------------------------------------------- how each entry is called
type Call = (as: ActorName) => Promise<boolean>;
interface Entry {
  /** Makes fresh targets and returns the call; runs before the "before" snapshot. */
  prepare: () => Promise<Call>;
  /** Whether an allowed call changes data (and so must be audited). */
  mutates: boolean;
}

const action = async <M,>(file: string) => (await import(/* @vite-ignore */ path.join(ROOT, file))) as M;
type Result<T = unknown> = { ok: true; data: T } | { ok: false; error: string };
const asActor = async <T,>(as: ActorName, work: () => Promise<T>) => {
  request.headers = headersFor(as);
  return work();
};
/** A query's actor is resolved from the session, as the pages do. */
const actorFor = async (as: ActorName) => getActor(headersFor(as));
/** A denial by a query or domain function is one of our errors (unauthorized, forbidden, not found). */
const deniedIfAppError = async (work: () => Promise<boolean>) => {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
};

const authRoute = (method: "GET" | "POST", endpoint: string, body?: () => Promise<unknown>): Entry => ({
  mutates: method === "POST",
  prepare: async () => {
    const payload = body ? await body() : undefined;
    const route = await action<{ GET: (r: Request) => Promise<Response>; POST: (r: Request) => Promise<Response> }>("app/api/auth/[...all]/route.ts");
    return async (as) => {
      const h = headersFor(as, payload ? { "content-type": "application/json" } : {});
      const res = await route[method](new Request(`${ORIGIN}/api/auth${endpoint}`, { method, headers: h, body: payload ? JSON.stringify(payload) : undefined }));
      return res.ok;
    };
  },
});

// Server actions: each cell sets up fresh targets, calls the action as the actor (its request headers come
// from `next/headers`, given the actor's cookie here) and judges the ActionResult.
type ActionFn = (...args: unknown[]) => Promise<Result>;
interface ActionCell<S> {
  mutates: boolean;
  setup?: () => Promise<S>;
  call: (action: ActionFn, targets: S) => Promise<Result>;
  /** Allowed means the action did its work; by default, that it answered ok. */
  allowed?: (result: Result) => boolean;
}
const cell = <S,>(spec: ActionCell<S>) => spec as ActionCell<unknown>;
const firstStatus = (status: string) => (r: Result) => r.ok && (r.data as { status?: string }[])[0]?.status === status;

const ACTIONS: Record<string, ActionCell<unknown>> = {
  "lib/invitations/actions.ts#inviteAction": cell({
    mutates: true,
    call: (invite) => invite({ organizationId: world.orgA.id, emails: email("invite"), role: "member", expiresIn: 7 * 86400 }),
  }),
  "lib/invitations/actions.ts#resendInvitationsAction": cell({ mutates: true, setup: () => orgInvitation(world.orgA.id), call: (resend, inv) => resend({ ids: [inv.id] }), allowed: firstStatus("resent") }),
  "lib/invitations/actions.ts#revokeInvitationsAction": cell({ mutates: true, setup: () => orgInvitation(world.orgA.id), call: (revoke, inv) => revoke({ ids: [inv.id] }), allowed: firstStatus("revoked") }),
  "lib/invitations/actions.ts#invitableOrganizationsAction": cell({
    mutates: false,
    call: (offered) => offered(),
    allowed: (r) => r.ok && (r.data as { id: string }[]).some((o) => o.id === world.orgA.id),
  }),
  "lib/invitations/actions.ts#invitationTimelineAction": cell({
    mutates: false,
    setup: () => orgInvitation(world.orgA.id),
    call: (timeline, inv) => timeline({ id: inv.id }),
    allowed: (r) => r.ok && (r.data as unknown[]).length > 0,
  }),
  // The invitee answers their own invitation (here: one for the plain user, into a fresh organization).
  "lib/invitations/invitee-actions.ts#acceptInvitationAction": cell({ mutates: true, setup: inviteThePlainUser, call: (accept, inv) => accept(inv.id) }),
  "lib/invitations/invitee-actions.ts#declineInvitationAction": cell({ mutates: true, setup: inviteThePlainUser, call: (decline, inv) => decline(inv.id) }),
  "lib/memberships/actions.ts#addMembersAction": cell({
    mutates: true,
    call: (add) => add({ organizationId: world.orgA.id, emails: email("added"), role: "member", sendWelcome: false }),
  }),
  "lib/memberships/actions.ts#changeMemberRoleAction": cell({ mutates: true, setup: orgMember, call: (change, member) => change({ memberId: member.id, role: "admin" }) }),
  "lib/memberships/actions.ts#removeMemberAction": cell({ mutates: true, setup: orgMember, call: (remove, member) => remove({ memberId: member.id }) }),
  "lib/sign-in-links/actions.ts#issueSignInLinksAction": cell({
    mutates: true,
    setup: () => plainUser(),
    call: (issue, target) => issue({ emails: target.email, purpose: "sign-in", expiresIn: 3600, redirectTo: "/welcome", createUsers: false, delivery: "copy" }),
    allowed: firstStatus("issued"),
  }),
  "lib/sign-in-links/actions.ts#revokeSignInLinksAction": cell({ mutates: true, setup: () => signInLink(), call: (revoke, link) => revoke({ ids: [link.id] }), allowed: firstStatus("revoked") }),
  "lib/campaigns/actions.ts#previewCampaignAction": cell({ mutates: false, call: (preview) => preview(campaignForm()) }),
  // Start from the actor's own checked upload; an actor who may not upload replays the owner's draft id.
  "lib/campaigns/actions.ts#createCampaignAction": cell({
    mutates: true,
    call: async (create) => {
      const { previewCampaignAction } = await action<{ previewCampaignAction: (f: FormData) => Promise<Result<{ draftId: string }>> }>("lib/campaigns/actions.ts");
      const own = await previewCampaignAction(campaignForm());
      const draftId = own.ok ? own.data.draftId : (await previewCampaign({ actor: await actorOf(world.users.owner) }, campaignSettings(), csv(2))).draftId;
      return create({ draftId, settings: campaignSettings(`Upload ${++seq}`) });
    },
  }),
  "lib/campaigns/actions.ts#controlCampaignAction": cell({ mutates: true, setup: campaign, call: (control, c) => control({ id: c.id, command: "pause" }) }),
  // A limit far above what the suite uses: the other cells keep inviting into A.
  "lib/organizations/actions.ts#setSeatLimitAction": cell({ mutates: true, call: (set) => set({ organizationId: world.orgA.id, seats: 100_000 + ++seq }) }),
  "lib/organizations/actions.ts#setReminderHoursAction": cell({ mutates: true, call: (set) => set({ organizationId: world.orgA.id, hours: ([24, 48, 72] as const)[++seq % 3] }) }),
  "lib/organizations/actions.ts#addDomainAction": cell({ mutates: true, call: (add) => add({ organizationId: world.orgA.id, domain: `m${++seq}-${RUN}.test` }) }),
  "lib/organizations/actions.ts#verifyDomainAction": cell({ mutates: true, setup: () => claimedDomain(), call: (verify, d) => verify({ id: d.id }) }),
  "lib/organizations/actions.ts#setDomainPolicyAction": cell({ mutates: true, setup: () => claimedDomain(true), call: (set, d) => set({ id: d.id, policy: "request" }) }),
  "lib/organizations/actions.ts#removeDomainAction": cell({ mutates: true, setup: () => claimedDomain(), call: (remove, d) => remove({ id: d.id }) }),
  "lib/organizations/actions.ts#decideJoinRequestAction": cell({ mutates: true, setup: () => pendingJoinRequest(), call: (decide, r) => decide({ id: r.id, decision: "approve" }) }),
  "lib/suppressions/actions.ts#addSuppressionsAction": cell({ mutates: true, call: (add) => add({ emails: email("suppressed") }), allowed: firstStatus("added") }),
  "lib/suppressions/actions.ts#clearSuppressionsAction": cell({ mutates: true, setup: suppressedAddress, call: (clear, address) => clear({ emails: [address] }), allowed: firstStatus("cleared") }),
  "lib/users/actions.ts#banUserAction": cell({ mutates: true, setup: () => plainUser(), call: (ban, t) => ban({ userId: t.id, reason: "matrix: ban" }) }),
  "lib/users/actions.ts#unbanUserAction": cell({
    mutates: true,
    setup: async () => {
      const t = await plainUser();
      await prisma.user.update({ where: { id: t.id }, data: { banned: true, banReason: "matrix" } });
      return t;
    },
    call: (unban, t) => unban({ userId: t.id }),
  }),
  "lib/users/actions.ts#setBannedAction": cell({ mutates: true, setup: () => plainUser(), call: (set, t) => set({ userIds: [t.id], banned: true, reason: "matrix: bulk" }), allowed: firstStatus("done") }),
  "lib/users/actions.ts#setPlatformRoleAction": cell({ mutates: true, setup: () => plainUser(), call: (set, t) => set({ userId: t.id, role: "support" }) }),
  "lib/users/actions.ts#revokeUserSessionsAction": cell({
    mutates: true,
    setup: async () => {
      const t = await plainUser();
      await signInCookie(t.email);
      return t;
    },
    call: (revoke, t) => revoke({ userId: t.id }),
  }),
  "lib/api-keys/actions.ts#createApiKeyAction": cell({ mutates: true, call: (create) => create({ name: "matrix", scopes: ["invitation:read"] }) }),
  "lib/webhooks/actions.ts#createWebhookEndpointAction": cell({
    mutates: true,
    call: (create) => create({ url: "https://hooks.example.test/admit", events: ["member.removed"], organizationId: world.orgB.id }),
  }),
  "lib/webhooks/actions.ts#updateWebhookEndpointAction": cell({ mutates: true, setup: hookFixture, call: (update, hook) => update({ id: hook.id, changes: { description: `changed ${++seq}` } }) }),
  "lib/webhooks/actions.ts#rotateWebhookSecretAction": cell({ mutates: true, setup: hookFixture, call: (rotate, hook) => rotate({ id: hook.id }) }),
  "lib/webhooks/actions.ts#deleteWebhookEndpointAction": cell({ mutates: true, setup: hookFixture, call: (remove, hook) => remove({ id: hook.id }) }),
  "lib/webhooks/actions.ts#replayWebhookDeliveryAction": cell({ mutates: true, setup: failedDelivery, call: (replay, delivery) => replay({ id: delivery.id }) }),
  "lib/api-keys/actions.ts#revokeApiKeysAction": cell({ mutates: true, setup: ownersKey, call: (revoke, key) => revoke({ ids: [key.id] }), allowed: firstStatus("revoked") }),
};

/** A disabled endpoint of the admin's (for organization B, one event type): nothing is ever sent to it. */
async function hookFixture() {
  const ctx = await actingAs(world.users.admin.id);
  const { id } = await createWebhookEndpoint(ctx, { url: `https://hooks.example.test/${++seq}`, events: ["member.removed"], organizationId: world.orgB.id });
  await updateWebhookEndpoint(ctx, id, { enabled: false });
  return { id };
}
async function failedDelivery() {
  const hook = await hookFixture();
  const eventId = `msg_matrix_${++seq}_${RUN}`;
  await prisma.webhookEvent.create({ data: { id: eventId, type: "member.removed", organizationId: world.orgB.id, payload: { type: "member.removed", data: {} } } });
  return prisma.webhookDelivery.create({ data: { id: crypto.randomUUID(), eventId, endpointId: hook.id, status: "failed", attempts: 8 } });
}

/** A key of the owner's, made in the console. */
async function ownersKey() {
  return createApiKey(await actingAs(world.users.owner.id), { name: `owner ${++seq}`, scopes: ["invitation:read"] });
}

// The HTTP API (/api/v1): each actor calls with their own API key (every scope); anonymous with none, the
// impersonating actor with their session cookie only (a session is no substitute for a key).
type ApiAnswer = { status: number; body: unknown };
function apiRoute<S>(method: string, pathOf: (targets: S) => string, opts: { setup?: () => Promise<S>; body?: (targets: S) => unknown; sees?: (answer: ApiAnswer, targets: S) => boolean } = {}): Entry {
  return {
    mutates: method !== "GET",
    prepare: async () => {
      const route = await action<Record<string, (r: Request) => Promise<Response>>>("app/api/v1/[[...path]]/route.ts");
      const targets = (opts.setup ? await opts.setup() : undefined) as S;
      const payload = opts.body?.(targets);
      return async (as) => {
        const key = world.keys[as];
        const h = headersFor(as, { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(payload === undefined ? {} : { "content-type": "application/json" }) });
        if (key) h.delete("cookie");
        const res = await route[method](new Request(`${ORIGIN}/api/v1${pathOf(targets)}`, { method, headers: h, body: payload === undefined ? undefined : JSON.stringify(payload) }));
        const text = await res.text();
        const answer = { status: res.status, body: text ? JSON.parse(text) : null };
        return res.ok && (opts.sees ? opts.sees(answer, targets) : true);
      };
    },
  };
}
const rowsOf = (a: ApiAnswer) => (a.body as { data: { id: string }[] }).data.map((r) => r.id);
const firstOutcome = (status: string) => (a: ApiAnswer) => (a.body as { outcomes: { status: string }[] }).outcomes[0]?.status === status;
const API = "app/api/v1/[[...path]]/route.ts";
async function pausedCampaign() {
  const c = await campaign();
  await prisma.campaign.update({ where: { id: c.id }, data: { status: "paused" } });
  return c;
}
const API_ENTRIES: Record<string, Entry> = {
  [`${API}#GET /openapi.json`]: apiRoute("GET", () => "/openapi.json"),
  [`${API}#GET /invitations`]: apiRoute("GET", (inv: { email: string }) => `/invitations?q=${encodeURIComponent(inv.email)}`, { setup: () => orgInvitation(world.orgA.id), sees: (a, inv) => rowsOf(a).includes(inv.id) }),
  [`${API}#GET /invitations/{id}`]: apiRoute("GET", (inv: { id: string }) => `/invitations/${inv.id}`, { setup: () => orgInvitation(world.orgA.id) }),
  [`${API}#POST /invitations`]: apiRoute("POST", () => "/invitations", { body: () => ({ organizationId: world.orgA.id, invitees: [{ email: email("api") }], send: false }), sees: firstOutcome("created") }),
  [`${API}#POST /invitations/resend`]: apiRoute("POST", () => "/invitations/resend", { setup: () => orgInvitation(world.orgA.id), body: (inv) => ({ ids: [inv.id] }), sees: firstOutcome("resent") }),
  [`${API}#POST /invitations/revoke`]: apiRoute("POST", () => "/invitations/revoke", { setup: () => orgInvitation(world.orgA.id), body: (inv) => ({ ids: [inv.id] }), sees: firstOutcome("revoked") }),
  [`${API}#GET /organizations`]: apiRoute("GET", () => `/organizations?q=${encodeURIComponent(world.orgA.name)}`, { sees: (a) => rowsOf(a).includes(world.orgA.id) }),
  [`${API}#GET /organizations/{organizationId}`]: apiRoute("GET", () => `/organizations/${world.orgA.id}`),
  [`${API}#POST /organizations/{organizationId}/members`]: apiRoute("POST", () => `/organizations/${world.orgA.id}/members`, { body: () => ({ people: [{ email: email("apiadd") }] }), sees: firstOutcome("added") }),
  [`${API}#PATCH /members/{memberId}`]: apiRoute("PATCH", (m: { id: string }) => `/members/${m.id}`, { setup: orgMember, body: () => ({ role: "admin" }) }),
  [`${API}#DELETE /members/{memberId}`]: apiRoute("DELETE", (m: { id: string }) => `/members/${m.id}`, { setup: orgMember }),
  [`${API}#POST /sign-in-links`]: apiRoute("POST", () => "/sign-in-links", { setup: () => plainUser(), body: (t) => ({ recipients: [{ email: t.email }] }), sees: (a) => (a.body as { links: { status: string }[] }).links[0]?.status === "issued" }),
  [`${API}#GET /sign-in-links`]: apiRoute("GET", (l: { user: { email: string } }) => `/sign-in-links?q=${encodeURIComponent(l.user.email)}`, { setup: () => signInLink(), sees: (a, l) => rowsOf(a).includes(l.id) }),
  [`${API}#POST /sign-in-links/revoke`]: apiRoute("POST", () => "/sign-in-links/revoke", { setup: () => signInLink(), body: (l) => ({ ids: [l.id] }), sees: firstOutcome("revoked") }),
  [`${API}#POST /campaigns`]: apiRoute("POST", () => "/campaigns", { body: () => ({ ...campaignSettings(`API ${++seq}`), rows: [{ email: email("apicsv") }] }) }),
  [`${API}#GET /campaigns`]: apiRoute("GET", (c: { name: string }) => `/campaigns?q=${encodeURIComponent(c.name)}`, { setup: campaign, sees: (a, c) => rowsOf(a).includes(c.id) }),
  [`${API}#GET /campaigns/{id}`]: apiRoute("GET", (c: { id: string }) => `/campaigns/${c.id}`, { setup: campaign }),
  [`${API}#POST /campaigns/{id}/pause`]: apiRoute("POST", (c: { id: string }) => `/campaigns/${c.id}/pause`, { setup: campaign }),
  [`${API}#POST /campaigns/{id}/resume`]: apiRoute("POST", (c: { id: string }) => `/campaigns/${c.id}/resume`, { setup: pausedCampaign }),
  [`${API}#POST /campaigns/{id}/cancel`]: apiRoute("POST", (c: { id: string }) => `/campaigns/${c.id}/cancel`, { setup: campaign }),
  [`${API}#GET /audit-events`]: apiRoute("GET", () => `/audit-events?organizationId=${world.orgA.id}&limit=5`, { setup: () => orgInvitation(world.orgA.id), sees: (a) => (a.body as { events: unknown[] }).events.length > 0 }),
  [`${API}#PUT /invitations`]: apiRoute("PUT", () => "/invitations", { body: () => ({}) }),
  [`${API}#PATCH /invitations`]: apiRoute("PATCH", () => "/invitations", { body: () => ({}) }),
  [`${API}#DELETE /invitations`]: apiRoute("DELETE", () => "/invitations"),
};

async function inviteThePlainUser() {
  const org = await createOrganization(world.users.owner, `${RUN} C${++seq}`);
  return orgInvitation(org.id, world.users.user.email);
}

function actionEntry(id: string, spec: ActionCell<unknown>): Entry {
  const [file, name] = id.split("#");
  return {
    mutates: spec.mutates,
    prepare: async () => {
      const fn = ((await action<Record<string, unknown>>(file))[name] as ActionFn) ?? missing(id);
      const targets = spec.setup ? await spec.setup() : undefined;
      return async (as) => (spec.allowed ?? ((r) => r.ok))(await asActor(as, () => spec.call(fn, targets)));
    },
  };
}
/** A data query's cell: the actor is resolved from the session, as the pages do; a denial is our error or an answer without the row. */
function query<S>(setup: () => Promise<S>, sees: (actor: Actor | null, targets: S) => Promise<boolean>): Entry {
  return {
    mutates: false,
    prepare: async () => {
      const targets = await setup();
      return async (as) => deniedIfAppError(async () => sees(await actorFor(as), targets));
    },
  };
}
const nothing = async () => undefined;

const missing = (id: string): never => {
  throw new Error(`${id} is not exported`);
};

const ENTRIES: Record<string, Entry> = {
  ...Object.fromEntries(Object.entries(ACTIONS).map(([id, spec]) => [id, actionEntry(id, spec)])),
  // ---- data queries: allowed means the organization's row is in the answer
  "lib/audit/queries.ts#listAuditEvents": query(
    () => orgInvitation(world.orgA.id),
    async (actor, inv) => (await audit.listAuditEvents(actor, { q: inv.email })).rows.some((r) => r.target === inv.email),
  ),
  "lib/campaigns/queries.ts#listCampaigns": query(campaign, async (actor, c) => (await campaigns.listCampaigns(actor, { q: c.name })).rows.some((r) => r.id === c.id)),
  "lib/campaigns/queries.ts#getCampaign": query(campaign, async (actor, c) => (await campaigns.getCampaign(actor, c.id)).id === c.id),
  "lib/campaigns/queries.ts#getCampaignFunnel": query(campaign, async (actor, c) => (await campaigns.getCampaignFunnel(actor, c.id)).counts.recipients > 0),
  "lib/campaigns/queries.ts#listRecipients": query(campaign, async (actor, c) => (await campaigns.listRecipients(actor, c.id, {})).rows.length > 0),
  "lib/invitations/queries.ts#listInvitations": query(
    () => orgInvitation(world.orgA.id),
    async (actor, inv) => (await invitations.listInvitations(actor, { q: inv.email })).rows.some((r) => r.id === inv.id),
  ),
  "lib/invitations/queries.ts#listInvitableOrganizations": query(nothing, async (actor) => (await invitations.listInvitableOrganizations(actor)).some((o) => o.id === world.orgA.id)),
  "lib/organizations/queries.ts#listOrganizations": query(nothing, async (actor) => (await organizations.listOrganizations(actor, { q: world.orgA.name })).rows.some((o) => o.id === world.orgA.id)),
  "lib/organizations/queries.ts#getOrganization": query(nothing, async (actor) => (await organizations.getOrganization(actor, world.orgA.id))?.id === world.orgA.id),
  "lib/sign-in-links/queries.ts#listSignInLinks": query(signInLink, async (actor, link) => (await links.listSignInLinks(actor, { q: link.user.email })).rows.some((r) => r.id === link.id)),
  "lib/invitations/queries.ts#getInvitation": query(
    () => orgInvitation(world.orgA.id),
    async (actor, inv) => (await invitations.getInvitation(actor, inv.id)).id === inv.id,
  ),
  "lib/invitations/queries.ts#findInvitations": query(
    () => orgInvitation(world.orgA.id),
    async (actor, inv) => (await invitations.findInvitations(actor, {}, { id: inv.id })).rows.some((r) => r.id === inv.id),
  ),
  "lib/audit/queries.ts#exportAuditEvents": query(
    () => orgInvitation(world.orgA.id),
    async (actor, inv) => {
      for await (const batch of await audit.exportAuditEvents(actor, { q: inv.email })) if (batch.some((e) => e.targetLabel === inv.email)) return true;
      return false;
    },
  ),
  "lib/audit/queries.ts#auditEventsAfter": query(
    () => orgInvitation(world.orgA.id),
    async (actor, inv) => (await audit.auditEventsAfter(actor, { limit: 50, organizationId: world.orgA.id })).events.some((e) => e.target?.label === inv.email),
  ),
  "lib/audit/queries.ts#verifyAuditLog": query(nothing, async (actor) => Array.isArray((await audit.verifyAuditLog(actor)).chains)),
  "lib/webhooks/queries.ts#listWebhookEndpoints": query(hookFixture, async (actor, hook) => (await webhooks.listWebhookEndpoints(actor)).some((e) => e.id === hook.id)),
  "lib/webhooks/queries.ts#getWebhookEndpoint": query(failedDelivery, async (actor, d) => (await webhooks.getWebhookEndpoint(actor, d.endpointId, {})).deliveries.rows.some((r) => r.id === d.id)),
  "lib/api-keys/queries.ts#listApiKeys": query(ownersKey, async (actor, key) => (await apiKeys.listApiKeys(actor)).some((k) => k.id === key.id)),
  ...API_ENTRIES,
  "lib/suppressions/queries.ts#listSuppressions": query(suppressedAddress, async (actor, address) => (await suppressions.listSuppressions(actor, { q: address })).rows.some((r) => r.email === address)),
  "lib/users/queries.ts#getPerson": query(plainUser, async (actor, target) => (await users.getPerson(actor, target.id)).user.id === target.id),
  "lib/users/queries.ts#listUsers": query(plainUser, async (actor, target) => (await users.listUsers(actor, { q: target.email })).rows.some((r) => r.id === target.id)),
  // ---- route handlers
  "app/(console)/campaigns/[id]/export/route.ts#GET": {
    mutates: false,
    prepare: async () => {
      const { GET } = await action<typeof import("@/app/(console)/campaigns/[id]/export/route")>("app/(console)/campaigns/[id]/export/route.ts");
      const c = await campaign();
      return async (as) => (await GET(new Request(`${ORIGIN}/campaigns/${c.id}/export`, { headers: headersFor(as) }), { params: Promise.resolve({ id: c.id }) })).status === 200;
    },
  },
  "app/(console)/audit/export/route.ts#GET": {
    mutates: false,
    prepare: async () => {
      const { GET } = await action<typeof import("@/app/(console)/audit/export/route")>("app/(console)/audit/export/route.ts");
      const inv = await orgInvitation(world.orgA.id);
      return async (as) => {
        const res = await GET(new Request(`${ORIGIN}/audit/export?format=ndjson&q=${encodeURIComponent(inv.email)}`, { headers: headersFor(as) }));
        return res.status === 200 && (await res.text()).includes(inv.email);
      };
    },
  },
  // Bearer routes: whoever holds the link signs in as the link's person, whatever session they had.
  "app/(auth)/link/[token]/confirm/route.ts#POST": {
    mutates: true,
    prepare: async () => {
      const { POST } = await action<typeof import("@/app/(auth)/link/[token]/confirm/route")>("app/(auth)/link/[token]/confirm/route.ts");
      const link = await signInLink();
      return async (as) => {
        const res = await POST(new Request(`${ORIGIN}/link/${link.token}/confirm`, { method: "POST", headers: headersFor(as) }), { params: Promise.resolve({ token: link.token }) });
        return res.status === 303 && (await getActor(new Headers({ cookie: cookieHeader(res) })))?.userId === link.user.id;
      };
    },
  },
  "app/(auth)/sign-in/link/confirm/route.ts#POST": {
    mutates: false, // better-auth's own sign-in: a session, no console change
    prepare: async () => {
      const { POST } = await action<typeof import("@/app/(auth)/sign-in/link/confirm/route")>("app/(auth)/sign-in/link/confirm/route.ts");
      const target = await plainUser("magic");
      const sent = await auth.handler(
        new Request(`${ORIGIN}/api/auth/sign-in/magic-link`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": nextIp() }, body: JSON.stringify({ email: target.email, callbackURL: "/" }) }),
      );
      if (!sent.ok) throw new Error(`magic link not sent: ${sent.status}`);
      const [message] = await listSinkMessages({ to: target.email });
      const token = new URL(findLink(message, "/sign-in/link?")!).searchParams.get("token")!;
      return async (as) => {
        const h = headersFor(as, { "content-type": "application/x-www-form-urlencoded" });
        const res = await POST(new Request(`${ORIGIN}/sign-in/link/confirm`, { method: "POST", headers: h, body: new URLSearchParams({ token, next: "/" }) }));
        return res.status === 303 && (await getActor(new Headers({ cookie: cookieHeader(res) })))?.userId === target.id;
      };
    },
  },
  // Webhooks are authenticated by their signature only: no session makes an unsigned one acceptable.
  "app/api/webhooks/resend/route.ts#POST": {
    mutates: false,
    prepare: async () => {
      const { POST } = await action<typeof import("@/app/api/webhooks/resend/route")>("app/api/webhooks/resend/route.ts");
      return async (as) => {
        const body = JSON.stringify({ type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: "00000000-0000-0000-0000-000000000000" } });
        const res = await POST(new Request(`${ORIGIN}/api/webhooks/resend`, { method: "POST", headers: headersFor(as, { "content-type": "application/json" }), body }));
        return res.status === 200;
      };
    },
  },
  // better-auth's own HTTP API (app/api/auth/[...all]): the endpoints that change or reveal other people.
  "app/api/auth/[...all]/route.ts#GET /admin/list-users": authRoute("GET", "/admin/list-users?limit=1"),
  "app/api/auth/[...all]/route.ts#POST /admin/set-role": authRoute("POST", "/admin/set-role", async () => ({ userId: (await plainUser()).id, role: "support" })),
  "app/api/auth/[...all]/route.ts#POST /admin/ban-user": authRoute("POST", "/admin/ban-user", async () => ({ userId: (await plainUser()).id })),
  "app/api/auth/[...all]/route.ts#POST /admin/impersonate-user": authRoute("POST", "/admin/impersonate-user", async () => ({ userId: (await plainUser()).id, reason: "matrix: checking who may impersonate" })),
  "app/api/auth/[...all]/route.ts#POST /organization/invite-member": authRoute("POST", "/organization/invite-member", async () => ({
    email: email("stock"),
    role: "member",
    organizationId: world.orgA.id,
  })),
  "app/api/auth/[...all]/route.ts#POST /admit/sign-in-link/consume": authRoute("POST", "/admit/sign-in-link/consume", async () => ({ token: (await signInLink()).token })),
  // Server to server only (tests/integration/link-exchange.test.ts): no session stands in for the secret.
  "app/api/auth/[...all]/route.ts#POST /admit/link-exchange": authRoute("POST", "/admit/link-exchange", async () => ({ token: (await signInLink()).token })),
};

/** Exports that are not entry points: URL parsers the pages use before calling the query next to them. */
const NOT_ENTRY_POINTS = new Set(["lib/audit/queries.ts#loadAuditParams", "lib/suppressions/queries.ts#loadSuppressionsParams", "lib/invitations/queries.ts#loadInvitationsParams", "lib/organizations/queries.ts#loadOrganizationsParams", "lib/sign-in-links/queries.ts#loadLinksParams", "lib/users/queries.ts#loadUsersParams"]);

// ------------------------------------------------------------------------------- discovery and the table
function walk(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return walk(rel);
    return /\.(ts|tsx)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [rel] : [];
  });
}
async function discoverEntryPoints() {
  const files = [...walk("lib"), ...walk("app")];
  const found: string[] = [];
  for (const file of files) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    const isActions = /^\s*(\/\*[\s\S]*?\*\/\s*)?["']use server["']/.test(source);
    const isQueries = /^lib\/[^/]+\/queries\.ts$/.test(file);
    const isRoute = /^app\/.*\/route\.ts$/.test(file);
    if (!isActions && !isQueries && !isRoute) continue;
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      if (isRoute && !["GET", "POST", "PUT", "PATCH", "DELETE"].includes(name)) continue;
      found.push(`${file}#${name}`);
    }
  }
  return found.filter((id) => !NOT_ENTRY_POINTS.has(id)).sort();
}

/** The README's permissions table: `| \`entry\` | ✓ | ✗ | … | notes |` between the permissions markers. */
function readTable() {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = /<!-- permissions:start -->([\s\S]*?)<!-- permissions:end -->/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no <!-- permissions:start --> … <!-- permissions:end --> table");
  const lines = block.split("\n").filter((l) => l.trim().startsWith("|"));
  const header = lines[0].split("|").slice(1, -1).map((c) => c.trim());
  expect(header.slice(1, 1 + ACTORS.length)).toEqual([...ACTORS]);
  const rows = new Map<string, Record<ActorName, boolean>>();
  for (const line of lines.slice(2)) {
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    const id = /`([^`]+)`/.exec(cells[0])?.[1];
    if (!id) throw new Error(`unreadable permissions row: ${line}`);
    const expected = {} as Record<ActorName, boolean>;
    ACTORS.forEach((a, i) => {
      const cell = cells[1 + i];
      if (cell !== "✓" && cell !== "✗") throw new Error(`${id}: cell for ${a} must be ✓ or ✗, not "${cell}"`);
      expected[a] = cell === "✓";
    });
    rows.set(id, expected);
  }
  return rows;
}

const TABLE = readTable();

// ------------------------------------------------------------------------------------------------ setup
beforeAll(async () => {
  process.env.RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from(`matrix-${RUN}-secret-0123456789`).toString("base64")}`;
  const mk = (what: string, role: "admin" | "support" | "user" = "user") => createUser({ email: email(what), role });
  const [owner, orgAdmin, member, otherOwner, user, banned, support, admin] = await Promise.all([
    mk("owner"),
    mk("orgadmin"),
    mk("member"),
    mk("otherowner"),
    mk("user"),
    mk("banned"),
    mk("support", "support"),
    mk("admin", "admin"),
  ]);
  const orgA = await createOrganization(owner, `${RUN} A`);
  const orgB = await createOrganization(otherOwner, `${RUN} B`);
  await addMember(orgA.id, orgAdmin, "admin");
  await addMember(orgA.id, member, "member");
  // The banned user was an admin of this very organization: a ban must take everything away at once.
  await addMember(orgA.id, banned, "admin");
  const users = { owner, "org admin": orgAdmin, member, "other owner": otherOwner, user, banned, support, admin };
  const cookies: World["cookies"] = {};
  for (const [name, u] of Object.entries(users)) cookies[name as ActorName] = await signInCookie(u.email);
  // Banned after signing in, with the session left in place: the strongest case.
  await prisma.user.update({ where: { id: banned.id }, data: { banned: true, banReason: "matrix" } });
  // An admin impersonating a member of the organization acts as that member, with none of the admin's rights.
  const impersonation = await auth.handler(
    new Request(`${ORIGIN}/api/auth/admin/impersonate-user`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, cookie: cookies.admin!, "x-forwarded-for": nextIp() },
      body: JSON.stringify({ userId: member.id, reason: "matrix: an impersonating actor" }),
    }),
  );
  expect(impersonation.status).toBe(200);
  cookies.impersonating = cookieHeader(impersonation)
    .split("; ")
    .filter((c) => c.startsWith("better-auth.session_token="))
    .join("; ");
  const keys: World["keys"] = {};
  for (const [name, u] of Object.entries(users)) keys[name as ActorName] = (await apiKeyFor(u)).key;
  world = { users, cookies, keys, orgA: { id: orgA.id, name: orgA.name }, orgB: { id: orgB.id } };
  const imp = await getActor(new Headers({ cookie: cookies.impersonating }));
  expect(imp).toMatchObject({ userId: member.id, impersonatedBy: admin.id });
});

afterAll(async () => {
  delete process.env.RESEND_WEBHOOK_SECRET;
  // The endpoints the create cells made point nowhere: nothing should be sent to them.
  await prisma.webhookEndpoint.updateMany({ where: { url: "https://hooks.example.test/admit" }, data: { enabled: false } });
});

// ------------------------------------------------------------------------------------------------ tests
describe("authorization matrix", () => {
  it("every entry point in the code has a row in the README's permissions table, and every row is tested", async () => {
    const discovered = await discoverEntryPoints();
    const rows = [...TABLE.keys()];
    const covered = (id: string) => rows.some((r) => r === id || r.startsWith(`${id} `));
    expect(discovered.filter((id) => !covered(id)), "entry points without a row in README.md's permissions table").toEqual([]);
    expect(rows.filter((r) => !discovered.some((id) => r === id || r.startsWith(`${id} `))), "rows for entry points that no longer exist").toEqual([]);
    expect(rows.filter((r) => !ENTRIES[r]), "rows without an implementation in this suite").toEqual([]);
    expect(Object.keys(ENTRIES).filter((r) => !TABLE.has(r)), "implementations without a row").toEqual([]);
  });

  for (const [id, expected] of TABLE) {
    it(`${id}`, async () => {
      const entry = ENTRIES[id];
      expect(entry, `no implementation for ${id}`).toBeDefined();
      const mismatches: string[] = [];
      for (const as of ACTORS) {
        const call = await entry.prepare();
        const before = await snapshot();
        const allowed = await call(as);
        const after = await snapshot();
        if (allowed !== expected[as]) mismatches.push(`${as}: expected ${expected[as] ? "allowed" : "denied"}, was ${allowed ? "allowed" : "denied"}`);
        if (!allowed) {
          const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
          if (changed.length) mismatches.push(`${as}: denied, yet changed ${changed.join(", ")}`);
        } else if (entry.mutates && before.audit === after.audit) {
          mismatches.push(`${as}: allowed and changed data, but wrote no audit event`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
