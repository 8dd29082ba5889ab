// Wilson score confidence interval for a binomial proportion, without continuity correction.
//
// Reference behaviour: R's `prop.test(x, n, correct = FALSE)$conf.int` (one sample), whose interval is
//   z = qnorm((1 + conf.level) / 2),  p = x / n,
//   centre = (p + z^2 / (2n)) / (1 + z^2 / n),
//   half   = z * sqrt(p (1 - p) / n + z^2 / (4 n^2)) / (1 + z^2 / n),
//   [max(centre - half, 0), min(centre + half, 1)].
// Like prop.test, `successes` may be fractional: a published percentage of n patients gives
// successes = n * percentage / 100, which need not be a whole number (see wilsonIntervalFromProportion).
// Pure: no I/O, no DOM, no node: imports.

import {normalQuantile} from "./distributions.js";

export interface ProportionInterval {
  /** Lower limit, a proportion in [0, 1]. */
  lower: number;
  /** Upper limit, a proportion in [0, 1]. */
  upper: number;
}

function checkArguments(successes: number, n: number, confLevel: number): void {
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`wilsonInterval: n must be a positive number (got ${n})`);
  if (!Number.isFinite(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: successes must lie in [0, n] = [0, ${n}] (got ${successes})`);
  }
  if (!Number.isFinite(confLevel) || confLevel <= 0 || confLevel >= 1) {
    throw new RangeError(`wilsonInterval: confLevel must lie strictly between 0 and 1 (got ${confLevel})`);
  }
}

/**
 * Wilson score interval (no continuity correction) for `successes` out of `n`,
 * as R's `prop.test(successes, n, correct = FALSE, conf.level = confLevel)$conf.int`.
 * `successes` may be fractional. Throws RangeError for n <= 0, successes outside [0, n] or
 * confLevel outside (0, 1).
 */
export function wilsonInterval(successes: number, n: number, confLevel = 0.95): ProportionInterval {
  checkArguments(successes, n, confLevel);
  const z = normalQuantile((1 + confLevel) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const denominator = 1 + z2n;
  const centre = (p + z2n / 2) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return {lower: Math.max(centre - half, 0), upper: Math.min(centre + half, 1)};
}

/**
 * Wilson score interval from a reported proportion `p` (in [0, 1]) of `n`: the interval of
 * wilsonInterval(p * n, n, confLevel). Use it for published percentages, e.g. 91% of 11 gives
 * successes = 10.01, as `prop.test(0.91 * 11, 11, correct = FALSE)` in R.
 */
export function wilsonIntervalFromProportion(p: number, n: number, confLevel = 0.95): ProportionInterval {
  if (!Number.isFinite(p) || p < 0 || p > 1) {
    throw new RangeError(`wilsonIntervalFromProportion: p must lie in [0, 1] (got ${p})`);
  }
  return wilsonInterval(p * n, n, confLevel);
}
