/**
 * An admin connects a webhook endpoint (a local receiver that verifies signatures with the standardwebhooks
 * library), invites someone and the receiver gets `invitation.created` from the running worker; the receiver
 * goes down, the delivery log shows the failed attempt and its next try, and a replay delivers it.
 */
import fs from "node:fs";
import { prisma } from "../lib/db";
import { startReceiver } from "../tests/support/webhook-receiver";
import { expect, test, type Page } from "./support/test";
import { createOrganization, createUser, signIn, uniqueEmail } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());
// Its own client address: the journeys before it have used up the sign-in limit of the default one.
test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.84.0.1" } });

async function invite(page: Page, orgName: string, email: string) {
  await page.goto("/invitations");
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await dialog.getByLabel("Email addresses").fill(email);
  await dialog.getByLabel("Organization").click();
  await page.getByRole("option", { name: orgName }).click();
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await page.getByRole("dialog", { name: "Invitations sent" }).getByRole("button", { name: "Done" }).click();
}

test("an admin connects a webhook endpoint; the worker delivers signed events; a failed delivery is replayed", async ({ page }) => {
  test.setTimeout(90_000);
  const receiver = await startReceiver();
  try {
    const admin = await createUser({ role: "admin" });
    const owner = await createUser();
    const org = await createOrganization(owner, `Hooks Co ${Date.now()}`);
    await signIn(page, admin.email);
    await page.goto("/webhooks");
    await expect(page.getByText("No webhook endpoints")).toBeVisible();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await dialog.getByLabel("URL").fill("not a url");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.getByText("Enter a full URL")).toBeVisible();
    await dialog.getByLabel("URL").fill(receiver.url);
    await dialog.getByLabel("Description").fill("CRM sync");
    await dialog.getByLabel("Organization", { exact: true }).click();
    await page.getByRole("option", { name: org.name }).click();
    await dialog.getByRole("checkbox", { name: /invitation\.created/ }).check();
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    const shown = page.getByRole("dialog", { name: "Copy the signing secret" });
    receiver.state.secret = await shown.getByLabel("Signing secret").inputValue();
    expect(receiver.state.secret).toMatch(/^whsec_/);
    await shown.getByRole("button", { name: "Done" }).click();

    const first = uniqueEmail("hooked");
    await invite(page, org.name, first);
    await expect.poll(() => receiver.state.accepted.map((r) => (r.payload.data.target as { label?: string } | null)?.label), { timeout: 20_000 }).toContain(first);
    expect(receiver.state.accepted.find((r) => (r.payload.data.target as { label: string }).label === first)).toMatchObject({ type: "invitation.created", payload: { data: { organizationId: org.id } } });
    expect(receiver.state.rejected).toBe(0);

    // The receiver is down: the log shows the failed attempt and when it will try again.
    receiver.state.failWith = 503;
    const second = uniqueEmail("missed");
    await invite(page, org.name, second);
    await expect.poll(() => receiver.state.requests, { timeout: 20_000 }).toBeGreaterThan(1);
    await page.goto("/webhooks");
    const row = page.getByRole("table", { name: "Webhook endpoints" }).getByRole("row").filter({ hasText: receiver.url });
    await expect(row).toContainText("1 delivered");
    await row.getByRole("link", { name: receiver.url }).click();
    const log = page.getByRole("table", { name: "Deliveries" });
    await expect(log).toContainText("HTTP 503");
    await expect(log.getByRole("row").filter({ hasText: "HTTP 503" })).toContainText("pending");
    fs.mkdirSync("test-results/screens", { recursive: true });
    await page.screenshot({ path: "test-results/screens/webhook-deliveries.png", fullPage: true });

    // Back up; a replay sends it now, with the same webhook-id.
    receiver.state.failWith = 0;
    await log.getByRole("row").filter({ hasText: "HTTP 503" }).getByRole("button", { name: /^Replay/ }).click();
    await expect(page.getByText("Queued to send again")).toBeVisible();
    await expect.poll(() => receiver.state.accepted.map((r) => (r.payload.data.target as { label?: string } | null)?.label), { timeout: 20_000 }).toContain(second);
    await page.reload();
    await expect(page.getByRole("table", { name: "Deliveries" }).getByRole("row").filter({ hasText: "succeeded" })).toHaveCount(2);

    // Edit the endpoint, then rotate its secret: the next event verifies with the new secret only.
    await page.goto("/webhooks");
    const endpointRow = page.getByRole("table", { name: "Webhook endpoints" }).getByRole("row").filter({ hasText: receiver.url });
    await endpointRow.getByRole("button", { name: `Actions for ${receiver.url}` }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: "Edit the webhook endpoint" });
    await expect(edit.getByLabel("URL")).toHaveValue(receiver.url);
    await edit.getByLabel("Description").fill("CRM sync (renamed)");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(endpointRow).toContainText("CRM sync (renamed)");
    await endpointRow.getByRole("button", { name: `Actions for ${receiver.url}` }).click();
    await page.getByRole("menuitem", { name: "Rotate secret" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Rotate secret" }).click();
    const rotated = await page.getByRole("dialog", { name: "Copy the new signing secret" }).getByLabel("Signing secret").inputValue();
    expect(rotated).not.toBe(receiver.state.secret);
    receiver.state.secret = rotated;
    await page.getByRole("dialog", { name: "Copy the new signing secret" }).getByRole("button", { name: "Done" }).click();
    const third = uniqueEmail("rotated");
    await invite(page, org.name, third);
    await expect.poll(() => receiver.state.accepted.map((r) => (r.payload.data.target as { label?: string } | null)?.label), { timeout: 20_000 }).toContain(third);
    expect(receiver.state.rejected).toBe(0);
  } finally {
    await prisma.webhookEndpoint.updateMany({ where: { url: receiver.url }, data: { enabled: false } });
    await receiver.close();
  }
});
