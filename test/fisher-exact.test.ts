// Fisher's exact test: reference values from R (test/fixtures/fisher.json, provenance in
// test/fixtures/README.md), further cases computed with R 4.2.2 for this test, and argument checks.
import {describe, test} from "node:test";
import assert from "node:assert/strict";
import {fisherExact} from "../loaders/fisher-exact.js";
import {assertClose, readFixture} from "./reference-helpers.js";

const ref = readFixture("fisher.json");

describe("R reference: fisher.json", () => {
  for (const t of ref.tests) {
    test(`${t.id}: ${t.call}`, () => {
      const r = fisherExact(t.table);
      assertClose(r.pValue, t.p_value, `${t.id} p`);
      if (t.nrow === 2 && t.ncol === 2) {
        assertClose(r.oddsRatio, t.odds_ratio_conditional_mle, `${t.id} conditional MLE`);
        assert.ok(r.confInt);
        assertClose(r.confInt[0], t.conf_int[0], `${t.id} CI lower`);
        assertClose(r.confInt[1], t.conf_int[1], `${t.id} CI upper`);
      } else {
        assert.equal(r.oddsRatio, undefined);
        assert.equal(r.confInt, undefined);
      }
    });
  }
});

describe("further cases (values from R 4.2.2 fisher.test, run for this test)", () => {
  test("conf.level = 0.9 and the MLE: fisher.test(matrix(c(2, 7, 8, 2), 2, byrow = TRUE), conf.level = 0.9)", () => {
    const r = fisherExact([[2, 7], [8, 2]], {confLevel: 0.9});
    assertClose(r.confInt![0], 0.0071637491690699565, "CI lower");
    assertClose(r.confInt![1], 0.67852548034045279, "CI upper");
    assertClose(r.oddsRatio, 0.085862351357362199, "MLE");
  });
  test("an empty first row: p 1, estimate 0, CI [0, Inf]", () => {
    const r = fisherExact([[0, 0], [3, 4]]);
    assert.deepEqual(r, {pValue: 1, oddsRatio: 0, confInt: [0, Infinity]});
  });
  test("a zero off-diagonal: estimate Inf, CI [0.92584829992588891, Inf]", () => {
    const r = fisherExact([[4, 0], [0, 3]]);
    assert.equal(r.oddsRatio, Infinity);
    assertClose(r.confInt![0], 0.92584829992588891, "CI lower");
    assert.equal(r.confInt![1], Infinity);
  });
  test("a 3 x 2 table: fisher.test(matrix(c(3, 1, 0, 2, 0, 4), 3, byrow = TRUE))$p.value", () => {
    assertClose(fisherExact([[3, 1], [0, 2], [0, 4]]).pValue, 0.13333333333333303, "p");
  });
  test("the r x c enumeration agrees with the 2 x 2 hypergeometric p-value", () => {
    // a 2 x 3 table with an empty column has the same p-value as its 2 x 2 part
    for (const t of ref.tests.filter((x: any) => x.nrow === 2 && x.ncol === 2)) {
      const wide = fisherExact(t.table.map((row: number[]) => [...row, 0]));
      assertClose(wide.pValue, t.p_value, `${t.id} as 2 x 3`);
    }
  });
});

describe("bad arguments throw an Error naming the argument, index and value", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["negative count", () => fisherExact([[1, 2], [-1, 4]]), /^table\[1\]\[0\] must be a non-negative integer count \(got -1\)$/],
    ["fractional count", () => fisherExact([[1, 2.5], [3, 4]]), /^table\[0\]\[1\] must be a non-negative integer count \(got 2\.5\)$/],
    ["NaN count", () => fisherExact([[1, 2], [3, NaN]]), /^table\[1\]\[1\] .* \(got NaN\)$/],
    ["string count", () => fisherExact([[1, "2" as unknown as number], [3, 4]]), /^table\[0\]\[1\] .* \(got "2"\)$/],
    ["ragged rows", () => fisherExact([[1, 2], [3, 4, 5]]), /^table\[1\] has 3 columns but table\[0\] has 2$/],
    ["one row", () => fisherExact([[1, 2]]), /^table must have at least 2 rows \(got 1\)$/],
    ["one column", () => fisherExact([[1], [2]]), /^table must have at least 2 columns \(got 1\)$/],
    ["not an array", () => fisherExact(null as unknown as number[][]), /^table must be an array of rows \(got null\)$/],
    ["confLevel", () => fisherExact([[1, 2], [3, 4]], {confLevel: 1}), /^options\.confLevel .* \(got 1\)$/],
  ];
  for (const [label, call, message] of cases) {
    test(label, () => assert.throws(call, {name: "Error", message}));
  }
});
