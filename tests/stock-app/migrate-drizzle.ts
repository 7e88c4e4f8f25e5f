/** The stock application on Drizzle: its generated migration applied by Drizzle's own migrator (history in drizzle.__drizzle_migrations). */
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
await migrate(drizzle(pool), { migrationsFolder: path.join(import.meta.dirname, "drizzle") });
await pool.end();
