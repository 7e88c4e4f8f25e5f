/**
 * The admitSignInLinks() plugin in a stock better-auth application (tests/support/plugin-app.ts), on
 * better-auth's memory adapter and on PostgreSQL through the Kysely adapter (its table made by better-auth's
 * migrations from the plugin's schema), the Prisma adapter and the Drizzle adapter (the table as their generated
 * schemas have it: tests/stock-app/prisma, tests/stock-app/drizzle, snake_case columns): minted by server code and returned, never sent; GET confirms and
 * uses nothing; POST from the page itself uses the link once and gives a real better-auth session.
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { memoryAdapter } from "better-auth/adapters/memory";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getMigrations } from "better-auth/db/migration";
import type { IssueSignInLinksInput } from "better-auth-admit";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { stockAuth, type StockAuth } from "@/tests/support/plugin-app";
import { drizzle } from "drizzle-orm/node-postgres";
import { PrismaClient } from "../../node_modules/.stock-app-prisma/client";
import * as drizzleSchema from "../stock-app/drizzle/schema";
import { createDatabase, makeAppSchema } from "@/tests/support/stock-app";

const BASE = "http://localhost:3999";

function contract(name: string, start: () => Promise<{ auth: StockAuth; close: () => Promise<void> }>) {
  describe(`sign-in links on ${name}`, () => {
    let auth: StockAuth;
    let close: () => Promise<void>;
    const people: Record<string, { id: string; email: string }> = {};
    beforeAll(async () => {
      ({ auth, close } = await start());
      const { adapter } = await auth.$context;
      for (const [key, role, banned] of [["admin", "admin", false], ["support", "support", false], ["helpdesk", "helpdesk", false], ["person", "user", false], ["otherAdmin", "admin", false], ["banned", "user", true]] as const) {
        people[key] = await adapter.create({ model: "user", data: { name: key, email: `${key.toLowerCase()}.${randomUUID().slice(0, 6)}@example.test`, emailVerified: true, role, banned, createdAt: new Date(), updatedAt: new Date() } });
      }
    }, 120_000);
    afterAll(() => close?.());

    const issue = (body: Partial<Omit<IssueSignInLinksInput, "purpose">> & { recipients: IssueSignInLinksInput["recipients"]; purpose?: "sign-in" | "welcome" }) => auth.api.issueSignInLinks({ body: { issuedById: people.admin.id, ...body } });
    const visit = (url: string, method: "GET" | "POST" = "GET", headers: Record<string, string> = { origin: BASE, "sec-fetch-site": "same-origin" }) =>
      auth.handler(new Request(url, { method, headers: method === "POST" ? headers : {} }));
    const uses = async (linkId: string) => (await (await auth.$context).adapter.findOne<{ uses: number }>({ model: "signInLink", where: [{ field: "id", value: linkId }] }))!.uses;

    it("an admin mints links and gets them back; each person an outcome; nothing is sent", async () => {
      const newcomer = `new.${randomUUID().slice(0, 6)}@example.test`;
      const res = await issue({
        recipients: [{ email: people.person.email }, { email: newcomer, name: "Newt" }, { email: "nobody@example.test" }, { email: people.person.email }, { email: "bad" }, { email: people.banned.email }, { email: people.otherAdmin.email }],
        createUsers: false,
      });
      expect(res.map((o) => o.reason ?? o.status)).toEqual(["issued", "no_account", "no_account", "duplicate_in_request", "invalid_email", "banned", "issued"]);
      expect(res[0].url).toMatch(new RegExp(`^${BASE}/api/auth/admit/sign-in/[A-Za-z0-9_-]{43}$`));
      const created = await issue({ recipients: [{ email: newcomer, name: "Newt" }], createUsers: true, purpose: "welcome" });
      expect(created[0]).toMatchObject({ status: "issued", createdUser: true });
    });

    it("holds the issuer to the one rule, and the destination to this site", async () => {
      // Without the right to mint, nothing happens at all: no link, and no account made for a new address.
      const { adapter } = await auth.$context;
      for (const issuer of [people.support, people.person, people.banned]) {
        await expect(
          auth.api.issueSignInLinks({ body: { issuedById: issuer.id, recipients: [{ email: people.person.email }, { email: `made.${issuer.id}@example.test` }], createUsers: true } }),
        ).rejects.toMatchObject({ statusCode: 403, body: { code: "ISSUER_NOT_ALLOWED" } });
        expect(await adapter.findOne({ model: "user", where: [{ field: "email", value: `made.${issuer.id}@example.test` }] })).toBeNull();
      }
      // A role that may impersonate mints for people, never for an admin.
      const byHelpdesk = await auth.api.issueSignInLinks({ body: { issuedById: people.helpdesk.id, recipients: [{ email: people.person.email }, { email: people.otherAdmin.email }] } });
      expect(byHelpdesk.map((o) => o.reason ?? o.status)).toEqual(["issued", "refused"]);
      for (const redirectTo of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
        await expect(issue({ recipients: [{ email: people.person.email }], redirectTo })).rejects.toMatchObject({ statusCode: 400, body: { code: "INVALID_REDIRECT" } });
      }
      await expect(auth.api.issueSignInLinks({ body: { issuedById: "nobody", recipients: [{ email: people.person.email }] } })).rejects.toMatchObject({ body: { code: "ISSUER_NOT_FOUND" } });
      await expect(issue({ recipients: [{ email: people.person.email }], expiresIn: 10 })).rejects.toMatchObject({ statusCode: 400 });
    });

    it("GET confirms and uses nothing; a cross-site POST uses nothing; the page's POST signs in once", async () => {
      const [link] = await issue({ recipients: [{ email: people.person.email }], redirectTo: "/welcome?from=link" });
      for (let i = 0; i < 3; i++) {
        const page = await visit(link.url!);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<form method="post">');
      }
      expect((await visit(link.url!, "POST", { "sec-fetch-site": "cross-site", origin: "https://evil.example" })).status).toBe(403);
      expect((await visit(link.url!, "POST", {})).status).toBe(403);
      expect(await uses(link.linkId!)).toBe(0);

      const results = await Promise.all(Array.from({ length: 8 }, () => visit(link.url!, "POST")));
      const winners = results.filter((r) => r.status === 302);
      expect(winners).toHaveLength(1); // one winner, however many at once
      expect(winners[0].headers.get("location")).toBe("/welcome?from=link");
      const cookie = winners[0].headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
      expect(session?.user.id).toBe(people.person.id);
      expect(await uses(link.linkId!)).toBe(1);
      const replay = await visit(link.url!, "POST");
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain("already used");
    });

    it("refuses expired links, forged tokens, and people banned since the link was made", async () => {
      const { adapter } = await auth.$context;
      const [expired] = await issue({ recipients: [{ email: people.person.email }], expiresIn: 300 });
      await adapter.update({ model: "signInLink", where: [{ field: "id", value: expired.linkId! }], update: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await (await visit(expired.url!, "POST")).text()).toContain("expired");
      expect((await visit(`${BASE}/api/auth/admit/sign-in/${"A".repeat(43)}`, "POST")).status).toBe(400);
      expect((await visit(`${BASE}/api/auth/admit/sign-in/..%2F..%2Fget-session`)).status).toBeGreaterThanOrEqual(400);

      const [revoked] = await issue({ recipients: [{ email: people.person.email }] });
      expect(await auth.api.revokeSignInLinks({ body: { revokedById: people.person.id, linkIds: [revoked.linkId!] } })).toEqual([{ linkId: revoked.linkId, status: "refused" }]);
      expect(await auth.api.revokeSignInLinks({ body: { revokedById: people.helpdesk.id, linkIds: [(await issue({ recipients: [{ email: people.otherAdmin.email }] }))[0].linkId!] } })).toMatchObject([{ status: "refused" }]);
      expect(await auth.api.revokeSignInLinks({ body: { revokedById: people.admin.id, linkIds: [revoked.linkId!, "nope"] } })).toEqual([
        { linkId: revoked.linkId, status: "revoked" },
        { linkId: "nope", status: "not_found" },
      ]);
      expect(await (await visit(revoked.url!)).text()).toContain("revoked");

      const target = await adapter.create<Record<string, unknown>, { id: string; email: string }>({ model: "user", data: { name: "T", email: `t.${randomUUID().slice(0, 6)}@example.test`, emailVerified: true, role: "user", banned: false, createdAt: new Date(), updatedAt: new Date() } });
      const [link] = await issue({ recipients: [{ email: target.email }] });
      await adapter.update({ model: "user", where: [{ field: "id", value: target.id }], update: { banned: true } });
      const res = await visit(link.url!, "POST");
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("suspended");
      expect(await uses(link.linkId!)).toBe(0);
      // Refused at use, the link is revoked: unbanning the person does not bring it back.
      await adapter.update({ model: "user", where: [{ field: "id", value: target.id }], update: { banned: false } });
      expect(await (await visit(link.url!, "POST")).text()).toContain("revoked");
    });
  });
}

contract("the memory adapter", async () => {
  const db: Record<string, Record<string, unknown>[]> = {};
  for (const model of ["user", "session", "account", "verification", "organization", "member", "invitation", "team", "teamMember", "signInLink", "rateLimit"]) db[model] = [];
  return { auth: stockAuth(memoryAdapter(db), {}, { signInLinks: true }), close: async () => {} };
});

contract("PostgreSQL through the Kysely adapter", async () => {
  const url = await createDatabase(inject("databaseUrl"), "plugin_links_kysely");
  const pool = new Pool({ connectionString: url });
  const auth = stockAuth(pool, {}, { signInLinks: true });
  await (await getMigrations(auth.options)).runMigrations(); // the plugin's signInLink table included
  return { auth, close: () => pool.end() };
});

contract("PostgreSQL through the Prisma adapter", async () => {
  const url = await createDatabase(inject("databaseUrl"), "plugin_links_prisma");
  makeAppSchema("prisma", url);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return { auth: stockAuth(prismaAdapter(prisma, { provider: "postgresql" }), {}, { signInLinks: true }), close: () => prisma.$disconnect() };
});

contract("PostgreSQL through the Drizzle adapter", async () => {
  const url = await createDatabase(inject("databaseUrl"), "plugin_links_drizzle");
  makeAppSchema("drizzle", url);
  const pool = new Pool({ connectionString: url });
  return { auth: stockAuth(drizzleAdapter(drizzle(pool, { schema: drizzleSchema }), { provider: "pg", schema: drizzleSchema }), {}, { signInLinks: true }), close: () => pool.end() };
});
