/**
 * The campaigns pages' reads (lib/campaigns/queries.ts, one SQL statement each): the campaigns table with each
 * campaign's organization and progress, its filters, sort and the reader's scope; one campaign's page with its
 * recipients per status and per delivery status; and the recipients table with its filters and total.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getCampaign, listCampaigns, listRecipients } from "@/lib/campaigns/queries";
import { prisma } from "@/lib/db";
import { actorOf, createOrganization, createUser } from "@/tests/support/factories";

const tag = randomUUID().slice(0, 8);
let admin: { id: string };
let ownerA: { id: string; email: string };
let ownerB: { id: string };
const ids: Record<string, string> = {};

async function campaign(name: string, organizationId: string, status: string, minutesAgo: number, recipients: [string, string | null][] = []) {
  const id = randomUUID();
  await prisma.campaign.create({
    data: {
      id,
      organizationId,
      kind: "invitation",
      status,
      name: `${name} ${tag}`,
      subject: "Hi",
      message: "Hello",
      expiresIn: 86_400,
      createdById: ownerA.id,
      createdByEmail: ownerA.email,
      total: recipients.length,
      createdAt: new Date(Date.now() - minutesAgo * 60_000),
    },
  });
  await prisma.campaignRecipient.createMany({
    data: recipients.map(([status, deliveryStatus], row) => ({ id: randomUUID(), campaignId: id, row, email: `r${row}-${tag}@example.test`, status, deliveryStatus })),
  });
  return (ids[name] = id);
}

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  ownerA = await createUser();
  ownerB = await createUser();
  const a = await createOrganization(ownerA, `Acme ${tag}`);
  const b = await createOrganization(ownerB, `Beta ${tag}`);
  await campaign("Spring", a.id, "sending", 30, [["sent", "delivered"], ["sent", "bounced"], ["failed", null], ["pending", null], ["skipped", null]]);
  await campaign("Summer", a.id, "queued", 20, [["pending", null], ["pending", null]]);
  await campaign("Autumn", b.id, "completed", 10, [["sent", "delivered"]]);
  await campaign("Orphan", randomUUID(), "canceled", 5);
});

const list = async (actor: { id: string }, params: Record<string, string> = {}) => listCampaigns(await actorOf(actor), { q: tag, ...params });
const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name.split(" ")[0]);

describe("listCampaigns", () => {
  it("shows each campaign's organization, size and recipients done, newest first", async () => {
    const page = await list(admin);
    expect(page.rows.map((r) => [r.name.split(" ")[0], r.organization, r.status, r.total, r.done])).toEqual([
      ["Orphan", "deleted", "canceled", 0, 0],
      ["Autumn", `Beta ${tag}`, "completed", 1, 1],
      ["Summer", `Acme ${tag}`, "queued", 2, 0],
      ["Spring", `Acme ${tag}`, "sending", 5, 4],
    ]);
    expect(page.rows[3]).toMatchObject({ id: ids.Spring, kind: "invitation", createdByEmail: ownerA.email, createdAt: expect.stringMatching(/Z$/) });
    expect(page.rowCount).toBe(4);
    expect(names(await list(admin, { sort: "createdAt.asc" }))).toEqual(["Spring", "Summer", "Autumn", "Orphan"]);
  });

  it("filters by status and takes the search's wildcards literally", async () => {
    expect(names(await list(admin, { status: "queued,completed" }))).toEqual(["Autumn", "Summer"]);
    expect(names(await list(admin, { status: "bogus" }))).toEqual(["Orphan", "Autumn", "Summer", "Spring"]);
    expect((await listCampaigns(await actorOf(admin), { q: `%${tag}` })).rows).toEqual([]);
    expect(names(await listCampaigns(await actorOf(admin), { q: `SPRING ${tag}` }))).toEqual(["Spring"]);
  });

  it("shows an owner only their organizations' campaigns", async () => {
    expect(names(await list(ownerB))).toEqual(["Autumn"]);
    expect(names(await list(ownerA))).toEqual(["Summer", "Spring"]);
  });

  it("knows the total past the last page", async () => {
    const page = await list(admin, { perPage: "10", page: "3" });
    expect([page.rows, page.rowCount, page.pageCount]).toEqual([[], 4, 1]);
  });
});

describe("getCampaign", () => {
  it("counts recipients per status and per delivery status", async () => {
    const c = await getCampaign(await actorOf(ownerA), ids.Spring);
    expect(c).toMatchObject({ id: ids.Spring, organization: `Acme ${tag}`, status: "sending", total: 5, done: 4, role: "member", startedAt: null, finishedAt: null });
    expect(c.counts).toEqual({ sent: 2, failed: 1, pending: 1, skipped: 1 });
    expect(c.delivery).toEqual({ delivered: 1, bounced: 1 });
    expect(c.createdAt).toMatch(/Z$/);
    const empty = await getCampaign(await actorOf(admin), ids.Orphan);
    expect([empty.organization, empty.counts, empty.delivery, empty.done]).toEqual(["deleted", {}, {}, 0]);
  });

  it("says not found for an unknown id and refuses another organization's owner", async () => {
    await expect(getCampaign(await actorOf(admin), randomUUID())).rejects.toMatchObject({ status: 404 });
    await expect(getCampaign(await actorOf(ownerB), ids.Spring)).rejects.toMatchObject({ status: 403 });
  });
});

describe("listRecipients", () => {
  const recipients = async (params: Record<string, string> = {}) => listRecipients(await actorOf(ownerA), ids.Spring, params);

  it("filters by status, stage and email, sorts, and knows the total past the last page", async () => {
    const all = await recipients();
    expect(all.rows.map((r) => [r.row, r.status, r.deliveryStatus])).toEqual([
      [0, "sent", "delivered"],
      [1, "sent", "bounced"],
      [2, "failed", null],
      [3, "pending", null],
      [4, "skipped", null],
    ]);
    expect(all.rows[0]).toEqual({ id: expect.any(String), row: 0, email: `r0-${tag}@example.test`, name: null, status: "sent", deliveryStatus: "delivered", error: null, sentAt: null });
    expect((await recipients({ status: "sent,failed" })).rows.map((r) => r.row)).toEqual([0, 1, 2]);
    expect((await recipients({ stage: "bounced" })).rows.map((r) => r.row)).toEqual([1]);
    expect((await recipients({ stage: "delivered", status: "failed" })).rowCount).toBe(0);
    expect((await recipients({ q: `R3-${tag.toUpperCase()}` })).rows.map((r) => r.row)).toEqual([3]);
    expect((await recipients({ q: "r_-" })).rows).toEqual([]);
    expect((await recipients({ sort: "email.desc" })).rows.map((r) => r.row)).toEqual([4, 3, 2, 1, 0]);
    const past = await recipients({ perPage: "10", page: "2" });
    expect([past.rows, past.rowCount]).toEqual([[], 5]);
  });

  it("says not found for an unknown campaign and refuses another organization's owner", async () => {
    await expect(listRecipients(await actorOf(admin), randomUUID(), {})).rejects.toMatchObject({ status: 404 });
    await expect(listRecipients(await actorOf(ownerB), ids.Spring, {})).rejects.toMatchObject({ status: 403 });
  });
});
