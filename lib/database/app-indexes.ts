/**
 * Indexes Admit wants on the application's tables (better-auth's `user` and `invitation`) for its pages.
 * Never created by a migration: `npm run db:check` lists the missing ones and `npm run db:indexes` creates
 * them with CREATE INDEX CONCURRENTLY (no write lock on the application's tables). A fresh database that
 * Admit made itself (the embedded default) gets them at once. Names start with `admit_` so they are easy to
 * tell apart (and to drop). Declared in prisma/schema.prisma too: `npm run db:drift` compares.
 */
import type { Client } from "pg";
import { physical, type Naming } from "./naming";

/** Columns by better-auth's field names (mapped to the application's naming when created). */
export const APP_INDEXES = [
  { name: "admit_user_createdAt_idx", table: "user", columns: ["createdAt"] },
  // New sessions since the last sweep, for sign-in records (lib/users/sign-ins.ts).
  { name: "admit_session_createdAt_idx", table: "session", columns: ["createdAt"] },
  { name: "admit_invitation_org_status_expires_idx", table: "invitation", columns: ["organizationId", "status", "expiresAt"] },
  { name: "admit_invitation_status_expires_idx", table: "invitation", columns: ["status", "expiresAt"] },
  { name: "admit_invitation_createdAt_idx", table: "invitation", columns: ["createdAt"] },
  { name: "admit_invitation_inviterId_idx", table: "invitation", columns: ["inviterId"] },
  // Substring search on email (the extension pg_trgm: created if missing).
  { name: "admit_invitation_email_trgm_idx", table: "invitation", columns: ["email"], trigram: true },
] as const;

export type AppIndex = (typeof APP_INDEXES)[number];

export function createIndexSql(index: AppIndex, concurrently: boolean, naming: Naming = "camel") {
  const cols = index.columns.map((c) => `"${physical(naming, c)}"${"trigram" in index ? " gin_trgm_ops" : ""}`).join(", ");
  return `CREATE INDEX ${concurrently ? "CONCURRENTLY " : ""}IF NOT EXISTS "${index.name}" ON "public"."${physical(naming, index.table)}" ${"trigram" in index ? "USING GIN " : ""}(${cols})`;
}

/** The wanted indexes that are absent, or present but invalid (a concurrent build that failed half-way). */
export async function missingAppIndexes(db: Client) {
  const { rows } = await db.query<{ name: string; valid: boolean }>(
    `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = ANY($1::text[])`,
    [APP_INDEXES.map((i) => i.name)],
  );
  const valid = new Set(rows.filter((r) => r.valid).map((r) => r.name));
  const invalid = new Set(rows.filter((r) => !r.valid).map((r) => r.name));
  return APP_INDEXES.filter((i) => !valid.has(i.name)).map((index) => ({ index, invalid: invalid.has(index.name) }));
}

/**
 * Creates the missing indexes, one statement at a time (CONCURRENTLY cannot run in a transaction); an
 * invalid leftover is dropped first. Returns the names created.
 */
export async function createAppIndexes(db: Client, naming: Naming, { concurrently = true, log = (_: string) => {} } = {}) {
  const created: string[] = [];
  for (const { index, invalid } of await missingAppIndexes(db)) {
    if ("trigram" in index) await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    if (invalid) await db.query(`DROP INDEX ${concurrently ? "CONCURRENTLY " : ""}IF EXISTS "public"."${index.name}"`);
    log(`creating ${index.name} on "${index.table}"`);
    await db.query(createIndexSql(index, concurrently, naming));
    created.push(index.name);
  }
  return created;
}
