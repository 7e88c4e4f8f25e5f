/**
 * The invitations page's reads (lib/invitations/queries.ts, plain SQL): each filter, the scope, paging from
 * both ends, the search's wildcards taken literally, the facets, and the invitable organizations.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { listInvitableOrganizations, listInvitations } from "@/lib/invitations/queries";
import { actorOf, createOrganization, createUser } from "@/tests/support/factories";

const DAY = 86_400_000;

describe("listInvitations", () => {
  const tag = randomUUID().slice(0, 8);
  let owner: { id: string };
  let other: { id: string };
  let org: { id: string };
  let otherOrg: { id: string };
  beforeAll(async () => {
    owner = await createUser();
    other = await createUser();
    org = await createOrganization(owner, `List ${tag}`);
    otherOrg = await createOrganization(other, `Other ${tag}`);
    const team = await prisma.team.create({ data: { id: randomUUID(), name: "Blue", organizationId: org.id, createdAt: new Date(), memberCount: 0 } });
    const row = (email: string, extra: Record<string, unknown> = {}) => ({
      id: randomUUID(), organizationId: org.id, email, role: "member", status: "pending", expiresAt: new Date(Date.now() + 3 * DAY), createdAt: new Date(), inviterId: owner.id, ...extra,
    });
    await prisma.invitation.createMany({
      data: [
        row(`pending.${tag}@example.test`, { createdAt: new Date(Date.now() - 1000) }),
        row(`expired.${tag}@example.test`, { expiresAt: new Date(Date.now() - DAY), createdAt: new Date(Date.now() - 2000) }),
        row(`accepted.${tag}@example.test`, { status: "accepted", createdAt: new Date(Date.now() - 3000) }),
        row(`admin.${tag}@example.test`, { role: "admin", teamId: team.id, createdAt: new Date(Date.now() - 4000) }),
        row(`soon.${tag}@example.test`, { expiresAt: new Date(Date.now() + 3600_000), createdAt: new Date(Date.now() - 5000) }),
        row(`per%cent_${tag}@example.test`, { createdAt: new Date(Date.now() - 6000) }),
        row(`other.${tag}@example.test`, { organizationId: otherOrg.id, inviterId: other.id }),
        ...Array.from({ length: 1045 }, (_, i) => row(`bulk${String(i).padStart(4, "0")}.${tag}@example.test`, { createdAt: new Date(Date.now() - 10_000 - i * 1000) })),
      ],
    });
  });

  const emails = (page: Awaited<ReturnType<typeof listInvitations>>) => page.rows.map((r) => r.email.replace(`.${tag}`, "").replace(`_${tag}`, ""));

  it("filters by status (expired is computed), role, inviter, expiry window and search; stays in the owner's scope", async () => {
    const actor = await actorOf(owner);
    const base = { org: org.id, perPage: "50" };
    expect(emails(await listInvitations(actor, { ...base, status: "expired" }))).toEqual(["expired@example.test"]);
    expect(emails(await listInvitations(actor, { ...base, status: "accepted,expired" }))).toEqual(["expired@example.test", "accepted@example.test"]);
    const admins = await listInvitations(actor, { ...base, role: "admin" });
    expect(emails(admins)).toEqual(["admin@example.test"]);
    expect(admins.rows[0].team).toBe("Blue");
    expect(emails(await listInvitations(actor, { ...base, expiring: "24h" }))).toEqual(["soon@example.test"]);
    expect(emails(await listInvitations(actor, { ...base, q: "PENDING." }))).toEqual(["pending@example.test"]);
    // LIKE's wildcards are literal in a search: "%" and "_" match only themselves.
    expect(emails(await listInvitations(actor, { q: `per%cent_${tag}` }))).toEqual(["per%cent@example.test"]);
    expect((await listInvitations(actor, { q: `per_cent` })).rows).toEqual([]);
    expect((await listInvitations(actor, { q: "%" })).rows.every((r) => r.email.includes("%"))).toBe(true);
    // Another organization's rows never show, whatever the filter asks for.
    expect((await listInvitations(actor, { org: otherOrg.id })).rowCount).toBe(0);
    expect((await listInvitations(actor, { q: `other.${tag}` })).rows).toEqual([]);
    expect((await listInvitations(actor, { inviter: other.id })).rowCount).toBe(0);
  });

  it("pages from either end with the same rows and one count; facets name the inviter with a count", async () => {
    const actor = await actorOf(owner);
    const all = await listInvitations(actor, { org: org.id, perPage: "100" });
    expect(all.rowCount).toBe(1051);
    const pages = await Promise.all([1, 2, 3].map((page) => listInvitations(actor, { org: org.id, perPage: "20", page: String(page) })));
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(all.rows.slice(0, 60).map((r) => r.id));
    expect(pages.every((p) => p.rowCount === 1051 && p.pageCount === 53)).toBe(true);
    // Past the end: no rows, the count still right.
    const beyond = await listInvitations(actor, { org: org.id, perPage: "20", page: "99" });
    expect(beyond.rows).toEqual([]);
    expect(beyond.rowCount).toBe(1051);
    // The last page by email ascending is read from the other end (count first): the same rows, in order.
    const last = await listInvitations(actor, { org: org.id, perPage: "20", page: "53", sort: "email.asc" });
    const firstDescending = await listInvitations(actor, { org: org.id, perPage: "20", sort: "email.desc" });
    expect(last.rows.map((r) => r.email)).toEqual(firstDescending.rows.slice(0, 11).map((r) => r.email).reverse());
    expect(last.rowCount).toBe(1051);
    expect(all.organizations).toEqual([{ value: org.id, label: `List ${tag}` }]);
    expect(all.inviters).toEqual([expect.objectContaining({ value: owner.id, count: 1051 })]);
    expect(all.rows[0]).not.toHaveProperty("inviterId");
  });

  it("a large total is counted once and kept a few seconds (the rows are read fresh); a small one is counted with its rows every time", async () => {
    const bigOwner = await createUser();
    const big = await createOrganization(bigOwner, `Big ${tag}`);
    const actor = await actorOf(bigOwner);
    const add = (organizationId: string, n: number, prefix: string, minutesAhead = 0) => prisma.$executeRaw`
      INSERT INTO "invitation" (id, "organizationId", email, role, status, "expiresAt", "createdAt", "inviterId")
      SELECT gen_random_uuid()::text, ${organizationId}, ${prefix} || g || '.' || ${tag} || '@example.test', 'member', 'pending',
             now() + interval '3 days', now() + ${minutesAhead}::int * interval '1 minute' - g * interval '1 second', ${bigOwner.id}
      FROM generate_series(1, ${n}::int) g`;
    try {
      await add(big.id, 10_000, "big");
      expect((await listInvitations(actor, { org: big.id })).rowCount).toBe(10_000);
      await add(big.id, 1, "newest", 1);
      const again = await listInvitations(actor, { org: big.id });
      expect(again.rowCount).toBe(10_000);
      expect(again.rows[0].email).toBe(`newest1.${tag}@example.test`);
      // Other filters are another total, counted.
      expect((await listInvitations(actor, { org: big.id, q: "newest" })).rowCount).toBe(1);
      expect((await listInvitations(actor, { org: big.id, sort: "email.asc", perPage: "50" })).rowCount).toBe(10_000);
      // Under 10,000 rows the count is always the rows' own.
      const admin = await actorOf(await createUser({ role: "admin" }));
      const small = await listInvitations(admin, { org: org.id });
      await add(org.id, 1, "extra", 1);
      expect((await listInvitations(admin, { org: org.id })).rowCount).toBe(small.rowCount + 1);
    } finally {
      await prisma.invitation.deleteMany({ where: { OR: [{ organizationId: big.id }, { email: `extra1.${tag}@example.test` }] } });
    }
  });

  it("invitable organizations carry their teams; a plain member gets none", async () => {
    const orgs = await listInvitableOrganizations(await actorOf(owner));
    expect(orgs).toEqual([{ id: org.id, name: `List ${tag}`, teams: [{ id: expect.any(String), name: "Blue" }, { id: expect.any(String), name: `List ${tag}` }] }]); // and its default team
    const member = await createUser();
    await prisma.member.create({ data: { id: randomUUID(), organizationId: org.id, userId: member.id, role: "member", createdAt: new Date() } });
    expect(await listInvitableOrganizations(await actorOf(member))).toEqual([]);
  });
});
