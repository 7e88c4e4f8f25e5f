/**
 * Playwright's `test`, plus a guard on every page of every journey: a Content-Security-Policy violation
 * (the browser refusing a script, style, frame or connection) fails the test. So the policy in proxy.ts is
 * one the app actually satisfies, page by page, as the journeys click through it.
 */
import { test as base, expect } from "@playwright/test";

export const test = base.extend<{ cspGuard: void }>({
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
