import { defineConfig } from "prisma/config";
import { createMigrateAdapter } from "./prisma/pg-adapter";

// Prisma skips .env loading when a config file exists. The datasource `url = env("DATABASE_URL")`
// must resolve, otherwise the CLI falls back to the native engine and tries to download it.
// scripts/launch.ts and the test setups always pass the real URL; this default only satisfies the CLI.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/admit";

// The Wasm schema engine leaves 10 s / 60 s timers pending after each command; unref() lets the CLI exit.
const _setTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = _setTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 10_000) t.unref();
  return t;
}) as typeof setTimeout;

export default defineConfig({
  engine: "js", // Wasm schema engine shipped inside the prisma package: nothing is downloaded
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => createMigrateAdapter(process.env.DATABASE_URL!),
});
