/**
 * The compatibility check and start-up on an application's database (lib/database): the schemas a
 * better-auth application gets (its migration API, its Prisma generator) are accepted and never altered;
 * incompatible ones are refused with what to do, before anything is written.
 */
import { getSchema } from "better-auth/db";
import { describe, expect, it } from "vitest";
import { auth } from "@/lib/auth";
import { betterAuthSchemaOptions } from "@/lib/database/better-auth-tables";
import { checkDatabase } from "@/lib/database/check";
import { connect, DatabaseNotReady, prepareDatabase } from "@/lib/database/prepare";
import { createPrisma } from "@/lib/db";
import { createDatabase, describePublicSchema, makeAppSchema, pendingAppMigrations, sql } from "../support/stock-app";

let n = 0;
const newDatabase = () => createDatabase(process.env.DATABASE_URL!, `attach_${process.pid}_${++n}`);
const admitSchemaExists = async (url: string) => (await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'admit'`))[0].n === 1;

async function report(url: string) {
  const db = await connect(url);
  try {
    return await checkDatabase(db);
  } finally {
    await db.end();
  }
}

/** Start-up refuses with this message and writes nothing. */
async function expectRefused(url: string, message: RegExp) {
  const before = await describePublicSchema(url);
  const error = await prepareDatabase(url).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatabaseNotReady);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).toContain("Nothing was written");
  expect(await describePublicSchema(url)).toBe(before);
  expect(await admitSchemaExists(url)).toBe(false);
}

describe("attaching to an application's database", () => {
  it("Admit's better-auth configuration shapes the same tables as the options the check and fresh databases use", () => {
    // rateLimit and apikey are Admit's own tables (admit schema), not the application's.
    const { rateLimit: _limits, apikey: _keys, ...tables } = getSchema(auth.options);
    expect(JSON.stringify(tables)).toBe(JSON.stringify(getSchema(betterAuthSchemaOptions())));
  });

  for (const kind of ["kysely", "prisma"] as const) {
    it(`accepts the schema ${kind} made, creates only its own schema, and leaves the application nothing to migrate`, async () => {
      const url = await newDatabase();
      makeAppSchema(kind, url);
      const before = await describePublicSchema(url);
      const checked = await report(url);
      expect(checked.errors).toEqual([]);
      expect(checked.betterAuthTables).toBe("present");
      // Admit's own indexes on the application's tables are advice, not a migration.
      expect(checked.missingIndexes).toContain("admit_invitation_email_trgm_idx");
      await prepareDatabase(url);
      expect(await describePublicSchema(url)).toBe(before);
      expect(await admitSchemaExists(url)).toBe(true);
      expect((await sql<{ name: string }>(url, `SELECT name FROM admit._admit_migrations`)).length).toBeGreaterThan(0);
      expect(pendingAppMigrations(url)).toEqual({ toBeCreated: [], toBeAdded: [] });
      // Started again: nothing more to do.
      await prepareDatabase(url);
      expect(await describePublicSchema(url)).toBe(before);
    });
  }

  it("works on the snake_case schema better-auth's Drizzle generator gives, through its views, without touching the tables' shape", async () => {
    const url = await newDatabase();
    makeAppSchema("drizzle", url);
    const history = await sql(url, `SELECT hash FROM drizzle.__drizzle_migrations`);
    const before = await describePublicSchema(url);
    const checked = await report(url);
    expect(checked.errors).toEqual([]);
    expect(checked.naming).toBe("snake");
    await prepareDatabase(url);
    expect(await describePublicSchema(url)).toBe(before);
    expect(await sql(url, `SELECT hash FROM drizzle.__drizzle_migrations`)).toEqual(history);
    // Admit's client writes and reads better-auth's names; the rows land in the snake_case tables.
    const prisma = createPrisma(url);
    try {
      const now = new Date();
      await prisma.user.create({ data: { id: "u1", name: "Ada", email: "ada@drizzle.test", emailVerified: true, createdAt: now, updatedAt: now } });
      await prisma.organization.create({ data: { id: "o1", name: "Org", slug: "org", createdAt: now } });
      await prisma.invitation.create({ data: { id: "i1", organizationId: "o1", email: "bob@drizzle.test", status: "pending", expiresAt: now, inviterId: "u1" } });
      const [row] = await sql<{ inviter_id: string; created_at: Date }>(url, `SELECT inviter_id, created_at FROM public.invitation WHERE id = 'i1'`);
      expect(row.inviter_id).toBe("u1");
      expect(row.created_at).toBeInstanceOf(Date); // the table's own default, through the view
      expect((await prisma.invitation.findFirstOrThrow({ where: { email: "bob@drizzle.test" }, include: { organization: true } })).organization.slug).toBe("org");
    } finally {
      await prisma.$disconnect();
    }
    // With Admit's indexes, made on the snake_case columns.
    const db = await connect(url);
    const { createAppIndexes } = await import("@/lib/database/app-indexes");
    expect(await createAppIndexes(db, "snake")).toContain("admit_invitation_org_status_expires_idx");
    await db.end();
    expect(await describePublicSchema(url)).toContain(`admit_invitation_org_status_expires_idx ON public.invitation USING btree (organization_id, status, expires_at)`);
  });

  it("refuses an empty database unless it is Admit's own (then better-auth's migration API makes the tables)", async () => {
    const url = await newDatabase();
    await expectRefused(url, /none of better-auth's tables.*run your application's better-auth migration first/s);
    await prepareDatabase(url, { createBetterAuthTables: true });
    expect((await report(url)).errors).toEqual([]);
    expect((await report(url)).missingIndexes).toEqual([]);
    expect(pendingAppMigrations(url)).toEqual({ toBeCreated: [], toBeAdded: [] });
  });

  it("refuses a database without the admin plugin's columns, naming the plugin to enable", async () => {
    const url = await newDatabase();
    makeAppSchema("kysely", url, { WITHOUT_ADMIN: "1" });
    await expectRefused(url, /Column "user"\."role" is missing: enable the admin plugin \(`admin\(\)`\)/);
  });

  it("refuses uuid ids with the reason", async () => {
    const url = await newDatabase();
    makeAppSchema("kysely", url, { ID_FORMAT: "uuid" });
    await expectRefused(url, /uuid ids \(better-auth's `advanced\.database\.generateId: "uuid"`\)/);
  });

  it("refuses Admit's own tables left in public by an old Admit, and knows them from an application's table of the same name", async () => {
    const url = await newDatabase();
    makeAppSchema("kysely", url);
    // better-auth-admit's table under Drizzle's snake_case name is the application's, not Admit's.
    await sql(url, `CREATE TABLE "sign_in_link" ("id" text PRIMARY KEY, "token_hash" text NOT NULL)`);
    expect((await report(url)).errors).toEqual([]);
    await sql(url, `ALTER TABLE "sign_in_link" ADD COLUMN "issuerEmail" text`);
    await expectRefused(url, /Admit's tables in "public"/);
  });

  it("refuses a required custom column Admit cannot fill", async () => {
    const url = await newDatabase();
    makeAppSchema("kysely", url);
    await sql(url, `ALTER TABLE "member" ADD COLUMN "seat" text NOT NULL`);
    await expectRefused(url, /Column "member"\."seat" is required \(NOT NULL, no default\)/);
    // With a default it can be filled: accepted.
    await sql(url, `ALTER TABLE "member" ALTER COLUMN "seat" SET DEFAULT 'standard'`);
    expect((await report(url)).errors).toEqual([]);
  });

  it("refuses tables renamed with modelName, saying so", async () => {
    const url = await newDatabase();
    makeAppSchema("kysely", url);
    await sql(url, `ALTER TABLE "invitation" RENAME TO "invites"`);
    await expectRefused(url, /Table "invites" looks like better-auth's "invitation" table renamed with better-auth's `modelName` option/);
  });

  it("refuses a database Admit cannot reach, naming it without the password", async () => {
    const error = await prepareDatabase("postgresql://admit:hunter2-secret@127.0.0.1:1/app").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseNotReady);
    expect((error as Error).message).toMatch(/Cannot reach the database admit@127\.0\.0\.1:1\/app/);
    expect((error as Error).message).not.toContain("hunter2");
  });
});
