/**
 * An owner claims an email domain, publishes its TXT record, verifies it and asks people from it to request to
 * join; someone with an address there signs in and asks; the owner approves and they are a member.
 * Screenshot: domains-desktop.png.
 */
import fs from "node:fs";
import { prisma } from "../lib/db";
import { recordSignIns } from "../lib/users/sign-ins";
import { publishTxt } from "./support/dns-stub";
import { expect, test } from "./support/test";
import { createOrganization, createUser, signIn } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());
test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.92.0.1" } });

test("an owner verifies a domain; a person from it asks to join and is approved", async ({ page, browser }) => {
  const owner = await createUser();
  const org = await createOrganization(owner, `Domain Co ${Date.now()}`);
  const domain = `d${Date.now()}.test`;
  await signIn(page, owner.email);
  await page.goto(`/organizations/${org.id}`);
  await page.getByLabel("Domain to claim").fill(domain);
  await page.getByRole("button", { name: "Claim domain" }).click();
  const row = page.getByRole("list", { name: "Domains" }).getByRole("listitem").filter({ hasText: domain });
  await expect(row).toContainText("Waiting for DNS");
  await row.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/No TXT record/)).toBeVisible();

  const d = await prisma.organizationDomain.findFirstOrThrow({ where: { organizationId: org.id, domain } });
  await expect(row).toContainText(`_admit-challenge.${domain}`);
  await expect(row).toContainText(`admit-verification=${d.token}`);
  publishTxt(`_admit-challenge.${domain}`, `admit-verification=${d.token}`);
  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row).toContainText("Verified");
  await row.getByRole("combobox", { name: `When people from ${domain} sign in` }).click();
  await page.getByRole("option", { name: "Ask to join" }).click();
  await expect(page.getByText("Saved")).toBeVisible();

  // Someone from the domain signs in; the worker's sweep (run here at once) files their request.
  const person = await createUser({ email: `grace@${domain}` });
  const theirs = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "x-forwarded-for": "10.92.0.2" } });
  await signIn(await theirs.newPage(), person.email);
  await theirs.close();
  await recordSignIns();

  await page.reload();
  const requests = page.getByRole("list", { name: "Join requests" });
  await expect(requests).toContainText(person.email);
  fs.mkdirSync("test-results/screens", { recursive: true });
  await page.screenshot({ path: "test-results/screens/domains-desktop.png", fullPage: true });
  await requests.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(`${person.email} added`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Members" })).toContainText(person.email);
  await expect(page.getByText("No one is waiting.")).toBeVisible();
});
