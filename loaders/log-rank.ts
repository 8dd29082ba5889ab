/**
 * Log-rank test and the G-rho family (Harrington & Fleming), agreeing with R's `survival::survdiff`
 * (survival 3.5-3):
 *
 *     survdiff(Surv(time, event) ~ group, data = d, rho = rho)
 *
 * - rho = 0 (default): the log-rank (Mantel–Haenszel) test. rho = 1: the Peto & Peto modification of the
 *   Gehan–Wilcoxon test. Each distinct time is weighted by S(t-)^rho, S the pooled Kaplan–Meier estimate just
 *   before t; `observed` and `expected` are then weighted sums, as in R.
 * - Ties: all subjects with time >= t are at risk at t (events before censorings, as in R). As R's
 *   timefix = TRUE (option `timefix`, default true), times closer than ~1.5e-8 (absolutely or relative to the
 *   mean distinct time) count as one time.
 * - At each event time with n at risk, d events and n_g at risk in group g:
 *       expected_g += w d n_g / n
 *       V_gh += w^2 d (n - d) / (n (n - 1)) (n_g [g = h] - n_g n_h / n)        (skipped when n = 1)
 *   chisq = (O - E)' V^- (O - E) over the groups with expected > 0, dropping the first of them (as R does, with a
 *   LU solve); df = (number of groups with expected > 0) - 1; pValue = P(chi-square_df > chisq)
 *   (R: pchisq(chisq, df, lower.tail = FALSE)). With fewer than two such groups chisq is 0 (R's rule); when
 *   the variance matrix is singular R stops with an error and here chisq and pValue are null.
 * - Groups: any strings or finite numbers; reported in sorted order (numbers numerically, strings by code
 *   unit, numbers before strings), like the levels of R's factor for numbers and plain ASCII labels.
 *
 * Speed: the rows of each group are radix-sorted by time once (see survival-table.ts), then merged in one pass
 * into per-time records; working memory is typed arrays only, about 44 bytes per row, whatever the number of
 * groups (the per-time work is O(groups^2) at event times).
 */
import {chiSquareUpperTail} from "./distributions.js";
import {
  badEvent,
  badTime,
  checkArrayLike,
  checkSurvivalArguments,
  describeValue,
  HIGH_WORD,
  sortByMagnitude,
  timefixGroups,
} from "./survival-table.js";

export type GroupValue = string | number;

export interface LogRankResult {
  /** group labels, sorted */
  groups: GroupValue[];
  /** subjects per group */
  n: number[];
  /** observed events per group (weighted by S(t-)^rho) */
  observed: number[];
  /** expected events per group under the null hypothesis (weighted by S(t-)^rho) */
  expected: number[];
  /** chi-square statistic; null when the variance matrix is singular (R stops with an error) */
  chisq: number | null;
  /** degrees of freedom: groups with expected > 0, minus 1 */
  df: number;
  /** P(chi-square_df > chisq); null where R gives NaN (no events at all) or no statistic */
  pValue: number | null;
}

function compareGroups(a: GroupValue, b: GroupValue): number {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === "number" ? -1 : 1;
}

/** Neumaier-compensated accumulation into sums[i] / comps[i]. */
function addTo(sums: Float64Array, comps: Float64Array, i: number, x: number): void {
  const s = sums[i];
  const t = s + x;
  comps[i] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
  sums[i] = t;
}

/**
 * Tests whether survival differs between groups, as R's `survdiff(Surv(time, event) ~ group, rho = rho)`.
 * `time`: finite non-negative numbers; `event`: 1/true = event, 0/false = censored; `group`: a label per row.
 */
export function logRank(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  group: ArrayLike<GroupValue>,
  options?: {rho?: number; timefix?: boolean},
): LogRankResult {
  const n = checkSurvivalArguments(time, event);
  checkArrayLike(group, "group");
  if (group.length !== n) throw new Error(`group has length ${group.length} but time has length ${n}`);
  const timefix = options?.timefix ?? true;
  if (typeof timefix !== "boolean") {
    throw new Error(`options.timefix must be true or false (got ${describeValue(timefix)})`);
  }
  const rho = options?.rho ?? 0;
  if (typeof rho !== "number" || !Number.isFinite(rho)) {
    throw new Error(`options.rho must be a finite number (got ${describeValue(rho)})`);
  }

  // group labels -> indices (in first-seen order for now)
  const index = new Map<GroupValue, number>();
  const labels: GroupValue[] = [];
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (!(typeof g === "string" || (typeof g === "number" && Number.isFinite(g)))) {
      throw new Error(`group[${i}] must be a string or a finite number (got ${describeValue(g)})`);
    }
    const key = typeof g === "number" ? g + 0 : g; // -0 and 0 are one group
    let k = index.get(key);
    if (k === undefined) {
      k = labels.length;
      index.set(key, k);
      labels.push(key);
    }
    groupOf[i] = k;
  }
  const k = labels.length;
  if (k < 2) {
    throw new Error(`group must have at least 2 distinct values (got only ${describeValue(labels[0])})`);
  }
  // sorted order of the groups
  const order = labels.map((_, i) => i).sort((a, b) => compareGroups(labels[a], labels[b]));
  const rank = new Int32Array(k);
  order.forEach((g, r) => (rank[g] = r));
  const groups = order.map((g) => labels[g]);

  // lay the keys out group by group (event flag in the sign bit), then sort each group's segment
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const g = rank[groupOf[i]];
    groupOf[i] = g;
    sizes[g]++;
  }
  const start = new Int32Array(k + 1);
  for (let g = 0; g < k; g++) start[g + 1] = start[g] + sizes[g];
  const fill = start.slice(0, k);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (typeof t !== "number" || !(t >= 0) || t === Infinity) throw badTime(i, t);
    const e = event[i];
    const tt = t + 0;
    let key: number;
    if (e === 1 || e === true) key = -tt;
    else if (e === 0 || e === false) key = tt;
    else throw badEvent(i, e);
    keys[fill[groupOf[i]]++] = key;
  }
  const scratch = new Float64Array(n);
  const segments: Float64Array[] = [];
  const segmentWords: Uint32Array[] = [];
  for (let g = 0; g < k; g++) {
    const seg = sortByMagnitude(keys.subarray(start[g], start[g + 1]), scratch.subarray(start[g], start[g + 1]));
    segments.push(seg);
    segmentWords.push(new Uint32Array(seg.buffer, seg.byteOffset, 2 * seg.length));
  }

  // Merge the groups' sorted segments into one list of distinct times. For each time, a run of records
  // (group, events, rows) for the groups with rows at that time: at most n records in all, whatever k is.
  const times = new Float64Array(n);
  const runStart = new Int32Array(n + 1);
  const recGroup = new Int32Array(n);
  const recDeaths = new Int32Array(n);
  const recRows = new Int32Array(n);
  const pos = new Int32Array(k);
  let u = 0;
  let records = 0;
  for (;;) {
    let t = Infinity;
    for (let g = 0; g < k; g++) {
      if (pos[g] < sizes[g]) {
        const v = Math.abs(segments[g][pos[g]]);
        if (v < t) t = v;
      }
    }
    if (t === Infinity) break;
    times[u] = t;
    runStart[u] = records;
    for (let g = 0; g < k; g++) {
      const seg = segments[g];
      const words = segmentWords[g];
      const end = sizes[g];
      let p = pos[g];
      if (p >= end || Math.abs(seg[p]) !== t) continue;
      const p0 = p;
      let d = 0;
      do {
        d += words[2 * p + HIGH_WORD] >>> 31;
        p++;
      } while (p < end && Math.abs(seg[p]) === t);
      pos[g] = p;
      recGroup[records] = g;
      recDeaths[records] = d;
      recRows[records] = p - p0;
      records++;
    }
    u++;
  }
  runStart[u] = records;
  // R's timefix: consecutive distinct times whose gap is <= tol, or <= tol times the mean distinct time, are
  // one time (the runs chain)
  const merged = timefix ? timefixGroups(times, u) : null;

  const atRisk = new Float64Array(k);
  for (let g = 0; g < k; g++) atRisk[g] = sizes[g];
  const deaths = new Float64Array(k);
  const leaving = new Float64Array(k);
  const obs = new Float64Array(k);
  const obsC = new Float64Array(k);
  const exp = new Float64Array(k);
  const expC = new Float64Array(k);
  const variance = new Float64Array(k * k);
  const varianceC = new Float64Array(k * k);
  let nRisk = n;
  let km = 1;
  for (let i = 0; i < u; ) {
    // the distinct times i..j-1 count as one time
    let j = i + 1;
    if (merged) while (j < u && merged.map[j] === merged.map[i]) j++;
    let totalDeaths = 0;
    let totalLeaving = 0;
    for (let r = runStart[i]; r < runStart[j]; r++) {
      const g = recGroup[r];
      deaths[g] += recDeaths[r];
      leaving[g] += recRows[r];
      totalDeaths += recDeaths[r];
      totalLeaving += recRows[r];
    }
    if (totalDeaths > 0) {
      const wt = rho === 0 ? 1 : Math.pow(km, rho);
      for (let g = 0; g < k; g++) {
        if (deaths[g] > 0) addTo(obs, obsC, g, wt * deaths[g]);
        if (atRisk[g] > 0) addTo(exp, expC, g, (wt * totalDeaths * atRisk[g]) / nRisk);
      }
      if (nRisk > 1) {
        const wt2 = wt * wt;
        for (let a = 0; a < k; a++) {
          if (atRisk[a] === 0) continue;
          const tmp = (wt2 * totalDeaths * atRisk[a] * (nRisk - totalDeaths)) / (nRisk * (nRisk - 1));
          addTo(variance, varianceC, a * k + a, tmp);
          for (let b = 0; b < k; b++) {
            if (atRisk[b] > 0) addTo(variance, varianceC, a * k + b, -(tmp * atRisk[b]) / nRisk);
          }
        }
      }
      km = (km * (nRisk - totalDeaths)) / nRisk;
    }
    for (let r = runStart[i]; r < runStart[j]; r++) {
      const g = recGroup[r];
      atRisk[g] -= leaving[g];
      deaths[g] = 0;
      leaving[g] = 0;
    }
    nRisk -= totalLeaving;
    i = j;
  }
  const observed = Array.from(obs, (v, g) => v + obsC[g]);
  const expected = Array.from(exp, (v, g) => v + expC[g]);
  const V = Array.from(variance, (v, i) => v + varianceC[i]);

  // chi-square over the groups with expected > 0, dropping the first of them
  const used: number[] = [];
  for (let g = 0; g < k; g++) if (expected[g] > 0) used.push(g);
  const df = used.length - 1;
  let chisq: number | null;
  if (used.length < 2) chisq = 0;
  else {
    const rest = used.slice(1);
    const m = rest.length;
    const b = rest.map((g) => observed[g] - expected[g]);
    const A = rest.map((g) => rest.map((h) => V[g * k + h]));
    const x = solve(A, b.slice());
    if (x === null) chisq = null;
    else {
      let s = 0;
      for (let i = 0; i < m; i++) s += x[i] * b[i];
      chisq = s;
    }
  }
  const p = chisq === null ? NaN : chiSquareUpperTail(chisq, df);
  return {
    groups,
    n: Array.from(sizes),
    observed,
    expected,
    chisq,
    df,
    pValue: p === p ? p : null,
  };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (as LAPACK dgesv); null if exactly singular. */
function solve(A: number[][], b: number[]): number[] | null {
  const m = b.length;
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (A[piv][c] === 0 || !Number.isFinite(A[piv][c])) return null;
    if (piv !== c) {
      [A[piv], A[c]] = [A[c], A[piv]];
      [b[piv], b[c]] = [b[c], b[piv]];
    }
    for (let r = c + 1; r < m; r++) {
      const f = A[r][c] / A[c][c];
      if (f === 0) continue;
      for (let j = c; j < m; j++) A[r][j] -= f * A[c][j];
      b[r] -= f * b[c];
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    let s = b[r];
    for (let j = r + 1; j < m; j++) s -= A[r][j] * x[j];
    x[r] = s / A[r][r];
  }
  return x;
}
