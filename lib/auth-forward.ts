import "server-only";
import { auth } from "@/lib/auth";
import { env } from "@/lib/env";

/**
 * The better-auth wiring that route handlers and actions use: calls into better-auth with the caller's own
 * request (session cookie, address), so its checks, limits and hooks apply as for a direct request.
 */

/** A POST that arrives from another site is refused: these routes sign people in. */
export function isSameOrigin(request: Request) {
  const origin = request.headers.get("origin");
  return origin === new URL(env.appUrl).origin;
}

/**
 * Call one of better-auth's HTTP routes from a route handler, with the caller's cookies, IP and user agent,
 * so better-auth's rate limits, cookie handling and hooks apply exactly as for a direct request.
 */
export function forwardToAuth(request: Request, path: string, init: { method: "GET" | "POST"; json?: unknown; search?: Record<string, string> }) {
  const url = new URL(`${env.appUrl}/api/auth${path}`);
  for (const [k, v] of Object.entries(init.search ?? {})) url.searchParams.set(k, v);
  const headers = new Headers({ origin: new URL(env.appUrl).origin });
  for (const name of ["x-forwarded-for", "x-real-ip", "user-agent", "cookie"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (init.json !== undefined) headers.set("content-type", "application/json");
  return auth.handler(new Request(url, { method: init.method, headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) }));
}

/**
 * Use a sign-in link (Admit's plugin endpoint, lib/auth-plugins/admit.ts): called in process, with the caller's
 * headers (address, user agent), as a Response carrying the session's Set-Cookie, or the refusal's status and
 * code. The endpoint is not on better-auth's HTTP router; it limits per client IP itself.
 */
export function redeemLinkToken(request: Request, token: string) {
  return auth.api.consumeSignInLink({ body: { token }, headers: request.headers, asResponse: true });
}

/** A 303 (so the browser follows with GET) to `location`, carrying better-auth's Set-Cookie headers. */
export function redirectWithCookies(from: Response, location: string) {
  const headers = new Headers();
  for (const cookie of from.headers.getSetCookie()) headers.append("set-cookie", cookie);
  headers.set("location", location);
  return new Response(null, { status: 303, headers });
}

/** The signed-in invitee answers an invitation through better-auth's own endpoint (email match, expiry, limits, teams). */
export async function answerInvitationAsSignedIn(verb: "accept" | "reject", invitationId: string, requestHeaders: Headers) {
  if (verb === "accept") await auth.api.acceptInvitation({ body: { invitationId }, headers: requestHeaders });
  else await auth.api.rejectInvitation({ body: { invitationId }, headers: requestHeaders });
}
