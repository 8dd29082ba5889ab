// The notebook pages in Chromium, on the built site (`npm run build` first): every claim of the abstract is two
// clicks from the overview, shown beside the paper's figure with the code that computes it, and the survival
// page's inputs recompute what they should. Expected values: the abstract (30% 2-year disease-free survival,
// 16 checkable claims) and the exact Kaplan–Meier fractions of data/patients.csv (2-year DFS 10/33 = 30.3% with the
// postoperative death an event; 1/3 = 33.3% when it is censored).
import {after, before, describe, test} from "node:test";
import assert from "node:assert/strict";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {auditPage, browserUnavailable, launchBrowser, settle} from "./support/browser.js";
import {serveStatic, type StaticServer} from "./support/static-server.js";
import {builtData} from "./support/built.js";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");
const skip = browserUnavailable();

function builtClaims(): {id: string; status: string}[] {
  return builtData(dist, "claims");
}

describe("notebook pages in Chromium", {skip: skip ?? false}, () => {
  let browser: Browser;
  let server: StaticServer;
  before(async () => {
    assert.ok(existsSync(join(dist, "index.html")), "dist/index.html is missing: run `npm run build` first");
    server = await serveStatic(dist);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, width = 1280): Promise<{page: Page; problems: () => Promise<string[]>}> {
    const page = await browser.newPage({viewport: {width, height: 900}});
    const audit = auditPage(page, server.origin);
    await page.goto(server.origin + path);
    await settle(page);
    return {page, problems: async () => (await audit.finish()).problems};
  }

  test("the overview's scoreboard counts the ledger", async () => {
    const claims = builtClaims();
    const checkable = claims.filter((c) => c.status !== "not-checkable");
    assert.equal(checkable.length, 16);
    const {page, problems} = await open("/");
    const reproduced = checkable.filter((c) => c.status === "reproduced").length;
    assert.equal(await page.locator("#scoreboard-count").innerText(), `${reproduced} of ${checkable.length}`);
    assert.deepEqual(await problems(), []);
    await page.close();
  });

  test("every claim is linked from the overview to its cell, beside the paper's figure, with code", async () => {
    const {page} = await open("/");
    const links = await page.locator("table a[href*='#claim-']").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
    const claims = builtClaims();
    assert.equal(links.length, claims.length, "one link per ledger entry");
    await page.close();
    const byPage = new Map<string, string[]>();
    for (const href of links) {
      const [path, anchor] = href.replace(/^\./, "").split("#");
      byPage.set(path, [...(byPage.get(path) ?? []), anchor]);
    }
    for (const [path, anchors] of byPage) {
      const {page: target, problems} = await open(path);
      for (const anchor of anchors) {
        // The anchor exists, and a comparison (or, for claims the table cannot check, the explanation) follows it.
        const found = await target.evaluate((id) => {
          const a = document.getElementById(id);
          if (!a) return "missing";
          let el: Element | null = a.closest("p, div") ?? a;
          for (let i = 0; i < 4 && el; i++, el = el.nextElementSibling) {
            if (el.querySelector?.(".side-by-side") || el.matches?.(".comparison") || el.querySelector?.(".comparison")) return "comparison";
            if (/not\s+checkable|cannot\s+check|clinical\s+judgement/i.test(el.textContent ?? "")) return "explained";
          }
          return "nothing after it";
        }, anchor);
        assert.ok(found === "comparison" || found === "explained", `${path}#${anchor}: ${found}`);
      }
      if (path !== "/context") {
        assert.ok((await target.locator("pre code, .observablehq-pre-container").count()) > 0, `${path} shows no code cell`);
        assert.ok((await target.getByText("Paper", {exact: true}).count()) > 0, `${path} shows no paper figure`);
      }
      assert.deepEqual(await problems(), [], path);
      await target.close();
    }
  });

  // What each page computes itself (with arquero or the loaders modules), shown as "This reproduction". Expected:
  // the abstract's figures, which data/patients.csv reproduces (see data/README.md), and for the survival
  // estimates the exact Kaplan–Meier fractions 10/11 = 90.9%, 10/33 = 30.3%, 10/99 = 10.1%.
  const expectedOurs: Record<string, Record<string, RegExp>> = {
    "/cohort": {"Patients identified": /^12$/, "Age at diagnosis, median (range), years": /^62 \(32–78\)$/, "Surgery with curative intent / cytoreductive": /^11 \/ 1$/},
    "/survival": {"2-year overall survival": /^90\.9% \(95% CI/, "5-year overall survival": /^90\.9% \(95% CI/, "2-year disease-free survival": /^30\.3% \(95% CI/, "5-year disease-free survival": /^10\.1% \(95% CI/, "Median disease-free period (Kaplan–Meier)": /^17 months/, "Follow-up period": /^median 43 \(3–72\) months$/},
    "/recurrence": {"Patients with recurrent disease": /^8 of 11$/, "Treatment of the recurrence: further surgery / RFA / imatinib": /^3 \/ 2 \/ 8$/, "Disease-free at last contact: total (after the first resection + after further treatment)": /^4 \(2 \+ 2\)$/},
    "/outcomes": {"Overall morbidity": /^50\.0% \(6 of 12\)$/, "Postoperative deaths": /^1$/},
    "/early-vs-late": {"Association between early recurrence and characteristics": /^none: smallest p = 0\.714$/},
  };
  for (const [path, expected] of Object.entries(expectedOurs)) {
    test(`${path}: the page's own numbers beside the paper's`, async () => {
      const {page, problems} = await open(path);
      const shown = await page.locator(".comparison").evaluateAll((els) =>
        els.map((el) => ({label: el.getAttribute("aria-label") ?? "", values: [...el.querySelectorAll(".value")].map((v) => v.textContent ?? ""), status: el.querySelector(".status")?.textContent ?? ""}))
      );
      for (const [label, pattern] of Object.entries(expected)) {
        const box = shown.find((b) => b.label === label);
        assert.ok(box, `${path}: no comparison "${label}" (have: ${shown.map((b) => b.label).join("; ")})`);
        assert.match(box.values[1], pattern, `${path}: ${label}`);
        assert.ok(box.values[0].length > 0, `${path}: ${label} shows no paper figure`);
        assert.equal(box.status, "reproduced", `${path}: ${label}`);
      }
      assert.deepEqual(await problems(), [], path);
      await page.close();
    });
  }

  test("prose computed from the data says what the data say", async () => {
    // The build-time fits (src/data/survival.json.ts, Node) and the page's own fits (browser) are the same module.
    const survival = await open("/survival");
    const text = await survival.page.locator("main").innerText();
    assert.match(text, /are identical, value for value for all three CI types/);
    // data/patients.csv: the follow-up claim reproduces, so the prose says it matches.
    assert.match(text, /"43 \(3–72\)" matches\s+the plain median and range/);
    await survival.page.close();
    // data/patients.csv: all 8 patients with a recurrence have recurrence_imatinib = yes.
    const recurrence = await open("/recurrence");
    assert.match(await recurrence.page.locator("main").innerText(), /every patient with a recurrence received imatinib here/);
    await recurrence.page.close();
  });

  test("survival: landmark 24 shows 30% disease-free survival", async () => {
    const {page, problems} = await open("/survival");
    assert.equal(await page.locator("#landmark-dfs").innerText(), "30%");
    assert.deepEqual(await problems(), []);
    await page.close();
  });

  test("survival: switching the CI type changes the CI values shown", async () => {
    const {page} = await open("/survival");
    const ci = page.locator("#landmark-dfs-ci");
    const log = await ci.innerText();
    await page.getByLabel("plain").check();
    await page.waitForFunction((old) => document.querySelector("#landmark-dfs-ci")?.textContent !== old, log);
    const plain = await ci.innerText();
    await page.getByLabel("log-log").check();
    await page.waitForFunction((old) => document.querySelector("#landmark-dfs-ci")?.textContent !== old, plain);
    const loglog = await ci.innerText();
    assert.equal(new Set([log, plain, loglog]).size, 3, `CIs: log ${log}, plain ${plain}, log-log ${loglog}`);
    // The KM figure names the CI type it draws.
    assert.ok((await page.getByText("log–log type").count()) > 0);
    await page.close();
  });

  test("survival: another disease-free definition moves the 2-year value away from 30%", async () => {
    const {page} = await open("/survival");
    await page.getByLabel("censored at its month").check();
    await page.waitForFunction(() => document.querySelector("#landmark-dfs")?.textContent !== "30%");
    assert.equal(await page.locator("#landmark-dfs").innerText(), "33%");
    await page.getByLabel("left out").check();
    await page.waitForFunction(() => document.querySelector("#landmark-dfs")?.textContent === "33%");
    await page.close();
  });

  test("survival: moving the landmark updates the estimate", async () => {
    const {page} = await open("/survival");
    const input = page.locator("input[type=number]").first();
    await input.fill("12");
    await input.dispatchEvent("input");
    // S(12) of the disease-free curve (data/patients.csv): the death at 3 (P02 censored at 3, still at risk), then
    // recurrences at 7 and 10: 10/11 · 8/9 · 7/8 = 70/99 = 70.7%, shown rounded as 71%.
    await page.waitForFunction(() => document.querySelector("#landmark-dfs")?.textContent !== "30%");
    assert.equal(await page.locator("#landmark-dfs").innerText(), "71%");
    await page.close();
  });

  test("figures carry a text alternative and an SVG download; tables a CSV download", async () => {
    for (const path of ["/survival", "/recurrence", "/context"]) {
      const {page} = await open(path, 375);
      const svgs = await page.locator("figure svg[role=img]").evaluateAll((els) => els.map((e) => ({title: e.querySelector("title")?.textContent ?? "", desc: e.querySelector("desc")?.textContent ?? ""})));
      assert.ok(svgs.length > 0, `${path}: no labelled figure`);
      for (const s of svgs) assert.ok(s.title.length > 10 && s.desc.length > 20, `${path}: figure without title or description`);
      assert.ok((await page.getByRole("button", {name: /Download SVG/}).count()) > 0, `${path}: no SVG download`);
      assert.ok((await page.getByRole("button", {name: /Download CSV/}).count()) > 0, `${path}: no CSV download`);
      // Nothing wider than the phone's screen except inside a horizontal scroll box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${path} at 375 px scrolls sideways by ${overflow} px`);
      await page.close();
    }
  });

  test("reconstruction: the audit's counts and the canonical table's check are on the page", async () => {
    type Audit = {scenarios: {id: string; count: string}[]; canonical: {required: string[]; satisfies: string[]}};
    const audit = builtData<Audit>(dist, "feasibility");
    const count = (id: string) => BigInt(audit.scenarios.find((s) => s.id === id)!.count).toLocaleString("en-GB");
    // Issue 6's known count: death an event at month 0, the two landmarks only, monthly grid.
    assert.equal(count("death-event/d0/dfs-landmarks"), "25,640,493,840");
    const {page, problems} = await open("/reconstruction");
    const text = await page.locator("main").innerText();
    assert.ok(text.includes("25,640,493,840"), "the d = 0 landmark count is shown");
    assert.ok(text.includes(count(audit.canonical.required[1])), "the count under every figure is shown");
    for (const id of audit.canonical.required) assert.ok(audit.canonical.satisfies.includes(id), `the canonical table satisfies ${id}`);
    assert.deepEqual(await problems(), []);
    await page.close();
  });

  test("a CSV download holds the table's rows", async () => {
    const {page} = await open("/cohort");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", {name: "Download CSV (patients.csv)"}).click()]);
    const path = await download.path();
    const text = readFileSync(path!, "utf8");
    const lines = text.trim().split(/\r\n/);
    assert.equal(lines.length, 13, "header and 12 patients");
    assert.match(lines[1], /^P01,74,stomach,curative,true,true,,/);
    await page.close();
  });
});
