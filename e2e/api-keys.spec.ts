/**
 * An organization owner creates an API key in the console, their backend uses it (invites over HTTP, lists the
 * invitations), the console shows the key as used and the audit log names it, and revoking it stops the API.
 */
import fs from "node:fs";
import { prisma } from "../lib/db";
import { expect, test } from "./support/test";
import { createOrganization, createUser, signIn, uniqueEmail } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());
// Its own client address: the journeys before it have used up the sign-in limit of the default one.
test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.85.0.1" } });

test("an owner creates an API key, uses it from a backend, sees it in the audit log and revokes it", async ({ page, request }) => {
  const owner = await createUser({ name: "Key Owner" });
  const org = await createOrganization(owner, `Keys Co ${Date.now()}`);
  await signIn(page, owner.email);
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByText("No API keys")).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  // Only scopes an owner holds are offered: no sign-in links.
  await expect(dialog.getByRole("checkbox", { name: "Issue sign-in links" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Name the key")).toBeVisible();
  await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();
  await dialog.getByLabel("Name").fill("CRM sync");
  await dialog.getByRole("checkbox", { name: "Invite people" }).check();
  await dialog.getByRole("checkbox", { name: "Read invitations" }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: "Copy your key now" });
  const key = await shown.getByLabel("API key").inputValue();
  expect(key).toMatch(/^admit_[A-Za-z]{64}$/);
  fs.mkdirSync("test-results/screens", { recursive: true });
  await page.screenshot({ path: "test-results/screens/api-key-created.png" });
  await shown.getByRole("button", { name: "Done" }).click();

  // The backend: invite over HTTP with the key, then read the list back.
  const invitee = uniqueEmail("from-api");
  const auth = { authorization: `Bearer ${key}` };
  const created = await request.post("/api/v1/invitations", { headers: { ...auth, "idempotency-key": "crm-1" }, data: { organizationId: org.id, invitees: [{ email: invitee }], send: false } });
  expect(created.status()).toBe(201);
  expect((await created.json()).outcomes[0]).toMatchObject({ email: invitee, status: "created" });
  const listed = await request.get(`/api/v1/invitations?q=${encodeURIComponent(invitee)}`, { headers: auth });
  expect((await listed.json()).data[0]).toMatchObject({ email: invitee, status: "pending" });
  const forbidden = await request.post("/api/v1/organizations/" + org.id + "/members", { headers: auth, data: { people: [{ email: uniqueEmail() }] } });
  expect(forbidden.status()).toBe(403);
  expect(forbidden.headers()["content-type"]).toBe("application/problem+json");

  await page.reload();
  const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: "CRM sync" });
  await expect(row).toContainText("active");
  await expect(row).toContainText("Invite people");
  // Last used: set by the requests above.
  await expect(row.getByRole("cell").nth(4).locator("time")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/api-keys.png", fullPage: true });

  await page.goto(`/audit?q=${encodeURIComponent(invitee)}`);
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("with API key “CRM sync”");

  await page.goto("/api-keys");
  await row.getByRole("button", { name: "Revoke key CRM sync" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("Key “CRM sync” revoked")).toBeVisible();
  await expect(row).toContainText("revoked");
  const refused = await request.get("/api/v1/invitations", { headers: auth });
  expect(refused.status()).toBe(401);
});
