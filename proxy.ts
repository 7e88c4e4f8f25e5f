import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

/**
 * A strict Content Security Policy with a fresh nonce per page request. Next.js reads the nonce from the
 * request's CSP header and puts it on its own inline and chunk scripts; the root layout hands it to
 * next-themes' inline script. 'strict-dynamic' lets those scripts load the app's chunks; nothing else runs.
 * Styles may be inline (React and Radix set style attributes). The other security headers are static
 * (next.config.ts).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  // A used link's confirm form ends on the application (README, "Attach Admit to your application"): the
  // browser applies form-action to the redirect after the POST too.
  const home = env.appSignIn === "console" ? null : env.appHomeUrl;
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production", home ? [new URL(home).origin] : []);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export function contentSecurityPolicy(nonce: string, dev = false, formOrigins: string[] = []) {
  return [
    "default-src 'self'",
    // Development only: React's dev build evaluates code, and the dev server's hot reload uses websockets.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self'${formOrigins.map((o) => ` ${o}`).join("")}`,
    "object-src 'none'",
  ].join("; ");
}

export const config = {
  matcher: [
    {
      // Pages only: API routes, the other route handlers (a link's and a magic link's confirm POST, which
      // answer with a redirect; the CSV exports) and static assets keep the static headers (next.config.ts).
      source: "/((?!api|_next/static|_next/image|favicon.ico|link/[^/]+/confirm$|sign-in/link/confirm$|audit/export$|campaigns/[^/]+/export$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
