/**
 * The organizations page's read (lib/organizations/queries.ts#listOrganizations, one SQL statement): each
 * organization's member, team and open-invitation counts, the sorts, the search with its wildcards taken
 * literally, the reader's scope, and the total past the last page. And one organization's page
 * (getOrganization, one statement): its teams, members and latest invitations as the page shows them.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getOrganization, listOrganizations } from "@/lib/organizations/queries";
import { actorOf, addMember, createOrganization, createUser } from "@/tests/support/factories";

const DAY = 86_400_000;

describe("listOrganizations", () => {
  const tag = randomUUID().slice(0, 8);
  let admin: { id: string };
  let ownerB: { id: string };
  let a: { id: string };
  let b: { id: string };
  let c: { id: string };
  beforeAll(async () => {
    admin = await createUser({ role: "admin" });
    const ownerA = await createUser();
    ownerB = await createUser();
    a = await createOrganization(ownerA, `Alpha ${tag}`);
    b = await createOrganization(ownerB, `Bravo ${tag}`);
    c = await createOrganization(ownerA, `Charlie ${tag}`);
    for (const role of ["member", "admin"] as const) await addMember(a.id, await createUser(), role);
    await addMember(b.id, await createUser(), "member");
    await prisma.team.create({ data: { id: randomUUID(), name: "Blue", organizationId: a.id, createdAt: new Date(), memberCount: 0 } });
    const invite = (organizationId: string, status: string, expiresIn: number) => ({
      id: randomUUID(),
      organizationId,
      email: `${randomUUID().slice(0, 6)}@example.test`,
      role: "member",
      status,
      expiresAt: new Date(Date.now() + expiresIn),
      inviterId: ownerA.id,
    });
    // Open: pending and not past its expiry. Expired, accepted and canceled ones are not counted.
    await prisma.invitation.createMany({ data: [invite(a.id, "pending", DAY), invite(a.id, "pending", 2 * DAY), invite(a.id, "pending", -DAY), invite(a.id, "accepted", DAY), invite(c.id, "canceled", DAY)] });
  });

  const list = async (actor: { id: string }, params: Record<string, string>) => listOrganizations(await actorOf(actor), { q: tag, ...params });

  it("counts each organization's members, teams and open invitations", async () => {
    const page = await list(admin, {});
    const teams = async (id: string) => prisma.team.count({ where: { organizationId: id } });
    expect(page.rows.map((o) => [o.name, o.members, o.teams, o.pendingInvitations])).toEqual([
      [`Alpha ${tag}`, 3, await teams(a.id), 2],
      [`Bravo ${tag}`, 2, await teams(b.id), 0],
      [`Charlie ${tag}`, 1, await teams(c.id), 0],
    ]);
    expect(page.rows[0]).toMatchObject({ id: a.id, slug: expect.stringContaining("alpha"), createdAt: expect.stringMatching(/Z$/) });
    expect([page.rowCount, page.pageCount]).toEqual([3, 1]);
  });

  it("sorts by members and by name either way, ties by id", async () => {
    const names = async (sort: string) => (await list(admin, { sort })).rows.map((o) => o.name.split(" ")[0]);
    expect(await names("members.asc")).toEqual(["Charlie", "Bravo", "Alpha"]);
    expect(await names("members.desc")).toEqual(["Alpha", "Bravo", "Charlie"]);
    expect(await names("name.desc")).toEqual(["Charlie", "Bravo", "Alpha"]);
  });

  it("takes the search's wildcards literally and finds by slug", async () => {
    expect((await listOrganizations(await actorOf(admin), { q: `%${tag}` })).rows).toEqual([]);
    expect((await listOrganizations(await actorOf(admin), { q: `_lpha ${tag}` })).rows).toEqual([]);
    expect((await listOrganizations(await actorOf(admin), { q: `bravo-${tag}` })).rows.map((o) => o.id)).toEqual([b.id]);
    // A NUL character (which PostgreSQL's text cannot hold) is dropped from the search, not sent to fail.
    expect((await listOrganizations(await actorOf(admin), { q: `bravo\0-${tag}`, org: "\0" })).rows.map((o) => o.id)).toEqual([b.id]);
  });

  it("shows an owner only their organizations", async () => {
    expect((await list(ownerB, {})).rows.map((o) => o.id)).toEqual([b.id]);
  });

  it("knows the total past the last page", async () => {
    const page = await list(admin, { perPage: "10", page: "2" });
    expect([page.rows, page.rowCount, page.pageCount]).toEqual([[], 3, 1]);
  });
});

describe("getOrganization", () => {
  it("reads teams by name, members oldest first, invitations newest first with their status, team and inviter", async () => {
    const admin = await createUser({ role: "admin" });
    const owner = await createUser({ name: "Olga Owner" });
    const org = await createOrganization(owner, `Detail ${randomUUID().slice(0, 8)}`);
    const later = await createUser({ name: "Lars Later" });
    await addMember(org.id, later, "admin");
    const zed = await prisma.team.create({ data: { id: randomUUID(), name: "Zed", organizationId: org.id, createdAt: new Date(), memberCount: 0 } });
    await prisma.team.create({ data: { id: randomUUID(), name: "Aardvark", organizationId: org.id, createdAt: new Date(), memberCount: 0 } });
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const base = { organizationId: org.id, role: "member", inviterId: owner.id };
    const created = at(30);
    await prisma.invitation.createMany({
      data: [
        { ...base, id: randomUUID(), email: "old@example.test", status: "pending", expiresAt: at(1), createdAt: created },
        { ...base, id: randomUUID(), email: "new@example.test", status: "pending", expiresAt: at(-60), createdAt: at(1), teamId: zed.id, role: null },
      ],
    });
    await expect(getOrganization(await actorOf(admin), randomUUID())).rejects.toMatchObject({ status: 404 });
    const page = await getOrganization(await actorOf(admin), org.id);
    const teams = page.teams.map((t) => t.name);
    expect(teams.indexOf("Aardvark")).toBeLessThan(teams.indexOf("Zed"));
    expect(page.members.map((m) => [m.user.name, m.role])).toEqual([["Olga Owner", "owner"], ["Lars Later", "admin"]]);
    expect(page.members[0]).toMatchObject({ user: { id: owner.id, email: owner.email }, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*\.\d{3}Z$/) });
    expect(page.invitations.map((i) => [i.email, i.status, i.role, i.teamName, i.inviterEmail])).toEqual([
      ["new@example.test", "pending", "member", "Zed", owner.email],
      ["old@example.test", "expired", "member", null, owner.email],
    ]);
    expect(page.invitations[1].createdAt).toBe(created.toISOString()); // to the millisecond
    expect(page.createdAt).toMatch(/Z$/);
  });
});
