/**
 * Minting sign-in links for a list of people, each with an outcome; nothing is sent: the URLs come back.
 * The same steps for an application (`auth.api.issueSignInLinks`, the package's rule and table) and for
 * Admit's console (its credential policy, its table, its audit in the same transaction):
 *
 *   the issuer exists and may mint at all (else nothing is written) → the destination passes the rule →
 *   per person: a valid address, not twice, an account (or one made when `createUsers`), the policy's yes →
 *   32 random bytes per link, only the hash stored → accounts, links and `beforeCommit` in one transaction.
 */
import type { AuthContext } from "better-auth";
import { APIError } from "better-auth/api";
import type { User } from "../acting.ts";
import { ADMIT_ERROR_CODES } from "../errors.ts";
import { normalizeEmail } from "../invitations/rules.ts";
import { chunks } from "../sql.ts";
import { safeDestination, type LinkPolicy } from "./rule.ts";
import { hashToken, newLinkToken } from "./tokens.ts";

export const LINK_PATH = "/admit/sign-in";
export const MIN_LINK_SECONDS = 5 * 60;
export const MAX_LINK_SECONDS = 7 * 24 * 3600;

export interface IssueSignInLinksInput {
  issuedById: string;
  recipients: { email: string; name?: string }[];
  /** "welcome" for someone's first sign-in, "sign-in" otherwise (recorded on the link). */
  purpose?: string;
  /** Seconds, 5 minutes to 7 days (1 hour when absent). */
  expiresIn?: number;
  /** Where the person lands: a path on this site or a trusted origin (`trustedOrigins`). */
  redirectTo?: string;
  /** Make accounts (verified, no password) for addresses that have none; otherwise they are skipped as `no_account`. */
  createUsers?: boolean;
}

export type LinkSkipReason<R extends string = "banned" | "refused"> = "invalid_email" | "duplicate_in_request" | "no_account" | R;

export interface LinkOutcome<R extends string = "banned" | "refused"> {
  email: string;
  status: "issued" | "skipped";
  reason?: LinkSkipReason<R>;
  /** The one and only time the raw link exists: hand it over or send it. */
  url?: string;
  linkId?: string;
  userId?: string;
  createdUser?: boolean;
  expiresAt?: Date;
}

/** A link row as the package decides it (a store may add columns of its own). */
export interface NewLink {
  tokenHash: string;
  userId: string;
  email: string;
  issuedById: string;
  purpose: string;
  redirectTo: string | null;
  expiresAt: Date;
  createdAt: Date;
}

/** Where links (and the accounts made for them) are written, in one transaction. */
export interface LinkIssueStore {
  transaction<T>(write: (writer: { createUsers(people: { email: string; name: string }[]): Promise<User[]>; insertLinks(links: NewLink[]): Promise<string[]> }) => Promise<T>): Promise<T>;
}

export interface IssueSignInLinksConfig<R extends string> {
  policy: LinkPolicy<R>;
  store: LinkIssueStore;
  /** The link's URL for a token (the package's: `<baseURL>/admit/sign-in/<token>`). */
  url?: (token: string) => string;
  /** The destination rule (the package's: a path on this site or a trusted origin); null refuses it. */
  destination?: (raw: string) => string | null;
  /** Inside the transaction, after the writes: record them (an audit log); throwing rolls everything back. */
  beforeCommit?: (issued: { outcomes: LinkOutcome<R>[]; links: (NewLink & { id: string })[]; createdUsers: User[] }) => Promise<void>;
}

async function usersByEmail(context: AuthContext, emails: string[]) {
  const found = new Map<string, User>();
  for (const batch of chunks(emails)) {
    const users = await context.adapter.findMany<User>({ model: "user", where: [{ field: "email", operator: "in", value: batch }], limit: batch.length });
    for (const user of users) found.set(user.email.toLowerCase(), user);
  }
  return found;
}

export async function issueSignInLinks<R extends string>(ctx: { context: AuthContext }, input: IssueSignInLinksInput, config: IssueSignInLinksConfig<R>): Promise<LinkOutcome<R>[]> {
  const { context } = ctx;
  const issuer = await context.adapter.findOne<User>({ model: "user", where: [{ field: "id", value: input.issuedById }] });
  if (!issuer) throw APIError.from("BAD_REQUEST", ADMIT_ERROR_CODES.ISSUER_NOT_FOUND);
  if (!config.policy.mayIssueAny(issuer)) throw APIError.from("FORBIDDEN", ADMIT_ERROR_CODES.ISSUER_NOT_ALLOWED);
  const destination = config.destination ?? ((raw: string) => safeDestination(context, raw));
  const redirectTo = input.redirectTo === undefined ? null : destination(input.redirectTo);
  if (input.redirectTo !== undefined && redirectTo === null) throw APIError.from("BAD_REQUEST", ADMIT_ERROR_CODES.INVALID_REDIRECT);
  const url = config.url ?? ((token: string) => `${context.baseURL}${LINK_PATH}/${token}`);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + (input.expiresIn ?? 3600) * 1000);

  const emails = input.recipients.map((r) => normalizeEmail(r.email));
  const existing = await usersByEmail(context, [...new Set(emails.filter((e): e is string => !!e))]);
  const seen = new Set<string>();
  const outcomes: LinkOutcome<R>[] = [];
  const planned: { outcome: LinkOutcome<R>; user?: User; name: string; token: string }[] = [];
  for (const [i, recipient] of input.recipients.entries()) {
    const email = emails[i];
    const skip = (reason: LinkSkipReason<R>) => outcomes.push({ email: email ?? recipient.email.trim().toLowerCase().slice(0, 254), status: "skipped", reason });
    if (!email) { skip("invalid_email"); continue; }
    if (seen.has(email)) { skip("duplicate_in_request"); continue; }
    seen.add(email);
    const user = existing.get(email);
    if (!user && !input.createUsers) { skip("no_account"); continue; }
    const refusal = await config.policy.refusal(issuer, user ?? null);
    if (refusal) { skip(refusal); continue; }
    const outcome: LinkOutcome<R> = { email, status: "issued", userId: user?.id, createdUser: !user, expiresAt };
    outcomes.push(outcome);
    planned.push({ outcome, user, name: recipient.name?.trim().slice(0, 200) ?? "", token: newLinkToken() });
  }
  if (!planned.length) return outcomes;

  await config.store.transaction(async (writer) => {
    const fresh = planned.filter((p) => !p.user);
    const created = fresh.length ? await writer.createUsers(fresh.map((p) => ({ email: p.outcome.email, name: p.name }))) : [];
    fresh.forEach((p, i) => (p.user = created[i]));
    const rows = planned.map((p) => ({ tokenHash: hashToken(p.token), userId: p.user!.id, email: p.outcome.email, issuedById: issuer.id, purpose: input.purpose ?? "sign-in", redirectTo, expiresAt, createdAt: now }));
    const ids = await writer.insertLinks(rows);
    planned.forEach((p, i) => Object.assign(p.outcome, { userId: p.user!.id, linkId: ids[i], url: url(p.token) }));
    await config.beforeCommit?.({ outcomes, links: rows.map((r, i) => ({ ...r, id: ids[i] })), createdUsers: created });
  });
  return outcomes;
}
