/**
 * The one place that answers "may this actor do X (on this organization)?". Every server action, route
 * handler and data query asks here; layouts' redirects are convenience only.
 *
 * Pure: no I/O. It decides from the actor it is handed, which carries the person's platform role and their
 * organization roles, read from the database when the actor was made (per request, job or script:
 * lib/actor.ts). A permission is granted by either
 *  - the actor's platform role, by the admin plugin's rule for Admit's static roles (lib/access.ts), or
 *  - the actor's role in the organization concerned (owner / admin / member, better-auth's org statements).
 * The rules table below doubles as documentation (README, "Permissions").
 */
import { orgRoles, parseRoles, platformRoleAllows, type PlatformCheck } from "@/lib/access";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";

type OrgCheck = { invitation?: ("create" | "cancel")[]; member?: ("create" | "update" | "delete")[]; organization?: ("update" | "delete")[] };

interface Rule {
  /** Platform (admin plugin) permissions that grant this everywhere. */
  platform: PlatformCheck;
  /** Organization-role permissions that grant this inside that organization. */
  org?: OrgCheck;
  /** Platform permissions that grant this only on resources the actor created (e.g. own invitations). */
  own?: PlatformCheck;
  description: string;
}

const ORG_MANAGER: OrgCheck = { invitation: ["create"] };

export const RULES = {
  "console:access": { platform: { organization: ["read"] }, org: ORG_MANAGER, description: "Open the console" },
  "user:read": { platform: { user: ["list"] }, description: "List and view users" },
  "user:set-role": { platform: { user: ["set-role"] }, description: "Change a user's platform role" },
  "user:ban": { platform: { user: ["ban"] }, description: "Ban and unban users (support: plain users only)" },
  "user:revoke-sessions": { platform: { session: ["revoke"] }, description: "Sign a user out of one or all sessions (support: plain users only)" },
  "organization:seats": { platform: { organization: ["seats"] }, description: "Set an organization's seat limit" },
  "organization:settings": { platform: { organization: ["settings"] }, org: { organization: ["update"] }, description: "Change an organization's settings (invitation reminders)" },
  "organization:read": { platform: { organization: ["read"] }, org: ORG_MANAGER, description: "View an organization, its members and invitations" },
  "invitation:read": { platform: { invitation: ["read"] }, org: ORG_MANAGER, description: "List invitations" },
  "invitation:create": { platform: { invitation: ["create"] }, org: { invitation: ["create"] }, description: "Invite people" },
  "invitation:resend": { platform: { invitation: ["resend"] }, org: { invitation: ["create"] }, description: "Resend or renew an invitation" },
  "invitation:revoke": {
    platform: { invitation: ["revoke-any"] },
    org: { invitation: ["cancel"] },
    own: { invitation: ["revoke"] },
    description: "Revoke a pending invitation",
  },
  "member:create": { platform: { member: ["create"] }, org: { member: ["create"] }, description: "Add people to an organization" },
  "member:update": { platform: { member: ["update"] }, org: { member: ["update"] }, description: "Change a member's role" },
  "member:delete": { platform: { member: ["delete"] }, org: { member: ["delete"] }, description: "Remove a member" },
  "signInLink:create": { platform: { signInLink: ["create"] }, description: "Issue sign-in links" },
  "signInLink:impersonate": { platform: { user: ["impersonate"] }, description: "Issue impersonation links" },
  "signInLink:read": { platform: { signInLink: ["read"] }, description: "List sign-in links" },
  "signInLink:revoke": { platform: { signInLink: ["revoke"] }, description: "Revoke sign-in links" },
  "campaign:create": { platform: { campaign: ["create"] }, org: ORG_MANAGER, description: "Create a campaign" },
  "campaign:read": { platform: { campaign: ["read"] }, org: ORG_MANAGER, description: "View campaigns" },
  "campaign:manage": { platform: { campaign: ["manage"] }, org: ORG_MANAGER, description: "Pause, resume, cancel, retry a campaign" },
  "audit:read": { platform: { audit: ["read"] }, org: ORG_MANAGER, description: "Read the audit log" },
  "audit:verify": { platform: { audit: ["verify"] }, description: "Check the audit log's integrity" },
  "apiKey:create": { platform: { organization: ["read"] }, org: ORG_MANAGER, description: "Create and revoke one's own API keys" },
  "apiKey:manage-any": { platform: { apiKey: ["read", "revoke"] }, description: "List and revoke everyone's API keys" },
  "suppression:read": { platform: { suppression: ["read"] }, description: "See the email suppression list" },
  "suppression:manage": { platform: { suppression: ["manage"] }, description: "Add addresses to the suppression list and clear them" },
  "webhook:manage": { platform: { webhook: ["manage"] }, description: "Configure webhook endpoints, read their deliveries, replay them" },
} satisfies Record<string, Rule>;

export type Permission = keyof typeof RULES;

/**
 * What an API key may be allowed to do (its scopes): the permissions the HTTP API uses. A key never does more
 * than its person may do now; its scopes and its organization narrow that further (`can`).
 */
export const API_SCOPES = [
  "organization:read",
  "invitation:read",
  "invitation:create",
  "invitation:resend",
  "invitation:revoke",
  "member:create",
  "member:update",
  "member:delete",
  "signInLink:read",
  "signInLink:create",
  "signInLink:revoke",
  "campaign:read",
  "campaign:create",
  "campaign:manage",
  "audit:read",
] as const satisfies readonly Permission[];
export type ApiScope = (typeof API_SCOPES)[number];

/** The API key an actor acts through, when a request came with one (lib/session.ts#getApiActor). */
export interface ActingKey {
  id: string;
  name: string;
  scopes: readonly ApiScope[];
  /** Set when the key is limited to one organization. */
  organizationId: string | null;
}

export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: string | null;
  sessionId: string;
  /** Set while an admin is impersonating this user: the admin's user id. */
  impersonatedBy: string | null;
  /** Organization id -> the person's role there (comma-joined when several), read with the actor. */
  memberships: Readonly<Record<string, string>>;
  /** Organization id -> its name, for the organizations in `memberships` (read with them for requests). */
  organizationNames?: Readonly<Record<string, string>>;
  /** Set when the actor acts through an API key: the key's scopes and organization narrow every permission. */
  key?: ActingKey;
}

/** Where a permission holds for an actor: everywhere, or in these organizations only. */
export type Scope = { all: true } | { all: false; organizationIds: string[] };

export interface Resource {
  organizationId?: string | null;
  /** The user who created the resource (for "own" rules such as support revoking their own invitations). */
  createdBy?: string | null;
}

function orgRoleAllows(role: string, check: OrgCheck) {
  return parseRoles(role).some((r) => orgRoles[r as keyof typeof orgRoles]?.authorize(check).success ?? false);
}

/** May the actor do this, on this resource? */
export function can(actor: Actor | null, permission: Permission, resource: Resource = {}): boolean {
  if (!actor) return false;
  const rule: Rule = RULES[permission];
  const narrowed = keyNarrowing(actor.key, permission, rule, resource);
  if (narrowed !== undefined) return narrowed;
  if (platformRoleAllows(actor.role, rule.platform)) return true;
  if (rule.own && resource.createdBy === actor.userId && platformRoleAllows(actor.role, rule.own)) return true;
  if (!rule.org) return false;
  if (resource.organizationId) {
    const role = actor.memberships[resource.organizationId];
    return role !== undefined && orgRoleAllows(role, rule.org);
  }
  // No organization named: allowed if the actor holds the permission in at least one organization.
  const scope = scopeOf(actor, permission);
  return scope.all || scope.organizationIds.length > 0;
}

/**
 * What an API key takes away: a permission outside its scopes; with an organization, anything outside it and
 * anything not tied to an organization (platform-wide work such as sign-in links). `false` decides; undefined
 * leaves the decision to the person's roles. A key adds nothing.
 */
function keyNarrowing(key: ActingKey | undefined, permission: Permission, rule: Rule, resource: Resource): false | undefined {
  if (!key) return undefined;
  if (!(key.scopes as readonly string[]).includes(permission)) return false;
  if (key.organizationId === null) return undefined;
  if (!rule.org) return false;
  if (resource.organizationId && resource.organizationId !== key.organizationId) return false;
  return undefined;
}

/**
 * better-auth's owner rule: only an owner of the organization may invite, add, promote, demote or remove
 * an owner. Platform administrators (who may update any membership) may too.
 */
export function mayManageOwners(actor: Pick<Actor, "role" | "memberships">, organizationId: string): boolean {
  return parseRoles(actor.memberships[organizationId]).includes("owner") || platformRoleAllows(actor.role, { member: ["update"] });
}

/**
 * Throws unless the actor may do this; use at the top of every action, route handler and query. Async so
 * that a refusal is a rejected promise wherever it is awaited.
 */
export async function authorize(actor: Actor | null, permission: Permission, resource: Resource = {}): Promise<Actor> {
  if (!actor) throw new UnauthorizedError();
  if (!can(actor, permission, resource)) throw new ForbiddenError();
  return actor;
}

/** The organizations in which the actor holds this permission, for filtering lists. */
export function scopeOf(actor: Actor | null, permission: Permission): Scope {
  if (!actor) return { all: false, organizationIds: [] };
  const scope = personScope(actor, permission);
  const key = actor.key;
  if (!key) return scope;
  if (keyNarrowing(key, permission, RULES[permission], {}) === false) return { all: false, organizationIds: [] };
  if (key.organizationId === null) return scope;
  return scope.all || scope.organizationIds.includes(key.organizationId) ? { all: false, organizationIds: [key.organizationId] } : { all: false, organizationIds: [] };
}

function personScope(actor: Actor, permission: Permission): Scope {
  const rule: Rule = RULES[permission];
  if (platformRoleAllows(actor.role, rule.platform)) return { all: true };
  if (!rule.org) return { all: false, organizationIds: [] };
  const orgCheck = rule.org;
  return { all: false, organizationIds: Object.entries(actor.memberships).filter(([, role]) => orgRoleAllows(role, orgCheck)).map(([id]) => id) };
}
