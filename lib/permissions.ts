/**
 * The one place that answers "may this actor do X (on this organization)?". Every server action, route
 * handler and data query asks here; layouts' redirects are convenience only.
 *
 * A permission is granted by either
 *  - the actor's platform role, through the admin plugin's own check (`userHasPermission` by user id), or
 *  - the actor's role in the organization concerned (owner / admin / member, better-auth's org statements),
 *    read from the database on every check.
 * The rules table below doubles as documentation (README, "Permissions").
 */
import { cache } from "react";
import { auth } from "@/lib/auth";
import { orgRoles, parseRoles, type platformStatements } from "@/lib/access";
import { prisma } from "@/lib/db";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { isBannedNow } from "@/lib/users/ban";

type PlatformCheck = { [K in keyof typeof platformStatements]?: (typeof platformStatements)[K][number][] };
type OrgCheck = { invitation?: ("create" | "cancel")[]; member?: ("create" | "update" | "delete")[] };

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
} satisfies Record<string, Rule>;

export type Permission = keyof typeof RULES;

export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: string | null;
  sessionId: string;
  /** Set while an admin is impersonating this user: the admin's user id. */
  impersonatedBy: string | null;
}

/** Where a permission holds for an actor: everywhere, or in these organizations only. */
export type Scope = { all: true } | { all: false; organizationIds: string[] };

export interface Resource {
  organizationId?: string | null;
  /** The user who created the resource (for "own" rules such as support revoking their own invitations). */
  createdBy?: string | null;
}

/** The signed-in person behind these request headers, read fresh from the database; null if none or banned. */
export async function getActor(headers: Headers): Promise<Actor | null> {
  // better-auth reads the session and its user from the database on every call (no cookie cache is
  // configured), so the role and ban state here are current.
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const user = session.user;
  if (isBannedNow(user)) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role ?? null,
    sessionId: session.session.id,
    impersonatedBy: session.session.impersonatedBy ?? null,
  };
}

/** The admin plugin's own check of a user's stored platform role (no session involved). */
export async function platformAllows(userId: string, permissions: PlatformCheck) {
  return platformAllowsOnce(userId, JSON.stringify(permissions));
}

// Memoised per server render (React's `cache`; a plain call elsewhere), so a page that asks several
// questions of one actor reads their role and memberships once. Keys must be primitives.
const platformAllowsOnce = cache(async (userId: string, permissionsJson: string) => {
  // No headers: the admin plugin checks the given user id's stored role (a trusted server-side call).
  const result = await auth.api.userHasPermission({ body: { userId, permissions: JSON.parse(permissionsJson) as PlatformCheck } });
  return result.success;
});

const membershipsOf = cache(async (userId: string) => {
  const rows = await prisma.member.findMany({ where: { userId }, select: { organizationId: true, role: true } });
  return new Map(rows.map((m) => [m.organizationId, m.role]));
});

function orgRoleAllows(role: string, check: OrgCheck) {
  return parseRoles(role).some((r) => orgRoles[r as keyof typeof orgRoles]?.authorize(check).success ?? false);
}

/** May the actor do this, on this resource? */
export async function can(actor: Actor | null, permission: Permission, resource: Resource = {}): Promise<boolean> {
  if (!actor) return false;
  const rule: Rule = RULES[permission];
  if (await platformAllows(actor.userId, rule.platform)) return true;
  if (rule.own && resource.createdBy === actor.userId && (await platformAllows(actor.userId, rule.own))) return true;
  if (!rule.org) return false;
  if (resource.organizationId) {
    const role = (await membershipsOf(actor.userId)).get(resource.organizationId);
    return role !== undefined && orgRoleAllows(role, rule.org);
  }
  // No organization named: allowed if the actor holds the permission in at least one organization.
  const scope = await scopeOf(actor, permission);
  return scope.all || scope.organizationIds.length > 0;
}

/**
 * better-auth's owner rule: only an owner of the organization may invite, add, promote, demote or remove
 * an owner. Platform administrators (who may update any membership) may too.
 */
export async function mayManageOwners(actor: Pick<Actor, "userId">, organizationId: string): Promise<boolean> {
  const role = (await membershipsOf(actor.userId)).get(organizationId);
  return parseRoles(role).includes("owner") || (await platformAllows(actor.userId, { member: ["update"] }));
}

/** Throws unless the actor may do this; use at the top of every action, route handler and query. */
export async function authorize(actor: Actor | null, permission: Permission, resource: Resource = {}): Promise<Actor> {
  if (!actor) throw new UnauthorizedError();
  if (!(await can(actor, permission, resource))) throw new ForbiddenError();
  return actor;
}

/** The organizations in which the actor holds this permission, for filtering lists. */
export async function scopeOf(actor: Actor | null, permission: Permission): Promise<Scope> {
  if (!actor) return { all: false, organizationIds: [] };
  const rule: Rule = RULES[permission];
  if (await platformAllows(actor.userId, rule.platform)) return { all: true };
  if (!rule.org) return { all: false, organizationIds: [] };
  const orgCheck = rule.org;
  const memberships = await membershipsOf(actor.userId);
  return { all: false, organizationIds: [...memberships].filter(([, role]) => orgRoleAllows(role, orgCheck)).map(([id]) => id) };
}

/** A Prisma `where` fragment limiting rows with an `organizationId` column to the scope. */
export function scopeWhere(scope: Scope): { organizationId?: { in: string[] } } {
  return scope.all ? {} : { organizationId: { in: scope.organizationIds } };
}
