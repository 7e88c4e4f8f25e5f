import { defineConfig } from "prisma/config";
import "./prisma/wasm-engine-timers";
import { createMigrateAdapter } from "./prisma/pg-adapter";

// Prisma skips .env loading when a config file exists. The datasource `url = env("DATABASE_URL")`
// must resolve, otherwise the CLI falls back to the native engine and tries to download it.
// scripts/launch.ts and the test setups always pass the real URL; this default only satisfies the CLI.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/admit";

export default defineConfig({
  engine: "js", // Wasm schema engine shipped inside the prisma package: nothing is downloaded
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => createMigrateAdapter(process.env.DATABASE_URL!),
});
