/**
 * Fail closed, against the production build: a production process started the documented way serves no
 * development tool and refuses to start without what it needs; destinations are judged on the URL the
 * browser will follow; pages answer with honest status codes; people without console access land on the
 * welcome page; a campaign file of the documented limits goes through and one over them is refused.
 */
import fs from "node:fs";
import { expect, test } from "./support/test";
import { prisma } from "../lib/db";
import { listSinkMessages } from "../lib/dev/resend-sink/client";
import { addMember, createOrganization, createUser, signIn } from "./support/fixtures";
import { startConsole } from "./support/processes";

test.afterAll(() => prisma.$disconnect());

const PROD_PORT = 3190;
const PROD_URL = `http://localhost:${PROD_PORT}`;
const SECRET = "production-check-0123456789abcdefghijklmnopqrstuvwxyz";

test.describe("a production process", () => {
  test("started the documented way with a real mail key, it answers 404 on the dev outbox and shows no dev tool", async () => {
    const server = startConsole(PROD_PORT, { DATABASE_URL: process.env.DATABASE_URL!, BETTER_AUTH_URL: PROD_URL, BETTER_AUTH_SECRET: SECRET, RESEND_API_KEY: "re_production_check", ADMIT_WORKER: "off" });
    try {
      await server.ready();
      const outbox = await fetch(`${PROD_URL}/dev/outbox`);
      expect(outbox.status).toBe(404);
      expect(await outbox.text()).not.toMatch(/Dev outbox|outbox-message|left this machine/);
      expect(server.output()).not.toContain("Outbox:");
    } finally {
      await server.stop();
    }
  });

  test("refuses to start without a mail key, listing every missing setting at once", async () => {
    const server = startConsole(PROD_PORT, { DATABASE_URL: process.env.DATABASE_URL!, BETTER_AUTH_URL: PROD_URL });
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain("Admit cannot start");
    expect(server.output()).toContain("RESEND_API_KEY is not set");
    expect(server.output()).toContain("BETTER_AUTH_SECRET is not set");
  });

  test("refuses the loopback test setting on a public URL", async () => {
    const server = startConsole(PROD_PORT, { ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK: "1", BETTER_AUTH_URL: "https://admit.example.com", BETTER_AUTH_SECRET: SECRET });
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain("ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK is only for a test deployment on this machine");
  });
});

test.describe("one redirect rule", () => {
  // Each group signs in from its own address (password sign-in is limited to 10 a minute per address).
  test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.81.0.1" } });
  for (const next of ["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/a/..//evil.example", "/%2E%2E//evil.example"]) {
    test(`sign-in?next=${next} never leaves the site`, async ({ page }) => {
      const admin = await createUser({ role: "admin" });
      // Signed in already: the page redirects at once.
      await signIn(page, admin.email);
      const res = await page.request.get(`/sign-in?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
      expect(res.status()).toBe(307);
      expect(new URL(res.headers()["location"], page.url()).origin).toBe(new URL(page.url()).origin);
    });
  }

  test("after a password sign-in with a dot-segment next, the browser stays on the site", async ({ page }) => {
    const admin = await createUser({ role: "admin" });
    await page.goto(`/sign-in?next=${encodeURIComponent("/.//evil.example")}`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/invitations$/);
  });

  test("a magic-link request with a bad callbackURL is refused when it is made", async ({ request }) => {
    const admin = await createUser({ role: "admin" });
    const res = await request.post("/api/auth/sign-in/magic-link", { data: { email: admin.email, callbackURL: "/.//evil.example" }, headers: { "x-forwarded-for": "10.77.0.1" } });
    expect(res.status()).toBe(400);
    expect((await res.json()).code).toBe("INVALID_REDIRECT");
    expect(await listSinkMessages({ to: admin.email })).toHaveLength(0);
  });
});

test.describe("what a person meets", () => {
  test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.81.0.2" } });
  test("a plain member signing in by magic link lands on the welcome page, not a 403", async ({ page }) => {
    const owner = await createUser();
    const member = await createUser();
    const org = await createOrganization(owner, `Welcome Co ${Date.now()}`);
    await addMember(org.id, member, "member");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(member.email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "We sent a sign-in link" })).toBeVisible();
    const [mail] = await listSinkMessages({ to: member.email });
    const href = /href="([^"]*\/sign-in\/link\?[^"]+)"/.exec(mail.html!)![1].replaceAll("&amp;", "&");
    await page.goto(href);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/welcome$/);
    await expect(page.getByRole("list", { name: "Your organizations" })).toContainText(org.name);
    const console = await page.request.get("/invitations", { maxRedirects: 0 });
    expect(console.status()).toBe(307);
    expect(console.headers()["location"]).toMatch(/\/welcome$/);
  });

  test("forbidden and missing pages answer 403 and 404", async ({ page, checks }) => {
    checks.allow(/\b40[34]\b/, "forbidden and missing pages, on purpose");
    const owner = await createUser();
    await createOrganization(owner);
    await signIn(page, owner.email);
    expect((await page.request.get("/users")).status()).toBe(403);
    expect((await page.request.get("/sign-in-links")).status()).toBe(403);
    expect((await page.request.get("/campaigns/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
    expect((await page.request.get("/no-such-page")).status()).toBe(404);
    const unknownLink = await page.request.get(`/link/${"x".repeat(43)}`);
    expect(unknownLink.status()).toBe(404);
    expect(await unknownLink.text()).toContain("This link is not valid.");
    await page.goto("/users");
    await expect(page.getByText("403 · Forbidden")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/forbidden.png" });
    await page.getByRole("link", { name: "Go to your start page" }).click();
    await expect(page).toHaveURL(/\/welcome$/);
  });
});

test.describe("campaign files at the documented limits", () => {
  test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.81.0.3" } });
  const header = "email,name,note";
  const rowsOf = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}.${i}@example.test,Person ${i},x`);

  test("a 10 MB file of 50,000 rows is checked and started; one row or one byte over is refused with the limit", async ({ page, checks }) => {
    checks.allow(/net::ERR_FAILED|status of 413|HTTP 413/, "a file over the limit is refused on purpose");
    test.setTimeout(180_000);
    const owner = await createUser();
    const org = await createOrganization(owner, `Big Co ${Date.now()}`);
    const tag = `big${Date.now()}`;
    // 50,000 rows padded to exactly 10 MB (10,485,760 bytes).
    const rows = rowsOf(tag, 50_000);
    const pad = 10 * 1024 * 1024 - Buffer.byteLength([header, ...rows].join("\n") + "\n");
    const full = [header, ...rows.slice(0, -1), `${rows.at(-1)!}${"x".repeat(pad)}`].join("\n") + "\n";
    expect(Buffer.byteLength(full)).toBe(10 * 1024 * 1024);
    await signIn(page, owner.email);
    await page.goto("/campaigns/new");
    await page.getByLabel("Campaign name").fill("Fifty thousand");

    // One byte over: refused in the browser before any upload.
    await page.getByTestId("csv-input").setInputFiles({ name: "over.csv", mimeType: "text/csv", buffer: Buffer.from(full + "x") });
    await expect(page.getByText("the limit is 10 MB (10,485,760 bytes)")).toBeVisible();
    await expect(page.getByRole("button", { name: "Check file" })).toBeDisabled();

    // One row over (and well under 10 MB): refused by the server with the limit.
    await page.getByTestId("csv-input").setInputFiles({ name: "rows.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...rowsOf(`${tag}r`, 50_001)].join("\n")) });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByText("The file has 50,001 rows; the limit is 50,000.")).toBeVisible({ timeout: 60_000 });

    // Exactly at the limits: checked and started.
    await page.getByTestId("csv-input").setInputFiles({ name: "full.csv", mimeType: "text/csv", buffer: Buffer.from(full) });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByText("50,000 rows: 50,000 will be sent, 0 will not.")).toBeVisible({ timeout: 90_000 });
    await page.getByRole("button", { name: "Start campaign (50,000 people)" }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/, { timeout: 90_000 });
    const campaign = await prisma.campaign.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(campaign.total).toBe(50_000);
    // Stop it: nobody needs 50,000 test emails.
    await prisma.campaign.update({ where: { id: campaign.id }, data: { status: "canceled" } });
  });

  test("a header-only file is refused, and an org admin's owner rows are marked with the reason", async ({ page, checks }) => {
    checks.allow(/net::ERR_FAILED/, "a request is cut off on purpose (the message for no answer)");
    const owner = await createUser();
    const orgAdmin = await createUser();
    const org = await createOrganization(owner, `Owner rule Co ${Date.now()}`);
    await addMember(org.id, orgAdmin, "admin");
    const tag = `own${Date.now()}`;
    await signIn(page, orgAdmin.email);
    await page.goto("/campaigns/new");
    await page.getByLabel("Campaign name").fill("Owners");
    await page.getByTestId("csv-input").setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.from("email,name\n") });
    // A request that gets no answer still ends with a message, and the button comes back.
    await page.route("**/campaigns/new", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByText("The server did not answer. Check your connection and try again.")).toBeVisible();
    await page.unroute("**/campaigns/new");
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByText("The file has a header but no rows")).toBeVisible();

    const csv = ["email,role", `${tag}.1@example.test,member`, `${tag}.2@example.test,owner`, `${"a".repeat(65)}@example.test,member`].join("\n");
    await page.getByTestId("csv-input").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Check file" }).click();
    const outcomes = page.getByRole("group", { name: "Filter rows by outcome" });
    await expect(outcomes.getByRole("button", { name: /Only an owner can invite an owner\s*1/ })).toBeVisible();
    await expect(outcomes.getByRole("button", { name: /Invalid email\s*1/ })).toBeVisible();
    await expect(page.getByText("3 rows: 1 will be sent, 2 will not.")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/campaign-preview-refused-rows.png", fullPage: true });

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download error report" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe("people-errors.csv");
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    await page.getByRole("button", { name: "Start campaign (1 person)" }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("count-sent")).toHaveText("1", { timeout: 30_000 });
  });
});
