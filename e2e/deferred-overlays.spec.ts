/**
 * Menus, filters, the page-size select, dialogs and time tooltips are mounted on first use
 * (components/deferred.tsx). Whatever reaches them first opens them at once: a mouse that was already
 * resting on the button when the page came (no hover before the press), a touch (no hover at all), a hover.
 * The keyboard path (focus, then Enter) is in keyboard.spec.ts.
 */
import { devices } from "@playwright/test";
import { prisma } from "../lib/db";
import { expect, test, type Page } from "./support/test";
import { createOrganization, createUser, signIn, uniqueEmail } from "./support/fixtures";
import { createInvitations } from "../lib/invitations/create-invitations";
import { actingAs } from "../lib/actor";

test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.91.0.1" } });
test.afterAll(() => prisma.$disconnect());

/** Puts the mouse on `name`'s button and reloads: the page comes with the pointer already there. */
async function restOn(page: Page, name: string) {
  const box = (await page.getByRole("button", { name }).first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.reload({ waitUntil: "networkidle" }); // hydrated: before that no button on any page answers
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test("overlays open on the first press, with the pointer already resting on them and by touch", async ({ browser, checks }) => {
  const owner = await createUser();
  const org = await createOrganization(owner, `Deferred Co ${Date.now()}`);
  const invitee = uniqueEmail("deferred");
  await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email: invitee }] });

  const page = await browser.newPage({ extraHTTPHeaders: { "x-forwarded-for": "10.91.0.2" } });
  checks.watch(page);
  await signIn(page, owner.email);
  await page.goto("/invitations");

  // A dialog and a filter (open on click), the account menu and the page-size select (open on a press).
  let at = await restOn(page, "Invite people");
  await page.mouse.down();
  await page.mouse.up();
  await expect(page.getByRole("dialog", { name: "Invite people" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Invite people" })).toBeFocused(); // focus comes back to the trigger

  at = await restOn(page, `Account menu for ${owner.email}`);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");

  at = await restOn(page, "Status");
  await page.mouse.click(at.x, at.y);
  await expect(page.getByRole("group", { name: "Filter by Status" })).toBeVisible();
  await page.keyboard.press("Escape");

  const size = page.getByRole("combobox", { name: "Rows per page" });
  const box = (await size.boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + 10);
  await page.reload({ waitUntil: "networkidle" });
  await page.mouse.click(box.x + 10, box.y + 10);
  await expect(page.getByRole("option", { name: "50" })).toBeVisible();
  // Where a person can see it: next to its trigger, inside the window (it once opened below the window's edge).
  const list = (await page.getByRole("listbox").boundingBox())!;
  expect(list.y).toBeGreaterThanOrEqual(0);
  expect(list.y + list.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  expect(Math.abs(list.x - box.x)).toBeLessThan(box.width);
  await page.keyboard.press("Escape");

  // A hover shows a time's exact moment.
  await page.getByRole("table", { name: "Invitations" }).locator("time").first().hover();
  await expect(page.getByRole("tooltip")).toBeVisible();
  await page.close();

  // On a phone: a tap opens the menu sheet, a row's menu and the invite dialog.
  const phone = await browser.newContext({ ...devices["Pixel 7"], baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": "10.91.0.3" } });
  const touch = await phone.newPage();
  checks.watch(touch);
  await signIn(touch, owner.email);
  await touch.goto("/invitations");
  await touch.getByRole("button", { name: "Open menu" }).tap();
  await expect(touch.getByRole("dialog", { name: "Menu" })).toBeVisible();
  await touch.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: "Invitations" }).tap();
  await expect(touch.getByRole("dialog", { name: "Menu" })).toBeHidden();
  await touch.getByRole("button", { name: `Actions for ${invitee}` }).tap();
  await expect(touch.getByRole("menuitem", { name: "Revoke" })).toBeVisible();
  await touch.keyboard.press("Escape");
  await touch.getByRole("button", { name: "Invite people" }).tap();
  await expect(touch.getByRole("dialog", { name: "Invite people" })).toBeVisible();
  await checks.settle();
  await phone.close();
});

test("a hand-edited page past the end says so, and the last page brings the rows back", async ({ page }) => {
  const owner = await createUser();
  const org = await createOrganization(owner, `Pager Co ${Date.now()}`);
  const invitee = uniqueEmail("pager");
  await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email: invitee }] });
  await signIn(page, owner.email);
  await page.goto("/invitations?page=999&perPage=999999");
  const pager = page.getByRole("navigation", { name: "Pagination" });
  await expect(pager).toContainText("Past the last page: 1 in all");
  await expect(pager).toContainText("Page 999 of 1");
  await expect(pager.getByRole("combobox")).toHaveText("20"); // the size the server used, not the URL's
  await pager.getByRole("button", { name: "Last page" }).click();
  await expect(page.getByRole("table", { name: "Invitations" })).toContainText(invitee);
  await expect(pager).toContainText("1–1 of 1");
});
