import { expect, test, type Page } from "./support/test";
import { prisma } from "../lib/db";
import { createOrganization, createUser, expectSignedInAs, signIn, uniqueEmail } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());

async function linkFromOutbox(page: Page, to: string) {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(to)}`);
  await expect(page.getByTestId("outbox-message").first()).toBeVisible();
  return (await page.frameLocator('iframe[title^="Email"]').first().getByRole("link", { name: "Sign in" }).getAttribute("href"))!;
}

test("support adds a new person with a welcome link; they open it, confirm and land signed in as a member", async ({ browser }) => {
  const owner = await createUser();
  const org = await createOrganization(owner, `Welcome Co ${Date.now()}`);
  const support = await createUser({ role: "support" });
  const newcomer = uniqueEmail("newcomer");

  const staff = await browser.newPage();
  await signIn(staff, support.email);
  await staff.goto(`/organizations/${org.id}`);
  await staff.getByRole("button", { name: "Add people" }).click();
  const dialog = staff.getByRole("dialog", { name: "Add people" });
  await dialog.getByLabel("Email addresses").fill(newcomer);
  await dialog.getByRole("button", { name: "Add people" }).click();
  const done = staff.getByRole("dialog", { name: "People added" });
  await expect(done.getByRole("list", { name: "Outcome per person" })).toContainText("welcome link sent");
  await done.getByRole("button", { name: "Done" }).click();
  await expect(staff.getByRole("table", { name: "Members" })).toContainText(newcomer);

  const person = await browser.newPage();
  const href = await linkFromOutbox(person, newcomer);
  expect(href).toMatch(/\/link\/[A-Za-z0-9_-]{43}$/);
  await person.goto(href);
  // Opening the link signs nobody in; the page asks first.
  await expect(person.getByRole("heading", { name: "Continue to sign in" })).toBeVisible();
  await person.getByRole("button", { name: `Continue as ${newcomer}` }).click();
  await expect(person).toHaveURL(/\/welcome$/);
  await expect(person.getByTestId("welcome-email")).toHaveText(newcomer);
  await expect(person.getByRole("list", { name: "Your organizations" })).toContainText(org.name);
  // The same link again: one clear page, no session.
  const again = await browser.newPage();
  await again.goto(href);
  await expect(again.getByRole("heading", { name: "This link can't be used" })).toBeVisible();
  await expect(again.getByText("already used")).toBeVisible();
});

test("an admin impersonates a user with a reason, sees the banner, stops and is back as themself", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  const owner = await createUser({ name: "Imp Target" });
  await createOrganization(owner, `Imp Org ${Date.now()}`);
  await signIn(page, admin.email);
  await page.goto(`/users?q=${encodeURIComponent(owner.email)}`);
  await page.getByRole("button", { name: `Impersonate ${owner.email}` }).click();
  const dialog = page.getByRole("dialog", { name: "Impersonate a user" });
  await dialog.getByRole("button", { name: "Create impersonation link" }).click();
  await expect(dialog.getByText("Say why you need to impersonate")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Ticket 4821: reproduce the billing error");
  await dialog.getByRole("button", { name: "Create impersonation link" }).click();
  await page.getByRole("link", { name: "Impersonate now" }).click();
  await expect(page.getByRole("heading", { name: `Impersonate ${owner.email}` })).toBeVisible();
  await page.getByRole("button", { name: `Continue as ${owner.email}` }).click();

  const banner = page.getByRole("status", { name: "Impersonation" });
  await expect(banner).toContainText(`You are impersonating ${owner.email}`);
  await expect(banner).toContainText(admin.email);
  await page.goto("/invitations");
  await expectSignedInAs(page, owner.email, /^Owner · Imp Org/);
  await page.screenshot({ path: "test-results/screens/impersonation.png" });
  await banner.getByRole("button", { name: "Stop impersonating" }).click();
  await expect(banner).toHaveCount(0);
  await expectSignedInAs(page, admin.email, "Platform admin");

  // The links page shows the impersonation link as used, with who and why.
  await page.goto(`/sign-in-links?q=${encodeURIComponent(owner.email)}`);
  const row = page.getByRole("table", { name: "Sign-in links" }).getByRole("row").filter({ hasText: "impersonation" });
  await expect(row).toContainText("used");
  await expect(row).toContainText(admin.email);
  const link = await prisma.signInLink.findFirstOrThrow({ where: { email: owner.email, purpose: "impersonation" } });
  expect(link.usedAt).not.toBeNull();
  expect(link.reason).toBe("Ticket 4821: reproduce the billing error");
  const started = await prisma.auditEvent.findFirstOrThrow({ where: { action: "signInLink.impersonation_started", targetId: link.id } });
  expect(started).toMatchObject({ actorId: owner.id, impersonatorId: admin.id });
});

test("the links page lists welcome links as used and lets an admin revoke unused ones", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  const target = await createUser();
  await signIn(page, admin.email);
  await page.goto("/sign-in-links");
  await page.getByRole("button", { name: "Issue links" }).click();
  const dialog = page.getByRole("dialog", { name: "Issue sign-in links" });
  await dialog.getByLabel("Email addresses").fill(target.email);
  await dialog.getByLabel("Delivery").click();
  await page.getByRole("option", { name: "Show the links to copy" }).click();
  await dialog.getByRole("button", { name: "Issue links" }).click();
  const issued = page.getByTestId("issued-link");
  await expect(issued).toHaveCount(1);
  const url = await issued.textContent();
  await page.getByRole("button", { name: "Done" }).click();
  const table = page.getByRole("table", { name: "Sign-in links" });
  const row = table.getByRole("row").filter({ hasText: target.email });
  await expect(row).toContainText("unused");
  await row.getByRole("button", { name: `Revoke link for ${target.email}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  await page.goto(url!);
  await expect(page.getByText("This link was revoked")).toBeVisible();
});
