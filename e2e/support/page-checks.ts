/**
 * What every journey checks on every page it visits (e2e/support/test.ts), in every browser page the test
 * opens:
 *   - accessibility: axe-core (WCAG 2.1 A and AA rules) on each page load, in light and in dark mode; any
 *     serious or critical violation fails the journey;
 *   - a clean console: no console error or warning, no failed request (4xx/5xx, 404s included), unless the
 *     test says it causes that one on purpose (`checks.allow(/pattern/, why)`);
 *   - layout stability: cumulative layout shift (the browser's own measure) at most 0.1 per page.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";

const IMPACTS = new Set(["serious", "critical"]);
/** A check that takes longer than this is given up (the page is stuck or gone); the journey's own steps decide. */
const CHECK_MS = 20_000;
const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<undefined>((r) => (setTimeout(r, ms) as unknown as { unref(): void }).unref())]);
const MAX_CLS = 0.1;

/**
 * The page's loading shift (skeleton to content): layout shifts not caused by input in the first 5 s after
 * navigation, summed (a session window as the browser's CLS defines it, from the start). Later shifts come
 * from live updates the journey waits for (a campaign's progress), not from loading.
 */
const CLS_SCRIPT = `(() => {
  window.__admitCls = 0;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput && e.startTime < 5000) window.__admitCls += e.value; })
      .observe({ type: "layout-shift", buffered: true });
  } catch {}
})();`;

export class PageChecks {
  private problems: string[] = [];
  private expected: RegExp[] = [];
  private queue: Promise<void> = Promise.resolve();
  private watched = new WeakSet<Page>();
  private restore: (() => void)[] = [];

  constructor(browser: Browser, context: BrowserContext) {
    this.watchContext(context);
    // Pages the test opens in other contexts (browser.newPage / newContext) are checked too.
    const newContext = browser.newContext.bind(browser);
    browser.newContext = (async (options?: Parameters<Browser["newContext"]>[0]) => {
      const ctx = await newContext(options);
      this.watchContext(ctx);
      return ctx;
    }) as Browser["newContext"];
    const newPage = browser.newPage.bind(browser);
    browser.newPage = (async (options?: Parameters<Browser["newPage"]>[0]) => {
      const page = await newPage(options);
      this.watch(page);
      return page;
    }) as Browser["newPage"];
    this.restore.push(() => Object.assign(browser, { newContext, newPage }));
  }

  /** A console message or failed response this test causes on purpose (a 401 for a wrong password, a 404 page). */
  allow(pattern: RegExp, _why: string) {
    this.expected.push(pattern);
  }

  private record(problem: string) {
    // The outbox's email previews are sandboxed frames that refuse every script, axe's included: by design.
    if (/Blocked script execution in 'about:srcdoc'/.test(problem)) return;
    if (!this.expected.some((p) => p.test(problem)) && !this.problems.includes(problem)) this.problems.push(problem);
  }

  private watchContext(context: BrowserContext) {
    void context.addInitScript(CLS_SCRIPT);
    for (const page of context.pages()) this.watch(page);
    context.on("page", (page) => this.watch(page));
  }

  watch(page: Page) {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    page.on("console", (msg) => {
      const source = msg.location().url;
      if (msg.type() === "error" || msg.type() === "warning") this.record(`console ${msg.type()} on ${page.url()}: ${msg.text()}${source && source !== page.url() ? ` (${source})` : ""}`);
    });
    page.on("response", (res) => {
      if (res.status() >= 400) this.record(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
    });
    page.on("load", () => {
      this.queue = this.queue.then(() => within(this.analyze(page), CHECK_MS)).then(() => {});
    });
  }

  private async analyze(page: Page) {
    try {
      const url = new URL(page.url());
      if (!/^https?:$/.test(url.protocol) || !(await page.locator("html").evaluate((h) => h.hasAttribute("lang")))) return; // not one of our pages (JSON, blank)
      const where = `${url.pathname}${url.search}`;
      const cls = await page.evaluate(() => (window as unknown as { __admitCls?: number }).__admitCls ?? 0);
      if (cls > MAX_CLS) this.record(`layout shift ${cls.toFixed(3)} on ${where}`);
      try {
        await this.axeInBothThemes(page, where);
      } finally {
        await this.restoreTheme(page);
      }
    } catch {
      // The page moved on (navigation, closed) while it was being checked: its next load is checked instead.
    }
  }

  /**
   * A toast showing `text`, as a screen reader meets it: inside a polite live region with a name, and with
   * enough contrast in both themes once it has settled (the page-load checks leave toasts out: they fade).
   */
  async expectToast(page: Page, text: string | RegExp) {
    const region = page.locator('section[aria-live="polite"][aria-label^="Notifications"]');
    const toast = region.locator("[data-sonner-toast]").filter({ hasText: text });
    if (!(await toast.first().isVisible())) await toast.first().waitFor({ state: "visible", timeout: 15_000 });
    const where = new URL(page.url()).pathname;
    // After any page-load check still running on this page: axe runs one at a time in a page.
    const run = this.queue.then(async () => {
      try {
        await this.axeInBothThemes(page, where, "[data-sonner-toaster]");
      } finally {
        await this.restoreTheme(page);
      }
    });
    this.queue = run.catch(() => {});
    await run;
  }

  private async axeInBothThemes(page: Page, where: string, only?: string) {
    for (const theme of ["light", "dark"] as const) {
      await page.evaluate((t) => {
        // Colours are measured as they end up, not half-way through a transition (as next-themes does).
        if (!document.getElementById("admit-checks-still")) {
          const still = document.createElement("style");
          still.id = "admit-checks-still";
          still.textContent = "*,*::before,*::after{transition:none!important;animation-duration:0s!important;animation-delay:0s!important}";
          document.head.appendChild(still);
        }
        const h = document.documentElement;
        h.classList.remove("light", "dark");
        h.classList.add(t);
        h.style.colorScheme = t;
        for (const toaster of document.querySelectorAll("[data-sonner-toaster]")) toaster.setAttribute("data-sonner-theme", t);
      }, theme);
      const axe = (rules?: string[]) => {
        // Toasts fade in and out (axe would measure a half-transparent frame); they use the popover colours.
        // Legacy mode runs axe in the page itself: no blank page opened beside it, which axe cannot do for a
        // page made with browser.newPage() (those pages went unchecked before), and no frames are checked anyway.
        const builder = (only ? new AxeBuilder({ page }).include(only) : new AxeBuilder({ page }).exclude("[data-sonner-toast]")).options({ iframes: false }).setLegacyMode(true);
        return (rules ? builder.withRules(rules) : builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])).analyze();
      };
      const found = (await axe()).violations.filter((v) => IMPACTS.has(v.impact ?? ""));
      // The journey keeps going while this runs (a dialog closing over the page, a row appearing): a
      // violation counts only if it is still there a moment later, on the same page.
      if (!found.length) continue;
      await page.waitForTimeout(750);
      const now = new URL(page.url());
      if (`${now.pathname}${now.search}` !== where && now.pathname !== where) return;
      const again = await axe(found.map((v) => v.id));
      const lasting = new Set(again.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(" ")}`)));
      for (const v of found.map((v) => ({ ...v, nodes: v.nodes.filter((n) => lasting.has(`${v.id} ${n.target.join(" ")}`)) })).filter((v) => v.nodes.length)) {
        this.record(`axe ${v.impact} ${v.id} (${theme}) on ${where}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} ${n.html.slice(0, 160)} ${(n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 200)}`).join(", ")}`);
      }
    }
  }

  private async restoreTheme(page: Page) {
    await page
      .evaluate(() => {
        // Back to the theme the page chose (next-themes reapplies it on the next navigation anyway).
        const h = document.documentElement;
        const stored = localStorage.getItem("theme");
        const dark = stored === "dark" || ((!stored || stored === "system") && matchMedia("(prefers-color-scheme: dark)").matches);
        h.classList.remove("light", "dark");
        h.classList.add(dark ? "dark" : "light");
        h.style.colorScheme = dark ? "dark" : "light";
        for (const toaster of document.querySelectorAll("[data-sonner-toaster]")) toaster.setAttribute("data-sonner-theme", dark ? "dark" : "light");
        document.getElementById("admit-checks-still")?.remove();
      })
      .catch(() => {});
  }

  /** Waits for the checks still running (before closing a browser of the test's own whose pages are watched). */
  async settle() {
    await within(this.queue, CHECK_MS);
  }

  async finish() {
    await within(this.queue, CHECK_MS);
    for (const undo of this.restore) undo();
    return this.problems;
  }
}
