// compareWithReference: our statistics core against R's survival package, field by field.
// Expected values: test/fixtures/aml.json, lung.json (+ .csv) — R 4.2.2, survival 3.5.3, see
// test/fixtures/README.md for the calls. The perturbation tests change one R value and check that exactly that
// field is reported, by name, with the index and both values.
import {describe, test} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {
  compareValues,
  compareWithReference,
  dataFromReference,
  parseReferenceCsv,
  type ComparisonRow,
  type ReferenceDataset,
} from "../loaders/reference-comparison.js";

const root = new URL("..", import.meta.url).pathname;
const fixture = (name: string) => join(root, "test", "fixtures", name);
const load = (name: string): ReferenceDataset => JSON.parse(readFileSync(fixture(`${name}.json`), "utf8"));
const csv = (name: string) => parseReferenceCsv(readFileSync(fixture(`${name}.csv`), "utf8"), `test/fixtures/${name}.csv`);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const key = (r: ComparisonRow) => `${r.curve}|${r.confType}|${r.field}`;

// Per curve: n, then per CI type 9 table + 4 quantile + 8 landmark fields + rmean + rmean.se, then 3 follow-up
// fields; per log-rank test (rho 0 and 1): n, observed, expected, chisq, df, p.
const FIELDS_PER_CURVE = 1 + 3 * (9 + 4 + 8 + 2) + 3;
const FIELDS_PER_TEST = 6;

for (const name of ["aml", "lung"]) {
  describe(`${name}: every value R gave`, () => {
    const reference = load(name);
    const rows = compareWithReference(reference, {data: csv(name)});

    test("every field agrees to 1e-10 relative", () => {
      const bad = rows.filter((r) => !r.ok);
      assert.deepEqual(bad, [], bad.map((r) => `${key(r)}: ${r.detail}`).join("\n"));
      assert.ok(rows.every((r) => r.maxRelDiff <= 1e-10));
    });

    test("one row per field, curve and CI type, covering all of R's values", () => {
      // aml.json / lung.json: 3 curves (pooled + 2 groups), 2 log-rank tests.
      assert.equal(reference.curves.length, 3);
      assert.equal(reference.logrank?.length, 2);
      assert.equal(rows.length, 3 * FIELDS_PER_CURVE + 2 * FIELDS_PER_TEST);
      assert.equal(new Set(rows.map(key)).size, rows.length, "duplicate rows");
      for (const curve of reference.curves) {
        for (const ct of ["log", "log-log", "plain"] as const) {
          const fit = curve.fits[ct];
          const row = (field: string) => rows.find((r) => r.curve === curve.label && r.confType === ct && r.field === field);
          // n counts R's values: one per distinct time, per requested quantile, per landmark R returned.
          assert.equal(row("table.surv")?.n, fit.table.time.length);
          assert.equal(row("table.std_err_cumhaz")?.n, fit.table.time.length);
          assert.equal(row("quantiles.upper")?.n, fit.quantiles.probs.length);
          assert.equal(row("landmarks.lower")?.n, fit.landmarks.time.length);
          assert.equal(row("rmean.se")?.n, 1);
        }
        assert.ok(rows.some((r) => r.curve === curve.label && r.field === "followup.median" && r.confType === "log"));
      }
      for (const rho of [0, 1]) {
        for (const f of ["chisq", "p", "observed", "expected"]) {
          assert.ok(rows.some((r) => r.curve === reference.group_variable && r.field === `logrank.rho${rho}.${f}`), `logrank rho ${rho} ${f}`);
        }
      }
    });

    test("the data rebuilt from R's own tables give the same comparison as the CSV", () => {
      // dataFromReference expands each group curve's (time, n_event, n_censor) rows; same multiset as the CSV.
      const rebuilt = dataFromReference(reference);
      assert.equal(rebuilt.time.length, reference.n);
      assert.deepEqual(compareWithReference(reference), rows);
    });
  });
}

describe("a wrong reference value is caught and named", () => {
  const aml = load("aml");
  const data = csv("aml");

  test("a relative change of 1e-9 in one CI limit", () => {
    const bad = clone(aml);
    // aml.json, curve "x=Maintained", log-log table, upper limit at row 3 (time 23): 0.8352992432502214 in R.
    const curve = bad.curves.find((c) => c.label === "x=Maintained")!;
    const original = curve.fits["log-log"].table.upper[3] as number;
    curve.fits["log-log"].table.upper[3] = original * (1 + 1e-9);
    const failures = compareWithReference(bad, {data}).filter((r) => !r.ok);
    assert.equal(failures.length, 1);
    const [f] = failures;
    assert.equal(f.dataset, "aml");
    assert.equal(f.curve, "x=Maintained");
    assert.equal(f.confType, "log-log");
    assert.equal(f.field, "table.upper");
    assert.ok(f.maxRelDiff > 0.9e-9 && f.maxRelDiff < 1.1e-9, String(f.maxRelDiff));
    assert.match(f.detail ?? "", /^index 3: ours 0\.83529924325022\d*, R 0\.83529924408\d+$/);
  });

  test("a change of 1e-12 relative is within the tolerance", () => {
    const close = clone(aml);
    const v = close.curves[0].fits.log.table.surv[4] as number; // 0.6956521739130435 = 16/23 in R
    close.curves[0].fits.log.table.surv[4] = v * (1 + 1e-12);
    const rows = compareWithReference(close, {data});
    const row = rows.find((r) => r.curve === "pooled" && r.confType === "log" && r.field === "table.surv")!;
    assert.ok(row.ok);
    assert.ok(row.maxRelDiff > 0.5e-12, String(row.maxRelDiff));
  });

  test("a number where R gave NA (median CI not reached)", () => {
    const bad = clone(aml);
    // aml.json pooled, conf.type log: quantile(fit)$upper for p = 0.75 is NA (null) in R.
    assert.equal(bad.curves[0].fits.log.quantiles.upper[2], null);
    bad.curves[0].fits.log.quantiles.upper[2] = 161;
    const failures = compareWithReference(bad, {data}).filter((r) => !r.ok);
    assert.deepEqual(failures.map(key), ["pooled|log|quantiles.upper"]);
    assert.equal(failures[0].maxRelDiff, Infinity);
    assert.equal(failures[0].detail, "index 2: ours null, R 161");
  });

  test("a log-rank statistic and a landmark count", () => {
    const bad = clone(aml);
    bad.logrank![1].chisq = 2.78; // R (rho = 1): 2.7792795447517733
    assert.equal(bad.curves[2].fits.plain.landmarks.n_risk[1], 6); // R: 6 at risk at week 20, Nonmaintained arm
    bad.curves[2].fits.plain.landmarks.n_risk[1] = 7;
    const failures = compareWithReference(bad, {data}).filter((r) => !r.ok);
    assert.deepEqual(failures.map(key).sort(), ["x=Nonmaintained|plain|landmarks.n_risk", "x|null|logrank.rho1.chisq"]);
  });

  test("a missing landmark row (R returned fewer values than we did)", () => {
    const bad = clone(aml);
    bad.curves[0].fits.log.landmarks.surv.pop();
    const failures = compareWithReference(bad, {data}).filter((r) => !r.ok);
    assert.deepEqual(failures.map(key), ["pooled|log|landmarks.surv"]);
    assert.match(failures[0].detail ?? "", /^index 3: ours 0\.276\d+, R null \(ours has 4 values, R 3\)$/);
  });
});

describe("compareValues", () => {
  test("R's NA and NaN equal our null; infinities equal only themselves", () => {
    assert.equal(compareValues([null, null, Infinity, 1], [null, "NaN", "Inf", 1]).ok, true);
    assert.equal(compareValues([null], [0]).ok, false);
    assert.equal(compareValues([0], [null]).ok, false);
    assert.equal(compareValues([Infinity], ["-Inf"]).ok, false);
    assert.equal(compareValues([1e308], ["Inf"]).ok, false);
  });
  test("near zero the tolerance is absolute (1e-10 × tiny)", () => {
    assert.equal(compareValues([1e-23], [0]).ok, true); // 1e-23 / 1e-12 = 1e-11
    assert.equal(compareValues([1e-21], [0]).ok, false); // 1e-21 / 1e-12 = 1e-9
    assert.equal(compareValues([1e-21], [0], {tiny: 1e-8}).ok, true);
  });
  test("relative difference is |a - b| / |b|", () => {
    const r = compareValues([1, 2.000000002], [1, 2]);
    assert.ok(Math.abs(r.maxRelDiff - 1e-9) < 1e-15);
    assert.ok(Math.abs(r.maxAbsDiff - 2e-9) < 1e-15);
    assert.equal(r.n, 2);
    assert.equal(r.ok, false);
    assert.equal(compareValues([1, 2.000000002], [1, 2], {relTol: 1e-8}).ok, true);
  });
  test("an unknown reference encoding throws", () => {
    assert.throws(() => compareValues([1], ["1"]), /expected a number, null, "NaN", "Inf" or "-Inf", got "1"/);
  });
});

describe("parseReferenceCsv", () => {
  test("reads the fixture columns", () => {
    const d = csv("aml");
    assert.equal(d.time.length, 23); // survival::aml has 23 rows
    assert.deepEqual([d.time[0], d.event[0], d.group?.[0]], [9, 1, "Maintained"]); // first line of aml.csv
  });
  test("names the line, column and value of bad input", () => {
    assert.throws(() => parseReferenceCsv("time,event\n1,1\n2,2\n", "x.csv"), /^Error: x\.csv:3: column event: expected 0 or 1, got "2"$/);
    assert.throws(() => parseReferenceCsv("time,event\n-1,1\n", "x.csv"), /x\.csv:2: column time: not a non-negative number: "-1"/);
    assert.throws(() => parseReferenceCsv("time,status\n1,1\n", "x.csv"), /x\.csv:1: expected the header/);
    assert.throws(() => parseReferenceCsv("time,event,group\n1,1\n", "x.csv"), /x\.csv:2: expected 3 fields, got 2/);
  });
  test("a dataset whose data do not match its n is refused", () => {
    assert.throws(() => compareWithReference(load("aml"), {data: csv("lung")}), /aml: the data have 228 rows, the reference says n = 23/);
  });
});

describe("src/data/validation.json.ts", () => {
  // Runs the build's loader on a throw-away copy whose aml.json has one R value changed: it must exit non-zero
  // and name the field. The unmodified copy must print allOk true.
  function runLoader(perturb: ((ref: ReferenceDataset) => void) | null) {
    const dir = mkdtempSync(join(tmpdir(), "validation-loader-"));
    try {
      for (const p of ["loaders", "src/data/validation.json.ts", "test/fixtures"]) cpSync(join(root, p), join(dir, p), {recursive: true});
      symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
      writeFileSync(join(dir, "package.json"), JSON.stringify({type: "module"}));
      if (perturb) {
        const ref = load("aml");
        perturb(ref);
        writeFileSync(join(dir, "test", "fixtures", "aml.json"), JSON.stringify(ref));
      }
      return spawnSync(process.execPath, ["--import", "tsx", "src/data/validation.json.ts"], {cwd: dir, encoding: "utf8"});
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }

  test("prints the comparison when everything agrees", () => {
    const r = runLoader(null);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.allOk, true);
    assert.deepEqual(out.datasets.map((d: {name: string; n: number}) => [d.name, d.n]), [["aml", 23], ["lung", 228]]);
    assert.equal(out.rVersion, "R version 4.2.2 Patched (2022-11-10 r83330)"); // aml.json generator.r_version
    assert.equal(out.rows.length, 2 * (3 * FIELDS_PER_CURVE + 2 * FIELDS_PER_TEST));
    assert.ok(out.maxRelDiff < 1e-10 && out.maxRelDiff === Math.max(...out.rows.map((x: ComparisonRow) => x.maxRelDiff)));
  });

  test("stops the build, naming the field, when one value disagrees", () => {
    const r = runLoader((ref) => {
      ref.curves[1].fits.plain.print_table.rmean = 30; // R: 28.89772727272727 (aml.json, x=Maintained, tau 40)
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /validation against R .*: 1 of \d+ fields differ by more than 1e-10 relative/);
    assert.match(r.stderr, /aml x=Maintained \(plain\) rmean: max relative difference [\d.e-]+; index 0: ours [\d.]+, R 30/);
  });
});
