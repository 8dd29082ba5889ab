/**
 * Kaplan–Meier survival estimate with pointwise confidence intervals, quantiles (median), landmark survival,
 * restricted mean and reverse-KM median follow-up, agreeing with R's `survival` package (3.5-3) to ~1e-15.
 *
 * What each export mirrors in R (d: data frame with columns time, event):
 * - `kaplanMeier(time, event, {confType, confLevel})`
 *       fit <- survfit(Surv(time, event) ~ 1, data = d, conf.type = confType, conf.int = confLevel)
 *       One row per distinct time, events and censorings alike, as `summary(fit, censored = TRUE)`:
 *       time, nRisk, nEvent, nCensor, survival, stdErr (= summary's std.err, the SE of S itself),
 *       cumHazStdErr (= fit$std.err, the Greenwood SE on the cumulative-hazard / -log S scale), lower, upper.
 * - `survivalAt(fit, times, {extend})`      summary(fit, times = times, extend = extend)
 * - `quantiles(fit, probs)`                 quantile(fit, probs = probs)            (quantile.survfit)
 * - `printMedian(fit)`                      summary(fit)$table[c("median", "0.95LCL", "0.95UCL")] (print(fit))
 * - `restrictedMean(fit, tau)`              print(fit, rmean = tau): rmean and se(rmean)
 * - `medianFollowUp(time, event)`           quantile(survfit(Surv(time, 1 - event) ~ 1, d), 0.5)
 *
 * Conventions (all R's):
 * - Ties: at a time with both events and censorings the events happen first; the censored subjects are still
 *   at risk at that time. nRisk(t) = number of subjects with time >= t. As R's timefix = TRUE (option
 *   `timefix`, default true), times closer than ~1.5e-8 (absolutely or relative to the mean distinct time) are
 *   tied and reported as the smallest of them.
 * - S(t) = prod over event times t_i <= t of (1 - d_i / n_i), right-continuous. It is accumulated as a
 *   double-double product, so it is the correctly rounded value of the exact rational product (no drift, even
 *   over millions of rows). Greenwood: cumHazStdErr = sqrt(sum d_i / (n_i (n_i - d_i))), Infinity once S = 0;
 *   stdErr = S * cumHazStdErr (null where that is 0 * Infinity).
 * - Confidence intervals (z = qnorm(1 - (1 - confLevel) / 2), se = cumHazStdErr):
 *     "log"      S exp(-z se), min(S exp(z se), 1)                      null where S = 0
 *     "log-log"  exp(-exp(log(-log S) -/+ z se / log S))               null where S = 0 or S = 1
 *     "plain"    max(S - z stdErr, 0), min(S + z stdErr, 1)             null where S = 0 (R: NaN)
 * - Quantile p (the median is p = 0.5) is the first time S(t) <= 1 - p. When S equals 1 - p (within
 *   sqrt(machine epsilon)) on a flat step [t_j, t_j+1), it is the midpoint (t_j + t_j+1) / 2; when the curve
 *   ends on such a flat step, the midpoint of t_j and the last time. Not reached: null. The CI of a quantile
 *   applies the same rule to the lower and upper curves (`quantile()` treats a non-monotone CI curve as if its
 *   values were sorted; `print()` takes the first crossing instead and never uses the end-of-curve midpoint —
 *   `printMedian` reproduces that variant).
 * - null stands where R gives NA or NaN; R's Inf is Infinity.
 *
 * Speed and memory: the rows are sorted once by a radix sort of the raw doubles (see survival-table.ts), then
 * one pass over the sorted rows writes the fit. Working memory is two Float64Arrays of length n (16 bytes per
 * row) besides the result (nine plain arrays of unboxed doubles, 72 bytes per distinct time); no object per row.
 * A column that needs a null (log-log at S = 1, or S = 0 at the last time) becomes a generic array, whose
 * numbers V8 then stores boxed: noticeable only with hundreds of thousands of distinct times.
 */
import {normalQuantile} from "./distributions.js";
import {
  describeValue,
  distinctTimes,
  sortSurvival,
  TIMEFIX_TOLERANCE,
  type SortedSurvival,
} from "./survival-table.js";

export type ConfType = "log" | "log-log" | "plain";

export interface KaplanMeierOptions {
  /** CI transformation, R's conf.type; default "log" (R's default). */
  confType?: ConfType;
  /** Two-sided confidence level, R's conf.int; default 0.95. */
  confLevel?: number;
  /**
   * R's timefix (default true, as R): times closer than ~1.5e-8 (absolutely or relative to the mean distinct
   * time) count as tied. false: only exactly equal times are tied.
   */
  timefix?: boolean;
}

export interface KaplanMeierFit {
  /** number of subjects */
  n: number;
  /** number of events */
  nEvents: number;
  confType: ConfType;
  confLevel: number;
  /** distinct times, increasing (events and censorings alike) */
  time: number[];
  /** number at risk at each time (time >= t) */
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  /** Kaplan–Meier S(t), right-continuous */
  survival: number[];
  /** standard error of S(t) (R: summary(fit)$std.err); null where R gives NaN (S = 0) */
  stdErr: (number | null)[];
  /** standard error on the cumulative-hazard scale (R: fit$std.err); Infinity where S = 0 */
  cumHazStdErr: number[];
  /** pointwise confidence limits of S(t); null where R gives NA/NaN */
  lower: (number | null)[];
  upper: (number | null)[];
}

const CONF_TYPES: readonly ConfType[] = ["log", "log-log", "plain"];

function checkOptions(options: KaplanMeierOptions | undefined): {
  confType: ConfType;
  confLevel: number;
  timefix: boolean;
} {
  const confType = options?.confType ?? "log";
  if (!CONF_TYPES.includes(confType)) {
    throw new Error(`options.confType must be "log", "log-log" or "plain" (got ${describeValue(confType)})`);
  }
  const confLevel = options?.confLevel ?? 0.95;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) {
    throw new Error(`options.confLevel must be a number between 0 and 1 (got ${describeValue(confLevel)})`);
  }
  const timefix = options?.timefix ?? true;
  if (typeof timefix !== "boolean") {
    throw new Error(`options.timefix must be true or false (got ${describeValue(timefix)})`);
  }
  return {confType, confLevel, timefix};
}

/** z such that a two-sided interval at `confLevel` is estimate ± z se (R: qnorm(1 - (1 - conf.int) / 2)). */
export function confidenceZ(confLevel: number): number {
  return normalQuantile(1 - (1 - confLevel) / 2);
}

// Dekker's exact product: a * b = hi + lo exactly.
const SPLITTER = 134217729; // 2^27 + 1

/**
 * Kaplan–Meier estimate of S(t) from right-censored data, as R's `survfit(Surv(time, event) ~ 1)`.
 * `time`: finite non-negative numbers; `event`: 1/true = event, 0/false = censored.
 */
export function kaplanMeier(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  options?: KaplanMeierOptions,
): KaplanMeierFit {
  const {confType, confLevel, timefix} = checkOptions(options);
  return fitSorted(sortSurvival(time, event), timefix, confType, confLevel);
}

/**
 * An array for `size` doubles that the caller fills in order. Started from a one-double literal, V8 keeps it
 * as an unboxed double array (8 bytes per entry, no per-entry object) and grows it without a fill pass.
 */
function doubleArray(size: number): number[] {
  const a = [0.5];
  a.length = size;
  return a;
}

/**
 * The Kaplan–Meier fit from rows sorted by time: one pass over the rows, grouping equal (or, with timefix,
 * near-equal) times, writing each output row as it goes.
 */
function fitSorted(sorted: SortedSurvival, timefix: boolean, confType: ConfType, confLevel: number): KaplanMeierFit {
  const {n, nEvents, keys} = sorted;
  const z = confidenceZ(confLevel);
  // number of distinct times (an upper bound on the rows once timefix merges) and their mean (timefix scale)
  const distinct = distinctTimes(keys);
  const tieGap = timefix ? TIMEFIX_TOLERANCE : -1;
  const tieRatio = timefix && distinct.mean > 0 ? TIMEFIX_TOLERANCE * distinct.mean : -1;
  const size = distinct.count;
  // Plain arrays (what callers and JSON expect), created as arrays of doubles: V8 then stores them unboxed,
  // 8 bytes per entry, and filling them costs little more than filling a Float64Array. A null (only possible
  // in the first rows, log-log at S = 1, or the last row, S = 0) turns that column into a generic array, as
  // it must.
  const times = doubleArray(size);
  const nRisk = doubleArray(size);
  const nEvent = doubleArray(size);
  const nCensor = doubleArray(size);
  const survival = doubleArray(size);
  const stdErr: (number | null)[] = doubleArray(size);
  const cumHazStdErr = doubleArray(size);
  const lower: (number | null)[] = doubleArray(size);
  const upper: (number | null)[] = doubleArray(size);
  const logType = confType === "log";
  const logLogType = confType === "log-log";

  let atRisk = n;
  // S as a double-double (sHi + sLo)
  let sHi = 1;
  let sLo = 0;
  // Greenwood sum with Neumaier compensation
  let gSum = 0;
  let gComp = 0;
  let gInfinite = false;
  // NaN marks R's NA/NaN inside the loop (pure doubles stay unboxed); it becomes null when stored
  let lo = 1;
  let hi = 1;
  let se = 0;
  let seS = 0;
  let row = 0;
  for (let r = 0; r < n; row++) {
    // the rows at the next time (and, with timefix, at the near-tied times after it); a key is -time for an
    // event, +time for a censoring (-0 for an event at time 0)
    const time = Math.abs(keys[r]);
    let d = 0;
    let c = 0;
    let current = time;
    for (;;) {
      while (r < n) {
        const k = keys[r];
        if (k < 0) {
          if (-k !== current) break;
          d++;
        } else if (k > 0) {
          if (k !== current) break;
          c++;
        } else {
          if (current !== 0) break;
          if (1 / k < 0) d++;
          else c++;
        }
        r++;
      }
      if (r >= n) break;
      const next = Math.abs(keys[r]);
      const gap = next - current;
      if (gap <= tieGap || gap <= tieRatio) current = next;
      else break;
    }
    const i = row;
    const fresh = d > 0 || i === 0;
    if (d > 0) {
      const survivors = atRisk - d;
      if (survivors === 0) {
        sHi = 0;
        sLo = 0;
        gInfinite = true;
      } else {
        // factor (survivors / atRisk) as a double-double fHi + fLo
        const fHi = survivors / atRisk;
        let a = fHi * SPLITTER;
        const fh = a - (a - fHi);
        const fl = fHi - fh;
        a = atRisk * SPLITTER;
        const nh = a - (a - atRisk);
        const nl = atRisk - nh;
        const p = fHi * atRisk;
        const pErr = fh * nh - p + fh * nl + fl * nh + fl * nl;
        const fLo = (survivors - p - pErr) / atRisk;
        // (sHi + sLo) * (fHi + fLo)
        a = sHi * SPLITTER;
        const sh = a - (a - sHi);
        const sl = sHi - sh;
        const q = sHi * fHi;
        let qErr = sh * fh - q + sh * fl + sl * fh + sl * fl;
        qErr += sHi * fLo + sLo * fHi;
        sHi = q + qErr;
        sLo = qErr - (sHi - q);
        // Greenwood term d / (n (n - d)); n (n - d) is exact below 2^53
        const term = d / (atRisk * survivors);
        const t = gSum + term;
        gComp += Math.abs(gSum) >= Math.abs(term) ? gSum - t + term : term - t + gSum;
        gSum = t;
      }
    }
    const s = sHi;
    if (fresh) {
      se = gInfinite ? Infinity : Math.sqrt(gSum + gComp);
      const prod = s * se;
      seS = prod;
      if (s === 0) {
        lo = NaN;
        hi = NaN;
      } else if (logType) {
        const e = Math.exp(z * se);
        lo = s / e;
        hi = Math.min(s * e, 1);
      } else if (logLogType) {
        if (s === 1) {
          lo = NaN;
          hi = NaN;
        } else {
          const logS = Math.log(s);
          const e = Math.exp((z * se) / logS);
          lo = Math.exp(logS / e);
          hi = Math.exp(logS * e);
        }
      } else {
        const half = se * s * z;
        lo = Math.max(s - half, 0);
        hi = Math.min(s + half, 1);
      }
    }
    times[i] = time;
    nRisk[i] = atRisk;
    nEvent[i] = d;
    nCensor[i] = c;
    survival[i] = s;
    if (seS === seS) stdErr[i] = seS;
    else stdErr[i] = null;
    cumHazStdErr[i] = se;
    if (lo === lo) lower[i] = lo;
    else lower[i] = null;
    if (hi === hi) upper[i] = hi;
    else upper[i] = null;
    atRisk -= d + c;
  }
  if (row < size) {
    for (const column of [times, nRisk, nEvent, nCensor, survival, stdErr, cumHazStdErr, lower, upper]) {
      column.length = row;
    }
  }
  return {
    n,
    nEvents,
    confType,
    confLevel,
    time: times,
    nRisk,
    nEvent,
    nCensor,
    survival,
    stdErr,
    cumHazStdErr,
    lower,
    upper,
  };
}

function checkFit(fit: unknown): asserts fit is KaplanMeierFit {
  const f = fit as KaplanMeierFit;
  if (
    f === null ||
    typeof f !== "object" ||
    !Array.isArray(f.time) ||
    !Array.isArray(f.survival) ||
    f.time.length !== f.survival.length
  ) {
    throw new Error(`fit must be a KaplanMeierFit from kaplanMeier() (got ${describeValue(fit)})`);
  }
}

/** One row of `survivalAt`, as a row of R's summary(fit, times = ...). */
export interface SurvivalAtRow {
  time: number;
  /** at risk at `time` (time >= t) */
  nRisk: number;
  /** events and censorings in (previous requested time, time] */
  nEvent: number;
  nCensor: number;
  survival: number;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * S(t) and its CI at the given times, as R's `summary(fit, times = times)`: the times are sorted; times after the
 * last observed time are dropped unless `extend` is true (then S stays at its last value and nRisk is 0);
 * times before the first observation get S = 1, stdErr 0 and CI [1, 1].
 */
export function survivalAt(
  fit: KaplanMeierFit,
  times: number[],
  options?: {extend?: boolean},
): SurvivalAtRow[] {
  checkFit(fit);
  if (!Array.isArray(times)) throw new Error(`times must be an array of numbers (got ${describeValue(times)})`);
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (typeof t !== "number" || !Number.isFinite(t)) {
      throw new Error(`times[${i}] must be a finite number (got ${describeValue(t)})`);
    }
  }
  const extend = options?.extend ?? false;
  const u = fit.time.length;
  const lastTime = fit.time[u - 1];
  const sorted = times.filter((t) => extend || t <= lastTime).sort((a, b) => a - b);
  // R's survfit0 adds a row at time 0 (S = 1, CI [1, 1]) unless the first time is 0 already
  const inserted = fit.time[0] !== 0;
  const rows: SurvivalAtRow[] = [];
  let k = 0; // number of fit rows with time <= t
  let cumEvents = 0;
  let cumCensor = 0;
  let prevEvents = 0;
  let prevCensor = 0;
  let firstAtOrAfter = 0; // first row with time >= t
  for (const t of sorted) {
    while (k < u && fit.time[k] <= t) {
      cumEvents += fit.nEvent[k];
      cumCensor += fit.nCensor[k];
      k++;
    }
    while (firstAtOrAfter < u && fit.time[firstAtOrAfter] < t) firstAtOrAfter++;
    const nRisk = firstAtOrAfter < u ? fit.nRisk[firstAtOrAfter] : 0;
    let survival: number;
    let stdErr: number | null;
    let lower: number | null;
    let upper: number | null;
    if (k === 0 && inserted) {
      survival = 1;
      stdErr = 0;
      lower = 1;
      upper = 1;
    } else {
      const r = k === 0 ? 0 : k - 1;
      survival = fit.survival[r];
      stdErr = fit.stdErr[r];
      lower = fit.lower[r];
      upper = fit.upper[r];
    }
    rows.push({
      time: t,
      nRisk,
      nEvent: cumEvents - prevEvents,
      nCensor: cumCensor - prevCensor,
      survival,
      stdErr,
      lower,
      upper,
    });
    prevEvents = cumEvents;
    prevCensor = cumCensor;
  }
  return rows;
}

/** One row of `quantiles`. */
export interface QuantileRow {
  prob: number;
  quantile: number | null;
  lower: number | null;
  upper: number | null;
}

const QUANTILE_TOLERANCE = Math.sqrt(2.220446049250313e-16);

function checkProbs(probs: unknown): asserts probs is number[] {
  if (!Array.isArray(probs)) throw new Error(`probs must be an array of numbers (got ${describeValue(probs)})`);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new Error(`probs[${i}] must be a number between 0 and 1 (got ${describeValue(p)})`);
    }
  }
}

/**
 * Survival-time quantiles with confidence limits, as R's `quantile(fit, probs)` (quantile.survfit).
 * quantile p is the first time S(t) <= 1 - p, with the midpoint rule on a flat step at exactly 1 - p; the
 * limits apply the same rule to the lower and upper confidence curves. null when not reached.
 */
export function quantiles(fit: KaplanMeierFit, probs: number[]): QuantileRow[] {
  checkFit(fit);
  checkProbs(probs);
  const u = fit.time.length;
  const x = new Float64Array(u + 1);
  const yS = new Float64Array(u + 1);
  const yLower = new Float64Array(u + 1);
  const yUpper = new Float64Array(u + 1);
  for (let i = 0; i < u; i++) {
    x[i + 1] = fit.time[i];
    yS[i + 1] = 1 - fit.survival[i];
    const lo = fit.lower[i];
    const hi = fit.upper[i];
    yLower[i + 1] = lo === null ? NaN : 1 - lo;
    yUpper[i + 1] = hi === null ? NaN : 1 - hi;
  }
  const q = findQuantiles(x, yS, probs, QUANTILE_TOLERANCE);
  const lower = findQuantiles(x, yLower, probs, QUANTILE_TOLERANCE);
  const upper = findQuantiles(x, yUpper, probs, QUANTILE_TOLERANCE);
  return probs.map((prob, i) => ({
    prob,
    quantile: nullIfNaN(q[i]),
    lower: nullIfNaN(lower[i]),
    upper: nullIfNaN(upper[i]),
  }));
}

function nullIfNaN(v: number): number | null {
  return v === v ? v : null;
}

/**
 * R's survival:::findq: the quantiles of a step CDF y(x) (y = 1 - S, NaN = NA), via approx(method = "constant",
 * f = 1) on y ± tol, averaging the two answers (the midpoint rule).
 */
function findQuantiles(x: Float64Array, y: Float64Array, probs: number[], tol: number): number[] {
  const result = probs.map(() => NaN);
  if (probs.length === 0) return result;
  let maxY = -Infinity;
  for (let i = 0; i < y.length; i++) if (y[i] > maxY) maxY = y[i];
  if (maxY < Math.min(...probs)) return result;
  const xmax = x[x.length - 1];
  // drop duplicated y values (first occurrence kept; NaN duplicates NaN), with their x
  const xs: number[] = [];
  const ys: number[] = [];
  let monotone = true;
  let prev = -Infinity;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === v) {
      if (v < prev) monotone = false;
      prev = v;
    }
  }
  if (monotone) {
    let seenNaN = false;
    let last = NaN;
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      if (v !== v) {
        if (seenNaN) continue;
        seenNaN = true;
      } else if (v === last) continue;
      else last = v;
      xs.push(x[i]);
      ys.push(v);
    }
  } else {
    const seen = new Set<number>();
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      if (seen.has(v)) continue;
      seen.add(v);
      xs.push(x[i]);
      ys.push(v);
    }
  }
  const n = ys.length;
  const lastY = ys[n - 1];
  const index1 = approxConstant(ys, tol, probs);
  const index2 = approxConstant(ys, -tol, probs);
  const at = (idx: number) => (idx === idx ? xs[Math.trunc(idx) - 1] : NaN);
  for (let k = 0; k < probs.length; k++) {
    const p = probs[k];
    let qv = (at(index1[k]) + at(index2[k])) / 2;
    if (p === 0) qv = xs[0];
    if (lastY === lastY && Math.abs(p - lastY) < tol) qv = (at(index1[k]) + xmax) / 2;
    result[k] = qv;
  }
  return result;
}

/**
 * approx(ys + shift, 1:n, xout = probs, method = "constant", f = 1)$y as R computes it: NA pairs removed,
 * points ordered by value (stable), tied values merged with the mean index, NaN outside the range.
 */
function approxConstant(ys: number[], shift: number, probs: number[]): number[] {
  let vx: number[] = [];
  let vy: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    const v = ys[i];
    if (v === v) {
      vx.push(v + shift);
      vy.push(i + 1);
    }
  }
  let sorted = true;
  for (let i = 1; i < vx.length; i++) {
    if (vx[i] < vx[i - 1]) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    const order = vx.map((_, i) => i).sort((a, b) => vx[a] - vx[b] || a - b);
    vx = order.map((i) => vx[i]);
    vy = order.map((i) => vy[i]);
  }
  // merge ties (regularize.values, ties = mean)
  const ux: number[] = [];
  const uy: number[] = [];
  for (let i = 0; i < vx.length; ) {
    let j = i;
    let sum = 0;
    while (j < vx.length && vx[j] === vx[i]) sum += vy[j++];
    ux.push(vx[i]);
    uy.push(j - i === 1 ? vy[i] : sum / (j - i));
    i = j;
  }
  const m = ux.length;
  return probs.map((v) => {
    if (m === 0 || v < ux[0] || v > ux[m - 1]) return NaN;
    let i = 0;
    let j = m - 1;
    while (i < j - 1) {
      const ij = (i + j) >> 1;
      if (v < ux[ij]) j = ij;
      else i = ij;
    }
    if (v === ux[j]) return uy[j];
    if (v === ux[i]) return uy[i];
    return uy[j];
  });
}

/**
 * Median survival and its confidence limits as R's `print(fit)` shows them (`summary(fit)$table`): the first
 * time the curve is <= 0.5, with the midpoint rule when S is exactly 0.5 on a flat step followed by a drop;
 * the limits are the first times the lower / upper curves are <= 0.5 (first crossing, even when the curve is
 * not monotone). Differs from `quantiles(fit, [0.5])` only in those two corner cases.
 */
export function printMedian(fit: KaplanMeierFit): {median: number | null; lower: number | null; upper: number | null} {
  checkFit(fit);
  const minmin = (y: (number | null)[]): number | null => {
    const tol = QUANTILE_TOLERANCE;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      if (v !== null && v === v && v < 0.5 + tol) {
        xs.push(fit.time[i]);
        ys.push(v);
      }
    }
    if (xs.length === 0) return null;
    if (Math.abs(ys[0] - 0.5) < tol) {
      const k = ys.findIndex((v) => v < ys[0]);
      if (k >= 0) return (xs[0] + xs[k]) / 2;
    }
    return xs[0];
  };
  return {median: minmin(fit.survival), lower: minmin(fit.lower), upper: minmin(fit.upper)};
}

/**
 * Restricted mean survival time up to `tau` and its standard error, as R's `print(fit, rmean = tau)`:
 * the area under S from 0 to tau (S held at its last value beyond the last time), and
 * se = sqrt(sum over event times t_i <= tau of A_i^2 d_i / (n_i (n_i - d_i))), A_i the area from t_i to tau
 * (terms with n_i = d_i are 0). Like R, refuses a tau before the first observed time.
 */
export function restrictedMean(fit: KaplanMeierFit, tau: number): {tau: number; rmean: number; se: number} {
  checkFit(fit);
  if (typeof tau !== "number" || !Number.isFinite(tau)) {
    throw new Error(`tau must be a finite number (got ${describeValue(tau)})`);
  }
  if (tau < fit.time[0]) {
    throw new Error(
      `tau must not be before the first observed time ${fit.time[0]} (got ${describeValue(tau)}); ` +
        "R refuses it too (Truncation point for the mean is < smallest survival)",
    );
  }
  // R works on survfit0(fit): a row at time 0 with S = 1 is prepended unless the first time is 0
  const T: number[] = [];
  const S: number[] = [];
  const H: number[] = [];
  if (fit.time[0] !== 0) {
    T.push(0);
    S.push(1);
    H.push(0);
  }
  for (let i = 0; i < fit.time.length && fit.time[i] <= tau; i++) {
    const nr = fit.nRisk[i];
    const d = fit.nEvent[i];
    T.push(fit.time[i]);
    S.push(fit.survival[i]);
    H.push(nr - d === 0 ? 0 : d / (nr * (nr - d)));
  }
  T.push(tau);
  S.push(S[S.length - 1]);
  H.push(0);
  const m = T.length;
  // rectangles[i] = (T[i] - T[i-1]) * S[i-1], with T[-1] = 0 and S[-1] = 1
  const rect = new Float64Array(m);
  let prevT = 0;
  let prevS = 1;
  let mean = 0;
  let meanComp = 0;
  for (let i = 0; i < m; i++) {
    rect[i] = (T[i] - prevT) * prevS;
    const t = mean + rect[i];
    meanComp += Math.abs(mean) >= Math.abs(rect[i]) ? mean - t + rect[i] : rect[i] - t + mean;
    mean = t;
    prevT = T[i];
    prevS = S[i];
  }
  // variance: sum_j (sum_{i > j} rect[i])^2 * H[j]
  let area = 0;
  let variance = 0;
  for (let j = m - 2; j >= 0; j--) {
    area += rect[j + 1];
    variance += area * area * H[j];
  }
  return {tau, rmean: mean + meanComp, se: Math.sqrt(variance)};
}

/**
 * Median follow-up by the reverse Kaplan–Meier method: the median of the KM estimate in which censorings are
 * the events and events are censorings, as R's
 * `quantile(survfit(Surv(time, 1 - event) ~ 1, conf.type = "log"), probs = 0.5)`.
 * At a time with both, the original events count as at risk (they are the censorings of the reverse fit).
 */
export function medianFollowUp(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  options?: KaplanMeierOptions,
): {median: number | null; lower: number | null; upper: number | null} {
  const {confType, confLevel, timefix} = checkOptions(options);
  const reverse = fitSorted(sortSurvival(time, event, true), timefix, confType, confLevel);
  const [row] = quantiles(reverse, [0.5]);
  return {median: row.quantile, lower: row.lower, upper: row.upper};
}
