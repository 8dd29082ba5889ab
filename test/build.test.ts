// The build's promises, checked on a throw-away copy of the project (so the tests never touch the working
// tree): two clean builds are byte-identical; an edit in data/ or loaders/ reaches the next `npm run build`;
// and an open `npm run dev` page shows the new numbers without a restart.
import {after, before, describe, test} from "node:test";
import assert from "node:assert/strict";
import {spawn, spawnSync, type ChildProcess} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {browserUnavailable, launchBrowser} from "./support/browser.js";
import {builtDataText} from "./support/built.js";

const root = new URL("..", import.meta.url).pathname;

/** A copy of the project's sources in a fresh folder, sharing node_modules and the bundled-dependency cache. */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "gist-notebook-"));
  for (const entry of ["package.json", "package-lock.json", "observablehq.config.ts", "tsconfig.json", "scripts", "src", "data", "loaders", "test/fixtures"]) {
    if (!existsSync(join(root, entry))) continue;
    cpSync(join(root, entry), join(dir, entry), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !src.startsWith(join(root, "src", ".observablehq")),
    });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  // Keep the bundles of node_modules (they take most of a cold build), never the loader outputs.
  const cache = join(root, "src", ".observablehq", "cache");
  for (const name of existsSync(cache) ? readdirSync(cache) : []) {
    if (name.startsWith("_")) cpSync(join(cache, name), join(dir, "src", ".observablehq", "cache", name), {recursive: true});
  }
  return dir;
}

function build(dir: string): void {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], {cwd: dir, encoding: "utf8"});
  assert.equal(r.status, 0, `build failed in ${dir}:\n${r.stdout}\n${r.stderr}`);
}

function files(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), {withFileTypes: true})
    .flatMap((e) => (e.isDirectory() ? files(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

/** The text of the built loader output `data/<name>.json` in the copy. */
function builtData(dir: string, name: string): string {
  return builtDataText(join(dir, "dist"), name);
}

// A probe loader whose output depends on one file in data/ and one module in loaders/, and a page showing
// both that output and the module's value imported directly.
function addProbe(dir: string, factor: number, rows: string): void {
  writeFileSync(join(dir, "data", "probe-fresh.csv"), `value\n${rows}\n`);
  writeFileSync(join(dir, "loaders", "probe-fresh.ts"), `export const factor = ${factor};\nexport function scaled(values: number[]): number[] { return values.map((v) => v * factor); }\n`);
  writeFileSync(
    join(dir, "src", "data", "probe-fresh.json.ts"),
    `import {readFileSync} from "node:fs";\nimport {scaled} from "../../loaders/probe-fresh.js";\n` +
      `const rows = readFileSync(new URL("../../data/probe-fresh.csv", import.meta.url), "utf8").trim().split("\\n").slice(1).map(Number);\n` +
      `process.stdout.write(JSON.stringify({scaled: scaled(rows)}));\n`
  );
  writeFileSync(
    join(dir, "src", "probe-fresh.md"),
    "# Probe\n\n```js\nimport {factor} from \"./loaders/probe-fresh.js\";\nconst probe = FileAttachment(\"data/probe-fresh.json\").json();\n```\n\n" +
      '<p id="loaded">${probe.scaled.join(",")}</p>\n<p id="imported">${factor}</p>\n'
  );
}

describe("build", () => {
  let dir: string;
  before(() => {
    dir = copyProject();
  });
  after(() => rmSync(dir, {recursive: true, force: true}));

  test("two clean builds are byte-identical", () => {
    assert.ok(existsSync(join(root, "dist", "index.html")), "dist/ is missing: run `npm run build` first");
    build(dir); // a clean build: no loader output is cached in the copy
    const ours = files(join(dir, "dist"));
    assert.deepEqual(ours, files(join(root, "dist")), "the two builds made different files");
    for (const f of ours) {
      assert.ok(readFileSync(join(dir, "dist", f)).equals(readFileSync(join(root, "dist", f))), `dist/${f} differs between two builds`);
    }
  });

  test("an edit in data/ or loaders/ reaches the next build", () => {
    addProbe(dir, 2, "1\n2");
    build(dir);
    assert.deepEqual(JSON.parse(builtData(dir, "probe-fresh")), {scaled: [2, 4]});
    writeFileSync(join(dir, "data", "probe-fresh.csv"), "value\n1\n2\n5\n");
    build(dir);
    assert.deepEqual(JSON.parse(builtData(dir, "probe-fresh")), {scaled: [2, 4, 10]}, "an edit in data/ did not reach the build");
    writeFileSync(join(dir, "loaders", "probe-fresh.ts"), readFileSync(join(dir, "loaders", "probe-fresh.ts"), "utf8").replace("factor = 2", "factor = 3"));
    build(dir);
    assert.deepEqual(JSON.parse(builtData(dir, "probe-fresh")), {scaled: [3, 6, 15]}, "an edit in loaders/ did not reach the build");
  });

  test("editing one age in data/patients.csv changes age-median-range on the next build", () => {
    type Claim = {id: string; reproduced: {median: number; min: number; max: number}; status: string};
    const ageClaim = () => (JSON.parse(builtData(dir, "claims")) as Claim[]).find((c) => c.id === "age-median-range")!;
    // The abstract's "62 (32-78)": the youngest patient, P03, is 32.
    assert.deepEqual([ageClaim().reproduced, ageClaim().status], [{median: 62, min: 32, max: 78}, "reproduced"]);
    const csv = join(dir, "data", "patients.csv");
    const text = readFileSync(csv, "utf8");
    assert.ok(text.includes("\nP03,32,"), "data/patients.csv has P03 aged 32");
    writeFileSync(csv, text.replace("\nP03,32,", "\nP03,33,"));
    build(dir);
    assert.deepEqual([ageClaim().reproduced, ageClaim().status], [{median: 62, min: 33, max: 78}, "differs"]);
  });
});

const skip = browserUnavailable();

describe("preview", {skip: skip ?? false}, () => {
  let dir: string;
  let dev: ChildProcess | undefined;
  after(() => {
    dev?.kill("SIGTERM");
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  test("an open `npm run dev` page updates after an edit in data/ and in loaders/", async () => {
    dir = copyProject();
    addProbe(dir, 2, "1\n2");
    const port = 20000 + (process.pid % 20000);
    dev = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts", "--no-open", "--port", String(port)], {cwd: dir, stdio: ["ignore", "pipe", "pipe"]});
    let log = "";
    dev.stdout!.on("data", (d) => (log += d));
    dev.stderr!.on("data", (d) => (log += d));
    const origin = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(origin + "/probe-fresh")).ok) break;
      } catch {
        // not listening yet
      }
      assert.ok(i < 150, `the preview server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(origin + "/probe-fresh");
      const text = (id: string) => page.locator(`#${id}`).textContent({timeout: 20000});
      await page.waitForFunction(() => document.querySelector("#loaded")?.textContent === "2,4", null, {timeout: 30000});
      writeFileSync(join(dir, "data", "probe-fresh.csv"), "value\n1\n2\n5\n");
      await page
        .waitForFunction(() => document.querySelector("#loaded")?.textContent === "2,4,10", null, {timeout: 30000})
        .catch(async () => assert.fail(`data/ edit not shown (page shows ${await text("loaded")}):\n${log}`));
      writeFileSync(join(dir, "loaders", "probe-fresh.ts"), readFileSync(join(dir, "loaders", "probe-fresh.ts"), "utf8").replace("factor = 2", "factor = 3"));
      await page
        .waitForFunction(() => document.querySelector("#loaded")?.textContent === "3,6,15" && document.querySelector("#imported")?.textContent === "3", null, {timeout: 30000})
        .catch(async () => assert.fail(`loaders/ edit not shown (page shows ${await text("loaded")} / ${await text("imported")}):\n${log}`));
    } finally {
      await browser.close();
    }
  });
});
