/**
 * An organization owner turns invitation reminders on; a day before an unanswered invitation expires the person
 * gets one reminder (the worker's sweep, run here at once), which the invitation's history shows.
 */
import { actingAs } from "../lib/actor";
import { prisma } from "../lib/db";
import { createInvitations } from "../lib/invitations/create-invitations";
import { sendInvitationReminders } from "../lib/invitations/reminders";
import { expect, test } from "./support/test";
import { createOrganization, createUser, signIn, uniqueEmail } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());
test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.90.0.1" } });

test("an owner turns reminders on; an unanswered invitation gets one reminder, shown in its history", async ({ page }) => {
  const owner = await createUser();
  const org = await createOrganization(owner, `Reminding Co ${Date.now()}`);
  await signIn(page, owner.email);
  await page.goto(`/organizations/${org.id}`);
  await page.getByRole("combobox", { name: "Invitation reminders" }).click();
  await page.getByRole("option", { name: "24 hours before expiry" }).click();
  await expect(page.getByText("Reminders on: 24 hours before expiry")).toBeVisible();

  // An invitation sent three days ago that expires in two hours, not answered.
  const invitee = uniqueEmail("reminded");
  const { outcomes } = await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email: invitee }], send: false });
  await prisma.invitation.update({ where: { id: outcomes[0].invitationId! }, data: { createdAt: new Date(Date.now() - 3 * 86_400_000), expiresAt: new Date(Date.now() + 2 * 3_600_000) } });
  await sendInvitationReminders();
  await sendInvitationReminders();

  await page.goto(`/dev/outbox?to=${encodeURIComponent(invitee)}`);
  await expect(page.getByTestId("outbox-message")).toHaveCount(1);
  await expect(page.getByTestId("outbox-message")).toContainText(`Reminder: your invitation to join ${org.name} expires soon`);

  await page.goto(`/invitations?q=${encodeURIComponent(invitee)}`);
  await page.getByRole("button", { name: invitee, exact: true }).click();
  await expect(page.getByRole("list", { name: "Invitation history" })).toContainText("Reminder sent");
});
