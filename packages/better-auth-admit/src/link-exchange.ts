/**
 * admitLinkExchange: Admit's sign-in links, opened on the application's own origin, end in the
 * application's own better-auth session.
 *
 *   GET  /admit/link/:token   a confirm page; consumes nothing (mail scanners and link previews open links)
 *   POST /admit/link/:token   (from this application's own page: Origin checked) trades the token with the
 *                             console (server to server, Bearer secret), which uses
 *                             the link once (its policy, audit, one winner) and creates the session row in
 *                             the shared database; sets it as this application's session cookie and
 *                             redirects to where the console says, if this application trusts that origin
 *   POST /admit/link-exchange/status   the console checks at start that both sides hold the same secret
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { escapeHtml, MESSAGES, page, postedFromHere } from "./page.ts";

export interface AdmitLinkExchangeOptions {
  /** The console's better-auth URL: its BETTER_AUTH_URL followed by /api/auth, e.g. https://admit.example.com/api/auth */
  admitAuthUrl: string;
  /** The same value as the console's APP_LINK_EXCHANGE_SECRET (at least 32 characters). */
  secret: string;
  /** For tests: the fetch used to reach the console. */
  fetch?: typeof fetch;
}

function sameSecret(header: string | null | undefined, secret: string) {
  if (!header?.startsWith("Bearer ")) return false;
  const a = createHash("sha256").update(header.slice(7)).digest();
  return timingSafeEqual(a, createHash("sha256").update(secret).digest());
}

function clientAddress(headers: Headers | undefined) {
  return headers?.get("x-forwarded-for")?.split(",")[0]?.trim() || headers?.get("x-real-ip") || null;
}

export const admitLinkExchange = (options: AdmitLinkExchangeOptions) => {
  if (!options.secret || options.secret.length < 32) throw new Error("admitLinkExchange: `secret` must be the console's APP_LINK_EXCHANGE_SECRET (at least 32 characters)");
  const admitAuthUrl = new URL(options.admitAuthUrl).toString().replace(/\/$/, "");
  const fetchImpl = options.fetch ?? fetch;
  return {
    id: "admit-link-exchange",
    endpoints: {
      admitLink: createAuthEndpoint("/admit/link/:token", { method: ["GET", "POST"] }, async (ctx) => {
        const appName = ctx.context.appName || "the application";
        if (ctx.request?.method !== "POST") {
          return page(200, `Sign in to ${appName}`, `<p>You were sent a one-time link to sign in.</p><form method="post"><button type="submit">Continue</button></form>`);
        }
        const headers = ctx.request?.headers;
        if (!postedFromHere(ctx.context, headers)) return page(403, "This link cannot be used", "<p>Open the link itself, then press Continue.</p>");
        const res = await fetchImpl(`${admitAuthUrl}/admit/link-exchange`, {
          method: "POST",
          headers: { authorization: `Bearer ${options.secret}`, "content-type": "application/json" },
          body: JSON.stringify({ token: ctx.params.token, ipAddress: clientAddress(headers), userAgent: headers?.get("user-agent") ?? null }),
        }).catch(() => null);
        if (!res?.ok) {
          const code = res ? String(((await res.json().catch(() => ({}))) as { code?: string }).code ?? "") : "";
          if (!res || res.status === 401 || res.status >= 500) ctx.context.logger.error(`admitLinkExchange: the console answered ${res ? res.status : "nothing"} (${code || "no code"})`);
          return page(res?.status === 429 ? 429 : 400, "This link cannot be used", `<p>${escapeHtml(MESSAGES[code] ?? "Something went wrong. Try again later.")}</p>`);
        }
        const { sessionToken, redirectTo } = (await res.json()) as { sessionToken: string; redirectTo: string };
        const found = await ctx.context.internalAdapter.findSession(sessionToken);
        if (!found) return page(400, "This link cannot be used", `<p>${MESSAGES.LINK_NO_ACCOUNT}</p>`);
        await setSessionCookie(ctx, { session: found.session, user: found.user });
        const home = new URL(ctx.context.baseURL).origin;
        const destination = ctx.context.isTrustedOrigin(redirectTo) ? redirectTo : `${home}/`;
        throw ctx.redirect(destination);
      }),
      admitLinkExchangeStatus: createAuthEndpoint("/admit/link-exchange/status", { method: "POST" }, async (ctx) => {
        if (!sameSecret(ctx.headers?.get("authorization"), options.secret)) throw new APIError("UNAUTHORIZED", { code: "EXCHANGE_UNAUTHORIZED", message: "The link exchange secret does not match." });
        return ctx.json({ ok: true });
      }),
    },
    rateLimit: [{ pathMatcher: (path: string) => path.startsWith("/admit/link/"), window: 60, max: 20 }],
  } satisfies BetterAuthPlugin;
};
