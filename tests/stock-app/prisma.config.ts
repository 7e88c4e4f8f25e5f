// The stock application on Prisma: `prisma migrate deploy --config tests/stock-app/prisma.config.ts` applies
// the migration its better-auth-generated schema gives, keeping its own history in public._prisma_migrations.
// The adapter and timer workaround (../../prisma/wasm-engine-timers.ts) are this machine's (Prisma's offline Wasm engine), as in ../../prisma.config.ts.
import path from "node:path";
import { defineConfig } from "prisma/config";
import "../../prisma/wasm-engine-timers";
import { createMigrateAdapter } from "../../prisma/pg-adapter";


// `prisma generate` (postinstall) needs a URL to resolve, not a database.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/stock";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join(import.meta.dirname, "prisma/schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "prisma/migrations") },
  adapter: async () => createMigrateAdapter(process.env.DATABASE_URL!),
});
