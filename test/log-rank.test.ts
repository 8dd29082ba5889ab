// Log-rank / Peto–Peto test: reference values from R (survival 3.5.3, test/fixtures/{aml,lung}.json, provenance
// in test/fixtures/README.md), a three-group case computed with R, properties and argument checks.
import {describe, test} from "node:test";
import assert from "node:assert/strict";
import {logRank} from "../loaders/log-rank.js";
import {createRandom} from "../loaders/random.js";
import {assertAllClose, assertClose, readDatasetCsv, readFixture} from "./reference-helpers.js";

for (const name of ["aml", "lung"]) {
  const ref = readFixture(`${name}.json`);
  const rows = readDatasetCsv(ref.input_csv);
  describe(`R reference: ${name}`, () => {
    for (const r of ref.logrank) {
      test(`survdiff(Surv(time, event) ~ group, rho = ${r.rho})`, () => {
        const where = `${name} rho ${r.rho}`;
        const result = logRank(rows.time, rows.event, rows.group!, {rho: r.rho});
        assert.deepEqual(result.groups, r.groups);
        assert.deepEqual(result.n, r.n);
        assertAllClose(result.observed, r.observed, `${where} observed`);
        assertAllClose(result.expected, r.expected, `${where} expected`);
        assertClose(result.chisq, r.chisq, `${where} chisq`);
        assert.equal(result.df, r.df);
        // p = pchisq(chisq, df, lower.tail = FALSE); 1 - pchisq(...) agrees to 1e-10 as well
        assertClose(result.pValue, r.p_value_upper_tail, `${where} p (upper tail)`);
        assertClose(result.pValue, r.p_value, `${where} p (1 - pchisq)`);
      });
    }
  });
}

describe("three groups with ties (values from R)", () => {
  // R 4.2.2, survival 3.5.3, run for this test:
  //   d <- data.frame(time = <time>, event = <event>, group = <group>)
  //   survdiff(Surv(time, event) ~ group, data = d, rho = rho)   for rho = 0, 1, 0.5
  const time = [3, 5, 5, 7, 8, 8, 9, 12, 12, 15, 16, 18, 20, 21, 22, 25, 30, 30, 33, 40];
  const event = [1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
  const group = ["b", "a", "c", "a", "b", "c", "a", "b", "c", "a", "a", "c", "b", "c", "a", "b", "c", "c", "a", "b"];
  const expected = [
    {
      rho: 0,
      observed: [5, 5, 3],
      expected: [4.1534051861451244, 4.1734094079295314, 4.6731854059253441],
      chisq: 0.99872793075186539,
      p: 0.60691655692175295,
    },
    {
      rho: 1,
      observed: [3.4080255039078562, 3.5678321678321674, 1.6727190456602217],
      expected: [2.7842533936651579, 2.6730522418757707, 3.1912710818593171],
      chisq: 1.5956329657106569,
      p: 0.45031115353745244,
    },
    {
      rho: 0.5,
      observed: [4.0410452702698816, 4.1773923609940056, 2.1997498341907646],
      expected: [3.3338377571341553, 3.2733506951756568, 3.8109990131448397],
      chisq: 1.3453656051048228,
      p: 0.51033760455549781,
    },
  ];
  for (const e of expected) {
    test(`rho = ${e.rho}`, () => {
      const r = logRank(time, event, group, {rho: e.rho});
      assert.deepEqual(r.groups, ["a", "b", "c"]);
      assert.deepEqual(r.n, [7, 6, 7]);
      assertAllClose(r.observed, e.observed, "observed");
      assertAllClose(r.expected, e.expected, "expected");
      assertClose(r.chisq, e.chisq, "chisq");
      assert.equal(r.df, 2);
      assertClose(r.pValue, e.p, "p");
    });
  }
});

describe("properties and corner cases", () => {
  const random = createRandom(11);
  const n = 400;
  const time: number[] = [];
  const event: number[] = [];
  const group: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = random.int(3);
    const t = Math.ceil(random.exponential(10 + 4 * g));
    const c = Math.ceil(random.exponential(25));
    time.push(Math.min(t, c));
    event.push(t <= c ? 1 : 0);
    group.push(g + 1);
  }
  const base = logRank(time, event, group);

  test("observed and expected both sum to the number of events (rho = 0)", () => {
    const events = event.reduce((a, b) => a + b, 0);
    assertClose(base.observed.reduce((a, b) => a + b, 0), events, "sum observed");
    assertClose(base.expected.reduce((a, b) => a + b, 0), events, "sum expected");
  });
  test("shuffling the rows does not change the result", () => {
    const order = Array.from({length: n}, (_, i) => i);
    const r = createRandom(12);
    for (let i = n - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const again = logRank(order.map((i) => time[i]), order.map((i) => event[i]), order.map((i) => group[i]));
    assert.equal(again.chisq, base.chisq);
    assert.deepEqual(again.groups, base.groups);
    for (let g = 0; g < 3; g++) {
      assertClose(again.expected[g], base.expected[g], "expected");
      assert.equal(again.observed[g], base.observed[g]);
    }
  });
  test("renaming the groups only reorders the output; the statistic is the same", () => {
    const names = ["z", "m", "a"]; // 1 -> z, 2 -> m, 3 -> a: sorted order becomes a (3), m (2), z (1)
    const r = logRank(time, event, group.map((g) => names[g - 1]));
    assert.deepEqual(r.groups, ["a", "m", "z"]);
    assert.deepEqual(r.n, [...base.n].reverse());
    assertClose(r.chisq, base.chisq as number, "chisq");
    assert.equal(r.df, 2);
  });
  test("numeric groups sort numerically (10 after 9)", () => {
    const r = logRank([1, 2, 3, 4], [1, 1, 0, 1], [10, 9, 10, 9]);
    assert.deepEqual(r.groups, [9, 10]);
  });
  test("timefix: near-tied times are one time, as R's survdiff", () => {
    // R 4.2.2: t <- c(1, 1 + 1e-9, 2, 3, 3 * (1 + 1e-9), 4, 5, 6); e <- c(1, 1, 0, 1, 1, 0, 1, 1);
    // g <- c("a","b","a","b","a","b","a","b"); survdiff(Surv(t, e) ~ g): exp 2.2999999999999998 3.7000000000000002,
    // chisq 0.47180192572214608
    const t = [1, 1 + 1e-9, 2, 3, 3 * (1 + 1e-9), 4, 5, 6];
    const e = [1, 1, 0, 1, 1, 0, 1, 1];
    const g = ["a", "b", "a", "b", "a", "b", "a", "b"];
    const r = logRank(t, e, g);
    assertAllClose(r.expected, [2.2999999999999998, 3.7000000000000002], "expected");
    assertClose(r.chisq, 0.47180192572214608, "chisq");
    // without timefix the times differ, and so does the test
    const exact = logRank(t, e, g, {timefix: false});
    assert.ok(Math.abs((exact.chisq as number) - 0.47180192572214608) > 1e-3);
  });
  test("logRank with one group throws", () => {
    assert.throws(() => logRank([1, 2, 3], [1, 0, 1], ["a", "a", "a"]), {
      message: 'group must have at least 2 distinct values (got only "a")',
    });
  });
  test("a group with no one at risk at any event time has expected 0 and drops out of df (R: chisq 0, p 1)", () => {
    // R 4.2.2: survdiff(Surv(c(1, 2), c(0, 1)) ~ c("A", "B")) gives exp 0 1, chisq 0, pvalue 1
    const r = logRank([1, 2], [0, 1], ["A", "B"]);
    assert.deepEqual(r.expected, [0, 1]);
    assert.equal(r.chisq, 0);
    assert.equal(r.df, 0);
    assert.equal(r.pValue, 1);
  });
  test("no events at all: df -1 and p null (R: NaN)", () => {
    const r = logRank([1, 2, 3], [0, 0, 0], ["A", "B", "B"]);
    assert.equal(r.df, -1);
    assert.equal(r.pValue, null);
  });
  test("a singular variance (all at risk die at the only event time) gives null, where R stops", () => {
    const r = logRank([1, 1], [1, 1], ["A", "B"]);
    assert.equal(r.chisq, null);
    assert.equal(r.pValue, null);
  });
});

describe("bad arguments throw an Error naming the argument, index and value", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["negative time", () => logRank([1, -2], [1, 1], ["a", "b"]), /^time\[1\] must be a finite non-negative number \(got -2\)$/],
    ["event 3", () => logRank([1, 2], [1, 3], ["a", "b"]), /^event\[1\] must be 0, 1, true or false \(got 3\)$/],
    ["group undefined", () => logRank([1, 2], [1, 0], ["a"] as string[]), /^group has length 1 but time has length 2$/],
    ["group NaN", () => logRank([1, 2], [1, 0], ["a", NaN]), /^group\[1\] must be a string or a finite number \(got NaN\)$/],
    ["group null", () => logRank([1, 2], [1, 0], [null as unknown as string, "a"]), /^group\[0\] .* \(got null\)$/],
    ["lengths differ", () => logRank([1, 2, 3], [1, 0], ["a", "b", "c"]), /^event has length 2 but time has length 3$/],
    ["empty", () => logRank([], [], []), /^time must not be empty/],
    ["rho", () => logRank([1, 2], [1, 0], ["a", "b"], {rho: NaN}), /^options\.rho must be a finite number \(got NaN\)$/],
  ];
  for (const [label, call, message] of cases) {
    test(label, () => assert.throws(call, {name: "Error", message}));
  }
});
