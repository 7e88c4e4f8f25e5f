/**
 * `auth.api.createInvitations`: invitations into one organization on behalf of a named inviter, from server
 * code (no session, no forged cookie), for up to 10,000 people, each with an outcome.
 *
 * The checks better-auth's own `createInvitation` makes, once for the request:
 *   INVITER_NOT_FOUND, INVITER_BANNED, ORGANIZATION_NOT_FOUND, INVITER_NOT_ALLOWED (an org role with
 *   `invitation: ["create"]`, through the organization plugin's `hasPermission`, dynamic roles included; or
 *   a platform role, through the admin plugin's `adminRoles`/`adminUserIds`, or `platformRoles`);
 * and for each person (skipped with a reason, never an error): a valid address, the role exists, only a
 * holder of `creatorRole` (or a platform inviter) gives it, the team is in the organization, not already a
 * member, the organization's `invitationLimit` and `membershipLimit`. A pending invitation for the person is
 * refreshed (same id, new expiry) unless `resend: false`, which skips them as `already_invited`.
 * All writes commit together or not at all.
 */
import type { AuthContext } from "better-auth";
import { APIError } from "better-auth/api";
import { hasPermission } from "better-auth/plugins/organization";
import { defaultRoles as adminDefaultRoles } from "better-auth/plugins/admin/access";
import { defaultRoles } from "better-auth/plugins/organization/access";
import { ADMIT_ERROR_CODES } from "../errors.ts";
import { checkInvitees, countOutcomes, parseRoleList, skipWanted, type Invitee, type InviteOutcome } from "./rules.ts";
import { adapterStore, isPgPool, pgPoolBulk, sqlStore, type InvitationStore, type NewInvitation, type PostgresBulk, type Query } from "./store.ts";

export interface CreateInvitationsInput {
  inviterId: string;
  organizationId: string;
  invitees: Invitee[];
  /** Seconds, 1 hour to 30 days; the organization plugin's `invitationExpiresIn` (48 h) when absent. */
  expiresIn?: number;
  /** Refresh a pending invitation for the same person (the default), or skip them as `already_invited`. */
  resend?: boolean;
  /** Call the organization plugin's `sendInvitationEmail` for each created or refreshed invitation. */
  send?: boolean;
}

export interface CreateInvitationsResult {
  outcomes: InviteOutcome[];
  counts: { created: number; refreshed: number; skipped: number };
}

/** What createInvitations reads of the organization plugin's options. */
interface OrgOptions {
  creatorRole?: string;
  roles?: Record<string, unknown>;
  invitationExpiresIn?: number;
  invitationLimit?: unknown;
  membershipLimit?: unknown;
  teams?: { enabled?: boolean };
  dynamicAccessControl?: { enabled?: boolean };
  organizationHooks?: {
    beforeCreateInvitation?: (data: Record<string, unknown>) => Promise<unknown>;
    afterCreateInvitation?: (data: Record<string, unknown>) => Promise<unknown>;
  };
  sendInvitationEmail?: (data: Record<string, unknown>, request?: Request) => Promise<unknown>;
}
interface AdminOptions {
  adminRoles?: string | string[];
  adminUserIds?: string[];
  defaultRole?: string;
  roles?: Record<string, unknown>;
}
type Ctx = { context: AuthContext; request?: Request };
type User = { id: string; email: string; name: string; role?: string | null; banned?: boolean | null; banExpires?: Date | string | null };

export interface CreateInvitationsConfig {
  /** Platform roles that may invite into any organization; the admin plugin's `adminRoles` when absent. */
  platformRoles?: string[];
  /** The PostgreSQL bulk path: detected for a `pg` Pool; pass `prismaBulk(prisma)` for the Prisma adapter; `false` for the adapter path always. */
  bulk?: PostgresBulk | false;
  /** The bulk path's advisory lock key per organization (to share a lock with code of your own). */
  lockKey?: (organizationId: string) => string;
  /**
   * Inside the transaction, after the writes and before the commit: record the outcomes with them (an
   * audit log); throwing rolls everything back. `query` runs on the transaction's connection (bulk path only).
   */
  beforeCommit?: (written: { organizationId: string; outcomes: InviteOutcome[]; query?: Query }) => Promise<void>;
}

/** A plugin's options ({} when it was added without any), or undefined when the plugin is not there. */
function pluginOptions<T extends object>(context: AuthContext, id: string): T | undefined {
  const plugin = context.options.plugins?.find((p) => p.id === id) as { options?: T } | undefined;
  return plugin ? (plugin.options ?? ({} as T)) : undefined;
}

export async function createInvitations(ctx: Ctx, input: CreateInvitationsInput, config: CreateInvitationsConfig = {}): Promise<CreateInvitationsResult> {
  const { context } = ctx;
  const orgOptions = pluginOptions<OrgOptions>(context, "organization");
  if (!orgOptions) throw APIError.from("INTERNAL_SERVER_ERROR", ADMIT_ERROR_CODES.ORGANIZATION_PLUGIN_REQUIRED);
  const adapter = context.adapter;
  const inviter = await adapter.findOne<User>({ model: "user", where: [{ field: "id", value: input.inviterId }] });
  if (!inviter) throw APIError.from("BAD_REQUEST", ADMIT_ERROR_CODES.INVITER_NOT_FOUND);
  if (inviter.banned && (!inviter.banExpires || new Date(inviter.banExpires) > new Date())) {
    throw APIError.from("FORBIDDEN", ADMIT_ERROR_CODES.INVITER_BANNED);
  }
  const organization = await adapter.findOne<{ id: string; name: string }>({ model: "organization", where: [{ field: "id", value: input.organizationId }] });
  if (!organization) throw APIError.from("NOT_FOUND", ADMIT_ERROR_CODES.ORGANIZATION_NOT_FOUND);
  const member = await adapter.findOne<{ id: string; role: string }>({
    model: "member",
    where: [{ field: "organizationId", value: organization.id }, { field: "userId", value: inviter.id }],
  });

  const creatorRole = orgOptions.creatorRole ?? "owner";
  const asMember = !!member && (await hasPermission({ role: member.role, options: orgOptions as never, permissions: { invitation: ["create"] }, organizationId: organization.id }, ctx as never));
  const platform = platformRights(context, inviter, config.platformRoles);
  const asPlatform = !asMember && platform.invite;
  if (!asMember && !asPlatform) throw APIError.from("FORBIDDEN", ADMIT_ERROR_CODES.INVITER_NOT_ALLOWED);

  const { outcomes, wanted } = checkInvitees(input.invitees, {
    roles: await knownRoles(context, orgOptions, organization.id, input.invitees),
    creatorRole,
    mayGiveCreatorRole: parseRoleList(member?.role).includes(creatorRole) || platform.giveCreatorRole,
    teamIds: await teamIds(context, orgOptions, organization.id, input.invitees),
  });
  const now = new Date();
  const expiresAt = new Date(now.getTime() + (input.expiresIn ?? orgOptions.invitationExpiresIn ?? 48 * 3600) * 1000);
  const limits = {
    invitations: await limit(orgOptions.invitationLimit, 100, { user: inviter, organization, member }, context),
    members: await limit(orgOptions.membershipLimit, 100, inviter, organization),
  };
  const hooks = orgOptions.organizationHooks ?? {};
  const bulk = config.bulk === false ? undefined : (config.bulk ?? (isPgPool(context.options.database) ? pgBulkOf(context) : undefined));
  const write = async (store: InvitationStore, query?: Query) => {
    await writeInvitations(store);
    await config.beforeCommit?.({ organizationId: organization.id, outcomes, query });
  };
  const writeInvitations = async (store: InvitationStore) => {
    await store.lock(organization.id);
    const emails = [...wanted.keys()];
    if (!emails.length) return;
    for (const email of await store.memberEmails(organization.id, emails)) skipWanted(outcomes, wanted, email, "already_member");
    const refresh: string[] = [];
    for (const p of await store.pendingInvitations(organization.id, [...wanted.keys()])) {
      const index = wanted.get(p.email);
      if (index === undefined) continue;
      if (input.resend === false) {
        skipWanted(outcomes, wanted, p.email, "already_invited");
        continue;
      }
      outcomes[index] = { email: p.email, status: "refreshed", role: p.role, teamId: outcomes[index].teamId, invitationId: p.id, expiresAt };
      refresh.push(p.id);
      wanted.delete(p.email);
    }
    const counts = await store.counts(organization.id, now);
    const room = Math.max(0, limits.invitations - counts.pending);
    const rows: { index: number; row: NewInvitation }[] = [];
    for (const [email, index] of [...wanted.entries()]) {
      if (counts.members >= limits.members) skipWanted(outcomes, wanted, email, "membership_limit");
      else if (rows.length >= room) skipWanted(outcomes, wanted, email, "invitation_limit");
      else {
        const o = outcomes[index];
        const id = context.generateId({ model: "invitation" }) || undefined;
        rows.push({ index, row: { id, email, role: o.role!, teamId: o.teamId ?? null, organizationId: organization.id, inviterId: inviter.id, expiresAt, createdAt: now } });
      }
    }
    if (hooks.beforeCreateInvitation) {
      for (const { row } of rows) {
        const response = await hooks.beforeCreateInvitation({ invitation: { ...row, teamId: row.teamId ?? undefined }, inviter, organization });
        if (response && typeof response === "object" && "data" in response) row.extra = response.data as Record<string, unknown>;
      }
    }
    const ids = await (rows.some((r) => r.row.extra || r.row.id === undefined) ? adapterStore(adapter) : store).insert(rows.map((r) => r.row));
    rows.forEach(({ index }, i) => Object.assign(outcomes[index], { invitationId: ids[i], expiresAt }));
    await store.refresh(refresh, expiresAt);
  };
  if (bulk) await bulk.transaction((query) => write(sqlStore(query, context.tables, config.lockKey), query));
  else await adapter.transaction((trx) => write(adapterStore(trx)));

  await afterCommit(ctx, orgOptions, input, outcomes, { inviter, organization, member });
  return { outcomes, counts: countOutcomes(outcomes) };
}

/**
 * What a platform role (the admin plugin's) lets the inviter do in any organization: invite, when their role
 * is one of `platformRoles` (the admin plugin's `adminRoles` by default) or its access control grants
 * `invitation: ["create"]`, as the admin plugin's `userHasPermission` decides; give `creatorRole` too, when
 * it is one of those roles or grants `member: ["update"]`.
 */
function platformRights(context: AuthContext, user: User, platformRoles?: string[]) {
  const admin = pluginOptions<AdminOptions>(context, "admin");
  if (!admin && !platformRoles) return { invite: false, giveCreatorRole: false };
  if (admin?.adminUserIds?.includes(user.id)) return { invite: true, giveCreatorRole: true };
  const roles = parseRoleList(user.role ?? admin?.defaultRole ?? "user");
  const listed = platformRoles ?? (Array.isArray(admin?.adminRoles) ? admin.adminRoles : [admin?.adminRoles ?? "admin"]);
  if (roles.some((r) => listed.includes(r))) return { invite: true, giveCreatorRole: true };
  const acRoles = (admin?.roles ?? adminDefaultRoles) as Record<string, { authorize(p: Record<string, string[]>): { success: boolean } } | undefined>;
  const allows = (permissions: Record<string, string[]>) => roles.some((r) => acRoles[r]?.authorize(permissions).success === true);
  return { invite: allows({ invitation: ["create"] }), giveCreatorRole: allows({ member: ["update"] }) };
}

async function knownRoles(context: AuthContext, orgOptions: OrgOptions, organizationId: string, invitees: Invitee[]) {
  const roles = new Set([...Object.keys(defaultRoles), ...Object.keys(orgOptions.roles ?? {})]);
  const asked = [...new Set(invitees.flatMap((i) => parseRoleList(i.role)))].filter((r) => !roles.has(r));
  if (asked.length && orgOptions.dynamicAccessControl?.enabled) {
    const found = await context.adapter.findMany<{ role: string }>({
      model: "organizationRole",
      where: [{ field: "organizationId", value: organizationId }, { field: "role", operator: "in", value: asked.slice(0, 1000) }],
      limit: 1000,
    });
    for (const r of found) roles.add(r.role);
  }
  return roles;
}

async function teamIds(context: AuthContext, orgOptions: OrgOptions, organizationId: string, invitees: Invitee[]) {
  if (!orgOptions.teams?.enabled || !invitees.some((i) => i.teamId)) return new Set<string>();
  const teams = await context.adapter.findMany<{ id: string }>({ model: "team", where: [{ field: "organizationId", value: organizationId }], limit: 100_000 });
  return new Set(teams.map((t) => String(t.id)));
}

async function limit(option: unknown, fallback: number, ...args: unknown[]): Promise<number> {
  if (typeof option === "function") return Number(await option(...args));
  return typeof option === "number" ? option : fallback;
}

function pgBulkOf(context: AuthContext): PostgresBulk | undefined {
  const database = context.options.database;
  return isPgPool(database) ? pgPoolBulkCached(database) : undefined;
}

const bulkByPool = new WeakMap<object, PostgresBulk>();
function pgPoolBulkCached(pool: Parameters<typeof pgPoolBulk>[0]) {
  if (!bulkByPool.has(pool)) bulkByPool.set(pool, pgPoolBulk(pool));
  return bulkByPool.get(pool)!;
}

/** After the commit: the organization plugin's `afterCreateInvitation` hook, and its mail when asked. */
async function afterCommit(
  ctx: Ctx,
  orgOptions: OrgOptions,
  input: CreateInvitationsInput,
  outcomes: InviteOutcome[],
  who: { inviter: User; organization: { id: string; name: string }; member: { id: string; role: string } | null },
) {
  const after = orgOptions.organizationHooks?.afterCreateInvitation;
  const send = input.send ? orgOptions.sendInvitationEmail : undefined;
  if (!after && !send) return;
  for (const o of outcomes) {
    if (o.status === "skipped") continue;
    const invitation = { id: o.invitationId!, email: o.email, role: o.role!, organizationId: who.organization.id, inviterId: who.inviter.id, status: "pending", expiresAt: o.expiresAt!, teamId: o.teamId ?? null };
    if (after && o.status === "created") await after({ invitation, inviter: who.inviter, organization: who.organization, member: who.member });
    if (send) {
      await send(
        { id: invitation.id, role: invitation.role, email: invitation.email, organization: who.organization, inviter: { ...(who.member ?? { role: "" }), user: who.inviter }, invitation },
        ctx.request,
      );
    }
  }
}
