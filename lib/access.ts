/**
 * Access-control statements and roles, for both better-auth plugins. Pure data: safe to import from
 * client code (the auth client needs the same roles). The answer to "may this actor do X?" lives in
 * lib/permissions.ts, which uses these through better-auth's own checks.
 */
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc as adminPluginAdminAc, defaultStatements as adminDefaults } from "better-auth/plugins/admin/access";
import {
  adminAc as orgAdminAc,
  defaultStatements as orgDefaults,
  memberAc as orgMemberAc,
  ownerAc as orgOwnerAc,
} from "better-auth/plugins/organization/access";

/** Platform statements: the admin plugin's own plus Admit's resources. */
export const platformStatements = {
  ...adminDefaults,
  invitation: ["create", "resend", "revoke", "revoke-any", "read"],
  member: ["create", "update", "delete", "read"],
  signInLink: ["create", "revoke", "read"],
  campaign: ["create", "manage", "read"],
  /** "seats": set an organization's seat limit (platform admins); "settings": its other settings (reminders). */
  organization: ["read", "seats", "settings"],
  /** "verify": check the log's integrity (its hash chains). */
  audit: ["read", "verify"],
  /** Everyone's API keys: list them all, revoke any. (Anyone with the console manages their own.) */
  apiKey: ["read", "revoke"],
  /** Webhook endpoints, their deliveries and replays. */
  webhook: ["manage"],
  /** The email suppression list: read it, add to it and clear it. */
  suppression: ["read", "manage"],
} as const;

export const platformAc = createAccessControl(platformStatements);

export const platformRoles = {
  /** Everything. Impersonating other admins stays off (the admin plugin's `impersonate-admins`). */
  admin: platformAc.newRole({
    ...adminPluginAdminAc.statements,
    invitation: ["create", "resend", "revoke", "revoke-any", "read"],
    member: ["create", "update", "delete", "read"],
    signInLink: ["create", "revoke", "read"],
    campaign: ["create", "manage", "read"],
    organization: ["read", "seats", "settings"],
    audit: ["read", "verify"],
    apiKey: ["read", "revoke"],
    webhook: ["manage"],
    suppression: ["read", "manage"],
  }),
  /** Support staff: invite, resend, add members, sign-in links for non-admins, read everything.
   * No revoking other people's invitations, no impersonation, no role changes. */
  support: platformAc.newRole({
    // "create": accounts for people added to an organization or sent a welcome link (no password, verified email).
    // "ban" and session "revoke": plain users only (lib/users/rules.ts, asked by every path).
    user: ["list", "get", "create", "ban"],
    session: ["revoke"],
    invitation: ["create", "resend", "revoke", "read"],
    member: ["create", "read"],
    signInLink: ["create", "read"],
    campaign: ["create", "manage", "read"],
    organization: ["read"],
    audit: ["read"],
    suppression: ["read"],
  }),
  user: platformAc.newRole({ user: [], session: [] }),
};

export type PlatformRole = keyof typeof platformRoles;
export const PLATFORM_ROLES = Object.keys(platformRoles) as PlatformRole[];

/** Organization statements: better-auth's defaults (invitation:create/cancel, member:create/update/delete, ...). */
export const orgAc = createAccessControl(orgDefaults);
export const orgRoles = {
  owner: orgAc.newRole(orgOwnerAc.statements),
  admin: orgAc.newRole(orgAdminAc.statements),
  member: orgAc.newRole(orgMemberAc.statements),
};
export type OrgRole = keyof typeof orgRoles;
export const ORG_ROLES = Object.keys(orgRoles) as OrgRole[];

export type PlatformCheck = { [K in keyof typeof platformStatements]?: (typeof platformStatements)[K][number][] };

/** Whether a stored platform role grants these permissions: the admin plugin's rule for static roles, no I/O. */
export function platformRoleAllows(role: string | null | undefined, check: PlatformCheck): boolean {
  return parseRoles(role ?? "user").some((r) => platformRoles[r as PlatformRole]?.authorize(check).success ?? false);
}

/** Admin or support: accounts that can do more than an ordinary user. */
export function hasPlatformRole(role: string | null | undefined): boolean {
  return parseRoles(role).some((r) => r !== "user");
}

/** better-auth stores several roles comma-joined in one column. */
export function parseRoles(role: string | null | undefined): string[] {
  return (role ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
}
