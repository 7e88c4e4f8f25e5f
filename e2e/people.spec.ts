/**
 * Support staff open a person from the users table and see who they are: role and ban, organizations and
 * teams, open sessions, invitations for their address, sign-in links issued for them, and their activity.
 */
import fs from "node:fs";
import { actingAs } from "../lib/actor";
import { prisma } from "../lib/db";
import { createInvitations } from "../lib/invitations/create-invitations";
import { expect, test } from "./support/test";
import { addMember, createOrganization, createUser, signIn } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());
test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.86.0.1" } });

test("support opens a person's page from the users table", async ({ page, browser }) => {
  const support = await createUser({ role: "support" });
  const person = await createUser({ name: "Pia Person" });
  const owner = await createUser();
  const org = await createOrganization(owner, `People Co ${Date.now()}`);
  const other = await createOrganization(owner, `Other Co ${Date.now()}`);
  await addMember(org.id, person, "admin");
  await createInvitations(await actingAs(owner.id), { organizationId: other.id, invitees: [{ email: person.email }], send: false });
  // The person signs in once, elsewhere: an open session.
  const theirs = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": "10.86.0.2" } });
  await signIn(await theirs.newPage(), person.email);
  await theirs.close();

  await signIn(page, support.email);
  await page.goto(`/users?q=${encodeURIComponent(person.email)}`);
  await page.getByRole("link", { name: "Pia Person" }).click();
  await expect(page.getByRole("heading", { name: "Pia Person", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "Organizations" })).toContainText(org.name);
  await expect(page.getByRole("table", { name: "Organizations" })).toContainText("admin");
  await expect(page.getByRole("table", { name: "Open sessions" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("table", { name: "Open sessions" })).toContainText("10.86.0.2");
  await expect(page.getByRole("table", { name: "Invitations" })).toContainText(other.name);
  await expect(page.getByRole("table", { name: "Activity" })).toContainText("invitation.created");
  await expect(page.getByText("No sign-in link was issued for this person.")).toBeVisible();
  fs.mkdirSync("test-results/screens", { recursive: true });
  await page.screenshot({ path: "test-results/screens/person.png", fullPage: true });
});

test("an admin bans a person from their page (their open session ends at once), then lifts the ban", async ({ page, browser }) => {
  const admin = await createUser({ role: "admin" });
  const person = await createUser({ name: "Ben Banned" });
  const theirs = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": "10.86.0.3" } });
  const theirPage = await theirs.newPage();
  await signIn(theirPage, person.email);

  await signIn(page, admin.email);
  await page.goto(`/users/${person.id}`);
  await expect(page.getByRole("table", { name: "Open sessions" }).getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: "Ban" }).click();
  const dialog = page.getByRole("dialog", { name: `Ban ${person.email}?` });
  await dialog.getByRole("button", { name: "Ban" }).click();
  await expect(page.getByText("Say why")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Ticket 99: spam invitations");
  await dialog.getByLabel("For").click();
  await page.getByRole("option", { name: "7 days" }).click();
  await dialog.getByRole("button", { name: "Ban" }).click();
  await expect(page.getByText("banned: Ticket 99: spam invitations")).toBeVisible();
  await expect(page.getByText("No open session.")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/person-banned.png", fullPage: true });
  // Their page, reloaded: signed out.
  await theirPage.goto("/welcome");
  await expect(theirPage).toHaveURL(/\/sign-in/);
  await theirs.close();

  await page.getByRole("button", { name: "Unban" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Unban" }).click();
  await expect(page.getByText("active", { exact: true })).toBeVisible();
  await page.goto(`/audit?q=${encodeURIComponent(person.email)}`);
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("user.banned");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("user.unbanned");
});

test("an admin bans two people at once from the users table, and lifts it", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  const tag = `bulk${Date.now()}`;
  const first = await createUser({ name: `${tag} One` });
  const second = await createUser({ name: `${tag} Two` });
  await signIn(page, admin.email);
  await page.goto(`/users?q=${tag}`);
  const table = page.getByRole("table", { name: "Users" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("button", { name: "Ban 2" }).click();
  const dialog = page.getByRole("dialog", { name: "Ban 2 people?" });
  await dialog.getByLabel("Reason").fill("Ticket 7: a spam ring");
  await dialog.getByRole("button", { name: "Ban 2" }).click();
  await expect(page.getByText("2 people banned")).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: first.email })).toContainText("Banned");
  await expect(table.getByRole("row").filter({ hasText: second.email })).toContainText("Banned");
  await page.screenshot({ path: "test-results/screens/users-bulk-banned.png", fullPage: true });
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("button", { name: "Unban 2" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Unban 2" }).click();
  await expect(page.getByText("2 people unbanned")).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: first.email })).toContainText("Active");
});

test("an admin finds the people who never signed in", async ({ page, checks }) => {
  checks.allow(/404/, "unknown people and webhook endpoints answer 404 on purpose");
  const admin = await createUser({ role: "admin" });
  const tag = `nsi${Date.now()}`;
  const never = await createUser({ name: `${tag} Never` });
  await signIn(page, admin.email);
  await page.goto(`/users?q=${tag}`);
  const table = page.getByRole("table", { name: "Users" });
  await expect(table.getByRole("row").filter({ hasText: never.email })).toContainText("Never signed in");
  await page.getByRole("button", { name: "Sign-in", exact: true }).click();
  await page.getByRole("menuitemcheckbox", { name: /Signed in/ }).click();
  await expect(page).toHaveURL(/signIn=ever/);
  await expect(table.getByRole("row").filter({ hasText: never.email })).toHaveCount(0);
  await page.goto(`/users?q=${tag}&signIn=never`);
  await table.getByRole("link", { name: `${tag} Never` }).click();
  await expect(page.getByTestId("sign-ins")).toContainText("never signed in");
  // Unknown ids: a real 404, decided before the page streams (not a 200 with "not found" inside).
  expect((await page.goto("/users/no-such-person"))?.status()).toBe(404);
  expect((await page.goto("/webhooks/no-such-endpoint"))?.status()).toBe(404);
});
