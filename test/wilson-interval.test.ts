// Tests of normalQuantile (loaders/distributions.ts), which the Wilson interval uses, and loaders/wilson-interval.ts.
//
// Provenance of expected values:
// - "R 4.2.2": printed with options(digits = 17) by R 4.2.2 Patched (2022-11-10 r83330), e.g.
//   Rscript -e 'options(digits=17); print(qnorm(0.975)); print(prop.test(81, 263, correct=FALSE)$conf.int)'.
// - "Newcombe 1998": Newcombe RG, "Two-sided confidence intervals for the single proportion: comparison of
//   seven methods", Stat Med 1998;17:857-872, worked examples, score method without continuity correction
//   (published to 4 decimals).
// - "by hand": the closed form written in loaders/wilson-interval.ts, evaluated step by step with 30-digit
//   arithmetic (Python mpmath, z = sqrt(2) * erfinv(0.95)); the intermediate numbers are in the comments.
import {describe, test} from "node:test";
import assert from "node:assert/strict";
import {normalQuantile} from "../loaders/distributions.js";
import {wilsonInterval, wilsonIntervalFromProportion} from "../loaders/wilson-interval.js";

function near(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: got ${actual}, expected ${expected} ± ${tolerance}`);
}

describe("normalQuantile", () => {
  test("matches R's qnorm in all three regions of AS 241", () => {
    // [p, R 4.2.2 qnorm(p)]
    const cases: Array<[number, number]> = [
      [0.975, 1.9599639845400536], // central region
      [0.9, 1.2815515655446008],
      [0.2, -0.84162123357291418],
      [0.075, -1.43953147093845568], // |p - 0.5| = 0.425: last point of the central region
      [0.925, 1.4395314709384559],
      [0.02425, -1.9729610513118845], // intermediate tail
      [0.995, 2.5758293035488999],
      [0.999999, 4.75342430881708911],
      [1e-10, -6.3613409024040557],
      [1e-20, -9.26234008979840517], // far tail (r > 5)
      [1e-300, -37.0470962993612005]
    ];
    for (const [p, expected] of cases) {
      near(normalQuantile(p), expected, 1e-14 * Math.max(1, Math.abs(expected)), `qnorm(${p})`);
    }
  });

  test("is 0 at the median and odd about it", () => {
    assert.equal(normalQuantile(0.5), 0);
    for (const p of [0.3, 0.01, 1e-8]) near(normalQuantile(p), -normalQuantile(1 - p), 1e-9, `symmetry at ${p}`);
  });

  test("inverts the normal distribution function (independent check by numerical integration)", () => {
    // Phi(x) = 1/2 + integral_0^x phi(t) dt, by composite Simpson's rule with 2000 panels (error < 1e-13 here).
    const phi = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
    const Phi = (x: number) => {
      const m = 2000;
      const h = x / m;
      let s = phi(0) + phi(x);
      for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * phi(i * h);
      return 0.5 + (s * h) / 3;
    };
    for (const p of [0.6, 0.8, 0.9, 0.975, 0.995, 0.05, 0.3]) near(Phi(normalQuantile(p)), p, 1e-12, `Phi(qnorm(${p}))`);
  });

  test("returns ±Infinity at 0 and 1 and NaN outside [0, 1], as R", () => {
    assert.equal(normalQuantile(0), -Infinity);
    assert.equal(normalQuantile(1), Infinity);
    assert.ok(Number.isNaN(normalQuantile(-0.1)));
    assert.ok(Number.isNaN(normalQuantile(1.5)));
    assert.ok(Number.isNaN(normalQuantile(NaN)));
  });
});

describe("wilsonInterval", () => {
  test("reproduces Newcombe (1998) to the published 4 decimals", () => {
    // [x, n, lower, upper] from Newcombe 1998, score method without continuity correction.
    const cases: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718]
    ];
    for (const [x, n, lower, upper] of cases) {
      const ci = wilsonInterval(x, n);
      near(ci.lower, lower, 0.00005, `${x}/${n} lower`);
      near(ci.upper, upper, 0.00005, `${x}/${n} upper`);
    }
  });

  test("matches R's prop.test(x, n, correct = FALSE)$conf.int at full precision", () => {
    // [x, n, confLevel, lower, upper], R 4.2.2.
    const cases: Array<[number, number, number, number, number]> = [
      [81, 263, 0.95, 0.25528851987827428, 0.36620957698280016],
      [15, 148, 0.95, 0.062386399530736283, 0.160487241723308],
      [0, 20, 0.95, 0, 0.1611251580528193],
      [1, 29, 0.95, 0.006113214292762661, 0.171755218793202824],
      [10, 11, 0.95, 0.6226415635484045, 0.98376782711411526],
      [11, 11, 0.95, 0.7411670330319684, 1], // upper limit clamped to 1 as in R
      [30, 56, 0.95, 0.40704181935661177, 0.6598014708777622],
      [81, 263, 0.9, 0.26331361718848145, 0.35656634960848815],
      [81, 263, 0.99, 0.24013690268760776, 0.38528250231822986]
    ];
    for (const [x, n, conf, lower, upper] of cases) {
      const ci = wilsonInterval(x, n, conf);
      near(ci.lower, lower, 1e-13, `prop.test(${x}, ${n}, conf.level = ${conf}) lower`);
      near(ci.upper, upper, 1e-13, `prop.test(${x}, ${n}, conf.level = ${conf}) upper`);
    }
  });

  test("accepts fractional successes, as prop.test does (10 of 11 by hand)", () => {
    // By hand, x = 10, n = 11, z = 1.959963984540054: z^2/n = 0.349223529154011, denominator 1.349223529154011,
    // centre = (10/11 + 0.1746117645770057) / 1.349223529154011 = 0.803204695331260,
    // half = z * sqrt((10/11)(1/11)/11 + z^2/484) / 1.349223529154011 = 0.180563131782855,
    // interval [0.622641563548404, 0.983767827114115].
    const ci = wilsonInterval(10, 11);
    near(ci.lower, 0.622641563548404, 1e-14, "lower");
    near(ci.upper, 0.983767827114115, 1e-14, "upper");
    // Fractional x = 10.01 (91% of 11), R 4.2.2 prop.test(0.91 * 11, 11, correct = FALSE).
    const frac = wilsonInterval(0.91 * 11, 11);
    near(frac.lower, 0.62371134933214067, 1e-13, "fractional lower");
    near(frac.upper, 0.98404561775407373, 1e-13, "fractional upper");
  });

  test("proportion form equals the successes form", () => {
    // R 4.2.2 prop.test(0.553 * 49, 49, correct = FALSE): 0.41503850682864601 0.6832555243339814
    const ci = wilsonIntervalFromProportion(0.553, 49);
    near(ci.lower, 0.41503850682864601, 1e-13, "lower");
    near(ci.upper, 0.6832555243339814, 1e-13, "upper");
    assert.deepEqual(wilsonIntervalFromProportion(0.3, 56), wilsonInterval(0.3 * 56, 56));
  });

  test("rejects arguments R would reject", () => {
    assert.throws(() => wilsonInterval(1, 0), /n must be a positive number \(got 0\)/);
    assert.throws(() => wilsonInterval(12, 11), /successes must lie in \[0, n\] = \[0, 11\] \(got 12\)/);
    assert.throws(() => wilsonInterval(-1, 11), /successes must lie in/);
    assert.throws(() => wilsonInterval(NaN, 11), /successes must lie in/);
    assert.throws(() => wilsonInterval(5, 11, 1), /confLevel must lie strictly between 0 and 1 \(got 1\)/);
    assert.throws(() => wilsonInterval(5, 11, 95), /confLevel/);
    assert.throws(() => wilsonIntervalFromProportion(91, 11), /p must lie in \[0, 1\] \(got 91\)/);
  });
});
