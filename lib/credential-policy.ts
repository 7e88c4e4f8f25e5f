/**
 * The one rule for every way a credential that signs in as someone can come to exist: sign-in links from
 * the form or a sign-in campaign, welcome links for people just added, invitation links that sign in (or
 * up) in one step, and impersonation (links and better-auth's own endpoint). Every path asks
 * `credentialRefusal` for each person before minting, and the link is asked again when it is used, with
 * both people's current roles, so a link minted before a promotion or a ban cannot be used after it.
 *
 * Pure: it decides from the data it is handed (roles and ban state read by the caller).
 */
import { hasPlatformRole, parseRoles, platformRoleAllows } from "@/lib/access";
import { isBannedNow } from "@/lib/users/ban";

/**
 * - `sign-in`: a link the issuer may see (the sign-in link form, sign-in campaigns): needs signInLink:create.
 * - `emailed`: a link only mailed to the person's own address (welcome links for new accounts, invitation
 *   links): the caller has already checked the power that sends it (member:create, invitation:create).
 * - `impersonation`: acting as someone else: needs user:impersonate.
 */
export type CredentialKind = "sign-in" | "emailed" | "impersonation";

export type CredentialRefusal = "not_allowed" | "impersonating" | "banned" | "self" | "admin_target" | "privileged_target";

export const CREDENTIAL_REFUSAL_TEXT: Record<CredentialRefusal, string> = {
  not_allowed: "You may not issue this kind of sign-in",
  impersonating: "Stop impersonating before issuing sign-in links",
  banned: "The account is suspended",
  self: "You cannot impersonate yourself",
  admin_target: "Administrators cannot be impersonated",
  privileged_target: "Accounts with a platform role (admin, support) get one-step sign-in only from an administrator; they sign in themselves",
};

export interface CredentialIssuer {
  userId: string;
  role: string | null;
  /** Set while the issuer is being impersonated: nothing minted then would launder the impersonation. */
  impersonatedBy?: string | null;
  banned?: boolean | null;
  banExpires?: Date | string | null;
}

export interface CredentialTarget {
  /** null for an account that does not exist yet (it will be created as a plain user). */
  id: string | null;
  role: string | null;
  banned?: boolean | null;
  banExpires?: Date | string | null;
}

/** Why `issuer` may not cause a credential of this kind for `target` to exist, or null when they may. */
export function credentialRefusal(issuer: CredentialIssuer, target: CredentialTarget, kind: CredentialKind): CredentialRefusal | null {
  if (isBannedNow(issuer)) return "not_allowed";
  if (kind !== "emailed" && issuer.impersonatedBy) return "impersonating";
  if (kind === "sign-in" && !platformRoleAllows(issuer.role, { signInLink: ["create"] })) return "not_allowed";
  if (kind === "impersonation" && !platformRoleAllows(issuer.role, { user: ["impersonate"] })) return "not_allowed";
  if (isBannedNow(target)) return "banned";
  if (kind === "impersonation") {
    if (target.id === issuer.userId) return "self";
    if (parseRoles(target.role).includes("admin")) return "admin_target";
  }
  if (hasPlatformRole(target.role) && !parseRoles(issuer.role).includes("admin")) return "privileged_target";
  return null;
}
