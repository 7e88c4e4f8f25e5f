/**
 * The sign-in links page's read (lib/sign-in-links/queries.ts#listSignInLinks, one SQL statement): each status
 * as schema.ts#linkStatus says it, the purpose filter, the search over the person's and the issuer's address
 * with its wildcards taken literally, the sorts, and the total past the last page.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { actingAs } from "@/lib/actor";
import { prisma } from "@/lib/db";
import { issueSignInLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { listSignInLinks } from "@/lib/sign-in-links/queries";
import { actorOf, createUser } from "@/tests/support/factories";

describe("listSignInLinks", () => {
  const tag = randomUUID().slice(0, 8);
  let admin: { id: string };
  const ids: Record<"unused" | "used" | "revoked" | "expired" | "impersonation", string> = {} as never;
  beforeAll(async () => {
    admin = await createUser({ role: "admin", email: `issuer.${tag}@example.test` });
    const people = await Promise.all(["unused", "used", "revoked", "expired", "impersonation"].map((k) => createUser({ email: `${k}.${tag}@example.test` })));
    const ctx = await actingAs(admin.id);
    const links = await issueSignInLinks(ctx, { purpose: "sign-in", recipients: people.slice(0, 4).map((u) => ({ email: u.email })) });
    const [imp] = await issueSignInLinks(ctx, { purpose: "impersonation", recipients: [{ email: people[4].email }], reason: "ticket 7" });
    const [unused, used, revoked, expired] = links.map((l) => l.linkId!);
    Object.assign(ids, { unused, used, revoked, expired, impersonation: imp.linkId! });
    await prisma.signInLink.update({ where: { id: used }, data: { usedAt: new Date(), revokedAt: new Date() } }); // used wins over revoked
    await prisma.signInLink.update({ where: { id: revoked }, data: { revokedAt: new Date() } });
    await prisma.signInLink.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await prisma.signInLink.update({ where: { id: unused }, data: { expiresAt: new Date(Date.now() + 9 * 86_400_000) } });
  });

  const list = async (params: Record<string, string>) => listSignInLinks(await actorOf(admin), { q: tag, ...params });
  const idsOf = async (params: Record<string, string>) => (await list(params)).rows.map((r) => r.id).sort();

  it("filters by each status, as the rows show it", async () => {
    for (const status of ["used", "revoked", "expired"] as const) expect(await idsOf({ status })).toEqual([ids[status]]);
    expect(await idsOf({ status: "unused" })).toEqual([ids.unused, ids.impersonation].sort());
    expect(await idsOf({ status: "used,revoked" })).toEqual([ids.used, ids.revoked].sort());
    const rows = (await list({})).rows;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [ids.unused]: "unused", [ids.used]: "used", [ids.revoked]: "revoked", [ids.expired]: "expired", [ids.impersonation]: "unused" });
    expect(rows.find((r) => r.id === ids.impersonation)).toMatchObject({ purpose: "impersonation", reason: "ticket 7", issuerEmail: `issuer.${tag}@example.test`, usedAt: null, revokedAt: null });
  });

  it("filters by purpose and finds by either address, case aside, wildcards literally", async () => {
    expect(await idsOf({ purpose: "impersonation" })).toEqual([ids.impersonation]);
    expect((await list({})).rowCount).toBe(5);
    expect(await idsOf({ q: `EXPIRED.${tag}` })).toEqual([ids.expired]);
    expect((await idsOf({ q: `issuer.${tag}` })).length).toBe(5);
    expect(await idsOf({ q: `%.${tag}` })).toEqual([]);
    expect(await idsOf({ q: `_sed.${tag}` })).toEqual([]);
  });

  it("sorts by expiry either way and knows the total past the last page", async () => {
    const asc = (await list({ sort: "expiresAt.asc" })).rows.map((r) => r.id);
    expect([asc[0], asc.at(-1)]).toEqual([ids.expired, ids.unused]);
    const desc = (await list({ sort: "expiresAt.desc" })).rows.map((r) => r.id);
    expect([desc[0], desc.at(-1)]).toEqual([ids.unused, ids.expired]); // the links issued together tie, by id
    const past = await list({ perPage: "10", page: "3" });
    expect([past.rows, past.rowCount, past.pageCount]).toEqual([[], 5, 1]);
  });
});
