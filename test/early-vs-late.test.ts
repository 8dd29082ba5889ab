// The early-vs-late comparison on the reconstructed table. Expected values: the group rule in loaders/cohort.ts
// applied by hand to data/patients.csv, and R 4.2.2 for the p-values:
//   wilcox.test(c(32, 61, 54, 78, 63, 67), c(57, 70, 65), exact = TRUE)  -> W = 7, p = 0.7142857142857143
//   fisher.test(rbind(c(2, 2, 1, 1), c(2, 1, 0, 0)))                     -> p = 1 (0.99999999999999944)
//   fisher.test(rbind(c(3, 3), c(1, 2)))                                   -> p = 1
import {test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {analysisTable, parsePatients} from "../loaders/cohort.js";
import {earlyVsLate} from "../loaders/early-vs-late.js";

const patients = parsePatients(readFileSync(new URL("../data/patients.csv", import.meta.url), "utf8"));

test("groups of the reconstructed table", () => {
  const r = earlyVsLate(analysisTable(patients));
  assert.deepEqual(r.early.map((x) => x.id), ["P03", "P04", "P05", "P06", "P07", "P08"]);
  assert.deepEqual(r.late.map((x) => x.id), ["P09", "P10", "P11"]);
  assert.deepEqual(r.neither.map((x) => x.id), ["P01", "P02"]);
});

test("each characteristic's test agrees with R", () => {
  const [age, site, complication] = earlyVsLate(analysisTable(patients)).tests;
  assert.equal(age.characteristic, "age");
  assert.equal(age.method, "exact Wilcoxon rank-sum");
  assert.equal(age.statistic, 7);
  assert.ok(Math.abs(age.pValue! - 0.7142857142857143) < 1e-12);
  assert.deepEqual(site.counts, {categories: ["stomach", "jejunum", "sigmoid", "pancreas"], early: [2, 2, 1, 1], late: [2, 1, 0, 0]});
  assert.ok(Math.abs(site.pValue! - 0.99999999999999944) < 1e-12);
  assert.deepEqual(complication.counts, {categories: ["yes", "no"], early: [3, 3], late: [1, 2]});
  assert.ok(Math.abs(complication.pValue! - 1) < 1e-12);
});

test("a characteristic with one category is not tested; an empty group throws", () => {
  const noComplication = patients.map((p) => ({...p, complication: false}));
  const c = earlyVsLate(analysisTable(noComplication)).tests[2];
  assert.deepEqual(c, {characteristic: "complication", method: "none (one category only)", statistic: null, pValue: 1, counts: {categories: ["no"], early: [6], late: [3]}});
  const noLate = patients.map((p) => (p.recurrenceMonth !== null && p.recurrenceMonth > 24 ? {...p, recurrenceMonth: 20} : p)).filter((p) => p.recurrenceMonth !== null || p.followupMonth < 24);
  assert.throws(() => earlyVsLate(analysisTable(noLate)), /a group is empty \(recurrence within 24 months: 8, disease-free for 24 months or more: 0\)/);
});
