// Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (never a
// downloaded browser). Outside CI a missing Chromium skips the browser tests with a printed reason; with
// CI=true it is a failure.
import {existsSync} from "node:fs";
import {chromium, type Browser, type Page} from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const inCI = process.env.CI === "true";

/** Why the browser tests cannot run here, or null when they can. Throws in CI, where they must run. */
export function browserUnavailable(): string | null {
  if (existsSync(chromiumPath)) return null;
  const reason = `no Chromium at ${chromiumPath} (apt-get install -y --no-install-recommends chromium)`;
  if (inCI) throw new Error(`CI=true and ${reason}: browser tests must run in CI`);
  console.log(`# skipping browser tests: ${reason}`);
  return reason;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface PageAudit {
  problems: string[];
  external: string[];
}

/**
 * Watches a page for everything a built page must never do: log a console error, throw, fail a request,
 * request another origin (such requests are also blocked, so a test never reaches the network), or show a
 * cell error. Call before `page.goto`; read `finish()` after the page has settled.
 */
export function auditPage(page: Page, origin: string): {finish(): Promise<PageAudit>} {
  const problems: string[] = [];
  const external: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (r.url().startsWith(origin)) problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.url().startsWith(origin) && r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  void page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    problems.push(`request to another origin: ${url}`);
    return route.abort("blockedbyclient");
  });
  return {
    async finish() {
      const cellErrors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? ""));
      for (const e of cellErrors) problems.push(`cell error: ${e.trim().slice(0, 300)}`);
      return {problems, external};
    },
  };
}

/** Waits until the page's cells have settled: network idle and no cell still pending. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, {timeout: 15000});
  await page.waitForTimeout(150);
}
