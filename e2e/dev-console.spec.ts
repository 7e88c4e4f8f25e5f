/**
 * `npm run dev` as a new engineer first meets it: the launcher's embedded database, mail sink and demo
 * accounts, then every console page in the development build, where React reports what production hides
 * (hydration mismatches, key warnings, invalid DOM nesting). The page checks (e2e/support/test.ts) fail the
 * journey on any console error or warning, failed request, accessibility violation or layout shift.
 */
import { expect, test } from "./support/test";
import { startConsoleDev, type Started } from "./support/processes";

const PORT = 3190;
const BASE = `http://localhost:${PORT}`;
let dev: Started;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dev = startConsoleDev(PORT, { PG_PORT: "25390", SINK_PORT: "25391", ADMIT_DATA_DIR: ".data-e2e-dev", ADMIT_FRESH: "1", DATABASE_URL: "", RESEND_API_KEY: "" });
  await dev.ready();
});

test.afterAll(async () => {
  await dev?.stop();
});

test("npm run dev: every page renders without a hydration or React warning", async ({ page }) => {
  test.setTimeout(420_000);
  const password = /password for all: (\S+)\)/.exec(dev.output())?.[1];
  expect(password, `the launcher prints the demo password:\n${dev.output()}`).toBeTruthy();

  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel("Email").fill("admin@admit.test");
  await page.getByLabel("Password").fill(password!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });

  const visit = async (path: string) => {
    await page.goto(`${BASE}${path}`, { timeout: 90_000 });
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
  };
  for (const path of ["/invitations", "/organizations", "/users", "/campaigns", "/campaigns/new", "/sign-in-links", "/audit", "/welcome"]) await visit(path);

  // Detail pages, and the controls the issue saw mismatch: the row checkboxes and the "Rows per page" select.
  await visit("/organizations");
  await page.getByRole("link", { name: "Acme Inc" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Inc" })).toBeVisible({ timeout: 60_000 });
  await visit("/invitations");
  const table = page.getByRole("table", { name: "Invitations" });
  await table.getByRole("checkbox", { name: "Select all rows on this page" }).click();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Rows per page" })).toHaveText("20");
  await page.getByRole("button", { name: "Invite people" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await visit("/dev/outbox");
});
