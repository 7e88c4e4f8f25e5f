/**
 * One-time sign-in links minted by server code, on the application's own origin, ending in a real
 * better-auth session. Nothing is sent: the URLs come back to mail them yourself.
 *
 *   auth.api.issueSignInLinks({ body })   server-only: links for a list of people, each with an outcome
 *   GET  /admit/sign-in/:token            a confirm page; consumes nothing (mail scanners, link previews)
 *   POST /admit/sign-in/:token            from this origin only (no login CSRF): uses the link once (a guarded
 *                                         update, one winner), creates the session, sets the cookie, redirects
 *
 * Who may mint for whom (one rule, asked when the link is made and again when it is used): the issuer's
 * platform role is one of the admin plugin's `adminRoles` or grants `user: ["impersonate"]` (a sign-in link
 * is a credential for someone else): without that the call is refused before anything is written. Nobody
 * gets a link for a banned person, and only an admin-role issuer gets one for an admin-role person.
 * `mayIssue` narrows it further.
 */
import { createHash, randomBytes } from "node:crypto";
import type { AuthContext } from "better-auth";
import { APIError } from "better-auth/api";
import { isBanned, newUserDefaults, platformOf, type User } from "../acting.ts";
import { ADMIT_ERROR_CODES } from "../errors.ts";
import { normalizeEmail } from "../invitations/rules.ts";

export const LINK_PATH = "/admit/sign-in";
export const MIN_LINK_SECONDS = 5 * 60;
export const MAX_LINK_SECONDS = 7 * 24 * 3600;

export interface IssueSignInLinksInput {
  issuedById: string;
  recipients: { email: string; name?: string }[];
  /** "welcome" for someone's first sign-in, "sign-in" otherwise (recorded on the link). */
  purpose?: "sign-in" | "welcome";
  /** Seconds, 5 minutes to 7 days (1 hour when absent). */
  expiresIn?: number;
  /** Where the person lands: a path on this site or a trusted origin (`trustedOrigins`). */
  redirectTo?: string;
  /** Make accounts (verified, no password) for addresses that have none; otherwise they are skipped as `no_account`. */
  createUsers?: boolean;
}

export type LinkSkipReason = "invalid_email" | "duplicate_in_request" | "no_account" | "banned" | "refused";

export interface LinkOutcome {
  email: string;
  status: "issued" | "skipped";
  reason?: LinkSkipReason;
  url?: string;
  linkId?: string;
  userId?: string;
  createdUser?: boolean;
  expiresAt?: Date;
}

export interface SignInLinkOptions {
  /** A further say on who may mint a link for whom (after the built-in rule). */
  mayIssue?: (issuer: User, target: User) => boolean | Promise<boolean>;
}

export const signInLinkSchema = {
  signInLink: {
    fields: {
      tokenHash: { type: "string", required: true, unique: true },
      userId: { type: "string", required: true, references: { model: "user", field: "id", onDelete: "cascade" } },
      issuedById: { type: "string", required: true },
      purpose: { type: "string", required: true },
      redirectTo: { type: "string", required: false },
      expiresAt: { type: "date", required: true },
      uses: { type: "number", required: true, defaultValue: 0 },
      usedAt: { type: "date", required: false },
      revokedAt: { type: "date", required: false },
      createdAt: { type: "date", required: true },
    },
  },
} as const;

type Link = { id: string; tokenHash: string; userId: string; issuedById: string; redirectTo?: string | null; expiresAt: Date; uses: number; revokedAt?: Date | null };

export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** The destination, if this application would go there: a path on this site or a trusted origin; else null. */
export function safeDestination(context: AuthContext, raw: string | undefined | null): string | null {
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

/** What the admin plugin says of a person (acting.ts): an admin, and whether they may impersonate. */
function platformFor(context: AuthContext, user: User) {
  const platform = platformOf(context, user);
  return { isAdmin: platform.isAdmin, mayMint: platform.isAdmin || platform.allows({ user: ["impersonate"] }) };
}

/** May this person mint links at all (for anyone)? Asked before anything is written. */
export const mayMintAny = (context: AuthContext, issuer: User) => !isBanned(issuer) && platformFor(context, issuer).mayMint;

/** The one rule: may `issuer` get a link that signs in as `target`? */
export async function mayMint(context: AuthContext, issuer: User, target: User, options: SignInLinkOptions): Promise<boolean> {
  if (!mayMintAny(context, issuer) || isBanned(target)) return false;
  if (platformFor(context, target).isAdmin && !platformFor(context, issuer).isAdmin) return false;
  return options.mayIssue ? !!(await options.mayIssue(issuer, target)) : true;
}

export async function issueSignInLinks(ctx: { context: AuthContext }, input: IssueSignInLinksInput, options: SignInLinkOptions = {}): Promise<LinkOutcome[]> {
  const { context } = ctx;
  const adapter = context.adapter;
  const issuer = await adapter.findOne<User>({ model: "user", where: [{ field: "id", value: input.issuedById }] });
  if (!issuer) throw APIError.from("BAD_REQUEST", ADMIT_ERROR_CODES.ISSUER_NOT_FOUND);
  if (!mayMintAny(context, issuer)) throw APIError.from("FORBIDDEN", ADMIT_ERROR_CODES.ISSUER_NOT_ALLOWED);
  const redirectTo = input.redirectTo === undefined ? null : safeDestination(context, input.redirectTo);
  if (input.redirectTo !== undefined && redirectTo === null) throw APIError.from("BAD_REQUEST", ADMIT_ERROR_CODES.INVALID_REDIRECT);
  const expiresAt = new Date(Date.now() + (input.expiresIn ?? 3600) * 1000);
  const seen = new Set<string>();
  const outcomes: LinkOutcome[] = [];
  await adapter.transaction(async (trx) => {
    for (const recipient of input.recipients) {
      const email = normalizeEmail(recipient.email);
      const skip = (reason: LinkSkipReason) => outcomes.push({ email: email ?? recipient.email.trim().toLowerCase().slice(0, 254), status: "skipped", reason });
      if (!email) { skip("invalid_email"); continue; }
      if (seen.has(email)) { skip("duplicate_in_request"); continue; }
      seen.add(email);
      let target = await trx.findOne<User>({ model: "user", where: [{ field: "email", value: email }] });
      let createdUser = false;
      if (!target && !input.createUsers) { skip("no_account"); continue; }
      if (!target) {
        const defaults = newUserDefaults(context) ?? {};
        target = await trx.create<Record<string, unknown>, User>({ model: "user", data: { email, name: recipient.name?.trim().slice(0, 200) ?? "", emailVerified: true, createdAt: new Date(), updatedAt: new Date(), ...defaults } });
        createdUser = true;
      }
      if (isBanned(target)) { skip("banned"); continue; }
      if (!(await mayMint(context, issuer, target, options))) { skip("refused"); continue; }
      const token = randomBytes(32).toString("base64url");
      const link = await trx.create<Record<string, unknown>, { id: string }>({
        model: "signInLink",
        data: { tokenHash: hashToken(token), userId: target.id, issuedById: issuer.id, purpose: input.purpose ?? "sign-in", redirectTo, expiresAt, uses: 0, createdAt: new Date() },
      });
      outcomes.push({ email, status: "issued", url: `${context.baseURL}${LINK_PATH}/${token}`, linkId: link.id, userId: target.id, createdUser, expiresAt });
    }
  });
  return outcomes;
}

export type LinkState = { ok: true; link: Link } | { ok: false; code: "LINK_UNKNOWN" | "LINK_USED" | "LINK_EXPIRED" | "LINK_REVOKED" };

/** What a token's link is now, without using it. */
export async function readLink(context: AuthContext, token: string): Promise<LinkState> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, code: "LINK_UNKNOWN" };
  const link = await context.adapter.findOne<Link>({ model: "signInLink", where: [{ field: "tokenHash", value: hashToken(token) }] });
  if (!link) return { ok: false, code: "LINK_UNKNOWN" };
  if (link.revokedAt) return { ok: false, code: "LINK_REVOKED" };
  if (link.uses > 0) return { ok: false, code: "LINK_USED" };
  if (new Date(link.expiresAt) <= new Date()) return { ok: false, code: "LINK_EXPIRED" };
  return { ok: true, link };
}

/** Uses the link once: a guarded update (uses 0 → 1, unexpired) that exactly one request wins. */
export async function useLink(context: AuthContext, link: Link): Promise<boolean> {
  const now = new Date();
  const won = await context.adapter.incrementOne({
    model: "signInLink",
    where: [{ field: "id", value: link.id }, { field: "uses", operator: "lt", value: 1 }, { field: "expiresAt", operator: "gt", value: now }],
    increment: { uses: 1 },
    set: { usedAt: now },
  });
  return !!won;
}

/**
 * Revokes unused links: for each, whoever may mint a link for its person may revoke it. Returns what happened
 * to each id (revoked, or why not).
 */
export async function revokeSignInLinks(ctx: { context: AuthContext }, input: { revokedById: string; linkIds: string[] }, options: SignInLinkOptions = {}) {
  const { context } = ctx;
  const revoker = await context.adapter.findOne<User>({ model: "user", where: [{ field: "id", value: input.revokedById }] });
  if (!revoker) throw APIError.from("BAD_REQUEST", ADMIT_ERROR_CODES.ISSUER_NOT_FOUND);
  const results: { linkId: string; status: "revoked" | "not_found" | "already_used" | "refused" }[] = [];
  for (const linkId of [...new Set(input.linkIds)]) {
    const link = await context.adapter.findOne<Link>({ model: "signInLink", where: [{ field: "id", value: linkId }] });
    const target = link && (await context.adapter.findOne<User>({ model: "user", where: [{ field: "id", value: link.userId }] }));
    if (!link || !target) results.push({ linkId, status: "not_found" });
    else if (link.uses > 0) results.push({ linkId, status: "already_used" });
    // A banned person's links may still be revoked: their ban is not the revoker's question.
    else if (!(await mayMint(context, revoker, { ...target, banned: false }, options))) results.push({ linkId, status: "refused" });
    else {
      await context.adapter.update({ model: "signInLink", where: [{ field: "id", value: linkId }], update: { revokedAt: new Date() } });
      results.push({ linkId, status: "revoked" });
    }
  }
  return results;
}
