/**
 * An admin gives an organization a seat limit; adding more people than seats are left adds those that fit and
 * says why the rest were not; the page shows every seat taken. Screenshots: seats-full-desktop.png.
 */
import fs from "node:fs";
import { prisma } from "../lib/db";
import { expect, test } from "./support/test";
import { createOrganization, createUser, signIn, uniqueEmail } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());
test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.88.0.1" } });

test("an admin limits an organization's seats; people past the limit are not added, with the reason", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  const owner = await createUser();
  const org = await createOrganization(owner, `Seated Co ${Date.now()}`);
  await signIn(page, admin.email);
  await page.goto(`/organizations/${org.id}`);
  await expect(page.getByText("1 seat taken")).toBeVisible();

  await page.getByRole("button", { name: "Seat limit" }).click();
  const limit = page.getByRole("dialog", { name: "Seat limit" });
  await limit.getByLabel("Seats").fill("-3");
  await limit.getByRole("button", { name: "Save" }).click();
  await expect(limit.getByText("Enter a whole number of seats")).toBeVisible();
  await limit.getByLabel("Seats").fill("2");
  await limit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Seat limit set to 2")).toBeVisible();
  await expect(page.getByText("1 of 2 seats taken")).toBeVisible();

  const [fits, past] = [uniqueEmail("fits"), uniqueEmail("past")];
  await page.getByRole("button", { name: "Add people" }).click();
  const dialog = page.getByRole("dialog", { name: "Add people" });
  await dialog.getByLabel("Email addresses").fill(`${fits}\n${past}`);
  await dialog.getByRole("button", { name: "Add people" }).click();
  const outcomes = page.getByRole("dialog", { name: "People added" }).getByRole("list", { name: "Outcome per person" });
  await expect(outcomes).toContainText(fits);
  await expect(outcomes.getByRole("listitem").filter({ hasText: past })).toContainText("no seat left");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("2 of 2 seats taken")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Every seat is taken" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "2 of 2 seats taken" })).toBeVisible();
  fs.mkdirSync("test-results/screens", { recursive: true });
  await page.screenshot({ path: "test-results/screens/seats-full-desktop.png", fullPage: true });
  expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: "organization.seats_changed" } })).toBe(1);

  // A member's role, from the list: the list opens next to its select, inside the window.
  const role = page.getByRole("combobox", { name: `Role of ${fits}` });
  await expect(role).toHaveText("member");
  const at = (await role.boundingBox())!;
  await role.click();
  const list = page.getByRole("listbox");
  await expect(list).toBeVisible();
  const box = (await list.boundingBox())!;
  expect(Math.abs(box.x - at.x)).toBeLessThan(at.width);
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  await list.getByRole("option", { name: "admin" }).click();
  await expect(page.getByText(`${fits} is now an admin`)).toBeVisible();
  await expect(page.getByRole("combobox", { name: `Role of ${fits}` })).toHaveText("admin");
  const member = await prisma.member.findFirstOrThrow({ where: { organizationId: org.id, user: { email: fits } } });
  expect(member.role).toBe("admin");
  expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: "member.role_changed" } })).toBe(1);
});
