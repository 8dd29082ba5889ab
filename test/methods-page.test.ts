// The Methods page in Chromium, on the built site (run `npm run build` first): the validation table and its
// prose come from the build's comparison with R, the table stays inside its scroll box, and the live example
// recomputes when the CI type changes. Expected medians: test/fixtures/aml.json, pooled curve,
// quantile(fit, 0.5) from R 4.2.2 / survival 3.5.3: log 27 (18, 48), log-log 27 (13, 34), plain 27 (18, 34).
import {after, before, describe, test} from "node:test";
import assert from "node:assert/strict";
import {existsSync} from "node:fs";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {auditPage, browserUnavailable, launchBrowser, settle} from "./support/browser.js";
import {serveStatic, type StaticServer} from "./support/static-server.js";
import {builtData} from "./support/built.js";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");
const skip = browserUnavailable();

/** The built validation.json. */
function builtValidation(): {rows: unknown[]; maxRelDiff: number; allOk: boolean} {
  return builtData(dist, "validation");
}

describe("Methods page in Chromium", {skip: skip ?? false}, () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  let problems: () => Promise<string[]>;
  before(async () => {
    assert.ok(existsSync(join(dist, "methods.html")), "dist/methods.html is missing: run `npm run build` first");
    server = await serveStatic(dist);
    browser = await launchBrowser();
    page = await browser.newPage({viewport: {width: 1280, height: 900}});
    const audit = auditPage(page, server.origin);
    problems = async () => (await audit.finish()).problems;
    await page.goto(server.origin + "/methods");
    await settle(page);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the validation prose and table show the build's comparison", async () => {
    const validation = builtValidation();
    assert.equal(validation.allOk, true);
    const summary = await page.locator("#validation-summary").innerText();
    assert.ok(summary.includes(validation.maxRelDiff.toExponential(1)), `${summary} should give ${validation.maxRelDiff}`);
    // The table lists every row (Inputs.table renders lazily: count from its data, via the scroll container).
    const form = page.locator("form.inputs-3a86ea-table").last();
    const box = await form.evaluate((f) => ({overflowY: getComputedStyle(f).overflowY, client: f.clientHeight, scroll: f.scrollHeight}));
    assert.equal(box.overflowY, "auto", "the table must scroll inside its box, not spill over the page");
    assert.ok(box.scroll > box.client, "the validation table has more rows than its box shows");
    assert.ok(await page.getByRole("button", {name: "Download CSV (validation-vs-R.csv)"}).isVisible());
  });

  test("switching the CI type recomputes the aml median's CI in the page", async () => {
    const median = page.locator("#aml-median");
    assert.match(await median.innerText(), /27 weeks \(95% CI 18 weeks to 48 weeks, log CI\)/);
    await page.getByLabel("log-log").check();
    await page.waitForFunction(() => document.querySelector("#aml-median")?.textContent?.includes("log-log CI"));
    assert.match(await median.innerText(), /27 weeks \(95% CI 13 weeks to 34 weeks, log-log CI\)/);
    await page.getByLabel("plain").check();
    await page.waitForFunction(() => document.querySelector("#aml-median")?.textContent?.includes("plain CI"));
    assert.match(await median.innerText(), /27 weeks \(95% CI 18 weeks to 34 weeks, plain CI\)/);
  });

  test("no console, cell or request error", async () => {
    assert.deepEqual(await problems(), []);
  });
});
