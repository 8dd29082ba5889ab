// Browser tests of the built site (dist/, made by `npm run build`, which `npm test` runs first).
// Every page: no console error, no page error, no failed request, no request to another origin, no cell
// showing an error. Screenshots at 1280 px and 375 px go to test/artifacts/screenshots/ for a person to look at.
import {after, before, describe, test} from "node:test";
import assert from "node:assert/strict";
import {existsSync, mkdirSync, readdirSync} from "node:fs";
import {join, relative} from "node:path";
import type {Browser} from "playwright-core";
import {auditPage, browserUnavailable, launchBrowser, settle} from "./support/browser.js";
import {serveStatic, type StaticServer} from "./support/static-server.js";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");
const shots = join(root, "test", "artifacts", "screenshots");

/** Every page of the built site, as its clean URL path ("/", "/cohort", …). */
function builtPages(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), {withFileTypes: true}).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name.startsWith("_") ? [] : builtPages(dir, rel);
    if (!e.name.endsWith(".html") || rel === "404.html") return [];
    const path = "/" + rel.replace(/\.html$/, "");
    return [path === "/index" ? "/" : path.replace(/\/index$/, "/")];
  });
}

const skip = browserUnavailable();

describe("built site in Chromium", {skip: skip ?? false}, () => {
  let browser: Browser;
  let server: StaticServer;
  before(async () => {
    assert.ok(existsSync(join(dist, "index.html")), "dist/index.html is missing: run `npm run build` first");
    server = await serveStatic(dist, {
      // A page that does what no page of the site may do: load a module from a CDN.
      "/__external-request-probe": `<!doctype html><title>probe</title><script type="module">
        import("https://cdn.jsdelivr.net/npm/d3@7/+esm").catch(() => {});</script>`,
    });
    browser = await launchBrowser();
    mkdirSync(shots, {recursive: true});
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const pages = existsSync(dist) ? builtPages(dist) : [];
  test("the site has pages", () => assert.ok(pages.length > 0, "no page found in dist/"));

  for (const path of pages) {
    test(`page ${path}: no error, no failed or external request`, async () => {
      for (const width of [1280, 375]) {
        const page = await browser.newPage({viewport: {width, height: 900}});
        const audit = auditPage(page, server.origin);
        await page.goto(server.origin + path);
        await settle(page);
        const {problems} = await audit.finish();
        const name = (path === "/" ? "index" : path.slice(1).replace(/\//g, "_")) + `-${width}.png`;
        await page.screenshot({path: join(shots, name), fullPage: true});
        await page.close();
        assert.deepEqual(problems, [], `${path} at ${width} px (screenshot ${relative(root, join(shots, name))})`);
      }
    });
  }

  test("the audit catches a page that requests another origin", async () => {
    const page = await browser.newPage();
    const audit = auditPage(page, server.origin);
    await page.goto(server.origin + "/__external-request-probe");
    await page.waitForLoadState("networkidle");
    const {problems, external} = await audit.finish();
    await page.close();
    assert.deepEqual(external, ["https://cdn.jsdelivr.net/npm/d3@7/+esm"]);
    assert.ok(problems.some((p) => p.startsWith("request to another origin: https://cdn.jsdelivr.net/")), problems.join("\n"));
  });
});
