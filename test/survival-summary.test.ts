// Tests of loaders/survival-summary.ts (what src/data/survival.json.ts prints) on data/patients.csv.
// Provenance: "R 4.2.2" values printed on this machine by Rscript with library(survival) (options(digits = 17)):
//   d <- data.frame(t = c(3,3,7,10,14,17,17,20,35,50,72), e = c(1,0,1,1,1,1,1,1,1,1,0))   # DFS, death an event
//   f <- survfit(Surv(t, e) ~ 1, data = d); summary(f, times = c(12, 24, 36, 60)); quantile(f, c(.25, .5, .75))
//   os <- data.frame(t = c(3,3,22,29,36,43,43,55,61,66,72), e = c(1, rep(0, 10)))
//   quantile(survfit(Surv(t, 1 - e) ~ 1, data = os), 0.5)                                  # reverse KM follow-up
// "by hand": fractions from data/patients.csv (data/README.md).
import {test, describe} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {parsePatients} from "../loaders/cohort.js";
import {CONF_TYPES, LANDMARK_MONTHS, survivalSummary} from "../loaders/survival-summary.js";

const patients = parsePatients(readFileSync(new URL("../data/patients.csv", import.meta.url), "utf8"));
const s = survivalSummary(patients);

function near(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - expected) <= 1e-12, `${what}: got ${actual}, expected ${expected}`);
}

describe("survivalSummary", () => {
  test("fits for every CI type and every disease-free definition", () => {
    assert.deepEqual(Object.keys(s.os.fits), [...CONF_TYPES]);
    assert.deepEqual(Object.keys(s.dfs), ["event", "censored", "excluded"]);
    for (const rule of ["event", "censored", "excluded"] as const) assert.deepEqual(Object.keys(s.dfs[rule].fits), [...CONF_TYPES]);
    assert.equal(s.defaultDfsDefinition, "event");
    // by hand: 11 curative patients, 1 death; DFS 9 events (the death and 8 recurrences), 10 patients when excluded.
    assert.deepEqual([s.os.n, s.os.nEvents, s.dfs.event.n, s.dfs.event.nEvents, s.dfs.excluded.n, s.dfs.censored.nEvents], [11, 1, 11, 9, 10, 8]);
    assert.ok(!s.dfs.excluded.ids.includes("P01") && s.dfs.event.ids.includes("P01"));
  });
  test("DFS landmarks with log CIs (R 4.2.2) and exact fractions (by hand)", () => {
    const rows = s.dfs.event.fits.log.landmarks;
    assert.deepEqual(rows.map((r) => r.time), LANDMARK_MONTHS);
    assert.deepEqual(rows.map((r) => r.exact), ["70/99", "10/33", "20/99", "10/99"]);
    assert.deepEqual(rows.map((r) => r.nRisk), [7, 3, 2, 1]);
    const R = [
      [0.7070707070707, 0.1428859234273, 0.47582882071954, 1],
      [0.3030303030303, 0.1457424963261, 0.11805937382369, 0.7778066372923],
      [0.2020202020202, 0.1274457374632, 0.05866902345648, 0.6956339072962],
      [0.1010101010101, 0.0957189858514, 0.01576706781436, 0.6471108405315],
    ];
    rows.forEach((r, i) => {
      // R printed 13-14 significant digits here: compare to 1e-12.
      assert.ok(Math.abs(r.survival - R[i][0]) < 1e-12 && Math.abs((r.stdErr ?? NaN) - R[i][1]) < 1e-12, `row ${i}`);
      assert.ok(Math.abs((r.lower ?? NaN) - R[i][2]) < 1e-12 && Math.abs((r.upper ?? NaN) - R[i][3]) < 1e-12, `row ${i} CI`);
    });
  });
  test("DFS quantiles (R 4.2.2)", () => {
    const q = s.dfs.event.fits.log.quantiles;
    assert.deepEqual(q.map((r) => [r.prob, r.quantile, r.lower, r.upper]), [
      [0.25, 10, 7, 35],
      [0.5, 17, 10, null],
      [0.75, 35, 17, null],
    ]);
  });
  test("OS stays at 10/11 from month 3 (by hand)", () => {
    for (const confType of CONF_TYPES) {
      assert.deepEqual(s.os.fits[confType].landmarks.map((r) => r.exact), ["10/11", "10/11", "10/11", "10/11"]);
    }
  });
  test("follow-up: sample median and range, reverse KM (R 4.2.2)", () => {
    assert.deepEqual(s.followUp.sample, {n: 11, median: 43, min: 3, max: 72});
    near(s.followUp.reverseKm.log.median, 43, "median");
    near(s.followUp.reverseKm.log.lower, 29, "lower");
    near(s.followUp.reverseKm.log.upper, null, "upper");
  });
  test("risk tables at 0, 12, …, 72 months (by hand; see test/risk-table.test.ts)", () => {
    assert.deepEqual(s.riskTableMonths, [0, 12, 24, 36, 48, 60, 72]);
    assert.deepEqual(s.os.riskTable.map((r) => r.atRisk), [11, 9, 8, 7, 4, 3, 1]);
    assert.deepEqual(s.dfs.event.riskTable.map((r) => r.atRisk), [11, 7, 3, 2, 2, 1, 1]);
    assert.deepEqual(s.dfs.excluded.riskTable.map((r) => r.atRisk), [10, 7, 3, 2, 2, 1, 1]);
  });
  test("the summary survives JSON (no typed arrays, no undefined)", () => {
    const round = JSON.parse(JSON.stringify(s));
    assert.deepEqual(round.dfs.event.fits.plain.fit.time, s.dfs.event.fits.plain.fit.time);
    assert.ok(Array.isArray(round.os.fits.log.fit.survival));
  });
});
