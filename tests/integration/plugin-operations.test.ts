/**
 * The admit() plugin's `auth.api.createInvitations` and `auth.api.addMembers` in a stock better-auth application (admin + organization
 * with teams + admit(), nothing of the console), on each adapter an application uses: better-auth's memory
 * adapter, PostgreSQL through the Kysely adapter on a pg Pool (the bulk path), through the Prisma adapter with
 * the application's generated client (the portable path, then the bulk path), and through the Drizzle adapter
 * with its generated snake_case schema (the portable path).
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { memoryAdapter } from "better-auth/adapters/memory";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getMigrations } from "better-auth/db/migration";
import { prismaBulk, type CreateInvitationsInput, type InviteOutcome } from "better-auth-admit";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { drizzle } from "drizzle-orm/node-postgres";
import { PrismaClient } from "../../node_modules/.stock-app-prisma/client";
import * as drizzleSchema from "../stock-app/drizzle/schema";
import { createDatabase, makeAppSchema } from "@/tests/support/stock-app";
import { hookCalls, stockAuth, type StockAuth } from "@/tests/support/plugin-app";

type Auth = StockAuth;

interface World {
  auth: Auth;
  /** How many invitation rows the application's database holds. */
  invitationCount(): Promise<number>;
  close(): Promise<void>;
}

async function seed(auth: Auth) {
  const { adapter } = await auth.$context;
  const user = (name: string, extra: Record<string, unknown> = {}) =>
    adapter.create<Record<string, unknown>, { id: string; email: string }>({
      model: "user",
      data: { name, email: `${name}.${randomUUID().slice(0, 8)}@example.test`, emailVerified: true, createdAt: new Date(), updatedAt: new Date(), ...extra },
    });
  const org = (name: string) => adapter.create<Record<string, unknown>, { id: string }>({ model: "organization", data: { name, slug: `${name.toLowerCase().replace(/\W/g, "-")}-${randomUUID().slice(0, 8)}`, createdAt: new Date() } });
  const member = (organizationId: string, userId: string, role: string) => adapter.create({ model: "member", data: { organizationId, userId, role, createdAt: new Date() } });
  const [owner, orgAdmin, plain, platformAdmin, support, banned, existing] = await Promise.all([
    user("owner"),
    user("orgadmin"),
    user("plain"),
    user("platform", { role: "admin" }),
    user("support", { role: "support" }),
    user("banned", { banned: true }),
    user("existing"),
  ]);
  const acme = await org("Acme");
  const small = await org("Small Co");
  const seated = await org("Seated Co");
  const team = await adapter.create<Record<string, unknown>, { id: string }>({ model: "team", data: { name: "Red", organizationId: acme.id, createdAt: new Date() } });
  await Promise.all([
    member(acme.id, owner.id, "owner"),
    member(acme.id, orgAdmin.id, "admin"),
    member(acme.id, plain.id, "member"),
    member(acme.id, banned.id, "owner"),
    member(acme.id, existing.id, "member"),
    member(small.id, owner.id, "owner"),
    member(seated.id, owner.id, "owner"),
  ]);
  return { owner, orgAdmin, plain, platformAdmin, support, banned, existing, acme, small, seated, team };
}

const byEmail = (outcomes: InviteOutcome[]) => Object.fromEntries(outcomes.toReversed().map((o) => [o.email, o.reason ?? o.status])); // the first outcome per address

function contract(name: string, open: () => Promise<World>, options: { bulk?: boolean } = {}) {
  describe(`createInvitations and addMembers on ${name}`, () => {
    let world: World;
    let s: Awaited<ReturnType<typeof seed>>;
    beforeAll(async () => {
      world = await open();
      s = await seed(world.auth);
    }, 120_000);
    afterAll(() => world?.close());
    const invite = (body: CreateInvitationsInput) => world.auth.api.createInvitations({ body });

    it("invites on behalf of an owner with no session, an outcome per person, and refreshes on a second call", async () => {
      hookCalls.before.length = hookCalls.after.length = hookCalls.mailed.length = 0;
      const a = `ada.${randomUUID().slice(0, 6)}@example.test`;
      const b = `bob.${randomUUID().slice(0, 6)}@example.test`;
      const res = await invite({
        inviterId: s.owner.id,
        organizationId: s.acme.id,
        invitees: [
          { email: ` ${a.toUpperCase()} ` },
          { email: b, role: "admin", teamId: s.team.id },
          { email: a },
          { email: "not-an-address" },
          { email: "carol@example.test", role: "wizard" },
          { email: "dan@example.test", teamId: "no-such-team" },
          { email: s.existing.email },
          { email: "owen@example.test", role: "owner" },
        ],
        expiresIn: 3 * 86400,
      });
      expect(byEmail(res.outcomes)).toEqual({
        [a]: "created",
        [b]: "created",
        "not-an-address": "invalid_email",
        "carol@example.test": "unknown_role",
        "dan@example.test": "unknown_team",
        [s.existing.email]: "already_member",
        "owen@example.test": "created",
      });
      expect(res.outcomes.filter((o) => o.email === a).map((o) => o.reason ?? o.status)).toEqual(["created", "duplicate_in_request"]);
      expect(res.counts).toEqual({ created: 3, refreshed: 0, skipped: 5 });
      const created = res.outcomes.find((o) => o.email === b)!;
      expect(created).toMatchObject({ role: "admin", teamId: s.team.id });
      expect(created.expiresAt!.getTime() - Date.now()).toBeGreaterThan(3 * 86400e3 - 60e3);
      // The organization plugin's own hooks ran for each invitation made.
      expect(hookCalls.before.sort()).toEqual([a, b, "owen@example.test"].sort());
      expect(hookCalls.after.sort()).toEqual([a, b, "owen@example.test"].sort());

      // Stock better-auth reads what was written: the invitation, pending, for the right person and inviter.
      const { adapter } = await world.auth.$context;
      const row = await adapter.findOne<{ email: string; status: string; inviterId: string; teamId: string }>({ model: "invitation", where: [{ field: "id", value: created.invitationId! }] });
      expect(row).toMatchObject({ email: b, status: "pending", inviterId: s.owner.id, teamId: s.team.id });

      const again = await invite({ inviterId: s.owner.id, organizationId: s.acme.id, invitees: [{ email: a }, { email: b }] });
      expect(again.outcomes.map((o) => [o.status, o.invitationId])).toEqual([
        ["refreshed", res.outcomes[0].invitationId],
        ["refreshed", created.invitationId],
      ]);
      const noResend = await invite({ inviterId: s.owner.id, organizationId: s.acme.id, invitees: [{ email: a }], resend: false });
      expect(noResend.outcomes[0]).toMatchObject({ status: "skipped", reason: "already_invited" });

      // Nothing is mailed unless asked; with send: true, the application's sendInvitationEmail for each one made or renewed.
      expect(hookCalls.mailed.filter((m) => m === a || m === b)).toEqual([]);
      const c = `cy.${randomUUID().slice(0, 6)}@example.test`;
      await invite({ inviterId: s.owner.id, organizationId: s.acme.id, invitees: [{ email: a }, { email: c }, { email: "nope" }], send: true });
      expect(hookCalls.mailed.filter((m) => m === a || m === c).sort()).toEqual([a, c].sort());
    });

    it("holds each inviter to better-auth's rules", async () => {
      const email = () => `x.${randomUUID().slice(0, 8)}@example.test`;
      const admins = await invite({ inviterId: s.orgAdmin.id, organizationId: s.acme.id, invitees: [{ email: email() }, { email: "o@example.test", role: "owner" }] });
      expect(admins.outcomes.map((o) => o.reason ?? o.status)).toEqual(["created", "owner_requires_owner"]);
      const platform = await invite({ inviterId: s.platformAdmin.id, organizationId: s.acme.id, invitees: [{ email: email(), role: "owner" }] });
      expect(platform.outcomes[0].status).toBe("created");
      const support = await invite({ inviterId: s.support.id, organizationId: s.acme.id, invitees: [{ email: email() }, { email: email(), role: "owner" }] });
      expect(support.outcomes.map((o) => o.reason ?? o.status)).toEqual(["created", "owner_requires_owner"]);

      const before = await world.invitationCount();
      const refused: [Record<string, unknown>, number, string][] = [
        [{ inviterId: s.plain.id }, 403, "INVITER_NOT_ALLOWED"],
        [{ inviterId: "nobody" }, 400, "INVITER_NOT_FOUND"],
        [{ inviterId: s.banned.id }, 403, "INVITER_BANNED"],
        [{ organizationId: "no-such-org" }, 404, "ORGANIZATION_NOT_FOUND"],
        [{ expiresIn: 60 }, 400, "VALIDATION_ERROR"],
        [{ expiresIn: 31 * 86400 }, 400, "VALIDATION_ERROR"],
        [{ invitees: [] }, 400, "VALIDATION_ERROR"],
        [{ invitees: Array.from({ length: 10_001 }, (_, i) => ({ email: `n${i}@example.test` })) }, 400, "VALIDATION_ERROR"],
      ];
      for (const [change, status, code] of refused) {
        const body = { inviterId: s.owner.id, organizationId: s.acme.id, invitees: [{ email: email() }], ...change } as never;
        const error = await invite(body).then(
          () => null,
          (e: { statusCode?: number; body?: { code?: string } }) => e,
        );
        expect(error, JSON.stringify(change).slice(0, 80)).toMatchObject({ statusCode: status, body: { code: code } });
      }
      expect(await world.invitationCount()).toBe(before); // nothing half-written
    });

    it("a beforeCreateInvitation hook adds fields, but cannot change the role the call decided", async () => {
      const email = `hooked.${randomUUID().slice(0, 6)}@example.test`;
      const res = await invite({ inviterId: s.orgAdmin.id, organizationId: s.acme.id, invitees: [{ email }] });
      expect(res.outcomes[0]).toMatchObject({ status: "created", role: "member" });
      const { adapter } = await world.auth.$context;
      expect(await adapter.findOne<{ role: string }>({ model: "invitation", where: [{ field: "id", value: res.outcomes[0].invitationId! }] })).toMatchObject({ role: "member" });
    });

    it("keeps the organization's invitation limit, with a reason for each person over it", async () => {
      const res = await invite({ inviterId: s.owner.id, organizationId: s.small.id, invitees: Array.from({ length: 5 }, (_, i) => ({ email: `small${i}@example.test` })) });
      expect(res.outcomes.map((o) => o.reason ?? o.status)).toEqual(["created", "created", "created", "invitation_limit", "invitation_limit"]);
    });

    it("keeps the organization's seats (members plus pending invitations) for invitations and additions alike", async () => {
      const tag = randomUUID().slice(0, 6);
      const res = await invite({ inviterId: s.owner.id, organizationId: s.seated.id, invitees: [1, 2, 3].map((i) => ({ email: `seat${i}.${tag}@example.test` })) });
      expect(res.outcomes.map((o) => o.reason ?? o.status)).toEqual(["created", "created", "seat_limit"]);
      const added = await world.auth.api.addMembers({
        body: { addedById: s.owner.id, organizationId: s.seated.id, people: [{ email: `seat9.${tag}@example.test` }, { email: `seat1.${tag}@example.test` }] },
      });
      // The pending invitee joins on the seat their invitation held; a new person finds none left.
      expect(added.outcomes.map((o) => o.reason ?? o.status)).toEqual(["seat_limit", "added"]);
    });

    it("addMembers: new and existing people straight in, a user for the new, pending invitations superseded", async () => {
      const { adapter } = await world.auth.$context;
      const newcomer = `new.${randomUUID().slice(0, 6)}@example.test`;
      const invited = `inv.${randomUUID().slice(0, 6)}@example.test`;
      await invite({ inviterId: s.owner.id, organizationId: s.acme.id, invitees: [{ email: invited }] });
      const bannedEmail = `ban.${randomUUID().slice(0, 6)}@example.test`;
      await adapter.create({ model: "user", data: { name: "B", email: bannedEmail, emailVerified: true, banned: true, createdAt: new Date(), updatedAt: new Date() } });
      const res = await world.auth.api.addMembers({
        body: {
          addedById: s.orgAdmin.id,
          organizationId: s.acme.id,
          people: [
            { email: newcomer, name: "Newt", role: "admin", teamId: s.team.id },
            { email: invited },
            { email: s.existing.email },
            { email: bannedEmail },
            { email: "o@example.test", role: "owner" },
            { email: "bad" },
          ],
        },
      });
      expect(res.outcomes.map((o) => o.reason ?? o.status)).toEqual(["added", "added", "already_member", "banned", "owner_requires_owner", "invalid_email"]);
      expect(res.counts).toEqual({ added: 2, createdUsers: 2, skipped: 4 });
      expect(res.superseded.map((i) => i.email)).toEqual([invited]);
      const user = await adapter.findOne<{ id: string; emailVerified: boolean; name: string; role: string; banned: boolean }>({ model: "user", where: [{ field: "email", value: newcomer }] });
      expect(user).toMatchObject({ emailVerified: true, name: "Newt", role: "user", banned: false }); // the admin plugin's defaults
      const member = await adapter.findOne<{ role: string }>({ model: "member", where: [{ field: "organizationId", value: s.acme.id }, { field: "userId", value: user!.id }] });
      expect(member?.role).toBe("admin");
      const teamMember = await adapter.findOne<{ membershipKey?: string }>({ model: "teamMember", where: [{ field: "teamId", value: s.team.id }, { field: "userId", value: user!.id }] });
      expect(teamMember).not.toBeNull();
      const team = await adapter.findOne<{ memberCount?: number }>({ model: "team", where: [{ field: "id", value: s.team.id }] });
      expect(team?.memberCount).toBe(await adapter.count({ model: "teamMember", where: [{ field: "teamId", value: s.team.id }] }));
      const inv = await adapter.findOne<{ status: string }>({ model: "invitation", where: [{ field: "email", value: invited }] });
      expect(inv?.status).toBe("canceled");

      // A plain member may not add people; without createUsers a new address is skipped; nothing else written.
      const before = await adapter.count({ model: "member" });
      await expect(world.auth.api.addMembers({ body: { addedById: s.plain.id, organizationId: s.acme.id, people: [{ email: "x@example.test" }] } })).rejects.toMatchObject({
        statusCode: 403,
        body: { code: "ADDER_NOT_ALLOWED" },
      });
      const noAccount = await world.auth.api.addMembers({ body: { addedById: s.owner.id, organizationId: s.acme.id, people: [{ email: "nobody.yet@example.test" }], createUsers: false } });
      expect(noAccount.outcomes[0].reason).toBe("no_account");
      expect(await adapter.count({ model: "member" })).toBe(before);
    });

    if (options.bulk) {
      it("invites 10,000 people in one call, and concurrent calls never invite a person twice", async () => {
        const { adapter } = await world.auth.$context;
        const org = await adapter.create<Record<string, unknown>, { id: string }>({ model: "organization", data: { name: "Big", slug: `big-${randomUUID()}`, createdAt: new Date() } });
        await adapter.create({ model: "member", data: { organizationId: org.id, userId: s.owner.id, role: "owner", createdAt: new Date() } });
        const many = Array.from({ length: 10_000 }, (_, i) => ({ email: `p${i}@big.example.test` }));
        const res = await invite({ inviterId: s.owner.id, organizationId: org.id, invitees: many });
        expect(res.counts).toEqual({ created: 10_000, refreshed: 0, skipped: 0 });
        const racers = await Promise.all(Array.from({ length: 6 }, (_, k) => invite({ inviterId: s.owner.id, organizationId: org.id, invitees: Array.from({ length: 50 }, (_, i) => ({ email: `race${(i + k * 10) % 80}@big.example.test` })) })));
        const created = racers.flatMap((r) => r.outcomes.filter((o) => o.status === "created").map((o) => o.email));
        expect(new Set(created).size).toBe(created.length); // each person created once
        expect(new Set(created).size).toBe(80);
        const pending = await adapter.count({ model: "invitation", where: [{ field: "organizationId", value: org.id }] });
        expect(pending).toBe(10_080);
      }, 120_000);
    }
  });
}

contract("the memory adapter", async () => {
  const db: Record<string, Record<string, unknown>[]> = {};
  const auth = stockAuth(memoryAdapter(db));
  for (const model of ["user", "session", "account", "verification", "organization", "member", "invitation", "team", "teamMember"]) db[model] = [];
  return { auth, invitationCount: async () => db.invitation.length, close: async () => {} };
});

contract(
  "PostgreSQL through the Kysely adapter (pg Pool: the bulk path)",
  async () => {
    const url = await createDatabase(inject("databaseUrl"), "plugin_kysely");
    const pool = new Pool({ connectionString: url });
    const auth = stockAuth(pool);
    await (await getMigrations(auth.options)).runMigrations();
    const count = async () => Number((await pool.query(`SELECT count(*) FROM "invitation"`)).rows[0].count);
    return { auth, invitationCount: count, close: () => pool.end() };
  },
  { bulk: true },
);

for (const bulk of [false, true]) {
  contract(
    `PostgreSQL through the Prisma adapter (${bulk ? "prismaBulk: the bulk path" : "the portable adapter path"})`,
    async () => {
      const url = await createDatabase(inject("databaseUrl"), `plugin_prisma_${bulk ? "bulk" : "adapter"}`);
      makeAppSchema("prisma", url);
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
      const auth = stockAuth(prismaAdapter(prisma, { provider: "postgresql" }), { bulk: bulk ? prismaBulk(prisma) : false });
      return { auth, invitationCount: () => prisma.invitation.count(), close: () => prisma.$disconnect() };
    },
    { bulk },
  );
}

contract("PostgreSQL through the Drizzle adapter (the portable adapter path)", async () => {
  const url = await createDatabase(inject("databaseUrl"), "plugin_drizzle");
  makeAppSchema("drizzle", url);
  const pool = new Pool({ connectionString: url });
  const auth = stockAuth(drizzleAdapter(drizzle(pool, { schema: drizzleSchema }), { provider: "pg", schema: drizzleSchema }), { bulk: false });
  const count = async () => Number((await pool.query(`SELECT count(*) FROM "invitation"`)).rows[0].count);
  return { auth, invitationCount: count, close: () => pool.end() };
});
