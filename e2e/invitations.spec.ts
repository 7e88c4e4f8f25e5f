import { expect, test, type Page } from "./support/test";
import { prisma } from "../lib/db";
import { createOrganization, createUser, signIn, uniqueEmail } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());

async function linkFromOutbox(page: Page, to: string, linkName: string) {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(to)}`);
  await expect(page.getByTestId("outbox-message").first()).toBeVisible();
  const href = await page.frameLocator('iframe[title^="Email"]').first().getByRole("link", { name: linkName }).getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

test("support invites three people; one joins; an admin bulk-revokes the rest", async ({ browser, checks }) => {
  const owner = await createUser();
  const org = await createOrganization(owner, `Invite Co ${Date.now()}`);
  const support = await createUser({ role: "support" });
  const admin = await createUser({ role: "admin" });
  const invitees = [uniqueEmail("joiner"), uniqueEmail("second"), uniqueEmail("third")];

  // Support staff invite three people from the dialog.
  const staff = await browser.newPage();
  await signIn(staff, support.email);
  await expect(staff).toHaveURL(/\/invitations$/);
  await staff.getByRole("button", { name: "Invite people" }).click();
  const dialog = staff.getByRole("dialog", { name: "Invite people" });
  await dialog.getByLabel("Email addresses").fill(invitees.join(", "));
  await dialog.getByLabel("Organization").click();
  await staff.getByRole("option", { name: org.name }).click();
  await dialog.getByRole("button", { name: "Send 3 invitations" }).click();
  const summary = staff.getByRole("dialog", { name: "Invitations sent" });
  await expect(summary.getByText("3 created")).toBeVisible();
  await staff.screenshot({ path: "test-results/screens/invite-summary.png" });
  await summary.getByRole("button", { name: "Done" }).click();

  // They appear as pending with an expiry.
  await staff.getByRole("searchbox", { name: "Search by email" }).fill(invitees[0].split("@")[0]);
  const table = staff.getByRole("table", { name: "Invitations" });
  await expect(table.getByRole("row").filter({ hasText: invitees[0] })).toContainText("Pending");
  await expect(table.getByRole("row").filter({ hasText: invitees[0] })).toContainText("in 7 days");

  // The first invitee opens the link from the outbox, signs up by email link, and accepts.
  const invitee = await browser.newPage();
  const inviteUrl = await linkFromOutbox(invitee, invitees[0], "View invitation");
  await invitee.goto(inviteUrl);
  await expect(invitee.getByRole("heading", { name: `Join ${org.name}` })).toBeVisible();
  await invitee.getByRole("button", { name: "Email me a link to join" }).click();
  await expect(invitee.getByRole("status").filter({ hasText: "We emailed a link" })).toBeVisible();
  const signInUrl = await linkFromOutbox(invitee, invitees[0], "Sign in");
  await invitee.goto(signInUrl);
  await invitee.getByRole("button", { name: "Continue" }).click();
  await expect(invitee).toHaveURL(/\/invite\//);
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee).toHaveURL(/\/welcome$/);
  await expect(invitee.getByRole("list", { name: "Your organizations" })).toContainText(org.name);
  const joined = await prisma.user.findUniqueOrThrow({ where: { email: invitees[0] } });
  expect(await prisma.member.findFirst({ where: { organizationId: org.id, userId: joined.id } })).not.toBeNull();

  await staff.reload();
  await expect(table.getByRole("row").filter({ hasText: invitees[0] })).toContainText("Accepted");

  // An admin bulk-revokes the other two, after a confirmation that states the count.
  const adminPage = await browser.newPage();
  await signIn(adminPage, admin.email);
  await adminPage.goto(`/invitations?org=${org.id}&status=pending`);
  const adminTable = adminPage.getByRole("table", { name: "Invitations" });
  await expect(adminTable.getByRole("row")).toHaveCount(3);
  // One row selected: "select all" is mixed (indeterminate); pressing it selects every row on the page.
  const selectAll = adminTable.getByRole("checkbox", { name: "Select all rows on this page" });
  await adminTable.getByRole("checkbox", { name: "Select row 1" }).check();
  expect(await selectAll.evaluate((e) => (e as HTMLInputElement).indeterminate)).toBe(true);
  await selectAll.click();
  await expect(selectAll).toBeChecked();
  await adminPage.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Revoke 2" }).click();
  const confirm = adminPage.getByRole("alertdialog", { name: "Revoke 2 invitations?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await checks.expectToast(adminPage, "2 invitations revoked"); // announced, and readable in both themes
  await adminPage.goto(`/invitations?org=${org.id}&status=canceled`);
  await expect(adminTable.getByRole("row")).toHaveCount(3);
  const statuses = await prisma.invitation.findMany({ where: { organizationId: org.id }, select: { email: true, status: true } });
  expect(Object.fromEntries(statuses.map((s) => [s.email, s.status]))).toEqual({ [invitees[0]]: "accepted", [invitees[1]]: "canceled", [invitees[2]]: "canceled" });

  // Their links now show the revoked page.
  const revokedUrl = await linkFromOutbox(invitee, invitees[1], "View invitation");
  await invitee.goto(revokedUrl);
  await expect(invitee.getByText("This invitation was revoked")).toBeVisible();

  // The history sheet tells the story.
  await adminPage.getByRole("button", { name: invitees[1], exact: true }).click();
  const history = adminPage.getByRole("list", { name: "Invitation history" });
  await expect(history).toContainText("Invited");
  await expect(history).toContainText("Email sent");
  await expect(history).toContainText("Revoked");
});

test("an organization owner invites into their own organization only and sees only its rows", async ({ page }) => {
  const owner = await createUser();
  const org = await createOrganization(owner, `Owned ${Date.now()}`);
  const other = await createOrganization(await createUser(), `Foreign ${Date.now()}`);
  await signIn(page, owner.email);
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await expect(dialog.getByLabel("Organization")).toContainText(org.name);
  await dialog.getByLabel("Organization").click();
  await expect(page.getByRole("option")).toHaveCount(1);
  await page.keyboard.press("Escape");
  const email = uniqueEmail("owned");
  await dialog.getByLabel("Email addresses").fill(`${email}, not-an-email`);
  await dialog.getByRole("button", { name: "Send 2 invitations" }).click();
  const summary = page.getByRole("dialog", { name: "Invitations sent" });
  await expect(summary.getByText("1 created")).toBeVisible();
  await expect(summary.getByRole("list", { name: "Outcome per address" })).toContainText("Skipped: Not a valid email address");
  await summary.getByRole("button", { name: "Done" }).click();
  const table = page.getByRole("table", { name: "Invitations" });
  await expect(table).toContainText(email);
  await expect(table).not.toContainText(other.name);
});

test.describe("after accepting", () => {
  // Its own address: sign-ins are rate limited per address, and the other journeys sign in from the default one.
  test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.91.0.1" } });

  test("an admin invites with a destination and membership metadata; the person accepts and lands there", async ({ browser, page }) => {
    const admin = await createUser({ role: "admin" });
    const owner = await createUser();
    const org = await createOrganization(owner, `Extras Co ${Date.now()}`);
    const person = await createUser({ email: uniqueEmail("extras") });
    await signIn(page, admin.email);
    await page.goto("/invitations");
    await page.getByRole("button", { name: "Invite people" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite people" });
    await dialog.getByLabel("Email addresses").fill(person.email);
    await dialog.getByLabel("Organization").click();
    await page.getByRole("option", { name: org.name }).click();
    await dialog.getByText("After accepting").click();
    await dialog.getByLabel("Send them to (a path)").fill("/welcome?source=invite");
    await dialog.getByLabel("Membership metadata (JSON)").fill("not json");
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await expect(dialog.getByText("Metadata must be a JSON object")).toBeVisible();
    await dialog.getByLabel("Membership metadata (JSON)").fill('{"plan": "pro"}');
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("dialog", { name: "Invitations sent" }).getByText("1 created")).toBeVisible();

    const invitee = await browser.newPage({ extraHTTPHeaders: { "x-forwarded-for": "10.91.0.2" } });
    await signIn(invitee, person.email);
    await invitee.goto(await linkFromOutbox(invitee, person.email, "View invitation"));
    await invitee.getByRole("button", { name: "Accept invitation" }).click();
    await expect(invitee).toHaveURL(/\/welcome\?source=invite$/);
    const member = await prisma.member.findFirstOrThrow({ where: { organizationId: org.id, userId: person.id } });
    expect((await prisma.memberMetadata.findUniqueOrThrow({ where: { memberId: member.id } })).metadata).toEqual({ plan: "pro" });

    await page.goto(`/invitations?q=${encodeURIComponent(person.email)}`);
    await page.getByRole("button", { name: person.email, exact: true }).click();
    const history = page.getByRole("list", { name: "Invitation history" });
    await expect(history).toContainText("then to /welcome?source=invite");
    await expect(history).toContainText('membership metadata {"plan":"pro"}');
  });
});
