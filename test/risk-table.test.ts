// Tests of loaders/risk-table.ts against counts made by hand from data/patients.csv (issue 4's table) and a small
// made-up sample. The at-risk counts of the patient table also equal R's n.risk: R 4.2.2, survival 3.x,
// summary(survfit(Surv(t, e) ~ 1), times = c(0, 12, 24, 36, 48, 60, 72)) on the OS times below printed
// n.risk 11 9 8 7 4 3 1.
import {test, describe} from "node:test";
import assert from "node:assert/strict";
import {kaplanMeier} from "../loaders/kaplan-meier.js";
import {riskTable} from "../loaders/risk-table.js";

// Curative patients P01–P11 of data/patients.csv.
// OS: follow-up months, 1 for the one death (P01 at month 3).
const OS_TIME = [3, 3, 22, 29, 36, 43, 43, 55, 61, 66, 72];
const OS_EVENT = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
// DFS (postoperative death an event): recurrence month, else follow-up.
const DFS_TIME = [3, 3, 7, 10, 14, 17, 17, 20, 35, 50, 72];
const DFS_EVENT = [1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0];
const MONTHS = [0, 12, 24, 36, 48, 60, 72];

const rows = (table: {time: number; atRisk: number; censored: number; events: number}[]) =>
  table.map((r) => [r.time, r.atRisk, r.censored, r.events]);

describe("riskTable", () => {
  test("overall survival of the curative patients, by hand", () => {
    // [month, at risk (time >= month), censored before, events before]
    // 12: P01 died at 3, P02 censored at 3. 24: + P03 censored at 22. 36: + P04 (29). 48: + P05 (36), P06, P07 (43).
    // 60: + P08 (55). 72: + P09 (61), P10 (66); P11 at 72 is still at risk.
    assert.deepEqual(rows(riskTable(kaplanMeier(OS_TIME, OS_EVENT), MONTHS)), [
      [0, 11, 0, 0],
      [12, 9, 1, 1],
      [24, 8, 2, 1],
      [36, 7, 3, 1],
      [48, 4, 6, 1],
      [60, 3, 7, 1],
      [72, 1, 9, 1],
    ]);
  });
  test("disease-free survival of the curative patients, by hand", () => {
    // 12: events at 3 (death), 7, 10; P02 censored at 3. 24: + 14, 17, 17, 20. 36: + 35. 60: + 50. 72: P11 at risk.
    assert.deepEqual(rows(riskTable(kaplanMeier(DFS_TIME, DFS_EVENT), MONTHS)), [
      [0, 11, 0, 0],
      [12, 7, 1, 3],
      [24, 3, 1, 7],
      [36, 2, 1, 8],
      [48, 2, 1, 8],
      [60, 1, 1, 9],
      [72, 1, 1, 9],
    ]);
  });
  test("at an event time, the subjects with that time are still at risk and their events not yet counted", () => {
    // Month 17: times >= 17 are 17, 17, 20, 35, 50, 72 (6); events before: 3, 7, 10, 14 (4); censored: P02.
    assert.deepEqual(rows(riskTable(kaplanMeier(DFS_TIME, DFS_EVENT), [17])), [[17, 6, 1, 4]]);
  });
  test("from time and event arrays, the same as from the fit", () => {
    assert.deepEqual(riskTable({time: DFS_TIME, event: DFS_EVENT}, MONTHS), riskTable(kaplanMeier(DFS_TIME, DFS_EVENT), MONTHS));
    assert.deepEqual(riskTable({time: OS_TIME, event: OS_EVENT.map((e) => e === 1)}, MONTHS), riskTable(kaplanMeier(OS_TIME, OS_EVENT), MONTHS));
  });
  test("ties of an event and a censoring; times in any order; after the last observation", () => {
    // Made-up sample: an event and a censoring at 1, an event at 2.
    const table = riskTable({time: [1, 1, 2], event: [1, 0, 1]}, [3, 1, 1.5, 2, 0]);
    assert.deepEqual(rows(table), [
      [3, 0, 1, 2],
      [1, 3, 0, 0],
      [1.5, 1, 1, 1],
      [2, 1, 1, 1],
      [0, 3, 0, 0],
    ]);
  });
  test("the three counts add up to n at every time", () => {
    for (const r of riskTable({time: DFS_TIME, event: DFS_EVENT}, [0, 2.5, 3, 3.5, 17, 17.5, 50, 71.9, 72, 80])) {
      assert.equal(r.atRisk + r.censored + r.events, 11, `at ${r.time}`);
    }
  });
  test("bad arguments throw, naming the argument, index and value", () => {
    assert.throws(() => riskTable({time: DFS_TIME, event: DFS_EVENT}, [0, Number.NaN]), /times\[1\] must be a finite number \(got NaN\)/);
    assert.throws(() => riskTable({time: [1, -2], event: [1, 0]}, [0]), /time\[1\]/);
    assert.throws(() => riskTable({time: [1, 2], event: [1, 2]}, [0]), /event\[1\]/);
  });
});
