/**
 * Admit in front of a real application: a stock better-auth application (tests/stock-app: its own config,
 * no Admit code but the link exchange plugin, its schema made by better-auth) on a database of its own, and
 * Admit's production build started against that database. For the schema made by better-auth's migration
 * API (Kysely), the one its Prisma generator gives (applied by `prisma migrate deploy`), and the snake_case
 * one its Drizzle generator gives (applied by Drizzle's migrator; the application then runs on Drizzle).
 */
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "./support/test";
import { PASSWORD } from "./support/fixtures";
import { startConsole, startStockApp } from "./support/processes";
import { createDatabase, describePublicSchema, makeAppSchema, pendingAppMigrations, sql } from "../tests/support/stock-app";
import { stockAppClient } from "./support/stock-app-client";

const SECRET = "attach-shared-secret-0123456789abcdefghijklmnop";
const EXCHANGE = "attach-exchange-secret-0123456789abcdefghijklm";

/** The attached console's own outbox (its local mail sink). */
async function hrefFromOutbox(page: Page, consoleUrl: string, to: string, selector: string) {
  await page.goto(`${consoleUrl}/dev/outbox?to=${encodeURIComponent(to)}`);
  await expect(page.getByTestId("outbox-message").first()).toBeVisible({ timeout: 30_000 });
  const href = await page.frameLocator('iframe[title^="Email"]').first().locator(selector).first().getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

/** Opens a sign-in link as its person would, in a browser with no cookie; returns where they land. */
async function useLink(page: Page, url: string, appUrl: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Sign in to Stock app" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${appUrl}/me`);
  // The application's getSession, asked with the cookies this browser now holds for the application.
  return (await (await page.context().request.get(`${appUrl}/me`)).json()) as { email: string } | null;
}

for (const [i, kind] of (["kysely", "prisma", "drizzle"] as const).entries()) {
  test(`attached to a stock application whose schema came from ${kind}: lists its data, invites, signs people in to it`, async ({ browser, checks }) => {
    test.setTimeout(300_000);
    checks.allow(/ERR_CONNECTION_(REFUSED|RESET)/, "the servers stop at the end of the journey while its pages are still open");
    checks.allow(/(HTTP 400 POST|status of 400).*\/admit\/link\/|\/admit\/link\/.*status of 400/, "a used link is posted again on purpose");
    const appPort = 3301 + i;
    const consolePort = 3192 + i;
    const appUrl = `http://127.0.0.1:${appPort}`;
    const consoleUrl = `http://localhost:${consolePort}`;
    const db = await createDatabase(process.env.DATABASE_URL!, `stock_${kind}`);
    makeAppSchema(kind, db);
    const prismaHistory = kind === "prisma" ? await sql(db, `SELECT migration_name, checksum FROM public._prisma_migrations`) : [];

    const app = startStockApp(appPort, { ...(kind === "drizzle" ? { ADAPTER: "drizzle" } : {}), DATABASE_URL: db, BETTER_AUTH_SECRET: SECRET, ADMIT_AUTH_URL: `${consoleUrl}/api/auth`, ADMIT_LINK_EXCHANGE_SECRET: EXCHANGE });
    let admit: ReturnType<typeof startConsole> | undefined;
    try {
      await app.ready();
      // The application's own data, made through its own API.
      const client = stockAppClient(appUrl);
      const email = (who: string) => `${who}.${kind}@stock.test`;
      const adminCookie = await client.signUp(email("admin"), PASSWORD, "Stock Admin");
      await sql(db, `UPDATE "user" SET role = 'admin' WHERE email = $1`, [email("admin")]); // the application's first admin
      await client.signUp(email("user"), PASSWORD, "Plain User");
      const org = (await client.post("/api/auth/organization/create", { name: `Stock Org ${kind}`, slug: `stock-${kind}` }, adminCookie)) as { id: string; name: string };
      await client.post("/api/auth/organization/invite-member", { email: email("pending"), role: "member", organizationId: org.id }, adminCookie);
      const schemaBefore = await describePublicSchema(db);

      admit = startConsole(consolePort, {
        DATABASE_URL: db,
        BETTER_AUTH_URL: consoleUrl,
        BETTER_AUTH_SECRET: SECRET,
        ADMIT_UNSAFE_DEV_TOOLS_ON_LOOPBACK: "1",
        ADMIT_DATA_DIR: `.data-attach-${kind}`,
        ADMIT_FRESH: "1",
        SINK_PORT: String(25352 + i),
        CAMPAIGN_RPS: "0",
        APP_HOME_URL: `${appUrl}/me`,
        APP_AUTH_URL: `${appUrl}/api/auth`,
        APP_LINK_EXCHANGE_SECRET: EXCHANGE,
        APP_INVITATION_URL: `${appUrl}/accept-invitation/{id}`,
      });
      await admit.ready();
      expect(admit.output()).toContain("the application's link exchange plugin accepts Admit's secret");

      // Admit lists the application's own people, organization and invitation.
      const staff = await browser.newPage({ baseURL: consoleUrl });
      await staff.goto("/sign-in");
      await staff.getByLabel("Email").fill(email("admin"));
      await staff.getByLabel("Password").fill(PASSWORD);
      await staff.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(staff).not.toHaveURL(/\/sign-in/);
      await staff.goto("/users");
      await expect(staff.getByRole("main")).toContainText(email("user"));
      await staff.goto("/organizations");
      await expect(staff.getByRole("main")).toContainText(org.name);
      await staff.goto("/invitations");
      const invitations = staff.getByRole("table", { name: "Invitations" });
      await expect(invitations.getByRole("row").filter({ hasText: email("pending") })).toContainText("Pending");

      // An invitation made in Admit opens the application's accept page and is accepted there, by the
      // invitee's own application session, through better-auth's stock acceptInvitation.
      await staff.getByRole("button", { name: "Invite people" }).click();
      const dialog = staff.getByRole("dialog", { name: "Invite people" });
      await dialog.getByLabel("Email addresses").fill(email("invitee"));
      await dialog.getByLabel("Organization").click();
      await staff.getByRole("option", { name: org.name }).click();
      await dialog.getByRole("button", { name: "Send invitation" }).click();
      await staff.getByRole("dialog", { name: "Invitations sent" }).getByRole("button", { name: "Done" }).click();
      const mail = await browser.newPage();
      const acceptUrl = await hrefFromOutbox(mail, consoleUrl, email("invitee"), `a[href^="${appUrl}/accept-invitation/"]`);
      const inviteeCookie = await client.signUp(email("invitee"), PASSWORD, "Invitee");
      const accepted = await client.call(new URL(acceptUrl).pathname, { method: "POST", cookie: inviteeCookie });
      expect(accepted.json).toMatchObject({ accepted: true });
      await staff.goto(`/invitations?q=${encodeURIComponent(email("invitee"))}`);
      await expect(invitations.getByRole("row").filter({ hasText: email("invitee") })).toContainText("Accepted");

      // A sign-in link issued in Admit opens on the application's origin; a mail scanner's GET uses nothing;
      // the POST ends in a session the application's getSession accepts, on the application.
      await staff.goto("/sign-in-links");
      await staff.getByRole("button", { name: "Issue links" }).click();
      const issue = staff.getByRole("dialog", { name: "Issue sign-in links" });
      await issue.getByLabel("Email addresses").fill(email("user"));
      await issue.getByLabel("Delivery").click();
      await staff.getByRole("option", { name: "Show the links to copy" }).click();
      await issue.getByRole("button", { name: "Issue links" }).click();
      const link = (await staff.getByTestId("issued-link").textContent())!;
      expect(link.startsWith(`${appUrl}/api/auth/admit/link/`)).toBe(true);
      expect((await fetch(link)).status).toBe(200); // the scanner
      const crossSite = await fetch(link, { method: "POST", headers: { origin: "https://evil.example" }, redirect: "manual" });
      expect(crossSite.status).toBe(403); // a form posted from another site uses nothing
      const person = await (await browser.newContext()).newPage();
      expect(await useLink(person, link, appUrl)).toMatchObject({ email: email("user") });
      await person.goto(link);
      await person.getByRole("button", { name: "Continue" }).click();
      await expect(person.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();

      // A campaign link: a new person joins the organization and lands signed in to the application.
      await staff.goto("/campaigns/new");
      await staff.getByLabel("Campaign name").fill("Attach wave");
      await staff.getByLabel("Message").fill("Join us.");
      await staff.getByTestId("csv-input").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(`email\n${email("recruit")}\n`) });
      await staff.getByRole("button", { name: "Check file" }).click();
      await staff.getByRole("button", { name: "Start campaign (1 person)" }).click();
      await expect(staff.getByTestId("campaign-status")).toHaveText("completed", { timeout: 60_000 });
      const campaignLink = await hrefFromOutbox(mail, consoleUrl, email("recruit"), `a[href^="${appUrl}/api/auth/admit/link/"]`);
      const recruit = await (await browser.newContext()).newPage();
      expect(await useLink(recruit, campaignLink, appUrl)).toMatchObject({ email: email("recruit") });
      const [membership] = await sql<{ role: string }>(db, `SELECT m.role FROM admit.member m JOIN admit."user" u ON u.id = m."userId" WHERE u.email = $1 AND m."organizationId" = $2`, [email("recruit"), org.id]);
      expect(membership?.role).toBe("member");

      // The application's own sign-in still works, and its schema is as it made it.
      expect(await client.me(await client.signIn(email("admin"), PASSWORD))).toMatchObject({ email: email("admin") });
      expect(await describePublicSchema(db)).toBe(schemaBefore);
      // (Drizzle's own tooling, not better-auth's migration API, owns a Drizzle schema.)
      if (kind !== "drizzle") expect(pendingAppMigrations(db)).toEqual({ toBeCreated: [], toBeAdded: [] });
      if (kind === "prisma") expect(await sql(db, `SELECT migration_name, checksum FROM public._prisma_migrations`)).toEqual(prismaHistory);
      const tables = await sql<{ table_schema: string; table_name: string }>(db, `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('admit', 'public') ORDER BY 1, 2`);
      // Nothing of Admit's in the application's schema (the Drizzle application's own snake_case sign_in_link is
      // better-auth-admit's table, not Admit's: it has none of Admit's columns).
      const publicTables = tables.filter((t) => t.table_schema === "public").map((t) => t.table_name);
      for (const name of ["audit_event", "campaign", "campaign_recipient"]) expect(publicTables).not.toContain(name);
      expect(await sql(db, `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'sign_in_link' AND column_name = 'issuerEmail'`)).toEqual([]);
      expect(tables.filter((t) => t.table_schema === "admit").map((t) => t.table_name)).toEqual(expect.arrayContaining(["audit_event", "sign_in_link", "campaign", "_admit_migrations"]));

      // Admit's indexes on the application's tables come only from the explicit command.
      const indexes = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/db-cli.ts", "indexes"], { env: { ...process.env, DATABASE_URL: db }, encoding: "utf8" });
      expect(indexes.status, indexes.stderr).toBe(0);
      expect(indexes.stdout).toContain("admit_invitation_email_trgm_idx");
      if (kind !== "drizzle") expect(pendingAppMigrations(db)).toEqual({ toBeCreated: [], toBeAdded: [] });
      fs.mkdirSync("test-results/screens", { recursive: true });
      await staff.goto("/invitations");
      await staff.screenshot({ path: `test-results/screens/attached-${kind}-invitations.png`, fullPage: true });
    } finally {
      await admit?.stop();
      await app.stop();
    }
  });
}
