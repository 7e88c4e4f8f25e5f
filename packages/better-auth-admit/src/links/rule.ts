/**
 * Who may mint a sign-in link for whom, and where a link may land: the package's rule for applications
 * (an application with its own rule passes a `LinkPolicy` of its own, as Admit's console does).
 *
 * The issuer's platform role is one of the admin plugin's `adminRoles` (or in `adminUserIds`) or grants
 * `user: ["impersonate"]` (a sign-in link is a credential for someone else); nobody gets a link for a banned
 * person; only an admin-role issuer gets one for an admin-role person; `mayIssue` narrows it further.
 */
import type { AuthContext } from "better-auth";
import { isBanned, platformOf, type User } from "../acting.ts";

export interface SignInLinkOptions {
  /** A further say on who may mint a link for whom (after the built-in rule). */
  mayIssue?: (issuer: User, target: User) => boolean | Promise<boolean>;
}

/** A rule for minting and using links: asked when a link is made and again when it is used. */
export interface LinkPolicy<R extends string = string> {
  /** May this person mint links at all (asked before anything is written)? */
  mayIssueAny: (issuer: User) => boolean;
  /** Why `issuer` may not have a link that signs in as `target` (null: a new account), or null when they may. "banned" reads as a suspended account. */
  refusal: (issuer: User | null, target: User | null) => R | null | Promise<R | null>;
}

/** What the admin plugin says of a person (acting.ts): an admin, and whether they may impersonate. */
function platformFor(context: AuthContext, user: User) {
  const platform = platformOf(context, user);
  return { isAdmin: platform.isAdmin, mayMint: platform.isAdmin || platform.allows({ user: ["impersonate"] }) };
}

export const mayMintAny = (context: AuthContext, issuer: User) => !isBanned(issuer) && platformFor(context, issuer).mayMint;

/** The package's rule: may `issuer` get a link that signs in as `target`? */
export async function mayMint(context: AuthContext, issuer: User, target: User, options: SignInLinkOptions): Promise<boolean> {
  if (!mayMintAny(context, issuer) || isBanned(target)) return false;
  if (platformFor(context, target).isAdmin && !platformFor(context, issuer).isAdmin) return false;
  return options.mayIssue ? !!(await options.mayIssue(issuer, target)) : true;
}

/** The package's rule as a policy: `banned` for a suspended person, `refused` for anything else it says no to. */
export const packagePolicy = (context: AuthContext, options: SignInLinkOptions): LinkPolicy<"banned" | "refused"> => ({
  mayIssueAny: (issuer) => mayMintAny(context, issuer),
  refusal: async (issuer, target) => {
    if (target && isBanned(target)) return "banned";
    if (!issuer) return "refused";
    return (await mayMint(context, issuer, target ?? { id: "", email: "", name: "", role: null }, options)) ? null : "refused";
  },
});

/** The destination, if this application would go there: a path on this site or a trusted origin; else null. */
export function safeDestination(context: Pick<AuthContext, "baseURL" | "isTrustedOrigin">, raw: string | undefined | null): string | null {
  if (!raw) return null;
  const value = raw.trim();
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) {
    const url = new URL(value, context.baseURL);
    return url.origin === new URL(context.baseURL).origin ? `${url.pathname}${url.search}${url.hash}` : null;
  }
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && context.isTrustedOrigin(url.href) ? url.href : null;
  } catch {
    return null;
  }
}
