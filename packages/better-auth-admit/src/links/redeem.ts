/**
 * Using a sign-in link: the one path from a token to a real better-auth session, for an application's
 * `POST /admit/sign-in/:token` and for Admit's console (its confirm page and its link exchange).
 *
 *   the link is usable (unused, unrevoked, unexpired) → the policy is asked again with both people as they
 *   are now (a no revokes the link: it cannot be used afterwards) → the guarded use (of any number of
 *   concurrent requests exactly one wins) → the person → `internalAdapter.createSession` (the admin plugin's
 *   ban check, the application's session hooks) → the session cookie → recorded on the link.
 * If no session could be made the link is put back (a ban revokes it for good) and the error goes on.
 */
import type { GenericEndpointContext } from "better-auth";
import { APIError, getSessionFromCtx } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import type { User } from "../acting.ts";
import { MESSAGES } from "../page.ts";
import type { LinkPolicy } from "./rule.ts";
import { hashToken, isWellFormedToken } from "./tokens.ts";

export type LinkState = "unknown" | "used" | "expired" | "revoked";

/** What the steps need of a stored link (a store's links may carry more). */
export interface UsableLink {
  id: string;
  /** null for a link to an address with no account yet (`person` makes it). */
  userId: string | null;
  issuedById: string | null;
  redirectTo?: string | null;
}

export interface LinkUseStore<L extends UsableLink> {
  /** The link, if it can still be used, with its person and issuer as they are now. */
  usable(tokenHash: string): Promise<{ link: L; target: User | null; issuer: User | null } | null>;
  /** Why a token's link cannot be used. */
  state(tokenHash: string): Promise<LinkState>;
  /** The policy says no now: revoke the link (and record why). */
  refuse(link: L, reason: string): Promise<void>;
  /** The guarded use: true for exactly one of any number of concurrent callers. */
  use(link: L): Promise<boolean>;
  /** After the attempt: the session made, or the failure (`revoke` for a banned person: the link is gone for good). */
  settle(link: L, result: { session: { id: string }; user: User } | { error: string; revoke: boolean }): Promise<void>;
}

export interface RedeemSignInLinkConfig<L extends UsableLink> {
  store: LinkUseStore<L>;
  /** The rule asked again at use (a `LinkPolicy`'s refusal for this link): the issuer and the person as they are now. */
  refusal: (link: L, issuer: User | null, target: User | null) => ReturnType<LinkPolicy["refusal"]>;
  /** The person to sign in (by default the link's user). */
  person?: (link: L, target: User | null) => Promise<User | null>;
  /** For an impersonation link: who impersonates and until when. */
  impersonation?: (link: L) => { impersonatedBy: string; expiresAt: Date } | null;
  /** Set the session cookie on this response (false when the session is handed to another origin). */
  setCookie?: boolean;
  /** After the session is made and recorded on the link (accepting an invitation); the link stays used if it throws. */
  after?: (link: L, user: User) => Promise<void>;
}

type Endpoint = GenericEndpointContext;

const linkError = (code: string, status: "BAD_REQUEST" | "FORBIDDEN" = "BAD_REQUEST") => APIError.from(status, { code, message: MESSAGES[code] ?? MESSAGES.LINK_REFUSED });

/** What a token's link is now, without using it: usable (with both people) or why not. */
export async function readSignInLink<L extends UsableLink>(store: LinkUseStore<L>, token: string) {
  if (!isWellFormedToken(token)) return { ok: false as const, state: "unknown" as LinkState };
  const tokenHash = hashToken(token);
  const found = await store.usable(tokenHash);
  return found ? { ok: true as const, ...found } : { ok: false as const, state: await store.state(tokenHash) };
}

export async function redeemSignInLink<L extends UsableLink>(ctx: Endpoint, token: string, config: RedeemSignInLinkConfig<L>) {
  const { store } = config;
  const read = await readSignInLink(store, token);
  if (!read.ok) throw linkError(`LINK_${read.state.toUpperCase()}`);
  const { link, target, issuer } = read;
  const refusal = await config.refusal(link, issuer, target);
  if (refusal) {
    await store.refuse(link, refusal);
    throw refusal === "banned" ? linkError("LINK_BANNED", "FORBIDDEN") : linkError("LINK_REFUSED", "FORBIDDEN");
  }
  if (!(await store.use(link))) throw linkError(`LINK_${(await store.state(hashToken(token))).toUpperCase()}`);
  let made: { user: User; session: Awaited<ReturnType<typeof startLinkSession>> };
  try {
    const user = config.person ? await config.person(link, target) : target;
    if (!user) throw linkError("LINK_NO_ACCOUNT");
    made = { user, session: await startLinkSession(ctx, user, { impersonation: config.impersonation?.(link) ?? null, setCookie: config.setCookie ?? true }) };
  } catch (e) {
    const banned = e instanceof APIError && e.body?.code === "BANNED_USER";
    await store.settle(link, { error: e instanceof APIError ? String(e.body?.code ?? e.message) : "error", revoke: banned });
    if (banned) throw linkError("LINK_BANNED", "FORBIDDEN");
    throw e;
  }
  await store.settle(link, made);
  await config.after?.(link, made.user);
  return { link, ...made };
}

/**
 * A session for the link's person, as better-auth makes one (`internalAdapter.createSession`: the admin
 * plugin refuses a banned person, the application's `databaseHooks.session` run), and its cookie. An
 * impersonation session is marked and short; opened in the impersonator's own browser, their session is
 * kept aside (the admin plugin's `admin_session` cookie) so `stop-impersonating` brings it back.
 */
export async function startLinkSession(ctx: Endpoint, user: User, opts: { impersonation: { impersonatedBy: string; expiresAt: Date } | null; setCookie: boolean }) {
  const { context } = ctx;
  const { impersonation } = opts;
  let keptAside: string | null = null;
  if (impersonation && opts.setCookie) {
    const current = await getSessionFromCtx(ctx).catch(() => null);
    if (current && current.user.id === impersonation.impersonatedBy) keptAside = current.session.token;
  }
  const session = impersonation
    ? await context.internalAdapter.createSession(user.id, true, { impersonatedBy: impersonation.impersonatedBy, expiresAt: impersonation.expiresAt }, true)
    : await context.internalAdapter.createSession(user.id);
  if (!session) throw new Error("better-auth made no session");
  if (keptAside) {
    const dontRemember = await ctx.getSignedCookie(context.authCookies.dontRememberToken.name, context.secret);
    await ctx.setSignedCookie(context.createAuthCookie("admin_session").name, `${keptAside}:${dontRemember || ""}`, context.secret, context.authCookies.sessionToken.attributes);
  }
  if (opts.setCookie) await setSessionCookie(ctx, { session, user: user as Parameters<typeof setSessionCookie>[1]["user"] }, !!impersonation);
  return session;
}
