/**
 * Every page at desktop (1280 × 800) and phone (390 × 844) size, signed in as a platform admin: a screenshot
 * of each (test-results/screens/<page>-<size>.png: look at them), nothing wider than the screen on a phone
 * (tables scroll inside their frame, the first column stays), the sidebar a menu sheet on a phone that opens,
 * closes on Esc and gives focus back. The page checks (accessibility in both themes, console, failed
 * requests, layout shift) run on each visit (e2e/support/test.ts).
 */
import fs from "node:fs";
import { createCampaign } from "../lib/campaigns/create-campaign";
import { createInvitations } from "../lib/invitations/create-invitations";
import { prisma } from "../lib/db";
import { stopBoss } from "../lib/jobs/queue";
import { expect, test, type Page } from "./support/test";
import { createOrganization, createUser, signIn } from "./support/fixtures";
import { actorOf } from "../tests/support/factories";

test.afterAll(async () => {
  await stopBoss();
  await prisma.$disconnect();
});

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

async function shoot(page: Page, name: string, size: keyof typeof SIZES) {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  fs.mkdirSync("test-results/screens", { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}-${size}.png`, fullPage: true });
  if (size === "phone") {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}: the page is wider than the phone's screen`).toBeLessThanOrEqual(0);
  }
}

/**
 * A dialog on a phone: inside the screen's width, within its height or scrolling inside itself, its title
 * and its last button reachable; a screenshot of each (dialog-<name>-phone.png).
 */
async function expectDialogFits(page: Page, name: string, dialog: ReturnType<Page["getByRole"]>) {
  await expect(dialog).toBeVisible();
  await page.waitForTimeout(300); // the open animation
  const box = (await dialog.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x, `${name}: starts off the screen`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name}: wider than the screen`).toBeLessThanOrEqual(viewport.width);
  const scrolls = await dialog.evaluate((el) => el.scrollHeight > el.clientHeight && ["auto", "scroll"].includes(getComputedStyle(el).overflowY));
  if (!scrolls) expect(box.y + box.height, `${name}: taller than the screen and does not scroll`).toBeLessThanOrEqual(viewport.height);
  const buttons = dialog.getByRole("button");
  await buttons.last().scrollIntoViewIfNeeded();
  await expect(buttons.last()).toBeInViewport();
  await page.screenshot({ path: `test-results/screens/dialog-${name}-phone.png` });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
}

async function dialogsFit(page: Page, orgId: string, invitee: string) {
  await page.goto("/invitations");
  await page.getByRole("button", { name: "Invite people" }).click();
  // The form reads its organizations when it opens: shown once they are there.
  await expect(page.getByRole("dialog", { name: "Invite people" }).getByLabel("Organization")).toBeEnabled();
  await expectDialogFits(page, "invite", page.getByRole("dialog", { name: "Invite people" }));
  const row = page.getByRole("table", { name: "Invitations" }).getByRole("row").filter({ hasText: invitee });
  await row.getByRole("button", { name: invitee, exact: true }).click();
  await expectDialogFits(page, "invitation", page.getByRole("dialog"));
  await row.getByRole("button", { name: `Actions for ${invitee}` }).click();
  await page.getByRole("menuitem", { name: "Revoke" }).click();
  await expectDialogFits(page, "confirm-revoke", page.getByRole("alertdialog"));
  await page.keyboard.press("?");
  await expectDialogFits(page, "shortcuts", page.getByRole("dialog", { name: "Keyboard shortcuts" }));
  await page.goto(`/organizations/${orgId}`);
  await page.getByRole("button", { name: "Add people" }).click();
  await expectDialogFits(page, "add-members", page.getByRole("dialog"));
  await page.goto("/sign-in-links");
  await page.getByRole("button", { name: "Issue links" }).click();
  await expectDialogFits(page, "issue-links", page.getByRole("dialog"));
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create key" }).click();
  await expectDialogFits(page, "create-api-key", page.getByRole("dialog"));
}

test("every console page, on a desktop and on a phone", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await createUser({ role: "admin", name: "Screen Admin" });
  const owner = await createUser({ name: "Olive Owner" });
  const org = await createOrganization(owner, `Screens Co ${Date.now()}`);
  const campaign = await createCampaign(
    { actor: await actorOf(owner) },
    { organizationId: org.id, kind: "invitation", name: "Screens wave", role: "member", expiresIn: 7 * 86400, subject: "Hi {{name}}", message: "Hello {{name}}" },
    new TextEncoder().encode("email,name\nscreens.one@example.test,One\nscreens.two@example.test,Two\n"),
  );
  const invitee = "screens.invitee@example.test";
  await createInvitations({ actor: await actorOf(owner) }, { organizationId: org.id, invitees: [{ email: invitee, role: "member" }] });
  const pages = [
    ["invitations", "/invitations"],
    ["organizations", "/organizations"],
    ["organization", `/organizations/${org.id}`],
    ["users", "/users"],
    ["person", `/users/${owner.id}`],
    ["campaigns", "/campaigns"],
    ["campaign", `/campaigns/${campaign.id}`],
    ["campaign-new", "/campaigns/new"],
    ["sign-in-links", "/sign-in-links"],
    ["audit", "/audit"],
    ["audit-integrity", "/audit/integrity"],
    ["suppressions", "/suppressions"],
    ["api-keys", "/api-keys"],
    ["webhooks", "/webhooks"],
    ["welcome", "/welcome"],
  ] as const;

  for (const size of ["desktop", "phone"] as const) {
    // Its own address: sign-ins are rate limited per address (10 a minute), and other journeys use the default one.
    const context = await browser.newContext({ viewport: SIZES[size], baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": "10.93.0.1" } });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await shoot(page, "sign-in", size);
    await signIn(page, admin.email);
    for (const [name, path] of pages) {
      await page.goto(path);
      await shoot(page, name, size);
    }
    if (size === "phone") {
      await page.goto("/invitations");
      const nav = page.getByRole("navigation", { name: "Console" });
      await expect(nav).toBeHidden();
      const menu = page.getByRole("button", { name: "Open menu" });
      await menu.click();
      await expect(page.getByRole("dialog", { name: "Menu" }).getByRole("navigation", { name: "Console" })).toBeVisible();
      await page.screenshot({ path: "test-results/screens/menu-phone.png" });
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog", { name: "Menu" })).toBeHidden();
      await expect(menu).toBeFocused();
      // The table scrolls inside its frame, and its first column stays in view.
      const table = page.getByRole("table", { name: "Invitations" });
      const frame = table.locator("xpath=..");
      expect(await frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      const firstCell = table.getByRole("row").nth(1).getByRole("cell").nth(1);
      const before = await firstCell.boundingBox();
      await frame.evaluate((el) => el.scrollBy({ left: 400 }));
      expect((await firstCell.boundingBox())?.x).toBeCloseTo(before!.x, 0);
      await dialogsFit(page, org.id, invitee);
    }
    await context.close();
  }
});

test("a German-speaking admin in Berlin gets dates and numbers their way, from the server's first HTML on", async ({ browser }) => {
  const admin = await createUser({ role: "admin", name: "Greta Admin" });
  const owner = await createUser({ name: "Otto Owner" });
  const org = await createOrganization(owner, `Locale Co ${Date.now()}`);
  const invitee = "locale.invitee@example.test";
  await createInvitations({ actor: await actorOf(owner) }, { organizationId: org.id, invitees: [{ email: invitee, role: "member" }], expiresIn: 3 * 86400 + 3600 });
  // Its own client address: the suite's other sign-ins from this machine count against the sign-in limit.
  const context = await browser.newContext({ locale: "de-DE", timezoneId: "Europe/Berlin", baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": "10.83.0.1" } });
  const page = await context.newPage();
  await signIn(page, admin.email);

  // The server's HTML already speaks German (Accept-Language), so nothing changes on hydration.
  const html = await (await page.request.get(`/invitations?org=${org.id}`, { headers: { "accept-language": "de-DE,de;q=0.9" } })).text();
  expect(html).toContain("in 3 Tagen");

  await page.goto(`/invitations?org=${org.id}`);
  const time = page.getByRole("table", { name: "Invitations" }).getByRole("row").filter({ hasText: invitee }).locator("time[datetime]").last(); // its expiry
  await expect(time).toHaveText("in 3 Tagen");
  // Focused once the page is hydrated (a focus before that opens nothing): again until the tooltip shows.
  await expect(async () => {
    await time.blur();
    await time.focus();
    await expect(page.getByRole("tooltip")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  // The exact time in the tooltip: German format, Berlin's time zone.
  await expect(page.getByRole("tooltip")).toContainText(/\d{1,2}\.\d{2}\.\d{4}|\d{1,2}\. \w+\.? \d{4}/);
  await expect(page.getByRole("tooltip")).toContainText(/MEZ|MESZ|GMT\+1/);

  // Counts are grouped the German way.
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Invite people" }).click();
  await page.getByLabel("Email addresses").fill(Array.from({ length: 1200 }, (_, i) => `p${i}@example.test`).join("\n"));
  await expect(page.getByRole("dialog").getByText("1.200 addresses")).toBeVisible();
  await context.close();
});
