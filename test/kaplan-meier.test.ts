// Kaplan–Meier: reference values from R (survival 3.5.3, test/fixtures/*.json, provenance in
// test/fixtures/README.md), property tests on seeded random data, exact-rational precision on 10^6 rows,
// and argument checks.
import {describe, test} from "node:test";
import assert from "node:assert/strict";
import {
  kaplanMeier,
  medianFollowUp,
  printMedian,
  quantiles,
  restrictedMean,
  survivalAt,
  type ConfType,
  type KaplanMeierFit,
} from "../loaders/kaplan-meier.js";
import {createRandom} from "../loaders/random.js";
import {
  assertAllClose,
  assertClose,
  readDatasetCsv,
  readFixture,
  subset,
  SURVIVAL_DATASETS,
} from "./reference-helpers.js";

const CONF_TYPES: ConfType[] = ["log", "log-log", "plain"];

for (const name of SURVIVAL_DATASETS) {
  const ref = readFixture(`${name}.json`);
  const rows = readDatasetCsv(ref.input_csv);
  describe(`R reference: ${name}`, () => {
    test("the CSV is the data R used", () => {
      assert.equal(rows.time.length, ref.n);
    });
    for (const curve of ref.curves) {
      const data = subset(rows, curve.group);
      for (const confType of CONF_TYPES) {
        test(`${curve.label}, conf.type ${confType}: table, quantiles, landmarks, print table`, () => {
          const r = curve.fits[confType];
          const fit = kaplanMeier(data.time, data.event, {confType});
          const where = `${name} ${curve.label} ${confType}`;
          assert.equal(fit.n, curve.n);
          assert.equal(fit.nEvents, curve.n_events);
          assert.equal(fit.confType, confType);
          assert.equal(fit.confLevel, ref.conf_int);
          // summary(fit, censored = TRUE) and fit$std.err
          const t = r.table;
          assertAllClose(fit.time, t.time, `${where} time`);
          assertAllClose(fit.nRisk, t.n_risk, `${where} n_risk`);
          assertAllClose(fit.nEvent, t.n_event, `${where} n_event`);
          assertAllClose(fit.nCensor, t.n_censor, `${where} n_censor`);
          assertAllClose(fit.survival, t.surv, `${where} surv`);
          assertAllClose(fit.stdErr, t.std_err_surv, `${where} std_err_surv`);
          assertAllClose(fit.cumHazStdErr, t.std_err_cumhaz, `${where} std_err_cumhaz`);
          assertAllClose(fit.lower, t.lower, `${where} lower`);
          assertAllClose(fit.upper, t.upper, `${where} upper`);
          // quantile(fit, probs = c(0.25, 0.5, 0.75))
          const q = quantiles(fit, r.quantiles.probs);
          assert.deepEqual(
            q.map((row) => row.prob),
            r.quantiles.probs,
          );
          assertAllClose(q.map((row) => row.quantile), r.quantiles.quantile, `${where} quantile`);
          assertAllClose(q.map((row) => row.lower), r.quantiles.lower, `${where} quantile lower`);
          assertAllClose(q.map((row) => row.upper), r.quantiles.upper, `${where} quantile upper`);
          // summary(fit, times = landmark_times)
          const lm = r.landmarks;
          const at = survivalAt(fit, lm.times_requested);
          assertAllClose(at.map((row) => row.time), lm.time, `${where} landmark time`);
          assertAllClose(at.map((row) => row.nRisk), lm.n_risk, `${where} landmark n_risk`);
          assertAllClose(at.map((row) => row.nEvent), lm.n_event, `${where} landmark n_event`);
          assertAllClose(at.map((row) => row.nCensor), lm.n_censor, `${where} landmark n_censor`);
          assertAllClose(at.map((row) => row.survival), lm.surv, `${where} landmark surv`);
          assertAllClose(at.map((row) => row.stdErr), lm.std_err_surv, `${where} landmark std_err_surv`);
          assertAllClose(at.map((row) => row.lower), lm.lower, `${where} landmark lower`);
          assertAllClose(at.map((row) => row.upper), lm.upper, `${where} landmark upper`);
          // summary(fit, rmean = tau)$table
          const pt = r.print_table;
          const med = printMedian(fit);
          assertClose(med.median, pt.median, `${where} print median`);
          assertClose(med.lower, pt.lower, `${where} print median lower`);
          assertClose(med.upper, pt.upper, `${where} print median upper`);
          const rm = restrictedMean(fit, pt.rmean_tau);
          assertClose(rm.tau, pt.rmean_tau, `${where} rmean tau`);
          assertClose(rm.rmean, pt.rmean, `${where} rmean`);
          assertClose(rm.se, pt.se_rmean, `${where} se(rmean)`);
        });
      }
      test(`${curve.label}: restricted mean and reverse-KM median follow-up`, () => {
        const where = `${name} ${curve.label}`;
        const fit = kaplanMeier(data.time, data.event);
        const rm = restrictedMean(fit, curve.rmean.tau);
        assertClose(rm.rmean, curve.rmean.rmean, `${where} rmean`);
        assertClose(rm.se, curve.rmean.se_rmean, `${where} se_rmean`);
        const fu = medianFollowUp(data.time, data.event);
        const expected = curve.reverse_km_median_followup;
        assertClose(fu.median, expected.median, `${where} follow-up median`);
        assertClose(fu.lower, expected.lower, `${where} follow-up lower`);
        assertClose(fu.upper, expected.upper, `${where} follow-up upper`);
        // print() of the reverse fit gives the same median here (no flat-step-at-the-end case)
        const reverse = kaplanMeier(data.time, data.event.map((e) => 1 - e));
        assertClose(printMedian(reverse).median, expected.print_table_median, `${where} follow-up print median`);
      });
    }
  });
}

describe("documented corner cases (values from the reference README)", () => {
  test("aml pooled, log CI: quantile() gives median upper 48 but print() gives 45", () => {
    // /work/shared/reference/README.md, "Conventions": a log-type upper limit that rises again
    const rows = readDatasetCsv("aml.csv");
    const fit = kaplanMeier(rows.time, rows.event);
    assert.equal(quantiles(fit, [0.5])[0].upper, 48);
    assert.equal(printMedian(fit).upper, 45);
  });
  test("edge c: S is exactly 0.5 on [4, 6), the median is the midpoint 5", () => {
    const fit = kaplanMeier([1, 3, 4, 6, 6, 10], [1, 1, 1, 1, 1, 1]);
    assert.equal(quantiles(fit, [0.5])[0].quantile, 5);
    assert.equal(printMedian(fit).median, 5);
  });
  test("a curve ending flat at exactly 1 - p: quantile() takes the midpoint with the last time, print() not", () => {
    // S = 0.75, 0.5, 0.5 at t = 2, 4, 8 (the curve ends flat at 0.5). R 4.2.2 / survival 3.5.3:
    // quantile(survfit(Surv(c(2,4,8,8), c(1,1,0,0)) ~ 1), 0.5)$quantile is 6 = (4 + 8) / 2 and
    // summary(<same fit>)$table["median"] is 4 (the README's "Conventions", flat-step rule)
    const fit = kaplanMeier([2, 4, 8, 8], [1, 1, 0, 0]);
    assert.deepEqual(fit.survival, [0.75, 0.5, 0.5]);
    assert.equal(quantiles(fit, [0.5])[0].quantile, 6);
    assert.equal(printMedian(fit).median, 4);
  });
  test("timefix: times closer than ~1.5e-8 relative are tied, as R's survfit does by default", () => {
    // R 4.2.2 / survival 3.5.3, t <- c(1, 1 + 1e-9, 2, 3, 3 * (1 + 1e-9), 4, 5, 6), e <- c(1, 1, 0, 1, 1, 0, 1, 1):
    // survfit(Surv(t, e) ~ 1): time 1 2 3 4 5 6, n.risk 8 6 5 3 2 1, n.event 2 0 2 0 1 1,
    //   surv 0.75 0.75 0.45 0.45 0.225 0; with timefix = FALSE: eight times, surv 0.875 0.75 0.75 0.6 0.45 ...
    const t = [1, 1 + 1e-9, 2, 3, 3 * (1 + 1e-9), 4, 5, 6];
    const e = [1, 1, 0, 1, 1, 0, 1, 1];
    const fit = kaplanMeier(t, e);
    assert.deepEqual(fit.time, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(fit.nRisk, [8, 6, 5, 3, 2, 1]);
    assert.deepEqual(fit.nEvent, [2, 0, 2, 0, 1, 1]);
    assertAllClose(fit.survival, [0.75, 0.75, 0.44999999999999996, 0.44999999999999996, 0.22499999999999998, 0], "surv");
    const exact = kaplanMeier(t, e, {timefix: false});
    assert.deepEqual(exact.time, t);
    assertAllClose(exact.survival.slice(0, 5), [0.875, 0.75, 0.75, 0.60000000000000009, 0.45000000000000007], "surv");
  });
  test("survivalAt with extend keeps times after the last observation, with nRisk 0", () => {
    const fit = kaplanMeier([1, 2, 3], [1, 0, 1]);
    assert.equal(survivalAt(fit, [5]).length, 0);
    const [row] = survivalAt(fit, [5], {extend: true});
    assert.deepEqual(
      {time: row.time, nRisk: row.nRisk, nEvent: row.nEvent, nCensor: row.nCensor, survival: row.survival},
      {time: 5, nRisk: 0, nEvent: 2, nCensor: 1, survival: 0},
    );
  });
  test("a non-default confidence level changes z: 0.9 uses qnorm(0.95)", () => {
    // R 4.2.2 / survival 3.5.3: survfit(Surv(c(1,2,3,4), c(1,1,0,1)) ~ 1, conf.type = "plain",
    // conf.int = 0.9)$lower[1] is 0.3938787433882634 (0.75 - 1.6448536269514715 * sqrt(0.75 * 0.25 / 4))
    const fit = kaplanMeier([1, 2, 3, 4], [1, 1, 0, 1], {confType: "plain", confLevel: 0.9});
    assertClose(fit.lower[0], 0.3938787433882634, "plain lower at 90%");
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties, on seeded random data

function randomData(seed: number, n: number, distinct = true): {time: number[]; event: number[]} {
  const random = createRandom(seed);
  const time: number[] = [];
  const event: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = random.exponential(10);
    const c = random.exponential(15);
    time.push(distinct ? Math.min(t, c) : Math.ceil(Math.min(t, c)));
    event.push(t <= c ? 1 : 0);
  }
  return {time, event};
}

function shuffled<T>(values: T[], order: number[]): T[] {
  return order.map((i) => values[i]);
}

function permutation(seed: number, n: number): number[] {
  const random = createRandom(seed);
  const order = Array.from({length: n}, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

describe("properties (seeded random data)", () => {
  const cases = [
    {seed: 1, n: 200, distinct: true},
    {seed: 2, n: 500, distinct: false},
    {seed: 3, n: 50, distinct: false},
  ];
  for (const {seed, n, distinct} of cases) {
    const data = randomData(seed, n, distinct);
    for (const confType of CONF_TYPES) {
      const fit = kaplanMeier(data.time, data.event, {confType});
      const label = `seed ${seed}, n ${n}, ${distinct ? "distinct" : "tied"} times, ${confType}`;
      test(`shuffling the rows does not change the fit (${label})`, () => {
        const order = permutation(seed + 100, n);
        const again = kaplanMeier(shuffled(data.time, order), shuffled(data.event, order), {confType});
        assert.deepEqual(again, fit);
      });
      test(`scaling the times scales the fit's times and nothing else (${label})`, () => {
        const factor = 7.25; // a power-of-two multiple keeps the products exact: 29 / 4
        const scaled = kaplanMeier(
          data.time.map((t) => t * factor),
          data.event,
          {confType},
        );
        assert.deepEqual(scaled.time, fit.time.map((t) => t * factor));
        assert.deepEqual({...scaled, time: null}, {...fit, time: null});
        const q = quantiles(fit, [0.25, 0.5]);
        const qs = quantiles(scaled, [0.25, 0.5]);
        qs.forEach((row, i) => {
          const r = q[i];
          assert.equal(row.quantile, r.quantile === null ? null : r.quantile * factor);
        });
      });
      test(`S never increases, stays in [0, 1], and every CI contains S (${label})`, () => {
        assert.ok(fit.survival.length > 0);
        for (let i = 0; i < fit.survival.length; i++) {
          const s = fit.survival[i];
          assert.ok(s >= 0 && s <= 1, `S[${i}] = ${s}`);
          if (i > 0) assert.ok(s <= fit.survival[i - 1], `S increases at ${i}`);
          const lo = fit.lower[i];
          const hi = fit.upper[i];
          if (lo !== null) assert.ok(lo <= s * (1 + 1e-15), `lower ${lo} > S ${s} at ${i}`);
          if (hi !== null) assert.ok(hi >= s * (1 - 1e-15), `upper ${hi} < S ${s} at ${i}`);
          assert.equal(lo === null, hi === null);
          // nulls only where R gives NA: S = 0, or S = 1 with log-log
          if (lo === null) assert.ok(s === 0 || (confType === "log-log" && s === 1), `null CI at S = ${s}`);
        }
        // nRisk decreases by the events and censorings of the previous time
        for (let i = 1; i < fit.time.length; i++) {
          assert.equal(fit.nRisk[i], fit.nRisk[i - 1] - fit.nEvent[i - 1] - fit.nCensor[i - 1]);
        }
      });
    }
  }
  test("times that differ only in their low 32 bits are still ordered exactly (timefix off)", () => {
    // 2,000 distinct times within 1e-9 of 1000 share the high word of their bit pattern: the sort's fallback
    const n = 2000;
    const times = Array.from({length: n}, (_, i) => 1000 + i * 5e-13);
    const order = permutation(5, n);
    const events = times.map((_, i) => i % 3 === 0 ? 0 : 1);
    const fit = kaplanMeier(shuffled(times, order), shuffled(events, order), {timefix: false});
    assert.deepEqual(fit.time, times);
    assert.deepEqual(fit.nEvent, events);
    // and with R's timefix they are all one time
    assert.deepEqual(kaplanMeier(times, events).time, [1000]);
  });
  test("typed arrays and boolean events give the same fit as plain arrays", () => {
    const data = randomData(9, 300, false);
    const fit = kaplanMeier(data.time, data.event);
    const typed = kaplanMeier(Float64Array.from(data.time), Uint8Array.from(data.event));
    const boolean = kaplanMeier(data.time, data.event.map((e) => e === 1));
    assert.deepEqual(typed, fit);
    assert.deepEqual(boolean, fit);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Precision on 10^6 rows

/** Exact rational S(t) = prod (n_i - d_i) / n_i, compared with the double S at sampled rows. */
function maxRelativeErrorExact(fit: KaplanMeierFit, sample: Set<number>): number {
  let num = 1n;
  let den = 1n;
  let worst = 0;
  for (let i = 0; i < fit.time.length; i++) {
    const n = BigInt(fit.nRisk[i]);
    const d = BigInt(fit.nEvent[i]);
    if (d > 0n) {
      num *= n - d;
      den *= n;
    }
    if (sample.has(i)) {
      if (num === 0n) {
        assert.equal(fit.survival[i], 0);
        continue;
      }
      // 128 extra bits: the quotient converts to the double nearest the exact value (within 1 ulp)
      const scaled = (num << 128n) / den;
      const exact = Number(scaled) / 2 ** 128;
      worst = Math.max(worst, Math.abs(fit.survival[i] - exact) / exact);
    }
  }
  return worst;
}

describe("precision: no drift on 10^6 rows", () => {
  test("S at 200 sampled times equals the exact rational product to < 1e-12 (times in whole days)", () => {
    // 10^6 rows, follow-up in whole days (3,000 distinct times), so the exact product stays a few
    // ten-thousand bits long
    const random = createRandom(20240501);
    const n = 1_000_000;
    const time = new Float64Array(n);
    const event = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const t = random.exponential(600);
      const c = random.int(3000) + 1;
      time[i] = Math.min(Math.ceil(t), c);
      event[i] = Math.ceil(t) <= c ? 1 : 0;
    }
    const fit = kaplanMeier(time, event);
    assert.equal(fit.n, n);
    const sample = new Set(Array.from({length: 200}, (_, k) => Math.floor((k * (fit.time.length - 1)) / 199)));
    const worst = maxRelativeErrorExact(fit, sample);
    assert.ok(worst < 1e-12, `worst relative error ${worst}`);
    // and in fact the double-double product is correctly rounded (within one rounding)
    assert.ok(worst <= 2 ** -53, `worst relative error ${worst}`);
  });

  test("S over ~7x10^5 distinct event times matches a 256-bit fixed-point product to < 1e-12", () => {
    // continuous times: every row its own time, so S is a product of ~10^6 factors; an exact rational
    // would have millions of digits, so the reference keeps 256 bits after the binary point, truncating
    // once per factor: its error is < 10^6 * 2^-256, far below the double's resolution
    const random = createRandom(77);
    const n = 1_000_000;
    const time = new Float64Array(n);
    const event = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const t = random.exponential(10);
      const c = random.exponential(40);
      time[i] = Math.min(t, c);
      event[i] = t <= c ? 1 : 0;
    }
    const fit = kaplanMeier(time, event);
    // R's timefix merges the few pairs of times closer than ~1.5e-8 relative to the mean time
    assert.ok(fit.time.length > 0.99 * n, `${fit.time.length} distinct times`);
    const ONE = 1n << 256n;
    let s = ONE;
    let worst = 0;
    let checked = 0;
    for (let i = 0; i < fit.time.length; i++) {
      const d = fit.nEvent[i];
      if (d > 0) s = (s * BigInt(fit.nRisk[i] - d)) / BigInt(fit.nRisk[i]);
      if (i % 5000 === 4999 || i === fit.time.length - 1) {
        const exact = Number(s >> 128n) / 2 ** 128;
        if (exact > 0) {
          worst = Math.max(worst, Math.abs(fit.survival[i] - exact) / exact);
          checked++;
        }
      }
    }
    assert.ok(checked >= 150, `checked ${checked}`);
    assert.ok(worst < 1e-12, `worst relative error ${worst}`);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Bad arguments

describe("bad arguments throw an Error naming the argument, index and value", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["negative time", () => kaplanMeier([1, 2, -1], [1, 0, 1]), /^time\[2\] must be a finite non-negative number \(got -1\)$/],
    ["NaN time", () => kaplanMeier([NaN], [1]), /^time\[0\] .* \(got NaN\)$/],
    ["infinite time", () => kaplanMeier([1, Infinity], [1, 1]), /^time\[1\] .* \(got Infinity\)$/],
    ["string time", () => kaplanMeier(["3" as unknown as number], [1]), /^time\[0\] .* \(got "3"\)$/],
    ["null time", () => kaplanMeier([1, null as unknown as number], [1, 1]), /^time\[1\] .* \(got null\)$/],
    ["event 2", () => kaplanMeier([1, 2, 3, 4], [1, 0, 0, 2]), /^event\[3\] must be 0, 1, true or false \(got 2\)$/],
    ["event '1'", () => kaplanMeier([1], ["1" as unknown as number]), /^event\[0\] .* \(got "1"\)$/],
    ["lengths differ", () => kaplanMeier([1, 2], [1]), /^event has length 1 but time has length 2$/],
    ["empty sample", () => kaplanMeier([], []), /^time must not be empty/],
    ["not an array", () => kaplanMeier(5 as unknown as number[], [1]), /^time must be an array \(got 5\)$/],
    ["confType", () => kaplanMeier([1], [1], {confType: "logit" as ConfType}), /^options\.confType .* \(got "logit"\)$/],
    ["confLevel", () => kaplanMeier([1], [1], {confLevel: 95}), /^options\.confLevel .* \(got 95\)$/],
    ["timefix", () => kaplanMeier([1], [1], {timefix: 1 as unknown as boolean}), /^options\.timefix must be true or false \(got 1\)$/],
    ["probs", () => quantiles(kaplanMeier([1], [1]), [0.5, 1.5]), /^probs\[1\] must be a number between 0 and 1 \(got 1\.5\)$/],
    ["landmark time", () => survivalAt(kaplanMeier([1], [1]), [1, NaN]), /^times\[1\] must be a finite number \(got NaN\)$/],
    ["tau before the first time", () => restrictedMean(kaplanMeier([5, 8], [1, 0]), 2), /^tau must not be before the first observed time 5 \(got 2\)/],
    ["reverse KM event", () => medianFollowUp([1, 2], [1, -1]), /^event\[1\] must be 0, 1, true or false \(got -1\)$/],
  ];
  for (const [label, call, message] of cases) {
    test(label, () => assert.throws(call, {name: "Error", message}));
  }
});
