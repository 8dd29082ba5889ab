// Feasibility audit (issue 6): the DP against an independent brute-force enumerator on small grids, and the known
// facts the issue states for the monthly grid.
// Every assert.ok carries a message: without one, a failing assert.ok makes Node re-parse the (transpiled,
// one-line) source to describe the expression, which can take minutes.
import {describe, test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {analysisTable, parsePatients} from "../loaders/cohort.js";
import {
  analyseProblem,
  analyseScenario,
  checkConfiguration,
  checkProblemConfiguration,
  configurationFromRows,
  countConfigurations,
  FeasibilityCache,
  followUpFeasible,
  landmarkPairs,
  Rational,
  roundHalfUpPercent,
  scenarioProblem,
  type FeasibilityProblem,
  type ReportPoints,
} from "../loaders/feasibility.js";

// ---------------------------------------------------------------------------------------------------------------
// An independent brute force: its own fractions, its own Kaplan–Meier, every multiset enumerated, every follow-up
// assignment tried. Times are grid units (1..G); the death is at unit d (0 = before the grid).

interface Frac {
  n: bigint;
  d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const frac = (n: bigint, d: bigint): Frac => {
  const g = gcd(n, d) || 1n;
  return {n: n / g, d: d / g};
};
const fmul = (a: Frac, b: Frac) => frac(a.n * b.n, a.d * b.d);
const fadd = (a: Frac, b: Frac) => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const fkey = (a: Frac) => `${a.n}/${a.d}`;
/** round-half-up(100·x) by the definition: the integer m with m - 1/2 <= 100x < m + 1/2. */
const pct = (a: Frac): number => {
  for (let m = 0; m <= 100; m++) {
    const lo = (2n * BigInt(m) - 1n) * a.d; // (m - 1/2)·2·den
    const hi = (2n * BigInt(m) + 1n) * a.d;
    const x = 200n * a.n;
    if (lo <= x && x < hi) return m;
  }
  throw new Error("pct out of range");
};

function* nondecreasing(len: number, lo: number, hi: number): Generator<number[]> {
  if (len === 0) {
    yield [];
    return;
  }
  for (let v = lo; v <= hi; v++) for (const rest of nondecreasing(len - 1, v, hi)) yield [v, ...rest];
}

interface Item {
  t: number;
  event: boolean;
}

/** S after every item with time <= t (events before censorings at ties). */
function kmCurve(items: Item[]): {t: number; s: Frac}[] {
  const sorted = [...items].sort((a, b) => a.t - b.t || Number(b.event) - Number(a.event));
  let atRisk = sorted.length;
  let s: Frac = {n: 1n, d: 1n};
  const out: {t: number; s: Frac}[] = [];
  let i = 0;
  while (i < sorted.length) {
    const t = sorted[i].t;
    let events = 0;
    let all = 0;
    while (i < sorted.length && sorted[i].t === t) {
      if (sorted[i].event) events++;
      all++;
      i++;
    }
    if (events > 0) s = fmul(s, frac(BigInt(atRisk - events), BigInt(atRisk)));
    out.push({t, s});
    atRisk -= all;
  }
  return out;
}
const sAt = (curve: {t: number; s: Frac}[], t: number): Frac => {
  let s: Frac = {n: 1n, d: 1n};
  for (const c of curve) if (c.t <= t) s = c.s;
  return s;
};

interface Brute {
  events: number[];
  cens: number[];
  ok: boolean;
  items: Item[];
  curve: {t: number; s: Frac}[];
}

function followUpExists(p: FeasibilityProblem, events: number[], cens: number[]): boolean {
  const fu = p.followUp!;
  const d = p.deathUnit;
  const G = p.gridUnits;
  const fixed = [d, ...cens];
  const choices = events.map((r) => {
    const out: number[] = [];
    for (let f = Math.max(r, d); f <= G; f++) out.push(f);
    return out;
  });
  const pick = (i: number, acc: number[]): boolean => {
    if (i === choices.length) {
      const v = [...fixed, ...acc].sort((a, b) => a - b);
      return v[0] === fu.min && v[v.length - 1] === fu.max && v[(v.length - 1) / 2] === fu.median;
    }
    return choices[i].some((f) => pick(i + 1, [...acc, f]));
  };
  return pick(0, []);
}

function satisfies(p: FeasibilityProblem, events: number[], cens: number[], ignoreLandmarks = false): {ok: boolean; items: Item[]; curve: {t: number; s: Frac}[]} {
  const d = p.deathUnit;
  const items: Item[] = [...events.map((t) => ({t, event: true})), ...cens.map((t) => ({t, event: false}))];
  if (p.deathRole !== "excluded") items.push({t: d, event: p.deathRole === "event"});
  const curve = kmCurve(items);
  const maxT = Math.max(...items.map((i) => i.t));
  let ok = true;
  if (!ignoreLandmarks) {
    for (const l of p.dfsLandmarks) {
      if (p.landmarkRule === "observed" && maxT < l.unit) ok = false;
      else if (pct(sAt(curve, l.unit)) !== l.percent) ok = false;
    }
  }
  if (p.kmMedian !== null) {
    const first = curve.find((c) => 2n * c.s.n <= c.s.d);
    if (!first || first.t !== p.kmMedian) ok = false;
  }
  if (p.sampleMedian !== null) {
    const v = items.map((i) => i.t).sort((a, b) => a - b);
    const n = v.length;
    const twice = n % 2 === 1 ? 2 * v[(n - 1) / 2] : v[n / 2 - 1] + v[n / 2];
    if (twice !== 2 * p.sampleMedian) ok = false;
  }
  if (p.dfsRange !== null) {
    const v = [...events, ...cens];
    if (p.dfsRange.includeDeath && p.deathRole !== "excluded") v.push(d);
    if (Math.min(...v) !== p.dfsRange.min || Math.max(...v) !== p.dfsRange.max) ok = false;
  }
  if (ok && p.osLandmarks !== null) {
    // OS: the death at d, the never-recurred censored at their DFS times, the recurred censored at times >= d.
    const followed = 1 + events.length + cens.filter((c) => c >= d).length;
    const s = frac(BigInt(followed - 1), BigInt(followed));
    for (const l of p.osLandmarks) if (pct(l.unit >= d ? s : {n: 1n, d: 1n}) !== l.percent) ok = false;
  }
  if (ok && p.followUp !== null && !followUpExists(p, events, cens)) ok = false;
  return {ok, items, curve};
}

function bruteForce(p: FeasibilityProblem, ignoreLandmarks = false): Brute[] {
  const out: Brute[] = [];
  for (const events of nondecreasing(p.events, 1, p.gridUnits)) {
    for (const cens of nondecreasing(p.censored, 1, p.gridUnits)) {
      const r = satisfies(p, events, cens, ignoreLandmarks);
      out.push({events, cens, ...r});
    }
  }
  return out;
}

function baseProblem(over: Partial<FeasibilityProblem>): FeasibilityProblem {
  return {
    unitsPerMonth: 1,
    gridUnits: 6,
    deathUnit: 0,
    deathRole: "event",
    events: 3,
    censored: 1,
    dfsLandmarks: [],
    landmarkRule: "carry-forward",
    kmMedian: null,
    sampleMedian: null,
    dfsRange: null,
    osLandmarks: null,
    followUp: null,
    ...over,
  };
}

/** The most common (percent at L1, percent at L2) pairs of a problem without landmarks, as meaningful targets. */
function commonTargets(p: FeasibilityProblem, l1: number, l2: number, howMany: number): [number, number][] {
  const all = bruteForce({...p, dfsLandmarks: []}).filter((b) => b.ok);
  const tally = new Map<string, number>();
  for (const b of all) {
    const key = `${pct(sAt(b.curve, l1))},${pct(sAt(b.curve, l2))}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return [...tally]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, howMany)
    .map(([k]) => k.split(",").map(Number) as [number, number]);
}

// Small problems covering every option: roles, death before / on the grid, both landmark readings, both median
// readings (odd and even n), both range readings, OS and follow-up, half-month units.
const SMALL: {name: string; p: FeasibilityProblem; l1: number; l2: number}[] = [
  {name: "event, death at 0", p: baseProblem({}), l1: 2, l2: 4},
  {name: "event, death at 2 on the grid", p: baseProblem({deathUnit: 2}), l1: 3, l2: 5},
  {name: "censored death at 1", p: baseProblem({deathRole: "censored", deathUnit: 1}), l1: 2, l2: 5},
  {name: "excluded, n = 4 (even)", p: baseProblem({deathRole: "excluded", deathUnit: 1, sampleMedian: 3}), l1: 2, l2: 4},
  {name: "observed reading", p: baseProblem({landmarkRule: "observed", censored: 2, events: 2}), l1: 3, l2: 6},
  {name: "KM median", p: baseProblem({kmMedian: 3}), l1: 2, l2: 5},
  {name: "sample median, odd n", p: baseProblem({sampleMedian: 3, events: 2, censored: 2}), l1: 2, l2: 4},
  {name: "range with death", p: baseProblem({deathUnit: 1, dfsRange: {min: 1, max: 6, includeDeath: true}}), l1: 2, l2: 4},
  {name: "range without death", p: baseProblem({deathUnit: 1, dfsRange: {min: 2, max: 6, includeDeath: false}}), l1: 3, l2: 5},
  {
    name: "OS and follow-up (n = 5)",
    p: baseProblem({deathUnit: 1, events: 2, censored: 2, osLandmarks: [{unit: 2, percent: 80}], followUp: {min: 1, median: 4, max: 6}}),
    l1: 2,
    l2: 5,
  },
  {
    name: "everything, half-month units",
    p: baseProblem({unitsPerMonth: 2, gridUnits: 6, deathUnit: 2, events: 2, censored: 2, kmMedian: 3, dfsRange: {min: 2, max: 6, includeDeath: true}, osLandmarks: [{unit: 4, percent: 80}], followUp: {min: 2, median: 4, max: 6}}),
    l1: 2,
    l2: 4,
  },
];

describe("DP agrees with brute force on small problems", () => {
  for (const {name, p, l1, l2} of SMALL) {
    test(`counts: ${name}`, () => {
      const targets = commonTargets(p, l1, l2, 3);
      assert.ok(targets.length > 0, "the unconstrained problem has configurations");
      // The most common targets (non-zero counts) and one the brute force never reaches (zero).
      for (const [x1, x2] of [...targets, [100, 0] as [number, number]]) {
        const q = {...p, dfsLandmarks: [{unit: l1, percent: x1}, {unit: l2, percent: x2}]};
        const expected = bruteForce(q).filter((b) => b.ok).length;
        assert.equal(countConfigurations(q), BigInt(expected), `targets ${x1}%, ${x2}%`);
      }
      // Without landmarks too (every configuration that meets the other constraints).
      assert.equal(countConfigurations({...p, dfsLandmarks: []}), BigInt(bruteForce({...p, dfsLandmarks: []}).filter((b) => b.ok).length));
    });

    test(`distributions, structure and nearest pairs: ${name}`, () => {
      const [x1, x2] = commonTargets(p, l1, l2, 1)[0];
      const q = {...p, dfsLandmarks: [{unit: l1, percent: x1}, {unit: l2, percent: x2}]};
      const report: ReportPoints = {landmarks: [l1, l2, p.gridUnits], windows: [l1, l2], rmstTau: l2};
      const a = analyseProblem(q, report);
      const sols = bruteForce(q).filter((b) => b.ok);
      assert.equal(a.count, BigInt(sols.length));
      const u = p.unitsPerMonth;
      // S at each reported landmark: every value with its count.
      for (const k of report.landmarks) {
        const tally = new Map<string, number>();
        for (const b of sols) tally.set(fkey(sAt(b.curve, k)), (tally.get(fkey(sAt(b.curve, k))) ?? 0) + 1);
        const got = a.figures!.dfs[String(k / u)].values!.map((v) => [v.exact.includes("/") ? v.exact : `${v.exact}/1`, Number(v.count)]);
        assert.deepEqual(new Map(got as [string, number][]), tally, `S at unit ${k}`);
      }
      // KM median (in months) and the number of solutions whose curve never reaches 1/2.
      const medians = new Map<string, number>();
      let undefinedMedian = 0;
      for (const b of sols) {
        const first = b.curve.find((c) => 2n * c.s.n <= c.s.d);
        if (!first) undefinedMedian++;
        else medians.set(String(first.t / u), (medians.get(String(first.t / u)) ?? 0) + 1);
      }
      const gotMedians = new Map((a.figures!.kmMedian.values ?? []).map((v) => [String(Number(v.exact.split("/")[0]) / Number(v.exact.split("/")[1] ?? 1)), Number(v.count)]));
      assert.deepEqual(gotMedians, medians);
      assert.equal(a.figures!.kmMedian.undefinedCount, String(undefinedMedian));
      // Restricted mean to the horizon: min, max and mode with its count, from exact integrals.
      const rm = new Map<string, {v: Frac; c: number}>();
      for (const b of sols) {
        let area: Frac = {n: 0n, d: 1n};
        for (let k = 0; k < report.rmstTau; k++) area = fadd(area, fmul(sAt(b.curve, k), frac(1n, BigInt(u))));
        const key = fkey(area);
        rm.set(key, {v: area, c: (rm.get(key)?.c ?? 0) + 1});
      }
      const vals = [...rm.values()].sort((x, y) => (x.v.n * y.v.d < y.v.n * x.v.d ? -1 : 1));
      const norm = (s: string) => (s.includes("/") ? s : `${s}/1`);
      assert.equal(norm(a.figures!.rmst60.min.exact), fkey(vals[0].v));
      assert.equal(norm(a.figures!.rmst60.max.exact), fkey(vals[vals.length - 1].v));
      const maxCount = Math.max(...vals.map((x) => x.c));
      const mode = vals.find((x) => x.c === maxCount)!;
      assert.equal(norm(a.figures!.rmst60.mode.exact), fkey(mode.v));
      assert.equal(a.figures!.rmst60.mode.count, String(maxCount));
      assert.equal(a.figures!.rmst60.distinct, vals.length);
      // Event windows (DFS events, the death included when it is an event) and where each censoring falls.
      const windows = new Map<string, number>();
      const ranks: Map<number, number>[] = Array.from({length: p.censored}, () => new Map());
      for (const b of sols) {
        const ev = b.items.filter((i) => i.event).map((i) => i.t);
        const key = `${ev.filter((t) => t <= l1).length},${ev.filter((t) => t > l1 && t <= l2).length},${ev.filter((t) => t > l2).length}`;
        windows.set(key, (windows.get(key) ?? 0) + 1);
        b.cens.forEach((t, j) => ranks[j].set(t / u, (ranks[j].get(t / u) ?? 0) + 1));
      }
      assert.deepEqual(new Map(a.structure!.eventWindows.map((w) => [`${w.upTo24},${w.from24To60},${w.after60}`, Number(w.count)])), windows);
      a.structure!.censorings.forEach((c, j) => assert.deepEqual(new Map(c.months.map((m) => [m.month, Number(m.count)])), ranks[j], `censoring ${j + 1}`));
      // Nearest pairs: every achievable (S(L1), S(L2)) pair within 15 points, with counts, both DP variants.
      const slack = 15;
      const free = bruteForce(q, true).filter((b) => b.ok);
      const pairs = new Map<string, number>();
      for (const b of free) {
        const s1 = sAt(b.curve, l1);
        const s2 = sAt(b.curve, l2);
        const maxT = Math.max(...b.items.map((i) => i.t));
        if (p.landmarkRule === "observed" && (maxT < l1 || maxT < l2)) continue;
        const dist = (s: Frac, x: number) => {
          const h = (100 * Number(s.n)) / Number(s.d);
          return h < x - 0.5 ? x - 0.5 - h : h >= x + 0.5 ? h - x - 0.5 : 0;
        };
        if (Math.max(dist(s1, x1), dist(s2, x2)) <= slack + 1e-12) pairs.set(`${fkey(s1)}|${fkey(s2)}`, (pairs.get(`${fkey(s1)}|${fkey(s2)}`) ?? 0) + 1);
      }
      for (const split of [true, false]) {
        const got = landmarkPairs(q, Rational.of(slack), split);
        assert.deepEqual(new Map(got.map((g) => [`${g.s[0].num}/${g.s[0].den}|${g.s[1].num}/${g.s[1].den}`, Number(g.count)])), pairs, `split = ${split}`);
      }
    });

    test(`checkProblemConfiguration agrees: ${name}`, () => {
      const [x1, x2] = commonTargets(p, l1, l2, 1)[0];
      const q = {...p, dfsLandmarks: [{unit: l1, percent: x1}, {unit: l2, percent: x2}]};
      const u = p.unitsPerMonth;
      let agreed = 0;
      for (const b of bruteForce(q)) {
        const config = {
          deathMonth: p.deathUnit / u,
          patients: [...b.events.map((t) => ({month: t / u, recurred: true})), ...b.cens.map((t) => ({month: t / u, recurred: false}))],
        };
        const check = checkProblemConfiguration(q, config, {landmarkMonths: [l1 / u], rmstTauMonths: l2 / u});
        assert.equal(check.satisfied, b.ok, JSON.stringify(config) + " " + check.failures.join("; "));
        agreed++;
      }
      assert.ok(agreed > 0, "some configurations were checked");
    });
  }
});

describe("follow-up existence", () => {
  test("followUpFeasible agrees with trying every follow-up month (5 and 7 values)", () => {
    // Every fixed set and lower-bound set on a 1..6 grid with min 1, median 3 or 4, max 6.
    const G = 6;
    let cases = 0;
    for (const [nFixed, nFree] of [[2, 3], [3, 2], [1, 4], [3, 4]] as const) {
      for (const fixed of nondecreasing(nFixed, 1, G)) {
        for (const lowers of nondecreasing(nFree, 1, G)) {
          for (const target of [{min: 1, median: 3, max: 6}, {min: 2, median: 4, max: 6}, {min: 1, median: 5, max: 6}]) {
            const pick = (i: number, acc: number[]): boolean => {
              if (i === lowers.length) {
                const v = [...fixed, ...acc].sort((a, b) => a - b);
                return v[0] === target.min && v[v.length - 1] === target.max && v[(v.length - 1) / 2] === target.median;
              }
              for (let f = lowers[i]; f <= G; f++) if (pick(i + 1, [...acc, f])) return true;
              return false;
            };
            // The free values may go up to the grid end, which here is also the target maximum.
            assert.equal(followUpFeasible(fixed, lowers, target), pick(0, []), JSON.stringify({fixed, lowers, target}));
            cases++;
          }
        }
      }
    }
    assert.ok(cases > 1000, `only ${cases} cases`);
  });
});

describe("exact rationals", () => {
  test("round half up on exact values", () => {
    // 10/33 = 30.30…% → 30; 10/99 = 10.10…% → 10; 10/11 = 90.90…% → 91; 1/200 = 0.5% → 1 (half up); 29/40 = 72.5% → 73.
    assert.equal(roundHalfUpPercent(Rational.of(10, 33)), 30);
    assert.equal(roundHalfUpPercent(Rational.of(10, 99)), 10);
    assert.equal(roundHalfUpPercent(Rational.of(10, 11)), 91);
    assert.equal(roundHalfUpPercent(Rational.of(1, 200)), 1);
    assert.equal(roundHalfUpPercent(Rational.of(29, 40)), 73);
    assert.equal(Rational.of(6, -4).toString(), "-3/2");
    assert.equal(Rational.of(2, 3).toDecimal(3), 0.667);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The known facts on the monthly grid (issue 6, "Checks").

describe("known facts on the monthly grid", () => {
  const cache = new FeasibilityCache();

  test("death-event, d = 0, dfs-landmarks: exactly 25,640,493,840 configurations", () => {
    // The number stated in issue 6; reproduced under the carry-forward landmark reading (the module's default).
    assert.equal(countConfigurations({dfsDefinition: "death-event", deathMonth: 0, constraints: "dfs-landmarks"}), 25_640_493_840n);
  });

  test("R's extend = FALSE reading (observed) gives 13,513,233,240 there and changes no 'all' count", () => {
    // 13,513,233,240: this module's own figure for the alternative reading (documented in the header), kept here so
    // that a change in either reading shows.
    assert.equal(countConfigurations({dfsDefinition: "death-event", deathMonth: 0, constraints: "dfs-landmarks", landmarkRule: "observed"}), 13_513_233_240n);
    for (const medianReading of ["km", "sample"] as const) {
      for (const rangeReading of ["all", "exclude-death"] as const) {
        const o = {dfsDefinition: "death-event", deathMonth: 3, constraints: "all", medianReading, rangeReading} as const;
        assert.equal(countConfigurations({...o, landmarkRule: "observed"}), countConfigurations(o));
      }
    }
  });

  test("death-excluded and death-censored admit no configuration", () => {
    for (const dfsDefinition of ["death-excluded", "death-censored"] as const) {
      for (const deathMonth of [0, 1, 2, 3]) {
        assert.equal(countConfigurations({dfsDefinition, deathMonth, constraints: "dfs-landmarks"}), 0n, `${dfsDefinition}, d = ${deathMonth}`);
      }
    }
  });

  test("death-event: every configuration has S(24) = 10/33 and S(60) = 10/99 (when the death comes first)", () => {
    // Issue 6 states this for death-event. It holds whenever no patient can be censored before the death: d = 0
    // or 1 (nothing lies before month 1), and every "all" scenario (the DFS range starts at 3 = d).
    for (const deathMonth of [0, 1]) {
      const s = analyseScenario({dfsDefinition: "death-event", deathMonth, constraints: "dfs-landmarks"}, cache);
      assert.ok(s.feasible, `d = ${deathMonth} is feasible`);
      assert.deepEqual(s.figures!.dfs["24"].values!.map((v) => v.exact), ["10/33"]);
      assert.deepEqual(s.figures!.dfs["60"].values!.map((v) => v.exact), ["10/99"]);
    }
    for (const medianReading of ["km", "sample"] as const) {
      for (const rangeReading of ["all", "exclude-death"] as const) {
        const s = analyseScenario({dfsDefinition: "death-event", deathMonth: 3, constraints: "all", medianReading, rangeReading}, cache);
        assert.ok(s.feasible, `${medianReading}/${rangeReading} is feasible`);
        assert.deepEqual(s.figures!.dfs["24"].values!.map((v) => v.exact), ["10/33"]);
        assert.deepEqual(s.figures!.dfs["60"].values!.map((v) => v.exact), ["10/99"]);
      }
    }
  });

  test("death-event, d = 2 or 3, dfs-landmarks: a censoring before the first event gives S(24) = 3/10, S(60) = 1/10", () => {
    // A never-recurred patient censored at month 1 (or 2) before any event leaves 10 at risk at the death:
    // S = 9/10, then 6 events among 9 give 9/10·3/9 = 3/10 (30%) and 2 more among 3 give 1/10 (10%). The landmark
    // figures alone allow this; the OS figure (91% needs all 11 followed at d) and the DFS range do not. A first
    // event with all 11 at risk puts 11 in every denominator, hence 10/33 and 10/99. So S(24) = 3/10 exactly when
    // S(60) = 1/10, and only configurations whose first censoring lies before d can have it.
    for (const deathMonth of [2, 3]) {
      const s = analyseScenario({dfsDefinition: "death-event", deathMonth, constraints: "dfs-landmarks"}, cache);
      const s24 = new Map(s.figures!.dfs["24"].values!.map((v) => [v.exact, BigInt(v.count)]));
      const s60 = new Map(s.figures!.dfs["60"].values!.map((v) => [v.exact, BigInt(v.count)]));
      assert.deepEqual([...s24.keys()], ["3/10", "10/33"]);
      assert.deepEqual([...s60.keys()], ["1/10", "10/99"]);
      assert.equal(s24.get("3/10"), s60.get("1/10"));
      assert.equal(s24.get("3/10")! + s24.get("10/33")!, BigInt(s.count));
      const firstBefore = s.structure!.censorings[0].months.filter((m) => m.month < deathMonth).reduce((t, m) => t + BigInt(m.count), 0n);
      assert.ok(s24.get("3/10")! > 0n && s24.get("3/10")! <= firstBefore, `3/10 count ${s24.get("3/10")} vs first censoring before d ${firstBefore}`);
    }
  });

  test("the follow-up range 3–72 forces the death at month 3 in 'all'", () => {
    // The postoperative death's follow-up is its month d; a minimum follow-up of 3 needs d = 3.
    for (const deathMonth of [0, 1, 2]) {
      for (const medianReading of ["km", "sample"] as const) {
        for (const rangeReading of ["all", "exclude-death"] as const) {
          const s = analyseScenario({dfsDefinition: "death-event", deathMonth, constraints: "all", medianReading, rangeReading}, cache);
          assert.equal(s.count, "0");
          const withoutFollowUp = s.relaxations!.find((r) => r.without === "follow-up")!.count;
          // With the range over every analysed time the death (d < 3) is also below the DFS minimum 3.
          if (rangeReading === "all") assert.equal(withoutFollowUp, "0");
          else assert.notEqual(withoutFollowUp, "0");
        }
      }
    }
  });

  test("death-excluded: the nearest pair is the death-event curve without the death", () => {
    // Leaving out a death at month 0 divides the whole curve by 10/11, a bijection between configurations: the
    // 25,640,493,840 death-event solutions (S(24) = 10/33, S(60) = 10/99) become curves with S(24) = 1/3 (33%) and
    // S(60) = 1/9 (11%), at distance max(100/3 - 30.5, 100/9 - 10.5) = 17/6 points from 30% and 10%. It is the
    // nearest pair (tied with 4/15, 2/15 at the same distance, listed after it: smaller S(24)).
    const s = analyseScenario({dfsDefinition: "death-excluded", deathMonth: 0, constraints: "dfs-landmarks"}, cache);
    assert.equal(s.count, "0");
    const first = s.nearest!.pairs[0];
    assert.deepEqual([first.s24.exact, first.s60.exact, first.distance.exact, first.count], ["1/3", "1/9", "17/6", "25640493840"]);
    assert.deepEqual([first.s24.percent, first.s60.percent], [33, 11]);
    assert.equal(s.nearest!.pairs[1].distance.exact, "17/6");
    assert.equal(s.nearest!.pairs.length, 5);
  });

  test("a death censored at month 0 is the same as a death left out", () => {
    // Censored before anything happens, the death never enters a risk set: same curves, same answers.
    for (const constraints of ["dfs-landmarks"] as const) {
      const a = analyseScenario({dfsDefinition: "death-censored", deathMonth: 0, constraints}, new FeasibilityCache());
      const b = analyseScenario({dfsDefinition: "death-excluded", deathMonth: 0, constraints}, new FeasibilityCache());
      assert.deepEqual(a.nearest, b.nearest);
    }
    const free = baseProblem({deathRole: "censored", deathUnit: 0, kmMedian: 3});
    const [x1, x2] = commonTargets(free, 2, 5, 1)[0];
    const small = {...free, dfsLandmarks: [{unit: 2, percent: x1}, {unit: 5, percent: x2}]};
    const censored = countConfigurations(small);
    assert.equal(censored, countConfigurations({...small, deathRole: "excluded" as const}));
    assert.equal(censored, BigInt(bruteForce(small).filter((x) => x.ok).length));
    assert.ok(censored > 0n, "the chosen targets are reached");
  });
});

describe("the canonical table", () => {
  const text = readFileSync(new URL("../data/patients.csv", import.meta.url), "utf8");
  const config = configurationFromRows(analysisTable(parsePatients(text, "data/patients.csv")), "data/patients.csv");

  test("is a solution of death-event, d = 3, every reading", () => {
    assert.equal(config.deathMonth, 3);
    for (const o of [
      {dfsDefinition: "death-event", deathMonth: 3, constraints: "dfs-landmarks"},
      {dfsDefinition: "death-event", deathMonth: 3, constraints: "all", medianReading: "km", rangeReading: "all"},
      {dfsDefinition: "death-event", deathMonth: 3, constraints: "all", medianReading: "km", rangeReading: "exclude-death"},
      {dfsDefinition: "death-event", deathMonth: 3, constraints: "all", medianReading: "sample", rangeReading: "all"},
      {dfsDefinition: "death-event", deathMonth: 3, constraints: "all", medianReading: "sample", rangeReading: "exclude-death"},
    ] as const) {
      const c = checkConfiguration(o, config);
      assert.deepEqual(c.failures, [], JSON.stringify(o));
    }
    // Its figures, by hand from data/patients.csv (death at 3, P02 censored at 3, events at 7, 10, 14, 17, 17, 20,
    // 35, 50, P11 censored at 72): S(12) = 10/11·8/9·7/8 = 70/99, S(24) = 10/33, S(36) = 20/99, S(60) = 10/99.
    const c = checkConfiguration({dfsDefinition: "death-event", deathMonth: 3, constraints: "dfs-landmarks"}, config);
    assert.deepEqual(c.dfs.landmarks.map((l) => l.value?.exact), ["70/99", "10/33", "20/99", "10/99"]);
    assert.equal(c.dfs.kmMedian, 17);
  });

  test("fails the other definitions, and a wrong death month", () => {
    for (const dfsDefinition of ["death-excluded", "death-censored"] as const) {
      assert.equal(checkConfiguration({dfsDefinition, deathMonth: 3, constraints: "dfs-landmarks"}, config).satisfied, false);
    }
    assert.equal(checkConfiguration({dfsDefinition: "death-event", deathMonth: 2, constraints: "dfs-landmarks"}, config).satisfied, false);
  });

  test("a changed recurrence month breaks it (the check can fail)", () => {
    const moved = {...config, patients: config.patients.map((q, i) => (i === 1 ? {...q, month: 30} : q))};
    const c = checkConfiguration({dfsDefinition: "death-event", deathMonth: 3, constraints: "all", medianReading: "km", rangeReading: "all"}, moved);
    assert.equal(c.satisfied, false);
    assert.ok(c.failures.length > 0, "failures are listed");
  });

  test("scenario problems reject bad options", () => {
    assert.throws(() => scenarioProblem({dfsDefinition: "death-event", deathMonth: 4, constraints: "dfs-landmarks"}), /deathMonth/);
    assert.throws(() => scenarioProblem({dfsDefinition: "death-event", deathMonth: 0, constraints: "all"}), /medianReading/);
  });
});
