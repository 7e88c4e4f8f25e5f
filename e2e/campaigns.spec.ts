import fs from "node:fs";
import { expect, test } from "./support/test";
import { prisma } from "../lib/db";
import { createOrganization, createUser, signIn } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());

test("an owner uploads a CSV, reviews errors, sends, watches progress, and a recipient joins in one step", async ({ page, browser }) => {
  const owner = await createUser();
  const org = await createOrganization(owner, `Campaign Co ${Date.now()}`);
  const tag = `cmp${Date.now()}`;
  const good = [0, 1, 2].map((i) => `${tag}.${i}@example.test`);
  const csv = ["Email;Name;Company", `${good[0]};Ada;Engines`, `${good[1]};Grace;Navy`, "not-an-email;Bad;X", `${good[0]};Dup;Y`, `${good[2]};Linus;"Kernel; Inc"`].join("\r\n");

  await signIn(page, owner.email);
  await page.goto("/campaigns");
  await expect(page.getByText("No campaigns yet")).toBeVisible();
  await page.getByRole("link", { name: "New campaign" }).click();
  await page.getByLabel("Campaign name").fill("Autumn onboarding");
  await page.getByLabel("Message").fill("Hi {{name}} from {{Company}},\n\nJoin us.");
  await page.getByTestId("csv-input").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check file" }).click();

  const outcomes = page.getByRole("group", { name: "Filter rows by outcome" });
  await expect(outcomes.getByRole("button", { name: /Valid\s*3/ })).toBeVisible();
  await expect(outcomes.getByRole("button", { name: /Invalid email\s*1/ })).toBeVisible();
  await expect(outcomes.getByRole("button", { name: /Duplicate in file\s*1/ })).toBeVisible();
  await outcomes.getByRole("button", { name: /Invalid email/ }).click();
  await expect(page.getByRole("table", { name: "Rows of the file" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("region", { name: "Email preview" })).toContainText("Hi Ada from Engines,");
  await page.screenshot({ path: "test-results/screens/campaign-preview.png", fullPage: true });

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download error report" }).click();
  const report = fs.readFileSync((await (await downloadPromise).path())!, "utf8");
  expect(report).toContain("not-an-email");
  expect(report).toContain("Duplicate in file");
  expect(report).not.toContain(good[1]);

  await page.getByRole("button", { name: "Start campaign (3 people)" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("campaign-percent")).toContainText("100%", { timeout: 30_000 });
  await expect(page.getByTestId("campaign-status")).toHaveText("completed");
  await expect(page.getByTestId("count-sent")).toHaveText("3");
  await page.screenshot({ path: "test-results/screens/campaign-done.png", fullPage: true });

  // A recipient opens their email from the outbox and joins in one step.
  const person = await browser.newPage();
  await person.goto(`/dev/outbox?to=${encodeURIComponent(good[1])}`);
  const message = person.getByTestId("outbox-message").first();
  await expect(message.getByTestId("outbox-subject")).toContainText(org.name);
  const frame = person.frameLocator('iframe[title^="Email"]').first();
  await expect(frame.getByText("Hi Grace from Navy,")).toBeVisible();
  const href = await frame.getByRole("link", { name: `Join ${org.name}` }).getAttribute("href");
  await person.goto(href!);
  await expect(person.getByRole("heading", { name: `Join ${org.name}` })).toBeVisible();
  await person.getByRole("button", { name: `Continue as ${good[1]}` }).click();
  await expect(person).toHaveURL(/\/welcome$/);
  await expect(person.getByRole("list", { name: "Your organizations" })).toContainText(org.name);
  const user = await prisma.user.findUniqueOrThrow({ where: { email: good[1] } });
  expect(await prisma.member.findFirst({ where: { organizationId: org.id, userId: user.id } })).not.toBeNull();

  // The owner's funnel counts the acceptance (and the link's use as a click); the stage filters the recipients.
  await page.reload();
  const funnel = page.getByRole("list", { name: "Funnel" });
  await expect(funnel.getByRole("listitem").filter({ hasText: "Accepted" })).toContainText("1 · 33%");
  await expect(funnel.getByRole("listitem").filter({ hasText: "Clicked" })).toContainText("1 · 33%");
  await expect(page.getByRole("figure")).toContainText("Per hour (UTC)");
  await page.screenshot({ path: "test-results/screens/campaign-funnel.png", fullPage: true });
  await funnel.getByRole("link", { name: "Accepted" }).click();
  const recipients = page.getByRole("table", { name: "Recipients" });
  await expect(recipients.getByRole("row")).toHaveCount(2);
  await expect(recipients).toContainText(good[1]);
});
