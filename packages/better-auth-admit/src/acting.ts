/**
 * Who is acting, and what they may do in one organization: the checks every admit() operation makes once per
 * call, as better-auth's organization and admin plugins would for a session.
 *
 *   - the person exists and is not banned (admin plugin);
 *   - the organization exists;
 *   - their org role grants the permission (the organization plugin's `hasPermission`, custom and dynamic
 *     roles included), or their platform role does: one of the admin plugin's `adminRoles` (or
 *     `platformRoles`), `adminUserIds`, or a role whose admin access control grants it, as the admin
 *     plugin's `userHasPermission` decides;
 *   - `creatorRole` ("owner") may be given by its holders, or by a platform role that is an admin role or
 *     grants `member: ["update"]`.
 */
import type { AuthContext } from "better-auth";
import { APIError } from "better-auth/api";
import { defaultRoles as adminDefaultRoles } from "better-auth/plugins/admin/access";
import { hasPermission } from "better-auth/plugins/organization";
import { defaultRoles } from "better-auth/plugins/organization/access";
import { ADMIT_ERROR_CODES } from "./errors.ts";
import { parseRoleList } from "./invitations/rules.ts";

/** What admit() reads of the organization plugin's options. */
export interface OrgOptions {
  creatorRole?: string;
  roles?: Record<string, unknown>;
  invitationExpiresIn?: number;
  invitationLimit?: unknown;
  membershipLimit?: unknown;
  teams?: { enabled?: boolean };
  dynamicAccessControl?: { enabled?: boolean };
  organizationHooks?: Record<string, ((data: Record<string, unknown>) => Promise<unknown>) | undefined>;
  sendInvitationEmail?: (data: Record<string, unknown>, request?: Request) => Promise<unknown>;
}
interface AdminOptions {
  adminRoles?: string | string[];
  adminUserIds?: string[];
  defaultRole?: string;
  roles?: Record<string, unknown>;
}

export type Ctx = { context: AuthContext; request?: Request };
export type User = { id: string; email: string; name: string; role?: string | null; banned?: boolean | null; banExpires?: Date | string | null };
export type Organization = { id: string; name: string };

export const isBanned = (user: Pick<User, "banned" | "banExpires">, now = new Date()) => !!user.banned && (!user.banExpires || new Date(user.banExpires) > now);

/** A plugin's options ({} when it was added without any), or undefined when the plugin is not there. */
function pluginOptions<T extends object>(context: AuthContext, id: string): T | undefined {
  const plugin = context.options.plugins?.find((p) => p.id === id) as { options?: T } | undefined;
  return plugin ? (plugin.options ?? ({} as T)) : undefined;
}

/** The error codes of one operation: the actor is named differently in each (INVITER_*, ADDER_*). */
export type ActorCodes = { notFound: keyof typeof ADMIT_ERROR_CODES; banned: keyof typeof ADMIT_ERROR_CODES; notAllowed: keyof typeof ADMIT_ERROR_CODES };

export async function acting(ctx: Ctx, who: { userId: string; organizationId: string; permission: Record<string, string[]>; platformRoles?: string[]; codes: ActorCodes }) {
  const { context } = ctx;
  const orgOptions = pluginOptions<OrgOptions>(context, "organization");
  if (!orgOptions) throw APIError.from("INTERNAL_SERVER_ERROR", ADMIT_ERROR_CODES.ORGANIZATION_PLUGIN_REQUIRED);
  const adapter = context.adapter;
  const user = await adapter.findOne<User>({ model: "user", where: [{ field: "id", value: who.userId }] });
  if (!user) throw APIError.from("BAD_REQUEST", ADMIT_ERROR_CODES[who.codes.notFound]);
  if (isBanned(user)) throw APIError.from("FORBIDDEN", ADMIT_ERROR_CODES[who.codes.banned]);
  const organization = await adapter.findOne<Organization>({ model: "organization", where: [{ field: "id", value: who.organizationId }] });
  if (!organization) throw APIError.from("NOT_FOUND", ADMIT_ERROR_CODES.ORGANIZATION_NOT_FOUND);
  const member = await adapter.findOne<{ id: string; role: string }>({
    model: "member",
    where: [{ field: "organizationId", value: organization.id }, { field: "userId", value: user.id }],
  });
  const asMember = !!member && (await hasPermission({ role: member.role, options: orgOptions as never, permissions: who.permission, organizationId: organization.id }, ctx as never));
  const platform = platformRights(context, user, who.permission, who.platformRoles);
  if (!asMember && !platform.act) throw APIError.from("FORBIDDEN", ADMIT_ERROR_CODES[who.codes.notAllowed]);
  const creatorRole = orgOptions.creatorRole ?? "owner";
  return {
    newUserDefaults: newUserDefaults(context),
    user,
    organization,
    member,
    orgOptions,
    creatorRole,
    mayGiveCreatorRole: parseRoleList(member?.role).includes(creatorRole) || platform.giveCreatorRole,
  };
}

/**
 * What the admin plugin says of a person, in one place (its `userHasPermission` rule): whether the plugin is
 * there, whether they hold an admin role (`adminRoles`, `adminUserIds`), and whether their role's access
 * control grants a permission.
 */
export function platformOf(context: AuthContext, user: User, adminRoles?: string[]) {
  const admin = pluginOptions<AdminOptions>(context, "admin");
  const roles = parseRoleList(user.role ?? admin?.defaultRole ?? "user");
  const listed = adminRoles ?? (Array.isArray(admin?.adminRoles) ? admin.adminRoles : [admin?.adminRoles ?? "admin"]);
  const isAdmin = (!!admin || !!adminRoles) && (!!admin?.adminUserIds?.includes(user.id) || roles.some((r) => listed.includes(r)));
  const acRoles = (admin?.roles ?? adminDefaultRoles) as Record<string, { authorize(p: Record<string, string[]>): { success: boolean } } | undefined>;
  const allows = (permission: Record<string, string[]>) => !!admin && roles.some((r) => acRoles[r]?.authorize(permission).success === true);
  return { isAdmin, allows };
}

/** The admin plugin's values for a new user (its create hook does not run for rows written here), if it is there. */
export function newUserDefaults(context: AuthContext) {
  const admin = pluginOptions<AdminOptions>(context, "admin");
  return admin ? { role: admin.defaultRole ?? "user", banned: false } : undefined;
}

/** A user the package makes (members added, links with createUsers): verified email, no password, the admin plugin's defaults. */
export const newUserData = (u: { email: string; name: string; createdAt: Date; defaults?: { role: string; banned: boolean } }) => ({
  email: u.email,
  name: u.name,
  emailVerified: true,
  createdAt: u.createdAt,
  updatedAt: u.createdAt,
  ...u.defaults,
});

function platformRights(context: AuthContext, user: User, permission: Record<string, string[]>, platformRoles?: string[]) {
  const platform = platformOf(context, user, platformRoles);
  if (platform.isAdmin) return { act: true, giveCreatorRole: true };
  return { act: platform.allows(permission), giveCreatorRole: platform.allows({ member: ["update"] }) };
}

/** The roles that exist in the organization: default, configured, and (dynamic access control) its own. */
export async function knownRoles(context: AuthContext, orgOptions: OrgOptions, organizationId: string, asked: (string | string[] | undefined)[]) {
  const roles = new Set([...Object.keys(defaultRoles), ...Object.keys(orgOptions.roles ?? {})]);
  const unknown = [...new Set(asked.flatMap((r) => parseRoleList(r)))].filter((r) => !roles.has(r));
  if (unknown.length && orgOptions.dynamicAccessControl?.enabled) {
    const found = await context.adapter.findMany<{ role: string }>({
      model: "organizationRole",
      where: [{ field: "organizationId", value: organizationId }, { field: "role", operator: "in", value: unknown.slice(0, 1000) }],
      limit: 1000,
    });
    for (const r of found) roles.add(r.role);
  }
  return roles;
}

/** The organization's teams, when teams are enabled and someone asked for one. */
export async function teamIds(context: AuthContext, orgOptions: OrgOptions, organizationId: string, asked: (string | undefined)[]) {
  if (!orgOptions.teams?.enabled || !asked.some(Boolean)) return new Set<string>();
  const teams = await context.adapter.findMany<{ id: string }>({ model: "team", where: [{ field: "organizationId", value: organizationId }], limit: 100_000 });
  return new Set(teams.map((t) => String(t.id)));
}

/**
 * Seats: at most this many members plus pending (unexpired) invitations in an organization; `null` or
 * `undefined` for no limit. Checked under the organization's seat lock with the counts of the moment, by
 * createInvitations and addMembers alike.
 */
export type SeatLimit = (organization: Organization) => number | null | undefined | Promise<number | null | undefined>;

export async function seatsOf(option: SeatLimit | undefined, organization: Organization): Promise<number | null> {
  const seats = option ? await option(organization) : null;
  return typeof seats === "number" && Number.isFinite(seats) ? Math.max(0, Math.floor(seats)) : null;
}

/** The advisory lock both createInvitations and addMembers take when seats are limited (bulk path). */
export const seatLockKey = (organizationId: string) => `better-auth-admit:seats:${organizationId}`;

/** An organization limit option: a number, or a function of the call's people; `fallback` when unset. */
export async function limit(option: unknown, fallback: number, ...args: unknown[]): Promise<number> {
  if (typeof option === "function") return Number(await option(...args));
  return typeof option === "number" ? option : fallback;
}
