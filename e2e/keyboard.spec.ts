/**
 * The console by keyboard alone: invite, revoke, start a campaign, stop impersonating; every control reached
 * with Tab shows a visible focus ring; dialogs take focus and give it back; the shortcuts work ("/", "?", Esc).
 */
import { issueSignInLinks } from "../lib/sign-in-links/issue-sign-in-links";
import { actingAs } from "../lib/actor";
import { prisma } from "../lib/db";
import { expect, test, type Page } from "./support/test";
import type { Locator } from "@playwright/test";
import { createOrganization, createUser, signIn, uniqueEmail } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());

/** Tab (forward) until `target` has focus, and check that focus is visible on it. */
async function tabTo(page: Page, target: Locator, max = 80) {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) {
      const ring = await target.evaluate((el) => {
        const s = getComputedStyle(el);
        return (s.outlineStyle !== "none" && s.outlineWidth !== "0px") || s.boxShadow !== "none";
      });
      expect(ring, "a visible focus ring").toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

test("an owner invites, revokes and starts a campaign by keyboard only", async ({ page, checks }) => {
  const owner = await createUser();
  const org = await createOrganization(owner, `Keys Co ${Date.now()}`);
  const invitee = uniqueEmail("keys");
  await signIn(page, owner.email);
  await page.goto("/invitations");

  // The shortcuts: "?" lists them, Esc closes, "/" focuses the search box.
  await page.locator("body").press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await page.locator("body").press("/");
  await expect(page.getByRole("searchbox", { name: "Search by email" })).toBeFocused();

  // Invite.
  const inviteButton = page.getByRole("button", { name: "Invite people" });
  await tabTo(page, inviteButton);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await expect(dialog).toBeVisible();
  // Focus stays in the dialog (forwards and backwards) however far one tabs.
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(key);
      expect(await dialog.evaluate((el) => el.contains(document.activeElement)), `${key} ×${i + 1} left the dialog`).toBe(true);
    }
  }
  await tabTo(page, dialog.getByLabel("Email addresses"));
  await page.keyboard.type(invitee);
  await expect(dialog.getByLabel("Organization")).toContainText(org.name);
  await tabTo(page, dialog.getByRole("button", { name: "Send invitation" }));
  await page.keyboard.press("Enter");
  const sent = page.getByRole("dialog", { name: "Invitations sent" });
  await expect(sent).toBeVisible();
  await tabTo(page, sent.getByRole("button", { name: "Done" }));
  await page.keyboard.press("Enter");
  await expect(inviteButton).toBeFocused(); // the dialog gives focus back

  // Revoke it from its row's menu.
  const row = page.getByRole("table", { name: "Invitations" }).getByRole("row").filter({ hasText: invitee });
  await tabTo(page, row.getByRole("button", { name: `Actions for ${invitee}` }));
  await page.keyboard.press("Enter");
  const revoke = page.getByRole("menuitem", { name: "Revoke" });
  await expect(revoke).toBeVisible();
  for (let i = 0; i < 6 && !(await revoke.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("alertdialog");
  await tabTo(page, confirm.getByRole("button", { name: "Revoke" }));
  await page.keyboard.press("Enter");
  await checks.expectToast(page, "1 invitation revoked");
  await expect(row).toContainText("Canceled");

  // Sort by email from its header: the column says how it is sorted (aria-sort), the button says it aloud.
  const emailHeader = page.getByRole("columnheader", { name: /Email/ });
  await expect(emailHeader).toHaveAttribute("aria-sort", "none");
  await tabTo(page, emailHeader.getByRole("button"));
  await page.keyboard.press("Enter");
  await expect(emailHeader).toHaveAttribute("aria-sort", "descending");
  await expect(emailHeader.getByRole("button")).toHaveAccessibleName(/sorted descending/);
  await emailHeader.getByRole("button").press("Enter");
  await expect(emailHeader).toHaveAttribute("aria-sort", "ascending");

  // Start a campaign.
  await page.goto("/campaigns/new");
  await tabTo(page, page.getByLabel("Campaign name"));
  await page.keyboard.type("Keyboard wave");
  await page.getByTestId("csv-input").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(`email\n${uniqueEmail("keyswave")}\n`) });
  await tabTo(page, page.getByRole("button", { name: "Check file" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Start campaign (1 person)" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
});

test("an admin stops impersonating by keyboard", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  const target = await createUser();
  await signIn(page, admin.email);
  const [link] = await issueSignInLinks(await actingAs(admin.id), { purpose: "impersonation", recipients: [{ email: target.email }], reason: "keyboard journey" });
  await page.goto(link.url!);
  await tabTo(page, page.getByRole("button", { name: `Continue as ${target.email}` }));
  await page.keyboard.press("Enter");
  const stop = page.getByRole("status", { name: "Impersonation" }).getByRole("button", { name: "Stop impersonating" });
  await tabTo(page, stop);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status", { name: "Impersonation" })).toBeHidden();
});
