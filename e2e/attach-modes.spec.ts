/**
 * The other way in, and the refusals: Admit and the application on one parent domain (no plugin in the
 * application: the same secret and better-auth's cross-subdomain cookie), and `npm start` refusing an
 * application that would reject what Admit hands it, or a database it cannot work on, before writing.
 * Hostnames under admit.test resolve to this machine inside the browser launched here.
 */
import { chromium } from "@playwright/test";
import { expect, test } from "./support/test";
import { PASSWORD } from "./support/fixtures";
import { startConsole, startStockApp } from "./support/processes";
import { stockAppClient } from "./support/stock-app-client";
import { createDatabase, describePublicSchema, makeAppSchema, sql } from "../tests/support/stock-app";

const SECRET = "modes-shared-secret-0123456789abcdefghijklmnopq";
const APP_PORT = 3305;
const CONSOLE_PORT = 3196;
const APP_ORIGIN = `http://app.admit.test:${APP_PORT}`;
const CONSOLE_ORIGIN = `http://console.admit.test:${CONSOLE_PORT}`;
const APP_LOCAL = `http://127.0.0.1:${APP_PORT}`;

/** A production console on a non-loopback name: a (fake) mail key instead of the local sink. */
const consoleEnv = (db: string, extra: Record<string, string> = {}) => ({
  DATABASE_URL: db,
  BETTER_AUTH_URL: CONSOLE_ORIGIN,
  BETTER_AUTH_SECRET: SECRET,
  RESEND_API_KEY: "re_not_used_by_this_test",
  ADMIT_WORKER: "off",
  APP_HOME_URL: `${APP_ORIGIN}/me`,
  APP_AUTH_URL: `${APP_LOCAL}/api/auth`,
  APP_COOKIE_DOMAIN: "admit.test",
  ...extra,
});

test("on a shared parent domain, a sign-in link made in Admit signs its person in to the application, with no plugin there", async ({ checks }) => {
  checks.allow(/ERR_CONNECTION_(REFUSED|RESET)/, "the servers stop at the end of the journey while its pages are still open");
  test.setTimeout(180_000);
  const db = await createDatabase(process.env.DATABASE_URL!, "stock_shared");
  makeAppSchema("kysely", db);
  const app = startStockApp(APP_PORT, { DATABASE_URL: db, BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: APP_ORIGIN, COOKIE_DOMAIN: "admit.test" });
  let admit: ReturnType<typeof startConsole> | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--host-resolver-rules=MAP *.admit.test 127.0.0.1"],
  });
  try {
    await app.ready();
    const client = stockAppClient(APP_LOCAL, APP_ORIGIN);
    await client.signUp("admin.shared@stock.test", PASSWORD, "Shared Admin");
    await sql(db, `UPDATE "user" SET role = 'admin' WHERE email = 'admin.shared@stock.test'`);
    await client.signUp("user.shared@stock.test", PASSWORD, "Shared User");

    admit = startConsole(CONSOLE_PORT, consoleEnv(db));
    await admit.ready();
    expect(admit.output()).toContain(`the application accepts sessions signed with Admit's secret (cookie prefix "better-auth")`);

    const staff = await (await browser.newContext({ baseURL: CONSOLE_ORIGIN })).newPage();
    checks.watch(staff); // this browser resolves *.admit.test: the page checks follow its pages by hand
    await staff.goto("/sign-in");
    await staff.getByLabel("Email").fill("admin.shared@stock.test");
    await staff.getByLabel("Password").fill(PASSWORD);
    await staff.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(staff).not.toHaveURL(/\/sign-in/);
    await staff.goto("/sign-in-links");
    await staff.getByRole("button", { name: "Issue links" }).click();
    const issue = staff.getByRole("dialog", { name: "Issue sign-in links" });
    await issue.getByLabel("Email addresses").fill("user.shared@stock.test");
    await issue.getByLabel("Delivery").click();
    await staff.getByRole("option", { name: "Show the links to copy" }).click();
    await issue.getByRole("button", { name: "Issue links" }).click();
    const link = (await staff.getByTestId("issued-link").textContent())!;
    expect(link.startsWith(`${CONSOLE_ORIGIN}/link/`)).toBe(true);

    const person = await (await browser.newContext()).newPage();
    checks.watch(person);
    await person.goto(link);
    await person.getByRole("button", { name: "Continue as user.shared@stock.test" }).click();
    await expect(person).toHaveURL(`${APP_ORIGIN}/me`);
    // The application's getSession, asked from the page with the cookies the browser holds (the name resolves in the browser only).
    const me = await person.evaluate(() => fetch("/me").then((r) => r.json() as Promise<{ email: string } | null>));
    expect(me?.email).toBe("user.shared@stock.test");
    const cookies = await person.context().cookies();
    expect(cookies.find((c) => c.name === "better-auth.session_token")?.domain).toMatch(/^\.?admit\.test$/);
  } finally {
    // The checks on this browser's pages finish before it closes (CI saw a check's call land on a closed browser).
    await checks.settle();
    await browser.close();
    await admit?.stop();
    await app.stop();
  }
});

test("npm start refuses, before writing anything, an application that would reject Admit's sessions or a database it cannot use", async () => {
  test.setTimeout(180_000);
  const db = await createDatabase(process.env.DATABASE_URL!, "stock_refusals");
  makeAppSchema("kysely", db);
  const exchangeApp = startStockApp(APP_PORT, { DATABASE_URL: db, BETTER_AUTH_SECRET: SECRET, ADMIT_AUTH_URL: `${CONSOLE_ORIGIN}/api/auth`, ADMIT_LINK_EXCHANGE_SECRET: "the-applications-exchange-secret-0123456789" });
  try {
    await exchangeApp.ready();
    const client = stockAppClient(APP_LOCAL);
    await client.signUp("someone.refusals@stock.test", PASSWORD, "Someone");
    const before = await describePublicSchema(db);
    const admitSchema = async () => (await sql<{ n: number }>(db, `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'admit'`))[0].n;
    const refuse = async (env: Record<string, string>, message: string | RegExp) => {
      const run = startConsole(CONSOLE_PORT, env);
      expect(await run.exited).not.toBe(0);
      expect(run.output()).toContain("Admit cannot start");
      expect(run.output()).toMatch(message);
      expect(await describePublicSchema(db)).toBe(before);
      expect(await admitSchema()).toBe(0);
    };
    // The link exchange plugin holds another secret.
    const exchange = { APP_HOME_URL: `${APP_LOCAL}/me`, APP_AUTH_URL: `${APP_LOCAL}/api/auth`, APP_LINK_EXCHANGE_SECRET: "not-the-applications-exchange-secret-012345" };
    await refuse({ ...consoleEnv(db), APP_COOKIE_DOMAIN: "", ...exchange }, "The application's admitLinkExchange plugin rejects APP_LINK_EXCHANGE_SECRET");
    // Shared cookies, but the application signs its sessions with another secret.
    await refuse(consoleEnv(db, { BETTER_AUTH_SECRET: "a-different-secret-0123456789abcdefghijklmnop" }), "does not accept a session signed with Admit's BETTER_AUTH_SECRET");
    // A database made with uuid ids.
    const uuidDb = await createDatabase(process.env.DATABASE_URL!, "stock_uuid");
    makeAppSchema("kysely", uuidDb, { ID_FORMAT: "uuid" });
    const uuidRun = startConsole(CONSOLE_PORT, consoleEnv(uuidDb, { APP_COOKIE_DOMAIN: "", APP_HOME_URL: "", APP_AUTH_URL: "" }));
    expect(await uuidRun.exited).not.toBe(0);
    expect(uuidRun.output()).toMatch(/uuid ids[\s\S]*Nothing was written/);
    // An unreachable database.
    const down = startConsole(CONSOLE_PORT, consoleEnv("postgresql://postgres:postgres@127.0.0.1:1/app", { APP_COOKIE_DOMAIN: "", APP_HOME_URL: "", APP_AUTH_URL: "" }));
    expect(await down.exited).not.toBe(0);
    expect(down.output()).toContain("Cannot reach the database postgres@127.0.0.1:1/app");
  } finally {
    await exchangeApp.stop();
  }
});
