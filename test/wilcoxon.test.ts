// Wilcoxon rank-sum test: reference values from R (test/fixtures/wilcoxon.json, provenance in
// test/fixtures/README.md), further cases computed with R 4.2.2 wilcox.test for this test, argument checks.
import {describe, test} from "node:test";
import assert from "node:assert/strict";
import {wilcoxonRankSum} from "../loaders/wilcoxon.js";
import {assertClose, readFixture} from "./reference-helpers.js";

describe("R reference: wilcoxon.json", () => {
  for (const t of readFixture("wilcoxon.json").tests) {
    test(`${t.id}: ${t.call}`, () => {
      const r = wilcoxonRankSum(t.x, t.y, {exact: t.exact, correct: t.correct});
      assertClose(r.statistic, t.statistic_W, `${t.id} W`);
      assertClose(r.pValue, t.p_value, `${t.id} p`);
      // the defaults are R's: exact for small samples without ties
      assert.deepEqual(wilcoxonRankSum(t.x, t.y), r);
    });
  }
});

describe("further cases (R 4.2.2, wilcox.test, run for this test)", () => {
  const x1 = [1.1, 2.2, 2.2, 3.5, 4.0, 5.1];
  const y1 = [2.2, 3.5, 6.0, 7.1, 7.1, 8.4, 9.0];
  test("ties: normal approximation with tie-corrected variance and continuity correction", () => {
    const r = wilcoxonRankSum(x1, y1);
    assert.equal(r.statistic, 6.5);
    assertClose(r.pValue, 0.043727859914373765, "p"); // wilcox.test(x1, y1)
  });
  test("ties without continuity correction", () => {
    assertClose(wilcoxonRankSum(x1, y1, {correct: false}).pValue, 0.03673340522508016, "p"); // correct = FALSE
  });
  const x2 = [0.8, 1.9, 3.3, 4.7, 5.2, 6.6, 7.0];
  const y2 = [2.5, 4.1, 8.8, 9.4, 10.2];
  test("exact = FALSE forces the normal approximation", () => {
    assertClose(wilcoxonRankSum(x2, y2, {exact: false}).pValue, 0.19387643074206251, "p");
    assertClose(wilcoxonRankSum(x2, y2, {exact: false, correct: false}).pValue, 0.16746459631208976, "p");
    assertClose(wilcoxonRankSum(x2, y2).pValue, 0.20202020202020204, "exact p");
  });
  test("exact distribution for 45 vs 40 values (counts beyond 2^53)", () => {
    // set.seed(5); v <- sample(1:1000, 85)/10; x <- v[1:45] + 0.05; y <- v[46:85]; wilcox.test(x, y)
    const x = [83.45, 87.55, 69.75, 20.75, 71.55, 88.95, 80.95, 72.55, 22.25, 7.15, 50.35, 40.35, 38.75, 80.65, 82.65, 94.35, 82.15, 84.45, 52.85, 92.25, 12.85, 53.95, 45.75, 73.25, 84.25, 8.55, 12.25, 47.45, 81.95, 62.55, 95.05, 18.45, 9.25, 26.95, 46.35, 40.75, 23.55, 5.45, 94.25, 14.65, 46.45, 19.25, 66.55, 39.45, 81.05];
    const y = [51.2, 62.8, 24.8, 0.8, 46.8, 97.7, 40.4, 36.5, 49.1, 61.6, 74.8, 12.3, 96.6, 32.6, 14.9, 9.1, 86.7, 7.2, 56.3, 8, 93.2, 95.2, 48.1, 46.6, 98.3, 51, 82.8, 38.1, 9, 12.7, 73.7, 52.7, 88.6, 10, 20.9, 14.8, 12.5, 75.4, 13.9, 64.9];
    const r = wilcoxonRankSum(x, y);
    assert.equal(r.statistic, 1001);
    assertClose(r.pValue, 0.37813591280066233, "p");
  });
  test("W counts x over y; swapping the samples gives n_x n_y - W and the same p", () => {
    const a = wilcoxonRankSum([3, 1, 2], [10, 11, 12, 13]);
    const b = wilcoxonRankSum([10, 11, 12, 13], [3, 1, 2]);
    assert.equal(a.statistic, 0);
    assert.equal(b.statistic, 12);
    assertClose(a.pValue, 0.057142857142857141, "p");
    assertClose(b.pValue, 0.057142857142857141, "p");
  });
  test("all values tied: p is null (R: NaN)", () => {
    assert.deepEqual(wilcoxonRankSum([1, 1, 1], [1, 1]), {statistic: 3, pValue: null});
  });
});

describe("bad arguments throw an Error naming the argument, index and value", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["empty x", () => wilcoxonRankSum([], [1]), /^x must not be empty/],
    ["empty y", () => wilcoxonRankSum([1], []), /^y must not be empty/],
    ["NaN in y", () => wilcoxonRankSum([1, 2], [3, NaN]), /^y\[1\] must be a number \(got NaN\)$/],
    ["string in x", () => wilcoxonRankSum(["a" as unknown as number], [1]), /^x\[0\] must be a number \(got "a"\)$/],
    ["not an array", () => wilcoxonRankSum(3 as unknown as number[], [1]), /^x must be an array of numbers \(got 3\)$/],
    ["exact option", () => wilcoxonRankSum([1], [2], {exact: "yes" as unknown as boolean}), /^options\.exact .* \(got "yes"\)$/],
  ];
  for (const [label, call, message] of cases) {
    test(label, () => assert.throws(call, {name: "Error", message}));
  }
});
