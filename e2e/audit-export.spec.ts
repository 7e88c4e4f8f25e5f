/**
 * An admin filters the audit log and downloads it as CSV and as NDJSON, with the same filter; an admin checks
 * the log's integrity, sees an alteration found where it was made, and the chain intact again once undone.
 */
import fs from "node:fs";
import { actingAs } from "../lib/actor";
import { prisma } from "../lib/db";
import { createInvitations } from "../lib/invitations/create-invitations";
import { expect, test } from "./support/test";
import { createOrganization, createUser, signIn, uniqueEmail } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());
test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.87.0.1" } });

test("an admin exports the filtered audit log as CSV and NDJSON", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  const owner = await createUser();
  const org = await createOrganization(owner, `Export Co ${Date.now()}`);
  const invitee = uniqueEmail("exported");
  await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email: invitee }], send: false });
  await signIn(page, admin.email);
  await page.goto(`/audit?q=${encodeURIComponent(invitee)}`);
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText(invitee);

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs.readFileSync((await csv.path())!, "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toContain("createdAt,action,actorId");
  expect(lines.slice(1)).toHaveLength(1);
  expect(lines[1]).toContain("invitation.created");
  expect(lines[1]).toContain(invitee);

  const [ndjson] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export NDJSON" }).click()]);
  const events = fs.readFileSync((await ndjson.path())!, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { targetLabel: string; organizationId: string });
  expect(events).toEqual([expect.objectContaining({ targetLabel: invitee, organizationId: org.id })]);
  expect(Object.keys(events[0])).toEqual(expect.arrayContaining(["chain", "seq", "prevHash", "hash"]));
});

test("an admin verifies the audit log and sees where it was altered", async ({ page, browser, checks }) => {
  const admin = await createUser({ role: "admin" });
  const owner = await createUser();
  const org = await createOrganization(owner, `Chained Co ${Date.now()}`);
  await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email: uniqueEmail("chained") }], send: false });
  await signIn(page, admin.email);
  await page.goto("/audit");
  await page.getByRole("link", { name: "Verify integrity" }).click();
  await expect(page.getByRole("heading", { name: "Audit log integrity" })).toBeVisible();
  const row = page.getByRole("table", { name: "Audit chains" }).getByRole("row").filter({ hasText: org.name });
  // The running worker seals new events within about a second.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Intact", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  const chain = `org:${org.id}`;
  const [first] = await prisma.$queryRaw<{ targetLabel: string | null }[]>`SELECT "targetLabel" FROM "admit"."audit_event" WHERE chain = ${chain} AND seq = 1`;
  await prisma.$executeRaw`UPDATE "admit"."audit_event" SET "targetLabel" = 'quietly edited' WHERE chain = ${chain} AND seq = 1`;
  try {
    await page.reload();
    await expect(page.getByRole("alert").filter({ hasText: "The audit log was altered." })).toBeVisible();
    await expect(row).toContainText("Altered at event 1");
    await expect(row).toContainText("was changed after it was recorded");
    await page.screenshot({ path: "test-results/screens/audit-integrity-altered-desktop.png", fullPage: true });
  } finally {
    await prisma.$executeRaw`UPDATE "admit"."audit_event" SET "targetLabel" = ${first.targetLabel} WHERE chain = ${chain} AND seq = 1`;
  }
  await page.reload();
  await expect(row).toContainText("Intact");

  // Support reads the log but does not verify it: a real 403, decided before the page streams.
  checks.allow(/403.*\/audit\/integrity|\/audit\/integrity.*403/, "support opens the integrity page on purpose");
  const support = await createUser({ role: "support" });
  const theirs = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": "10.87.0.2" } });
  const supportPage = await theirs.newPage();
  await signIn(supportPage, support.email);
  expect((await supportPage.goto("/audit/integrity"))?.status()).toBe(403);
  expect((await supportPage.goto("/audit"))?.status()).toBe(200);
  await theirs.close();
});
