/**
 * Fisher's exact test for r × c contingency tables, agreeing with R's `fisher.test(table)` (stats, R 4.2):
 *
 * - Two-sided p-value: the sum of the probabilities (hypergeometric, margins fixed) of all tables with the same
 *   margins whose probability is at most that of the observed table. Probabilities are compared with R's
 *   relative tolerance: 1 + 1e-7 for 2 × 2 tables (R's `relErr`), and exp(3.45254e-7) on the log scale for
 *   larger tables (the `TOL` of R's FEXACT network algorithm). Larger tables are enumerated exhaustively
 *   (Freeman–Halton); the number of tables grows quickly with the counts, so this is meant for the small tables
 *   of clinical series (it refuses more than 5e7 tables rather than run for minutes).
 * - 2 × 2 tables also get R's `estimate` — the conditional maximum-likelihood estimate of the odds ratio (not the
 *   sample odds ratio ad/bc) — and its exact conditional confidence interval (`conf.int`, default 95%), found
 *   with the same root finder as R's `uniroot` (Brent's zeroin, tolerance eps^0.25 ≈ 1.2e-4, so R's digits are
 *   reproduced rather than the exact root). 0 and Infinity are possible (a zero cell), as in R.
 *
 * The table is given as rows: `[[a, b], [c, d]]` is R's `matrix(c(a, b, c, d), nrow = 2, byrow = TRUE)`.
 */
import {hypergeometricCdf, hypergeometricLogDensity, logGamma} from "./distributions.js";
import {describeValue} from "./survival-table.js";

export interface FisherExactResult {
  pValue: number;
  /** 2 × 2 only: conditional MLE of the odds ratio (R's `estimate`) */
  oddsRatio?: number;
  /** 2 × 2 only: exact conditional confidence interval of the odds ratio (R's `conf.int`) */
  confInt?: [number, number];
}

const DBL_EPSILON = 2.220446049250313e-16;
const MAX_TABLES = 5e7;

function checkTable(table: unknown): number[][] {
  if (!Array.isArray(table)) throw new Error(`table must be an array of rows (got ${describeValue(table)})`);
  if (table.length < 2) throw new Error(`table must have at least 2 rows (got ${table.length})`);
  let ncol = -1;
  table.forEach((row, i) => {
    if (!Array.isArray(row)) throw new Error(`table[${i}] must be an array of counts (got ${describeValue(row)})`);
    if (ncol === -1) ncol = row.length;
    else if (row.length !== ncol) {
      throw new Error(`table[${i}] has ${row.length} columns but table[0] has ${ncol}`);
    }
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 2147483647) {
        throw new Error(`table[${i}][${j}] must be a non-negative integer count (got ${describeValue(v)})`);
      }
    });
  });
  if (ncol < 2) throw new Error(`table must have at least 2 columns (got ${ncol})`);
  return table as number[][];
}

/**
 * Fisher's exact test, as R's `fisher.test(m)` (two-sided). `options.confLevel` (default 0.95) is the level of
 * the odds-ratio interval for 2 × 2 tables.
 */
export function fisherExact(table: number[][], options?: {confLevel?: number}): FisherExactResult {
  const t = checkTable(table);
  const confLevel = options?.confLevel ?? 0.95;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) {
    throw new Error(`options.confLevel must be a number between 0 and 1 (got ${describeValue(confLevel)})`);
  }
  if (t.length === 2 && t[0].length === 2) return fisher2x2(t, confLevel);
  return {pValue: Math.max(0, Math.min(1, fisherRxC(t)))};
}

// ---------------------------------------------------------------------------------------------------------
// 2 × 2: R's conditional (non-central hypergeometric) computations

/** Sum as R's sum() would give it (R accumulates in long double): Neumaier compensation, then one rounding. */
function accurateSum(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

function fisher2x2(t: number[][], confLevel: number): FisherExactResult {
  const m = t[0][0] + t[1][0]; // first column total
  const n = t[0][1] + t[1][1]; // second column total
  const k = t[0][0] + t[0][1]; // first row total
  const x = t[0][0];
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  for (let s = lo; s <= hi; s++) support.push(s);
  const logdc = support.map((s) => hypergeometricLogDensity(s, m, n, k));

  const dnhyper = (ncp: number): number[] => {
    const logNcp = Math.log(ncp);
    const d = logdc.map((v, i) => v + logNcp * support[i]);
    let max = -Infinity;
    for (const v of d) if (v > max) max = v;
    const e = d.map((v) => Math.exp(v - max));
    const total = accurateSum(e);
    return e.map((v) => v / total);
  };
  const mnhyper = (ncp: number): number => {
    if (ncp === 0) return lo;
    if (ncp === Infinity) return hi;
    const d = dnhyper(ncp);
    return accurateSum(d.map((v, i) => support[i] * v));
  };
  const pnhyper = (q: number, ncp: number, upperTail: boolean): number => {
    if (ncp === 1) {
      return upperTail ? hypergeometricCdf(x - 1, m, n, k, false) : hypergeometricCdf(x, m, n, k);
    }
    if (ncp === 0) return Number(upperTail ? q <= lo : q >= lo);
    if (ncp === Infinity) return Number(upperTail ? q <= hi : q >= hi);
    const d = dnhyper(ncp);
    return accurateSum(d.filter((_, i) => (upperTail ? support[i] >= q : support[i] <= q)));
  };

  // two-sided p-value at odds ratio 1
  const relErr = 1 + 1e-7;
  const d1 = dnhyper(1);
  const cutoff = d1[x - lo] * relErr;
  const pValue = accurateSum(d1.filter((v) => v <= cutoff));

  // conditional MLE: mnhyper(ncp) = x. The direction is decided on the exact null mean k m / (m + n).
  let oddsRatio: number;
  if (x === lo) oddsRatio = 0;
  else if (x === hi) oddsRatio = Infinity;
  else {
    const meanVsX = k * m - x * (m + n); // sign of mnhyper(1) - x, exactly
    if (meanVsX > 0) oddsRatio = uniroot((r) => mnhyper(r) - x, 0, 1);
    else if (meanVsX < 0) oddsRatio = 1 / uniroot((r) => mnhyper(1 / r) - x, DBL_EPSILON, 1);
    else oddsRatio = 1;
  }

  const alpha = (1 - confLevel) / 2;
  const ncpUpper = (): number => {
    if (x === hi) return Infinity;
    const p = pnhyper(x, 1, false);
    if (p < alpha) return uniroot((r) => pnhyper(x, r, false) - alpha, 0, 1);
    if (p > alpha) return 1 / uniroot((r) => pnhyper(x, 1 / r, false) - alpha, DBL_EPSILON, 1);
    return 1;
  };
  const ncpLower = (): number => {
    if (x === lo) return 0;
    const p = pnhyper(x, 1, true);
    if (p > alpha) return uniroot((r) => pnhyper(x, r, true) - alpha, 0, 1);
    if (p < alpha) return 1 / uniroot((r) => pnhyper(x, 1 / r, true) - alpha, DBL_EPSILON, 1);
    return 1;
  };
  return {pValue, oddsRatio, confInt: [ncpLower(), ncpUpper()]};
}

/**
 * R's uniroot(f, c(lower, upper)) with its defaults (tol = eps^0.25, maxiter = 1000): Brent's zeroin
 * (R_zeroin2, from Forsythe, Malcolm & Moler), step for step, so the root agrees with R's to the last digits.
 */
function uniroot(f: (x: number) => number, lower: number, upper: number): number {
  const tol = Math.pow(DBL_EPSILON, 0.25);
  let fa = f(lower);
  let fb = f(upper);
  if (Number.isNaN(fa) || Number.isNaN(fb) || Math.sign(fa) * Math.sign(fb) > 0) {
    throw new Error(`internal error: no sign change for the root search on [${lower}, ${upper}]`);
  }
  let a = lower;
  let b = upper;
  let c = a;
  let fc = fa;
  if (fa === 0) return a;
  if (fb === 0) return b;
  let maxit = 1000 + 1;
  while (maxit--) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * DBL_EPSILON * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const cb = c - b;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        q = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1));
        q = (q - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b; // R warns "_NOT_ converged" and returns the last iterate
}

// ---------------------------------------------------------------------------------------------------------
// r × c: exhaustive enumeration of the tables with the observed margins

function fisherRxC(t: number[][]): number {
  const nr = t.length;
  const nc = t[0].length;
  const rowSums = t.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = t[0].map((_, j) => t.reduce((a, row) => a + row[j], 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  const logFact = new Float64Array(total + 1);
  for (let i = 2; i <= total; i++) logFact[i] = logGamma(i + 1);
  // log P(table) = constant - sum log(cell!)
  let constant = -logFact[total];
  for (const r of rowSums) constant += logFact[r];
  for (const c of colSums) constant += logFact[c];
  let observedCells = 0;
  for (const row of t) for (const v of row) observedCells += logFact[v];
  const observedLogP = constant - observedCells;
  const threshold = observedLogP + 3.45254e-7; // FEXACT's TOL on the log scale

  const remaining = rowSums.slice();
  let sum = 0;
  let comp = 0;
  let tables = 0;
  // fill column j row by row; the last column takes what is left of each row
  const fillColumn = (j: number, i: number, left: number, cells: number): void => {
    if (j === nc - 1) {
      let last = cells;
      for (let r = 0; r < nr; r++) last += logFact[remaining[r]];
      if (++tables > MAX_TABLES) {
        throw new Error(`table has too many tables with its margins for exact enumeration (more than ${MAX_TABLES})`);
      }
      const logP = constant - last;
      if (logP <= threshold) {
        const p = Math.exp(logP);
        const s = sum + p;
        comp += Math.abs(sum) >= p ? sum - s + p : p - s + sum;
        sum = s;
      }
      return;
    }
    if (i === nr - 1) {
      // the last row of this column takes the rest of the column total
      if (left > remaining[i]) return;
      remaining[i] -= left;
      fillColumn(j + 1, 0, colSums[j + 1], cells + logFact[left]);
      remaining[i] += left;
      return;
    }
    // rows below i can absorb at most the sum of their remaining totals
    let capacityBelow = 0;
    for (let r = i + 1; r < nr; r++) capacityBelow += remaining[r];
    const from = Math.max(0, left - capacityBelow);
    const to = Math.min(left, remaining[i]);
    for (let v = from; v <= to; v++) {
      remaining[i] -= v;
      fillColumn(j, i + 1, left - v, cells + logFact[v]);
      remaining[i] += v;
    }
  };
  fillColumn(0, 0, colSums[0], 0);
  return sum + comp;
}
