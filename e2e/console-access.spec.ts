import { expect, test } from "./support/test";
import { prisma } from "../lib/db";
import { addMember, createOrganization, createUser, expectSignedInAs, signIn } from "./support/fixtures";

test.afterAll(() => prisma.$disconnect());

test("a platform admin signs in with a password, sees the whole console and signs out", async ({ page }) => {
  const admin = await createUser({ role: "admin", name: "Ada Admin" });
  await signIn(page, admin.email);
  await expect(page).toHaveURL(/\/invitations$/);
  await expectSignedInAs(page, admin.email, "Platform admin");
  const nav = page.getByRole("navigation", { name: "Console" });
  for (const item of ["Invitations", "Organizations", "Users", "Campaigns", "Sign-in links", "Audit log"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }

  await nav.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search name or email" }).fill(admin.email);
  await expect(page).toHaveURL(/q=/);
  const table = page.getByRole("table", { name: "Users" });
  await expect(table.getByRole("row")).toHaveCount(2); // header + the admin
  await expect(table).toContainText("Ada Admin");
  await page.screenshot({ path: "test-results/screens/users-light.png", fullPage: true });

  await page.getByRole("button", { name: `Account menu for ${admin.email}` }).click();
  await page.getByRole("menuitem", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: "test-results/screens/users-dark.png", fullPage: true });

  await page.getByRole("button", { name: `Account menu for ${admin.email}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an admin signs in with a magic link read from the dev outbox", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We sent a sign-in link" })).toBeVisible();

  await page.goto(`/dev/outbox?to=${encodeURIComponent(admin.email)}`);
  const message = page.getByTestId("outbox-message").first();
  await expect(message.getByTestId("outbox-subject")).toHaveText("Your sign-in link for Admit");
  const href = await page.frameLocator('iframe[title^="Email"]').first().getByRole("link", { name: "Sign in" }).getAttribute("href");
  expect(href).toContain("/sign-in/link?token=");

  // Opening the link shows a confirm page and consumes nothing: a second visit still works.
  await page.goto(href!);
  await page.goto(href!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/invitations$/);
  await expectSignedInAs(page, admin.email, "Platform admin");
  await page.screenshot({ path: "test-results/screens/console-shell.png", fullPage: true });
});

test("every page carries the security headers, with a fresh CSP nonce that the page's scripts carry", async ({ request }) => {
  const res = await request.get("/sign-in");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const nonceOf = (csp: string) => /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
  const nonce = nonceOf(res.headers()["content-security-policy"]);
  expect(nonce).toBeTruthy();
  expect(res.headers()["content-security-policy"]).not.toContain("unsafe-eval");
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => !s.includes(`nonce="${nonce}"`))).toEqual([]);
  const again = await request.get("/sign-in");
  expect(nonceOf(again.headers()["content-security-policy"])).not.toBe(nonce);
  // A link's page has its nonce; the confirm POST behind it (a redirect, no document) and the exports keep the
  // static headers, whose policy runs no script at all (proxy.ts's matcher).
  expect(nonceOf((await request.get("/link/not-a-token")).headers()["content-security-policy"])).toBeTruthy();
  const confirm = await request.post("/link/not-a-token/confirm", { headers: { origin: new URL(res.url()).origin }, maxRedirects: 0 });
  expect(confirm.status()).toBe(303);
  for (const handler of [confirm, await request.get("/audit/export")]) {
    expect(handler.headers()["x-frame-options"]).toBe("DENY");
    expect(handler.headers()["content-security-policy"]).toBe("frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
  }
});

test("a server action posted from another origin is refused", async ({ request }) => {
  const res = await request.post("/invitations", {
    headers: { "next-action": "0".repeat(42), origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(res.status()).toBeGreaterThanOrEqual(400);
  expect(await res.text()).not.toContain("invitations");
});

test.describe("rate limits", () => {
  // Its own client address, so the lockout does not reach the other journeys' sign-ins.
  test.use({ extraHTTPHeaders: { "x-forwarded-for": "10.66.0.1" } });

  test("too many wrong passwords: the form says how long to wait, and counts down", async ({ page, checks }) => {
    checks.allow(/(HTTP (401|429) POST|status of (401|429)).*\/api\/auth\/sign-in\/email/, "wrong passwords, then the rate limit, on purpose");
    const user = await createUser();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not the right password");
    const signInButton = page.getByRole("button", { name: "Sign in", exact: true });
    const wrong = page.getByRole("alert").filter({ hasText: "Wrong email or password." });
    for (let i = 0; i < 10; i++) {
      await signInButton.click();
      await expect(wrong).toBeVisible();
      await expect(signInButton).toBeEnabled();
    }
    await signInButton.click();
    const notice = page.getByTestId("retry-notice");
    await expect(notice).toHaveText(/^Too many attempts\. Try again in \d+ s\.$/);
    const first = Number(/in (\d+) s/.exec((await notice.textContent()) ?? "")?.[1]);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(60);
    await expect.poll(async () => Number(/in (\d+) s/.exec((await notice.textContent()) ?? "")?.[1] ?? 0), { timeout: 5000 }).toBeLessThan(first);
    await page.screenshot({ path: "test-results/screens/sign-in-rate-limited.png" });
  });
});

test("a plain member is kept out of the console and sent to the welcome page", async ({ page }) => {
  const owner = await createUser();
  const member = await createUser();
  const org = await createOrganization(owner);
  await addMember(org.id, member, "member");
  await signIn(page, member.email);
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole("heading", { name: "You're signed in" })).toBeVisible();
  const response = await page.request.get("/users", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toMatch(/\/welcome$/);
});

test("an organization owner sees only their own organization", async ({ page, checks }) => {
  checks.allow(/403/, "pages outside the owner's organization answer 403 on purpose");
  const owner = await createUser({ name: "Olga Owner" });
  const otherOwner = await createUser();
  const own = await createOrganization(owner, "Own Org");
  const other = await createOrganization(otherOwner, "Other Org");
  const now = Date.now();
  await prisma.invitation.createMany({
    data: [
      { id: `e2e-own-${now}`, email: `own-${now}@example.test`, organizationId: own.id, inviterId: owner.id, role: "member", status: "pending", expiresAt: new Date(now + 86400e3) },
      { id: `e2e-other-${now}`, email: `other-${now}@example.test`, organizationId: other.id, inviterId: otherOwner.id, role: "member", status: "pending", expiresAt: new Date(now + 86400e3) },
    ],
  });
  await signIn(page, owner.email);
  await expect(page).toHaveURL(/\/invitations$/);
  await expectSignedInAs(page, owner.email, "Owner · Own Org");
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  const invitations = page.getByRole("table", { name: "Invitations" });
  await expect(invitations).toContainText(`own-${now}@example.test`);
  await expect(invitations).not.toContainText(`other-${now}@example.test`);

  await nav.getByRole("link", { name: "Organizations" }).click();
  const orgs = page.getByRole("table", { name: "Organizations" });
  await expect(orgs.getByRole("row")).toHaveCount(2);
  await expect(orgs).toContainText("Own Org");

  // Asking for someone else's organization directly is refused on the server, not just hidden.
  for (const path of [`/organizations/${other.id}`, "/users", "/sign-in-links"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You don't have access to this" })).toBeVisible();
    await expect(page.getByText("Other Org")).toHaveCount(0);
  }
});
