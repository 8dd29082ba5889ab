/**
 * Wilcoxon rank-sum (Mann–Whitney) test, two-sided, agreeing with R's `wilcox.test(x, y)` (stats, R 4.2):
 *
 * - statistic W = (sum of the ranks of x in the pooled sample) - n_x (n_x + 1) / 2, with average ranks for ties
 *   (R's `statistic`, "W").
 * - exact (default when both samples have fewer than 50 values, R's default): the exact null distribution of W
 *   (counts of rank arrangements, as R's `pwilcox`), p = min(1, 2 P(W <= w)) for w below the mean n_x n_y / 2,
 *   else min(1, 2 P(W >= w)). The exact distribution is used only without ties; with ties R (and this function)
 *   falls back to the normal approximation.
 * - normal approximation: z = (W - n_x n_y / 2 - correction) / sigma with the tie-corrected
 *   sigma^2 = n_x n_y / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1))) (t the sizes of the tie groups, N = n_x + n_y)
 *   and the continuity correction sign(W - n_x n_y / 2) * 0.5 unless `correct` is false;
 *   p = 2 min(Phi(z), 1 - Phi(z)). null where R gives NaN (all values tied).
 *
 * Values must be numbers (±Infinity rank like R's; NaN is refused instead of silently dropped as R drops NA).
 */
import {normalCdf} from "./distributions.js";
import {describeValue} from "./survival-table.js";

export interface WilcoxonResult {
  /** R's W */
  statistic: number;
  /** two-sided p-value; null where R gives NaN */
  pValue: number | null;
}

function checkSample(values: unknown, name: string): number[] {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new Error(`${name} must be an array of numbers (got ${describeValue(values)})`);
  }
  const v = values as ArrayLike<unknown>;
  if (v.length === 0) throw new Error(`${name} must not be empty (got an empty array)`);
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== "number" || Number.isNaN(x)) {
      throw new Error(`${name}[${i}] must be a number (got ${describeValue(x)})`);
    }
    out.push(x);
  }
  return out;
}

/**
 * Two-sided Wilcoxon rank-sum test of x against y, as R's `wilcox.test(x, y, exact = exact, correct = correct)`.
 * Defaults as R: exact when both samples are smaller than 50 (and there are no ties), continuity correction on.
 */
export function wilcoxonRankSum(
  x: number[],
  y: number[],
  options?: {exact?: boolean; correct?: boolean},
): WilcoxonResult {
  const xs = checkSample(x, "x");
  const ys = checkSample(y, "y");
  const exactOption = options?.exact;
  const correct = options?.correct ?? true;
  if (exactOption !== undefined && typeof exactOption !== "boolean") {
    throw new Error(`options.exact must be true or false (got ${describeValue(exactOption)})`);
  }
  if (typeof correct !== "boolean") throw new Error(`options.correct must be true or false (got ${describeValue(correct)})`);
  const nx = xs.length;
  const ny = ys.length;
  const N = nx + ny;
  const pooled = xs.concat(ys);
  const order = pooled.map((_, i) => i).sort((a, b) => pooled[a] - pooled[b] || 0);
  // average ranks; tie groups
  const ranks = new Float64Array(N);
  let tieTerm = 0;
  let ties = false;
  for (let i = 0; i < N; ) {
    let j = i;
    while (j + 1 < N && pooled[order[j + 1]] === pooled[order[i]]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    const t = j - i + 1;
    if (t > 1) {
      ties = true;
      tieTerm += t * t * t - t;
    }
    i = j + 1;
  }
  let rankSumX = 0;
  for (let i = 0; i < nx; i++) rankSumX += ranks[i];
  const statistic = rankSumX - (nx * (nx + 1)) / 2;
  const exact = exactOption ?? (nx < 50 && ny < 50);
  if (exact && !ties) {
    const p = statistic > (nx * ny) / 2 ? pwilcox(statistic - 1, nx, ny, false) : pwilcox(statistic, nx, ny, true);
    return {statistic, pValue: Math.min(2 * p, 1)};
  }
  let z = statistic - (nx * ny) / 2;
  const sigma = Math.sqrt(((nx * ny) / 12) * (N + 1 - tieTerm / (N * (N - 1))));
  const correction = correct ? Math.sign(z) * 0.5 : 0;
  z = (z - correction) / sigma;
  const p = 2 * Math.min(normalCdf(z), normalCdf(z, false));
  return {statistic, pValue: p === p ? p : null};
}

/**
 * P(W <= q) (lowerTail) or P(W > q) for the Wilcoxon rank-sum statistic with sample sizes m and n, as R's
 * `pwilcox`: the counts of rank arrangements by W, summed over the shorter tail.
 */
export function pwilcox(q: number, m: number, n: number, lowerTail = true): number {
  q = Math.floor(q + 1e-7);
  if (q < 0) return lowerTail ? 0 : 1;
  if (q >= m * n) return lowerTail ? 1 : 0;
  const counts = wilcoxonCounts(m, n);
  const c = choose(m + n, n);
  let p = 0;
  if (q <= (m * n) / 2) {
    for (let i = 0; i <= q; i++) p += counts[i] / c;
  } else {
    q = m * n - q;
    for (let i = 0; i < q; i++) p += counts[i] / c;
    lowerTail = !lowerTail;
  }
  return lowerTail ? p : 0.5 - p + 0.5;
}

/**
 * counts[w] = number of ways to choose which m of the m + n ranked values belong to the first sample so that
 * W = w. Built up one value of n at a time: c(w; m, n) = c(w - n; m - 1, n) + c(w; m, n - 1).
 */
function wilcoxonCounts(m: number, n: number): Float64Array {
  const size = m * n + 1;
  // f[a] holds c(.; a, b) for the current b (a = 0..m); g is the buffer for b + 1
  let f: Float64Array[] = [];
  let g: Float64Array[] = [];
  for (let a = 0; a <= m; a++) {
    f.push(new Float64Array(size));
    g.push(new Float64Array(size));
    f[a][0] = 1; // b = 0: W = 0 only
  }
  for (let b = 1; b <= n; b++) {
    for (let a = 0; a <= m; a++) {
      const arr = g[a];
      const prev = f[a];
      const max = a * b;
      for (let w = 0; w <= max; w++) arr[w] = prev[w];
      if (a > 0) {
        const left = g[a - 1];
        for (let w = b; w <= max; w++) arr[w] += left[w - b];
      }
    }
    const t = f;
    f = g;
    g = t;
  }
  return f[m];
}

/** Binomial coefficient C(n, k) as the double nearest the exact integer. */
function choose(n: number, k: number): number {
  let r = 1n;
  for (let j = 1; j <= k; j++) r = (r * BigInt(n - k + j)) / BigInt(j);
  return Number(r);
}
