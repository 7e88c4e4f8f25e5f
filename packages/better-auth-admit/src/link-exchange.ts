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

export interface AdmitLinkExchangeOptions {
  /** The console's better-auth URL: its BETTER_AUTH_URL followed by /api/auth, e.g. https://admit.example.com/api/auth */
  admitAuthUrl: string;
  /** The same value as the console's APP_LINK_EXCHANGE_SECRET (at least 32 characters). */
  secret: string;
  /** For tests: the fetch used to reach the console. */
  fetch?: typeof fetch;
}

const MESSAGES: Record<string, string> = {
  LINK_USED: "This link was already used. Links work once; ask for a new one.",
  LINK_EXPIRED: "This link has expired. Ask for a new one.",
  LINK_REVOKED: "This link was revoked.",
  LINK_UNKNOWN: "This link is not valid.",
  LINK_BANNED: "This account is suspended.",
  LINK_REFUSED: "This link can no longer be used.",
  LINK_NO_ACCOUNT: "The account for this link no longer exists.",
  RATE_LIMITED: "Too many attempts. Wait a minute and try again.",
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(status: number, title: string, body: string) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f6f6f7;color:#111}main{background:#fff;padding:2rem;border-radius:12px;max-width:24rem;box-shadow:0 1px 3px #0002}h1{font-size:1.25rem;margin:0 0 .75rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:0;background:#111;color:#fff;cursor:pointer}button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "same-origin", "x-robots-tag": "noindex" } });
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
        // A form posted from another site would sign the visitor in as the link's person (login CSRF).
        const origin = headers?.get("origin");
        const sameSite = headers?.get("sec-fetch-site") === "same-origin" || (!!origin && origin !== "null" && ctx.context.isTrustedOrigin(origin));
        if (!sameSite || headers?.get("sec-fetch-site") === "cross-site") return page(403, "This link cannot be used", "<p>Open the link itself, then press Continue.</p>");
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
