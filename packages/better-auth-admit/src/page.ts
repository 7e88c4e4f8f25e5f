/**
 * The small pages a link shows on the application's origin (confirm, refused), their messages, and the one
 * check that a link's POST came from that page (not a form on another site: login CSRF).
 */
import type { AuthContext } from "better-auth";

export const MESSAGES: Record<string, string> = {
  LINK_USED: "This link was already used. Links work once; ask for a new one.",
  LINK_EXPIRED: "This link has expired. Ask for a new one.",
  LINK_REVOKED: "This link was revoked.",
  LINK_UNKNOWN: "This link is not valid.",
  LINK_BANNED: "This account is suspended.",
  LINK_REFUSED: "This link can no longer be used.",
  LINK_NO_ACCOUNT: "The account for this link no longer exists.",
  RATE_LIMITED: "Too many attempts. Wait a minute and try again.",
};

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function page(status: number, title: string, body: string) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f6f6f7;color:#111}main{background:#fff;padding:2rem;border-radius:12px;max-width:24rem;box-shadow:0 1px 3px #0002}h1{font-size:1.25rem;margin:0 0 .75rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:0;background:#111;color:#fff;cursor:pointer}button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "same-origin", "x-robots-tag": "noindex" } });
}


/** The POST came from this application's own page: same-origin fetch metadata, or a trusted Origin. */
export function postedFromHere(context: Pick<AuthContext, "isTrustedOrigin">, headers: Headers | undefined) {
  const origin = headers?.get("origin");
  if (headers?.get("sec-fetch-site") === "cross-site") return false;
  return headers?.get("sec-fetch-site") === "same-origin" || (!!origin && origin !== "null" && context.isTrustedOrigin(origin));
}
