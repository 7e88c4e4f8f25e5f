/**
 * Playwright's `test`, plus guards on every page of every journey: a Content-Security-Policy violation
 * (the browser refusing a script, style, frame or connection) fails the test, and so do the checks of
 * ./page-checks.ts (accessibility in both themes, console errors and warnings, failed requests, layout shift). So the policy in proxy.ts is
 * one the app actually satisfies, page by page, as the journeys click through it.
 */
import { test as base, expect } from "@playwright/test";
import { PageChecks } from "./page-checks";

export const test = base.extend<{ cspGuard: void; checks: PageChecks }>({
  // Accessibility (both themes), a clean console, no failed request, stable layout: on every page (./page-checks.ts).
  checks: [
    async ({ browser, context }, use) => {
      const checks = new PageChecks(browser, context);
      await use(checks);
      expect(await checks.finish(), "accessibility, console, failed requests and layout shift on the pages visited").toEqual([]);
    },
    { auto: true },
  ],
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (msg) => {
        if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await use();
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page } from "@playwright/test";
