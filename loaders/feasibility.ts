// Feasibility audit: how many disease-free configurations make the abstract's survival figures true, counted
// exactly by dynamic programming over time (never by enumeration: the counts run into the billions).
// Pure: no I/O, no DOM, no node: imports (the pages import this very file).
//
// The question (issue 6). A configuration is a multiset of (month, event or censored) for the patients of the
// disease-free (DFS) analysis; months lie on a grid. The 11 curative patients are one postoperative death at the
// fixed month d, 8 recurrences (events) and 2 patients who never recurred (censored). The multiset includes the
// death; since the death's item is fixed, the count equals the number of multisets of the other 10 items (a
// recurrence at month d and the death are the same item (d, event), removing one copy is a bijection).
//
// Rules, as the issue states them:
// - Kaplan–Meier, right-continuous: an event at exactly t counts in S(t). At a tied time, events come before
//   censorings (so a patient censored at t is at risk for the events at t; R's survfit does the same).
// - "x%" means round-half-up(100·S) = x, decided exactly: floor((200·p + q) / (2·q)) for S = p/q.
// - DFS definitions: `death-event` (n = 11, the death an event at d), `death-excluded` (n = 10),
//   `death-censored` (n = 11, the death censored at d).
// - Constraint sets: `dfs-landmarks` (S(24) rounds to 30%, S(60) to 10%); `all` adds the median and range
//   readings, overall survival (OS) and follow-up.
// - `medianReading`: `km`, the smallest t with S(t) ≤ 1/2 is 17; `sample`, the middle of the analysed times is
//   17. `rangeReading`: `all`, min and max of the analysed times are 3 and 72; `exclude-death`, the same over the
//   analysed times other than the death.
// - OS at 24 and 60 rounds to 91% with n = 11 and the one death at d; follow-up has median 43 and range 3–72
//   over the 11 curative patients. A never-recurred patient's follow-up is its DFS censoring time (its last
//   contact counts in OS); a recurred patient's follow-up is a free month in [max(recurrence, d), 72]. A
//   configuration counts if some choice of those free months makes the OS and follow-up figures true.
//
// Readings this module chooses where the issue leaves room (each is also in the returned data, READINGS):
// - Time 0 is the day of the resection. The free items lie on the grid (1..72 months, or 0.5..72 by halves);
//   the death at d = 0 lies off the grid, before every free item (an event at 0 counts in S(0), as in R).
// - "Middle of the analysed times" is R's median(): the middle value for an odd n, the mean of the two middle
//   values for an even n (only death-excluded, n = 10, has an even n).
// - S(t) at a landmark is the curve's last value carried forward, also past the largest analysed time
//   (`landmarkRule: "carry-forward"`, R's summary(survfit, times = t, extend = TRUE)). This is the reading that
//   gives the known count, 25,640,493,840 for death-event, d = 0, dfs-landmarks on the monthly grid.
//   R's default (extend = FALSE) gives no value at a landmark beyond the largest analysed time; that reading is
//   the option `"observed"`, and for that scenario it gives 13,513,233,240 (the last patient must then be followed
//   to 60 months or more). The two readings differ only in dfs-landmarks scenarios: in "all", the range 3–72
//   puts an analysed time at 72.
// - OS uses the same right-continuous KM; with one death at d its value is (m − 1)/m from d on, m the patients
//   still followed at d (censorings at d come after the death). Its 24- and 60-month values are defined because
//   the follow-up maximum (72) exceeds both.
// - Follow-up median over the 11 curative patients is the middle (6th) value; an even count of patients is
//   rejected for this constraint.
// - The KM median rule is the issue's: the smallest t with S(t) ≤ 1/2. (R's print.survfit differs only when S
//   equals 1/2 exactly over an interval, where it reports the interval's midpoint.)
//
// How the DP works. Grid times are processed in increasing order. A state after time t holds the number of
// recurrences and never-recurred censorings placed so far, the exact KM value S(t) (an interned BigInt rational),
// and the few snapshots later checks need (the lower middle value for an even-n sample median; for follow-up,
// whether month 3 is taken by a fixed value and how many recurrences and censorings lie at or below month 43).
// Each check is made at the time it refers to, with exact rationals; S only decreases, so a state whose S already
// rounds below a coming landmark, or has already reached 1/2 before the median month, is dropped at once, and so is
// one whose S cannot fall far enough even if every remaining item came at once. Counts are BigInt. A backward pass
// gives, for every state, the number of completions to a solution, so the number of solutions through any state or
// transition is forward × backward: that yields the landmark distributions, the KM median, where each censoring
// falls and (with a forward pass carrying exact restricted-mean sums scaled to integers) the restricted mean DFS
// to 60 months.
//
// Nearest pairs (impossible scenarios). The (S(24), S(60)) pairs within a slack of the reported percentages are
// counted in three phases that share nothing but small "residual" states (the state without S): up to 24 months
// with S; from 24 to 60 with the ratio S(t)/S(24) per residual; after 60 with completions per residual. Exact,
// because no check after 24 months other than the 60-month landmark looks at S. For a landmarks-only scenario the
// same search also decides feasibility (its pairs that round to 30% and 10% must add up to the statistics run's
// count, which the audit checks).
//
// The audit (feasibilityAudit) memoises equivalent problems and skips runs whose answer is implied: a scenario
// whose landmark constraints alone admit nothing admits nothing with more constraints.
//
// A note on the "known facts": under death-event every configuration has S(24) = 10/33 and S(60) = 10/99
// when no never-recurred patient can be censored before the first event, i.e. for d = 0 and 1 and in every "all"
// scenario. With d = 2 or 3 and the landmark constraints alone, a patient censored at month 1 or 2, before any
// event, leaves 10 at risk and gives S(24) = 3/10 and S(60) = 1/10 (also 30% and 10%); the OS figure and the DFS
// range exclude those configurations.
//
// Follow-up existence (used by the DP and by checkConfiguration). With fixed values (the death d, the
// never-recurred censorings) and free values f_i in [L_i, hi], L_i = max(r_i, d), min = lo, max = hi and median M
// (lo < M < hi, N = 2h + 1 values) are achievable iff every fixed value lies in [lo, hi], every L_i ≤ hi, and
// (needLo: no fixed value equals lo; needHi: no fixed value equals hi and no L_i > M; flex = #{L_i ≤ M}):
//   needLo ⇒ some L_i ≤ lo;  needHi ⇒ flex ≥ 1 + needLo;
//   #{fixed < M} + needLo ≤ h;  #{fixed > M} + #{L_i > M} + needHi ≤ h.
// (Put one free value at lo if needed, one at hi if needed, every other L_i ≤ M at M and every L_i > M at hi;
// these placements are the cheapest possible for both median inequalities, so the conditions are also necessary.)

// ---------------------------------------------------------------------------------------------------------------
// Exact rationals

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** An exact rational p/q with BigInt parts, always reduced, q > 0. */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;
  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = toBigInt(num, "numerator");
    const d = toBigInt(den, "denominator");
    if (d === 0n) throw new RangeError("Rational: zero denominator");
    const g = gcd(n, d) || 1n;
    const s = d < 0n ? -1n : 1n;
    return new Rational((s * n) / g, (s * d) / g);
  }
  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);
  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError("Rational: division by zero");
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  /** "p/q", or "p" for an integer. */
  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }
  /** Rounded half up to `digits` decimals, exactly, then as a JS number. */
  toDecimal(digits = 6): number {
    const scale = 10n ** BigInt(digits);
    const scaled = floorDiv(2n * this.num * scale + this.den, 2n * this.den);
    return Number(scaled) / Number(scale);
  }
}

function toBigInt(x: bigint | number, what: string): bigint {
  if (typeof x === "bigint") return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`Rational: ${what} must be a safe integer (got ${x})`);
  return BigInt(x);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** round-half-up(100·r), exactly: floor(100·r + 1/2). */
export function roundHalfUpPercent(r: Rational): number {
  return Number(floorDiv(200n * r.num + r.den, 2n * r.den));
}

// ---------------------------------------------------------------------------------------------------------------
// Options and the generic problem

export type DfsDefinition = "death-event" | "death-excluded" | "death-censored";
export type ConstraintSet = "dfs-landmarks" | "all";
export type MedianReading = "km" | "sample";
export type RangeReading = "all" | "exclude-death";
export type GridName = "month" | "half-month";
export type LandmarkRule = "observed" | "carry-forward";
export type DeathRole = "event" | "censored" | "excluded";

export const DFS_DEFINITIONS: readonly DfsDefinition[] = ["death-event", "death-excluded", "death-censored"];
export const CONSTRAINT_SETS: readonly ConstraintSet[] = ["dfs-landmarks", "all"];
export const MEDIAN_READINGS: readonly MedianReading[] = ["km", "sample"];
export const RANGE_READINGS: readonly RangeReading[] = ["all", "exclude-death"];
export const DEATH_MONTHS: readonly number[] = [0, 1, 2, 3];
/** See the header: the reading that reproduces the count (R's summary default is "observed"). */
export const DEFAULT_LANDMARK_RULE: LandmarkRule = "carry-forward";

/** The abstract's figures, as the scenarios use them. */
export const ABSTRACT_TARGETS = {
  /** Recurrences among the 11 curative patients. */
  recurrences: 8,
  /** Curative patients who never recurred (4 currently disease-free minus 2 after treatment of a recurrence). */
  neverRecurred: 2,
  /** "2- and 5-year disease-free rates ... 30% and 10%". */
  dfsLandmarks: [{month: 24, percent: 30}, {month: 60, percent: 10}],
  /** "The median disease-free period was 17 (3-72) months." */
  dfsMedian: 17,
  dfsRange: {min: 3, max: 72},
  /** "the overall 2- and 5-year survival rates were both 91%". */
  osLandmarks: [{month: 24, percent: 91}, {month: 60, percent: 91}],
  /** "The follow-up period was 43 (3-72) months." */
  followUp: {median: 43, min: 3, max: 72},
} as const;

/** Figures reported across solutions that the abstract does not give. */
export const REPORTED_FIGURES = {
  landmarkMonths: [12, 24, 36, 60],
  rmstTau: 60,
  windows: [24, 60],
} as const;

export interface ScenarioOptions {
  grid?: GridName;
  dfsDefinition: DfsDefinition;
  /** Month of the postoperative death, 0..3. */
  deathMonth: number;
  constraints: ConstraintSet;
  /** Only for constraints "all" (ignored, and reported as null, for "dfs-landmarks"). */
  medianReading?: MedianReading | null;
  rangeReading?: RangeReading | null;
  landmarkRule?: LandmarkRule;
}

export interface Landmark {
  /** Grid units (months × unitsPerMonth). */
  unit: number;
  percent: number;
}

/**
 * The generic counting problem, in grid units (a month is `unitsPerMonth` units; grid times are 1..gridUnits).
 * Parameterised in n (events + censored + the death), the number of events, the grid length and the targets, so
 * that small cases can be checked against brute force.
 */
export interface FeasibilityProblem {
  unitsPerMonth: number;
  gridUnits: number;
  /** 0..gridUnits; 0 lies before the grid. */
  deathUnit: number;
  deathRole: DeathRole;
  /** Recurrences: DFS events other than the death. */
  events: number;
  /** Never-recurred patients: DFS censorings other than the death. */
  censored: number;
  dfsLandmarks: Landmark[];
  landmarkRule: LandmarkRule;
  kmMedian: number | null;
  sampleMedian: number | null;
  dfsRange: {min: number; max: number; includeDeath: boolean} | null;
  /** OS over the 1 + events + censored patients, the only death at deathUnit. */
  osLandmarks: Landmark[] | null;
  /** Follow-up over the 1 + events + censored patients (an odd number). Requires min < median < max ≤ gridUnits. */
  followUp: {median: number; min: number; max: number} | null;
}

export const READINGS = {
  grid: "free items on grid times 1..72 months (or 0.5..72 by halves); the death at d = 0 lies off the grid at time 0, before every free item",
  multiset: "a configuration is a multiset of (month, event/censored) over the analysed patients including the death; the death's item is fixed, so two recurrences in the same month are one item with multiplicity 2",
  ties: "events before censorings at a tied time (a censoring at t is at risk for the events at t)",
  rounding: "x% means floor(100·S + 1/2) = x, decided on exact rationals",
  landmarkRule: "carry-forward: S(t) at a landmark is the last value of the curve, also beyond the largest analysed time (R's summary.survfit with extend = TRUE); this reproduces the issue's count 25,640,493,840. R's default extend = FALSE (option observed) leaves S(t) undefined past the largest analysed time and changes only the dfs-landmarks counts",
  kmMedian: "smallest t with S(t) <= 1/2 (the issue's rule; R's print.survfit would take a midpoint only where S equals 1/2 exactly over an interval)",
  sampleMedian: "R's median(): middle value for odd n, mean of the two middle values for even n (only death-excluded, n = 10, is even)",
  os: "OS KM over the 11 curative patients with the single death at d: (m - 1)/m from d on, m = patients followed at d",
  followUp: "sample median (6th of 11 values) and range of follow-up; recurred patients' follow-up months are free in [max(recurrence, d), 72] and only need to exist",
  rmst: "restricted mean DFS to 60 months = integral of S(t) from 0 to 60",
  nearest: "for an impossible scenario, the 5 achievable (S(24), S(60)) pairs nearest to 30% and 10% under the scenario's other constraints, ranked by the larger of the two distances (in percentage points) from 100·S to the interval [x - 1/2, x + 1/2] around the reported percentage x",
} as const;

export function unitsPerMonthOf(grid: GridName): number {
  if (grid === "month") return 1;
  if (grid === "half-month") return 2;
  throw new Error(`feasibility: grid must be "month" or "half-month" (got "${String(grid)}")`);
}

/** The generic problem behind a named scenario. */
export function scenarioProblem(options: ScenarioOptions): FeasibilityProblem {
  const grid = options.grid ?? "month";
  const u = unitsPerMonthOf(grid);
  const {dfsDefinition, deathMonth, constraints} = options;
  if (!DFS_DEFINITIONS.includes(dfsDefinition)) {
    throw new Error(`feasibility: dfsDefinition must be one of ${DFS_DEFINITIONS.join(", ")} (got "${String(dfsDefinition)}")`);
  }
  if (!DEATH_MONTHS.includes(deathMonth)) throw new Error(`feasibility: deathMonth must be 0, 1, 2 or 3 (got ${deathMonth})`);
  if (!CONSTRAINT_SETS.includes(constraints)) {
    throw new Error(`feasibility: constraints must be one of ${CONSTRAINT_SETS.join(", ")} (got "${String(constraints)}")`);
  }
  const landmarkRule = options.landmarkRule ?? DEFAULT_LANDMARK_RULE;
  if (landmarkRule !== "observed" && landmarkRule !== "carry-forward") {
    throw new Error(`feasibility: landmarkRule must be "observed" or "carry-forward" (got "${String(landmarkRule)}")`);
  }
  const T = ABSTRACT_TARGETS;
  const problem: FeasibilityProblem = {
    unitsPerMonth: u,
    gridUnits: 72 * u,
    deathUnit: deathMonth * u,
    deathRole: dfsDefinition === "death-event" ? "event" : dfsDefinition === "death-censored" ? "censored" : "excluded",
    events: T.recurrences,
    censored: T.neverRecurred,
    dfsLandmarks: T.dfsLandmarks.map((l) => ({unit: l.month * u, percent: l.percent})),
    landmarkRule,
    kmMedian: null,
    sampleMedian: null,
    dfsRange: null,
    osLandmarks: null,
    followUp: null,
  };
  if (constraints === "all") {
    const median = options.medianReading;
    const range = options.rangeReading;
    if (median !== "km" && median !== "sample") throw new Error(`feasibility: medianReading must be "km" or "sample" for constraints "all" (got "${String(median)}")`);
    if (range !== "all" && range !== "exclude-death") {
      throw new Error(`feasibility: rangeReading must be "all" or "exclude-death" for constraints "all" (got "${String(range)}")`);
    }
    if (median === "km") problem.kmMedian = T.dfsMedian * u;
    else problem.sampleMedian = T.dfsMedian * u;
    problem.dfsRange = {min: T.dfsRange.min * u, max: T.dfsRange.max * u, includeDeath: range === "all"};
    problem.osLandmarks = T.osLandmarks.map((l) => ({unit: l.month * u, percent: l.percent}));
    problem.followUp = {median: T.followUp.median * u, min: T.followUp.min * u, max: T.followUp.max * u};
  }
  return problem;
}

function validateProblem(p: FeasibilityProblem): void {
  const bad = (what: string, v: unknown) => {
    throw new Error(`feasibility: ${what} (got ${JSON.stringify(v)})`);
  };
  const int = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!int(p.unitsPerMonth, 1, 12)) bad("unitsPerMonth must be an integer in 1..12", p.unitsPerMonth);
  if (!int(p.gridUnits, 1, 10_000)) bad("gridUnits must be an integer in 1..10000", p.gridUnits);
  if (!int(p.deathUnit, 0, p.gridUnits)) bad("deathUnit must be an integer in 0..gridUnits", p.deathUnit);
  if (!["event", "censored", "excluded"].includes(p.deathRole)) bad("deathRole must be event, censored or excluded", p.deathRole);
  if (!int(p.events, 0, 60)) bad("events must be an integer in 0..60", p.events);
  if (!int(p.censored, 0, 60)) bad("censored must be an integer in 0..60", p.censored);
  if (p.landmarkRule !== "observed" && p.landmarkRule !== "carry-forward") bad("landmarkRule must be observed or carry-forward", p.landmarkRule);
  const nDfs = p.events + p.censored + (p.deathRole === "excluded" ? 0 : 1);
  if (nDfs < 1) bad("the DFS analysis needs at least one patient", nDfs);
  for (const l of [...p.dfsLandmarks, ...(p.osLandmarks ?? [])]) {
    if (!int(l.unit, 0, p.gridUnits)) bad("a landmark must lie in 0..gridUnits", l);
    if (!int(l.percent, 0, 100)) bad("a landmark percent must be an integer in 0..100", l);
  }
  if (p.kmMedian !== null && !int(p.kmMedian, 0, p.gridUnits)) bad("kmMedian must lie in 0..gridUnits", p.kmMedian);
  if (p.sampleMedian !== null && !int(p.sampleMedian, 0, p.gridUnits)) bad("sampleMedian must lie in 0..gridUnits", p.sampleMedian);
  if (p.dfsRange !== null && !(int(p.dfsRange.min, 0, p.gridUnits) && int(p.dfsRange.max, p.dfsRange.min, p.gridUnits))) {
    bad("dfsRange must satisfy 0 <= min <= max <= gridUnits", p.dfsRange);
  }
  if (p.followUp !== null) {
    const f = p.followUp;
    if (!(int(f.min, 0, p.gridUnits) && int(f.median, f.min + 1, p.gridUnits) && int(f.max, f.median + 1, p.gridUnits))) {
      bad("followUp must satisfy 0 <= min < median < max <= gridUnits", f);
    }
    if ((1 + p.events + p.censored) % 2 !== 1) bad("the follow-up median needs an odd number of patients", 1 + p.events + p.censored);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The DP engine

/** Interned rationals with the cached decisions the DP makes on them. */
class RationalTable {
  readonly list: Rational[] = [];
  readonly percent: number[] = [];
  readonly aboveHalf: boolean[] = [];
  private readonly ids = new Map<string, number>();
  private readonly steps = new Map<number, number>();
  id(r: Rational): number {
    const key = r.toString();
    let i = this.ids.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(r);
      this.percent.push(roundHalfUpPercent(r));
      this.aboveHalf.push(2n * r.num > r.den);
      this.ids.set(key, i);
    }
    return i;
  }
  /** The id of S·(atRisk − events)/atRisk. */
  step(s: number, atRisk: number, events: number): number {
    const key = (s * 256 + atRisk) * 256 + events;
    let i = this.steps.get(key);
    if (i === undefined) {
      i = this.id(this.list[s].mul(Rational.of(atRisk - events, atRisk)));
      this.steps.set(key, i);
    }
    return i;
  }
}

/**
 * One table for every run: interned values and their decisions depend on the value alone, so runs share them
 * (the audit's runs pass through largely the same survival values). Ids only ever grow.
 */
const SHARED_TABLE = new RationalTable();

interface Node {
  /** Recurrences placed. */
  e: number;
  /** Never-recurred censorings placed. */
  c: number;
  /** Interned S after this time. */
  s: number;
  /** Even-n sample median: the lower middle value (units) while the upper one is still to come; else -1. */
  mid: number;
  /** Follow-up: 1 if a fixed value equals the minimum, 0 if not, -1 before that time. */
  lo: number;
  /** Follow-up: recurrences that can take a follow-up ≤ median (-1 before the median time). */
  eM: number;
  /** Follow-up: censorings at or below the median (-1 before the median time). */
  cM: number;
  /** Follow-up: 1 if a fixed value equals the maximum, 0 if not, -1 before that time. */
  hi: number;
  /** Stats: DFS events (the death included when it is an event) by the first and second window ends. */
  w1: number;
  w2: number;
  /** Pairs mode: interned list of the S ids at each DFS landmark passed so far (see Run.snaps). */
  snap: number;
}

interface Mode {
  /** Record the window snapshots and keep edges for forward–backward statistics. */
  stats: boolean;
  /**
   * Pairs mode: instead of requiring each DFS landmark to round to its percentage, record S at each landmark and
   * keep only values within `pairSlack` percentage points of the interval that rounds to it. Null: normal mode.
   */
  pairSlack: Rational | null;
  /** Replace S by 0 once no later check or statistic needs it (merges states; only when stats is false). */
  collapse: boolean;
  /** Keep the edges (needed for the backward pass). */
  edges: boolean;
  windows: readonly number[];
}

interface Layer {
  nodes: Node[];
  F: bigint[];
  B: bigint[];
  /**
   * On a quiet time, states 0..carried-1 are the previous layer's states, each reached by staying put (those
   * transitions are implicit: not in `edges`). 0 on a busy time, where every transition is in `edges`.
   */
  carried: number;
}

interface Run {
  problem: FeasibilityProblem;
  table: RationalTable;
  /** layers[k] holds the states after grid time k (k = 0: after the death at time 0, if any). */
  layers: Layer[];
  /** edges[k] (k ≥ 1): pairs (from index in layers[k-1], to index in layers[k]), flattened. */
  edges: number[][];
  /** Pairs mode: snapshot lists, "id;id;" of S at the landmarks, by Node.snap. */
  snaps: string[];
  count: bigint;
}


/**
 * Part of a run: start from `nodes` (with counts F) as the states after time `from`, and stop after time `to`.
 * `ratio`: the S field holds S(t)/S(from) rather than S(t); then no landmark is checked, and S at each later
 * landmark is only recorded (pairs mode's second phase, see nearestLandmarkPairs).
 */
interface Phase {
  from: number;
  to: number;
  nodes: Node[];
  F: bigint[];
  table: RationalTable;
  snaps: string[];
  ratio: boolean;
  /**
   * Ratio mode in pairs mode: the largest and smallest S(from) behind each start snap (indexed by snap id), so that
   * a ratio R is dropped once R·largest falls below a coming landmark's slack window, or R·smallest is above it.
   */
  fromBounds?: {max: Rational[]; min: Rational[]};
}

function run(p: FeasibilityProblem, mode: Mode, phase: Phase | null = null): Run {
  validateProblem(p);
  const table = phase?.table ?? SHARED_TABLE;
  const ratio = phase?.ratio ?? false;
  const K = p.gridUnits;
  const E = p.events;
  const C = p.censored;
  const d = p.deathUnit;
  const deathIn = p.deathRole !== "excluded";
  const deathEvent = p.deathRole === "event";
  const deathCensored = p.deathRole === "censored";
  const nDfs = E + C + (deathIn ? 1 : 0);
  const nAll = 1 + E + C;
  const stats = mode.stats;
  const keepEdges = mode.edges;
  const collapse = mode.collapse;
  const pairs = mode.pairSlack !== null;
  const observed = p.landmarkRule === "observed";

  // DFS landmarks as flat arrays; in pairs mode with their slack bounds (S below `low` is too far under the target,
  // S above `high` too far over it: within the slack means landmarkDistance <= slack), decided once per S.
  const lmUnit = p.dfsLandmarks.map((l) => l.unit);
  const lmPct = p.dfsLandmarks.map((l) => l.percent);
  const nLm = lmUnit.length;
  const slack = mode.pairSlack ?? Rational.ZERO;
  const hundredth = Rational.of(1, 100);
  const lowBound = p.dfsLandmarks.map((l) => Rational.of(2 * l.percent - 1, 2).sub(slack).mul(hundredth));
  const highBound = p.dfsLandmarks.map((l) => Rational.of(2 * l.percent + 1, 2).add(slack).mul(hundredth));
  const tooLowCache: (boolean | undefined)[][] = lmUnit.map(() => []);
  const tooHighCache: (boolean | undefined)[][] = lmUnit.map(() => []);
  const tooLow = (j: number, s: number): boolean => {
    let v = tooLowCache[j][s];
    if (v === undefined) tooLowCache[j][s] = v = table.list[s].cmp(lowBound[j]) < 0;
    return v;
  };
  const tooHigh = (j: number, s: number): boolean => {
    let v = tooHighCache[j][s];
    if (v === undefined) tooHighCache[j][s] = v = table.list[s].cmp(highBound[j]) > 0;
    return v;
  };
  const fromBounds = pairs ? phase?.fromBounds : undefined;
  const ratioLowCache: (boolean | undefined)[][][] = lmUnit.map(() => []);
  const ratioHighCache: (boolean | undefined)[][][] = lmUnit.map(() => []);
  const ratioTooLow = (j: number, snap: number, s: number): boolean => {
    const row = (ratioLowCache[j][snap] ??= []);
    let v = row[s];
    if (v === undefined) row[s] = v = table.list[s].mul(fromBounds!.max[snap]).cmp(lowBound[j]) < 0;
    return v;
  };
  const ratioTooHigh = (j: number, snap: number, s: number): boolean => {
    const row = (ratioHighCache[j][snap] ??= []);
    let v = row[s];
    if (v === undefined) row[s] = v = table.list[s].mul(fromBounds!.min[snap]).cmp(highBound[j]) > 0;
    return v;
  };
  const lastLm = nLm > 0 ? Math.max(...lmUnit) : -1;
  const kmMedian = p.kmMedian ?? -1;
  const hasKmMedian = p.kmMedian !== null;
  const hasSampleMedian = p.sampleMedian !== null;
  const sampleMedian = p.sampleMedian ?? -1;
  const oddN = nDfs % 2 === 1;
  const range = p.dfsRange;
  const rangeMin = range?.min ?? -1;
  const rangeMax = range?.max ?? -1;
  const includeDeathInRange = range !== null && range.includeDeath && deathIn;
  const fu = p.followUp;
  const fuMin = fu?.min ?? -1;
  const fuMedian = fu?.median ?? -1;
  const fuMax = fu?.max ?? -1;
  const fuH = (nAll - 1) / 2;
  const osCheckAt = p.osLandmarks !== null ? Math.max(d - 1, 0) : -1;
  const osOk = new Map<number, boolean>();
  const osPasses = (atRisk: number): boolean => {
    let ok = osOk.get(atRisk);
    if (ok === undefined) {
      const s = Rational.of(atRisk - 1, atRisk);
      ok = (p.osLandmarks ?? []).every((l) => roundHalfUpPercent(l.unit >= d ? s : Rational.ONE) === l.percent);
      osOk.set(atRisk, ok);
    }
    return ok;
  };
  const W1 = mode.windows[0] ?? -1;
  const W2 = mode.windows[1] ?? -1;
  // The last time any check needs S; after it S can be merged away (not in stats mode, which reports it).
  const sNeededUntil = Math.max(lastLm, kmMedian);
  const zero = table.id(Rational.ZERO);
  // Before this time S may still be too high: it is dropped when even the steepest possible fall (every remaining
  // censoring first, then every remaining event) cannot bring it down to a coming landmark or to 1/2 by the median.
  const upperUntil = Math.max(ratio ? -1 : lastLm, kmMedian);

  const snaps: string[] = phase?.snaps ?? [""];
  const snapIds = new Map<string, number>(snaps.map((x, i) => [x, i]));
  const extendSnap = (snap: number, s: number) => {
    const text = `${snaps[snap]}${s};`;
    let id = snapIds.get(text);
    if (id === undefined) {
      id = snaps.length;
      snaps.push(text);
      snapIds.set(text, id);
    }
    return id;
  };
  // A state is found by its S id and the integer aux + AUX·snap, aux a mixed-radix number of the small fields
  // (small integers keep the Map lookups fast).
  const rC = C + 1;
  const rMid = hasSampleMedian && !oddN ? K + 2 : 1;
  const rFlag = fu !== null ? 3 : 1;
  const rEM = fu !== null ? E + 2 : 1;
  const rCM = fu !== null ? C + 2 : 1;
  const rW = stats ? E + 3 : 1;
  const AUX = (E + 1) * rC * rMid * rFlag * rEM * rCM * rFlag * rW * rW;

  const layers: Layer[] = [];
  const edges: number[][] = [];
  let prev: Node[] = [{e: 0, c: 0, s: table.id(Rational.ONE), mid: -1, lo: -1, eM: -1, cM: -1, hi: -1, w1: -1, w2: -1, snap: 0}];
  let prevF: bigint[] = [1n];
  const fromLayer = phase?.from ?? -1;
  const toLayer = phase?.to ?? K;
  if (phase !== null) {
    prev = phase.nodes;
    prevF = phase.F;
    for (let k = 0; k < fromLayer; k++) {
      layers.push({nodes: [], F: [], B: [], carried: 0});
      edges.push([]);
    }
    if (fromLayer >= 0) {
      layers.push({nodes: prev, F: prevF, B: [], carried: 0});
      edges.push([]);
    }
  }

  // Quiet times: no check, snapshot or forced item happens there, so staying put maps every state to itself.
  // There the layer starts as a copy of the previous one, keeps its index, and only the placements are added (and
  // recorded as edges); the checks of the placements are unchanged. (An even-n sample median tracks a time in the
  // state, so every time is busy then.)
  const busy = new Set<number>([0, fromLayer + 1, K, d, ...lmUnit, sNeededUntil + 1]);
  for (const t of [kmMedian, sampleMedian, rangeMin, rangeMax, osCheckAt, fuMin, fuMedian, fuMax, W1, W2]) if (t >= 0) busy.add(t);
  const everyTimeBusy = hasSampleMedian && !oddN;
  let prevIndex: Map<number, Map<number, number>> | null = null;

  for (let k = fromLayer + 1; k <= toLayer; k++) {
    const deathHere = deathIn && d === k;
    const deathBefore = deathIn && d < k;
    const deathEventHere = deathHere && deathEvent ? 1 : 0;
    const deathAt = deathHere ? 1 : 0;
    const deathLater = d > k;
    const quiet = !everyTimeBusy && prevIndex !== null && !busy.has(k);
    const index: Map<number, Map<number, number>> = quiet ? prevIndex! : new Map();
    const nodes: Node[] = quiet ? prev.slice() : [];
    const F: bigint[] = quiet ? prevF.slice() : [];
    const edgeList: number[] = [];
    const final = k === K;
    const collapseNow = collapse && k > sNeededUntil;
    const upperNow = k < upperUntil;
    for (let from = 0; from < prev.length; from++) {
      const node = prev[from];
      const count = prevF[from];
      const placedBefore = node.e + node.c + (deathBefore ? 1 : 0);
      const atRisk = nDfs - placedBefore;
      const maxE = k >= 1 ? E - node.e : 0;
      const maxC = k >= 1 ? C - node.c : 0;
      for (let kE = final ? maxE : 0; kE <= maxE; kE++) {
        const ev = kE + deathEventHere;
        const s1 = collapseNow ? zero : ev > 0 ? table.step(node.s, atRisk, ev) : node.s;
        // DFS landmarks (S only decreases: once below a coming landmark's percentage, more events stay below).
        let stop = false;
        let skip = false;
        let snap = node.snap;
        for (let j = 0; j < nLm; j++) {
          const unit = lmUnit[j];
          if (k > unit) continue;
          if (ratio) {
            if (fromBounds !== undefined) {
              if (ratioTooLow(j, node.snap, s1)) {
                stop = true;
                continue;
              }
              if (k === unit && ratioTooHigh(j, node.snap, s1)) {
                skip = true;
                continue;
              }
            }
            if (k === unit) snap = extendSnap(snap, observed && placedBefore >= nDfs ? -1 : s1);
          } else if (pairs) {
            if (tooLow(j, s1)) stop = true;
            else if (k === unit) {
              if (tooHigh(j, s1) || (observed && placedBefore >= nDfs)) skip = true;
              else snap = extendSnap(snap, s1);
            }
          } else {
            const pct = table.percent[s1];
            if (pct < lmPct[j]) stop = true;
            else if (k === unit && (pct !== lmPct[j] || (observed && placedBefore >= nDfs))) skip = true;
          }
        }
        if (stop) break;
        if (skip) continue;
        if (hasKmMedian) {
          if (k < kmMedian && !table.aboveHalf[s1]) break;
          if (k === kmMedian && table.aboveHalf[s1]) continue;
        }
        const e1 = node.e + kE;
        for (let kC = final ? maxC : 0; kC <= maxC; kC++) {
          if (quiet && kE === 0 && kC === 0) continue; // already carried over
          const c1 = node.c + kC;
          const atT = kE + kC + deathAt;
          const placedAfter = placedBefore + atT;
          let mid = node.mid;
          if (hasSampleMedian) {
            const M = sampleMedian;
            if (oddN) {
              const pos = (nDfs + 1) / 2;
              if (k < M && placedAfter >= pos) break;
              if (k === M && placedAfter < pos) continue;
            } else {
              const pos = nDfs / 2;
              if (mid >= 0) {
                if (atT > 0) {
                  if (mid + k !== 2 * M) continue;
                  mid = -1;
                } else if (k >= 2 * M - mid) continue;
              } else if (placedBefore < pos && placedAfter >= pos) {
                if (placedAfter >= pos + 1) {
                  if (k !== M) continue;
                } else {
                  if (k > M) continue;
                  mid = k;
                }
              } else if (placedAfter < pos && k >= M) continue;
            }
          }
          if (range !== null) {
            const relAt = kE + kC + (includeDeathInRange && deathHere ? 1 : 0);
            if (k < rangeMin && relAt > 0) continue;
            if (k === rangeMin && relAt === 0 && node.e + node.c + (includeDeathInRange && deathBefore ? 1 : 0) === 0) continue;
            if (k > rangeMax && relAt > 0) continue;
            if (k === rangeMax && relAt === 0) continue;
          }
          // OS: patients followed at d are everyone but the never-recurred censored before d.
          if (k === osCheckAt && !osPasses(nAll - (d === 0 ? 0 : c1))) continue;
          let lo = node.lo;
          let eM = node.eM;
          let cM = node.cM;
          let hi = node.hi;
          if (fu !== null) {
            if (k === 0 && (d < fuMin || d > fuMax)) continue;
            if (k < fuMin && kC > 0) continue;
            if (k > fuMax && kE + kC > 0) continue;
            if (k === fuMin) {
              const fixedAtMin = d === fuMin || kC > 0;
              if (!fixedAtMin && (d <= fuMin ? e1 : 0) === 0) continue;
              lo = fixedAtMin ? 1 : 0;
            }
            if (k === fuMedian) {
              const fixedBelow = (d < fuMedian ? 1 : 0) + node.c;
              if (fixedBelow + (lo === 1 ? 0 : 1) > fuH) continue;
              eM = d <= fuMedian ? e1 : 0;
              cM = c1;
            }
            if (k === fuMax) hi = d === fuMax || kC > 0 ? 1 : 0;
            if (final) {
              const forcedAbove = E - eM;
              const needLo = lo === 0 ? 1 : 0;
              const needHi = hi === 0 && forcedAbove === 0 ? 1 : 0;
              const fixedAbove = (d > fuMedian ? 1 : 0) + (C - cM);
              if (fixedAbove + forcedAbove + needHi > fuH) continue;
              if (needHi && eM < 1 + needLo) continue;
            }
          }
          if (final && (e1 !== E || c1 !== C)) continue;
          if (upperNow) {
            // Lowest S reachable later: remaining censorings first, then every remaining event.
            const r = E - e1 + (deathEvent && deathLater ? 1 : 0);
            const n = nDfs - placedAfter - (C - c1) - (deathCensored && deathLater ? 1 : 0);
            if (r < n) {
              const sMin = r > 0 ? table.step(s1, n, r) : s1;
              let prune = false;
              if (!ratio) {
                for (let j = 0; j < nLm; j++) {
                  if (k < lmUnit[j] && (pairs ? tooHigh(j, sMin) : table.percent[sMin] > lmPct[j])) prune = true;
                }
              }
              if (k < kmMedian && table.aboveHalf[sMin]) prune = true;
              if (prune) continue;
            }
          }
          let w1 = node.w1;
          let w2 = node.w2;
          if (stats) {
            const dfsEvents = e1 + (deathEvent && d <= k ? 1 : 0);
            if (k === W1) w1 = dfsEvents;
            if (k === W2) w2 = dfsEvents;
          }
          const key = ((((((((e1 * rC + c1) * rMid + mid + 1) * rFlag + lo + 1) * rEM + eM + 1) * rCM + cM + 1) * rFlag + hi + 1) * rW + w1 + 1) * rW + w2 + 1) + AUX * snap;
          let bucket = index.get(s1);
          if (bucket === undefined) index.set(s1, (bucket = new Map()));
          let to = bucket.get(key);
          if (to === undefined) {
            to = nodes.length;
            bucket.set(key, to);
            nodes.push({e: e1, c: c1, s: s1, mid, lo, eM, cM, hi, w1, w2, snap});
            F.push(count);
          } else F[to] += count;
          if (keepEdges && k >= 1) edgeList.push(from, to);
        }
      }
    }
    layers.push({nodes, F, B: [], carried: quiet ? prev.length : 0});
    edges.push(edgeList);
    prev = nodes;
    prevF = F;
    prevIndex = index;
    if (nodes.length === 0) {
      // Nothing survives: the remaining layers are empty.
      for (let j = k + 1; j <= toLayer; j++) {
        layers.push({nodes: [], F: [], B: [], carried: 0});
        edges.push([]);
      }
      break;
    }
  }
  if (AUX * snaps.length > Number.MAX_SAFE_INTEGER) throw new Error("feasibility: state space too large for the state packing");
  let count = 0n;
  if (toLayer === K) for (const f of layers[K].F) count += f;
  return {problem: p, table, layers, edges, count, snaps};
}

function backward(r: Run): void {
  const K = r.problem.gridUnits;
  r.layers[K].B = r.layers[K].nodes.map(() => 1n);
  for (let k = K; k >= 1; k--) {
    const to = r.layers[k].B;
    const carried = r.layers[k].carried;
    const B = r.layers[k - 1].nodes.map((_, i) => (i < carried ? to[i] : 0n));
    const list = r.edges[k];
    for (let i = 0; i < list.length; i += 2) B[list[i]] += to[list[i + 1]];
    r.layers[k - 1].B = B;
  }
}

/** The exact number of configurations (a BigInt), for a named scenario or a generic problem. */
export function countConfigurations(problem: FeasibilityProblem | ScenarioOptions): bigint {
  const p = "unitsPerMonth" in problem ? problem : scenarioProblem(problem);
  return run(p, {stats: false, pairSlack: null, collapse: true, edges: false, windows: []}).count;
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics across solutions

export interface ExactValue {
  /** "p/q" (or an integer), exact. */
  exact: string;
  /** Rounded half up to 6 decimals. */
  decimal: number;
}

export interface Distribution {
  /** Distinct values over all solutions. */
  distinct: number;
  min: ExactValue;
  max: ExactValue;
  /** The most common value and the number of solutions having it (ties: the smallest such value, and `ties` > 1). */
  mode: ExactValue & {count: string; ties: number};
  /** Every value with its count, in increasing order (omitted for the restricted mean, which has many values). */
  values?: (ExactValue & {count: string})[];
}

export interface CensoringPlacement {
  /** 1 = the earliest never-recurred censoring, 2 = the next. */
  rank: number;
  minMonth: number;
  maxMonth: number;
  /** Solutions with this censoring at ≤ 24 months, in (24, 60] and after 60 (decimal strings). */
  windows: {upTo24: string; from24To60: string; after60: string};
  months: {month: number; count: string}[];
}

export interface EventWindows {
  /** DFS events at ≤ 24 months (the death included when it is an event), in (24, 60], after 60. */
  upTo24: number;
  from24To60: number;
  after60: number;
  count: string;
}

export interface Structure {
  /** True when every solution has the same event counts in the three windows. */
  eventWindowsForced: boolean;
  eventWindows: EventWindows[];
  censorings: CensoringPlacement[];
}

export interface Figures {
  /** DFS at 12, 24, 36 and 60 months (S at the landmark, exact). */
  dfs: Record<string, Distribution & {percents: {percent: number; count: string}[]}>;
  /** KM median DFS in months; solutions whose curve never reaches 1/2 are counted in `undefinedCount`. */
  kmMedian: Distribution & {undefinedCount: string};
  /** Restricted mean DFS to 60 months, in months, with counts per whole-month bin [m, m + 1). */
  rmst60: Distribution & {histogram: {from: number; count: string}[]};
}

export interface NearestPair {
  s24: ExactValue & {percent: number};
  s60: ExactValue & {percent: number};
  /** Larger of the two distances, in percentage points, from 100·S to [x − 1/2, x + 1/2] (see landmarkDistance). */
  distance: ExactValue;
  count: string;
}

export interface Nearest {
  /** The slack searched: every achievable pair within this many percentage points is among pairsWithin (null when no pair is achievable at all). */
  withinPoints: number | null;
  /** Distinct achievable (S(24), S(60)) pairs within the slack, under the scenario's other constraints. */
  pairsWithin: number;
  /** The nearest ones (at most 5), nearest first; ties by larger S(24), then larger S(60). */
  pairs: NearestPair[];
}

function exactValue(r: Rational): ExactValue {
  return {exact: r.toString(), decimal: r.toDecimal(6)};
}

function distributionOf(entries: {value: Rational; count: bigint}[], keepValues: boolean): Distribution | null {
  const list = entries.filter((e) => e.count > 0n).sort((a, b) => a.value.cmp(b.value));
  if (list.length === 0) return null;
  let mode = list[0];
  let ties = 1;
  for (const e of list.slice(1)) {
    if (e.count > mode.count) {
      mode = e;
      ties = 1;
    } else if (e.count === mode.count) ties++;
  }
  const out: Distribution = {
    distinct: list.length,
    min: exactValue(list[0].value),
    max: exactValue(list[list.length - 1].value),
    mode: {...exactValue(mode.value), count: mode.count.toString(), ties},
  };
  if (keepValues) out.values = list.map((e) => ({...exactValue(e.value), count: e.count.toString()}));
  return out;
}

function addTo<K>(m: Map<K, bigint>, k: K, v: bigint): void {
  m.set(k, (m.get(k) ?? 0n) + v);
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

export interface ScenarioAnalysis {
  count: bigint;
  structure: Structure | null;
  figures: Figures | null;
}

/** What analyseProblem reports, in grid units. Defaults: REPORTED_FIGURES in the problem's units. */
export interface ReportPoints {
  /** Landmarks whose DFS distribution is reported (keys of `figures.dfs` are these in months). */
  landmarks: number[];
  /** The two window ends for the event and censoring structure. */
  windows: [number, number];
  /** Restricted-mean horizon. */
  rmstTau: number;
}

function defaultReportPoints(p: FeasibilityProblem): ReportPoints {
  const u = p.unitsPerMonth;
  const [w1, w2] = REPORTED_FIGURES.windows;
  return {landmarks: REPORTED_FIGURES.landmarkMonths.map((m) => m * u), windows: [w1 * u, w2 * u], rmstTau: REPORTED_FIGURES.rmstTau * u};
}

/** Count, forced structure and figure ranges for a problem (structure and figures null when count is 0). */
export function analyseProblem(p: FeasibilityProblem, report: ReportPoints = defaultReportPoints(p)): ScenarioAnalysis {
  const u = p.unitsPerMonth;
  const windows = report.windows;
  for (const k of [...report.landmarks, ...report.windows, report.rmstTau]) {
    if (!Number.isInteger(k) || k < 0 || k > p.gridUnits) throw new Error(`feasibility: report point ${k} lies off the grid 0..${p.gridUnits}`);
  }
  const r = run(p, {stats: true, pairSlack: null, collapse: false, edges: true, windows});
  if (r.count === 0n) return {count: 0n, structure: null, figures: null};
  backward(r);
  const {layers, edges, table} = r;
  const K = p.gridUnits;
  const totalEvents = p.events + (p.deathRole === "event" ? 1 : 0);

  // Event windows: final states carry the snapshots; each final state's count is its number of solutions.
  const byWindows = new Map<string, bigint>();
  for (let i = 0; i < layers[K].nodes.length; i++) {
    const n = layers[K].nodes[i];
    const w1 = n.w1 < 0 ? totalEvents : n.w1;
    const w2 = n.w2 < 0 ? totalEvents : n.w2;
    addTo(byWindows, `${w1},${w2}`, layers[K].F[i]);
  }
  const eventWindows: EventWindows[] = [...byWindows]
    .map(([key, count]) => {
      const [w1, w2] = key.split(",").map(Number);
      return {upTo24: w1, from24To60: w2 - w1, after60: totalEvents - w2, count: count.toString()};
    })
    .sort((a, b) => a.upTo24 - b.upTo24 || a.from24To60 - b.from24To60);

  // Censorings by rank, and the KM median, from the transitions (solutions through a transition = F·B).
  const censorByRank: Map<number, bigint>[] = Array.from({length: p.censored}, () => new Map());
  const medianCounts = new Map<number, bigint>();
  const half = (s: number) => !table.aboveHalf[s];
  for (let i = 0; i < layers[0].nodes.length; i++) {
    if (half(layers[0].nodes[i].s)) addTo(medianCounts, 0, layers[0].F[i] * layers[0].B[i]);
  }
  for (let k = 1; k <= K; k++) {
    const a = layers[k - 1];
    const b = layers[k];
    const list = edges[k];
    for (let i = 0; i < list.length; i += 2) {
      const from = list[i];
      const to = list[i + 1];
      const nFrom = a.nodes[from];
      const nTo = b.nodes[to];
      const crosses = !half(nFrom.s) && half(nTo.s);
      if (nFrom.c === nTo.c && !crosses) continue;
      const via = a.F[from] * b.B[to];
      if (via === 0n) continue;
      for (let j = nFrom.c; j < nTo.c; j++) addTo(censorByRank[j], k, via);
      if (crosses) addTo(medianCounts, k, via);
    }
  }
  const monthOf = (k: number) => Rational.of(k, u);
  const censorings: CensoringPlacement[] = censorByRank.map((m, j) => {
    const ks = [...m.keys()].sort((x, y) => x - y);
    const win = {upTo24: 0n, from24To60: 0n, after60: 0n};
    for (const k of ks) {
      const v = m.get(k)!;
      if (k <= windows[0]) win.upTo24 += v;
      else if (k <= windows[1]) win.from24To60 += v;
      else win.after60 += v;
    }
    return {
      rank: j + 1,
      minMonth: ks[0] / u,
      maxMonth: ks[ks.length - 1] / u,
      windows: {upTo24: win.upTo24.toString(), from24To60: win.from24To60.toString(), after60: win.after60.toString()},
      months: ks.map((k) => ({month: k / u, count: m.get(k)!.toString()})),
    };
  });

  // Landmark distributions.
  const dfs: Figures["dfs"] = {};
  for (const k of report.landmarks) {
    const month = k / u;
    const byS = new Map<number, bigint>();
    const L = layers[k];
    for (let i = 0; i < L.nodes.length; i++) addTo(byS, L.nodes[i].s, L.F[i] * L.B[i]);
    const entries = [...byS].map(([s, count]) => ({value: table.list[s], count}));
    const dist = distributionOf(entries, true)!;
    const byPercent = new Map<number, bigint>();
    for (const e of entries) if (e.count > 0n) addTo(byPercent, roundHalfUpPercent(e.value), e.count);
    const percents = [...byPercent].sort((x, y) => x[0] - y[0]).map(([percent, count]) => ({percent, count: count.toString()}));
    dfs[String(month)] = {...dist, percents};
  }

  let reached = 0n;
  for (const v of medianCounts.values()) reached += v;
  const medianDist = distributionOf([...medianCounts].map(([k, count]) => ({value: monthOf(k), count})), true);
  const kmMedian = {
    ...(medianDist ?? {distinct: 0, min: exactValue(Rational.ZERO), max: exactValue(Rational.ZERO), mode: {...exactValue(Rational.ZERO), count: "0", ties: 0}}),
    undefinedCount: (r.count - reached).toString(),
  };

  const rmst60 = rmstDistribution(r, report.rmstTau);
  return {count: r.count, structure: {eventWindowsForced: eventWindows.length === 1, eventWindows, censorings}, figures: {dfs, kmMedian, rmst60}};
}

/** A distribution of integer sums: value keys[i] + offset has counts[i] (keys strictly increasing). */
interface SumDist {
  keys: number[];
  counts: bigint[];
  offset: number;
}

function mergeTwo(x: SumDist, y: SumDist): SumDist {
  const keys: number[] = [];
  const counts: bigint[] = [];
  let i = 0;
  let j = 0;
  const nx = x.keys.length;
  const ny = y.keys.length;
  while (i < nx || j < ny) {
    const kx = i < nx ? x.keys[i] + x.offset : Infinity;
    const ky = j < ny ? y.keys[j] + y.offset : Infinity;
    if (kx < ky) {
      keys.push(kx);
      counts.push(x.counts[i++]);
    } else if (ky < kx) {
      keys.push(ky);
      counts.push(y.counts[j++]);
    } else {
      keys.push(kx);
      counts.push(x.counts[i++] + y.counts[j++]);
    }
  }
  return {keys, counts, offset: 0};
}

/** The sum of several distributions, in one k-way pass (k is small: a state's alive predecessors). */
function mergeSumDists(list: SumDist[]): SumDist {
  if (list.length === 2) return mergeTwo(list[0], list[1]);
  const k = list.length;
  const pos = new Array<number>(k).fill(0);
  const keys: number[] = [];
  const counts: bigint[] = [];
  for (;;) {
    let min = Infinity;
    for (let i = 0; i < k; i++) {
      const d = list[i];
      if (pos[i] < d.keys.length) {
        const v = d.keys[pos[i]] + d.offset;
        if (v < min) min = v;
      }
    }
    if (min === Infinity) break;
    let c = 0n;
    for (let i = 0; i < k; i++) {
      const d = list[i];
      if (pos[i] < d.keys.length && d.keys[pos[i]] + d.offset === min) c += d.counts[pos[i]++];
    }
    keys.push(min);
    counts.push(c);
  }
  return {keys, counts, offset: 0};
}

/**
 * Distribution of the restricted mean ∫_0^τ S(t) dt over all solutions. With grid times k/u, S is constant on
 * [k/u, (k+1)/u), so u·RMST = Σ_{k<τ} S_k. Each sum is kept exactly as an integer multiple of 1/D, D the common
 * denominator of every S that a solution can pass through before τ.
 */
function rmstDistribution(r: Run, tau: number): Figures["rmst60"] {
  const {layers, edges, table} = r;
  const u = r.problem.unitsPerMonth;
  if (tau < 1 || tau > r.problem.gridUnits) throw new Error(`feasibility: the restricted-mean horizon must lie on the grid (got ${tau})`);
  const alive = (L: Layer, i: number) => L.F[i] > 0n && L.B[i] > 0n;
  let D = 1n;
  for (let k = 0; k < tau; k++) {
    const L = layers[k];
    for (let i = 0; i < L.nodes.length; i++) if (alive(L, i)) D = lcm(D, table.list[L.nodes[i].s].den);
  }
  if (D * BigInt(tau) > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("feasibility: restricted-mean sums exceed exact integer range");
  const scaledCache = new Map<number, number>();
  const scaled = (s: number) => {
    let v = scaledCache.get(s);
    if (v === undefined) {
      const q = table.list[s];
      v = Number((q.num * D) / q.den);
      scaledCache.set(s, v);
    }
    return v;
  };
  // Each alive state's distribution of partial sums: sorted keys (plus a shared offset) and their counts. Arrays
  // are never modified once built, so a state with one alive predecessor shares them and only moves the offset.
  let dists: (SumDist | null)[] = layers[0].nodes.map((n, i) => (alive(layers[0], i) ? {keys: [0], counts: [1n], offset: scaled(n.s)} : null));
  for (let k = 1; k < tau; k++) {
    const b = layers[k];
    const incoming: SumDist[][] = b.nodes.map(() => []);
    for (let i = 0; i < b.carried; i++) {
      const src = dists[i];
      if (src !== null && alive(b, i)) incoming[i].push(src);
    }
    const list = edges[k];
    for (let i = 0; i < list.length; i += 2) {
      const src = dists[list[i]];
      const to = list[i + 1];
      if (src !== null && alive(b, to)) incoming[to].push(src);
    }
    dists = incoming.map((sources, to) => {
      if (sources.length === 0) return null;
      const merged = sources.length === 1 ? sources[0] : mergeSumDists(sources);
      return {keys: merged.keys, counts: merged.counts, offset: merged.offset + scaled(b.nodes[to].s)};
    });
  }
  const last = layers[tau - 1];
  const total = new Map<number, bigint>();
  for (let i = 0; i < dists.length; i++) {
    const m = dists[i];
    if (m === null) continue;
    const B = last.B[i];
    for (let j = 0; j < m.keys.length; j++) addTo(total, m.keys[j] + m.offset, m.counts[j] * B);
  }
  const scale = D * BigInt(u);
  const entries = [...total].map(([v, count]) => ({value: Rational.of(BigInt(v), scale), count}));
  const dist = distributionOf(entries, false)!;
  const bins = new Map<number, bigint>();
  for (const e of entries) addTo(bins, Number(floorDiv(e.value.num, e.value.den)), e.count);
  const histogram = [...bins].sort((x, y) => x[0] - y[0]).map(([from, count]) => ({from, count: count.toString()}));
  return {...dist, histogram};
}

/** The first index whose value is >= x in values sorted increasingly. */
function lowerBound(values: readonly {value: Rational}[], x: Rational): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid].value.cmp(x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Slack levels (percentage points) tried in turn by nearestLandmarkPairs (128 covers every pair). */
const SLACKS = [4, 16, 64, 128];

/**
 * Larger of the distances (percentage points) from 100·S_j to [x_j − 1/2, x_j + 1/2], x_j = percents[j]: 0 for a
 * value that rounds to x_j (and for a value exactly at x_j + 1/2, which rounds up; the pair's percents show it).
 */
export function landmarkDistance(values: readonly Rational[], percents: readonly number[]): Rational {
  let distance = Rational.ZERO;
  values.forEach((v, j) => {
    const x = percents[j];
    const hundred = v.mul(Rational.of(100));
    const lo = Rational.of(2 * x - 1, 2);
    const hi = Rational.of(2 * x + 1, 2);
    let dist = Rational.ZERO;
    if (hundred.cmp(lo) < 0) dist = lo.sub(hundred);
    else if (hundred.cmp(hi) >= 0) dist = hundred.sub(hi);
    if (dist.cmp(distance) > 0) distance = dist;
  });
  return distance;
}

/**
 * For an impossible problem: the `limit` achievable (S(24), S(60)) pairs nearest to the reported percentages under
 * the problem's other constraints, each with its number of configurations. Searched within a growing slack (1, 2,
 * 4, … percentage points) until at least `limit` pairs lie within it, so the list is exact; `withinPoints` is that
 * slack and `pairsWithin` the number of distinct pairs inside it.
 */
export function nearestLandmarkPairs(p: FeasibilityProblem, limit = 5): Nearest {
  return searchLandmarkPairs(p, limit).nearest;
}

interface PairSearch {
  nearest: Nearest;
  /** Configurations whose pair rounds to the reported percentages (distance 0): the problem's count. */
  exactCount: bigint;
}

function searchLandmarkPairs(p: FeasibilityProblem, limit = 5): PairSearch {
  if (p.dfsLandmarks.length !== 2) throw new Error("feasibility: nearestLandmarkPairs expects exactly two DFS landmarks");
  let found: LandmarkPair[] = [];
  let within = SLACKS[0];
  for (const slack of SLACKS) {
    within = slack;
    found = landmarkPairs(p, Rational.of(slack));
    if (found.length >= limit) break;
  }
  // Configurations whose pair rounds to the reported percentages. (Distance 0 alone is not enough: a value exactly
  // at x + 1/2 % has distance 0 but rounds up.)
  let exactCount = 0n;
  const percents = p.dfsLandmarks.map((l) => l.percent);
  for (const f of found) if (f.s.every((v, j) => roundHalfUpPercent(v) === percents[j])) exactCount += f.count;
  return {nearest: nearestFrom(found, within, limit), exactCount};
}

function nearestFrom(found: LandmarkPair[], within: number, limit: number): Nearest {
  if (found.length === 0) return {withinPoints: null, pairsWithin: 0, pairs: []};
  return {
    withinPoints: within,
    pairsWithin: found.length,
    pairs: found.slice(0, limit).map((q) => ({
      s24: {...exactValue(q.s[0]), percent: roundHalfUpPercent(q.s[0])},
      s60: {...exactValue(q.s[1]), percent: roundHalfUpPercent(q.s[1])},
      distance: exactValue(q.distance),
      count: q.count.toString(),
    })),
  };
}

export interface LandmarkPair {
  /** S at the two DFS landmarks. */
  s: [Rational, Rational];
  distance: Rational;
  count: bigint;
}

/**
 * Every achievable (S(L1), S(L2)) pair within `slack` percentage points of the reported percentages (see
 * landmarkDistance), with its number of configurations, under the problem's other constraints; nearest first (ties:
 * larger S(L1), then larger S(L2)).
 *
 * Two phases (`split`, the default when the KM median, if constrained, lies at or before L1): the DP runs to L1
 * keeping S; its states at L1 are grouped by everything but S (the "residual"), and a second DP runs from each
 * residual with S reset to 1, so that it tracks the ratio R = S(t)/S(L1), with one count per residual. Then
 * S(L2) = S(L1)·R and count = count(S(L1), residual) × count(residual → R). This is exact because no check after
 * L1 other than the L2 landmark depends on S. Without the split, S(L1) is carried in the state to the end.
 */
export function landmarkPairs(p: FeasibilityProblem, slack: Rational, split = true): LandmarkPair[] {
  if (p.dfsLandmarks.length !== 2) throw new Error("feasibility: landmarkPairs expects exactly two DFS landmarks");
  const [L1, L2] = p.dfsLandmarks;
  const percents = [L1.percent, L2.percent];
  const K = p.gridUnits;
  const mode: Mode = {stats: false, pairSlack: slack, collapse: true, edges: false, windows: []};
  const byPair = new Map<string, {s: [Rational, Rational]; count: bigint}>();
  // Closed bounds on S(L2) for the slack (landmarkDistance <= slack), for a quick test before reducing a product.
  const low2 = Rational.of(2 * L2.percent - 1, 2).sub(slack).mul(Rational.of(1, 100));
  const high2 = Rational.of(2 * L2.percent + 1, 2).add(slack).mul(Rational.of(1, 100));
  const add = (s24: Rational, s60: Rational, count: bigint) => {
    const key = `${s24}|${s60}`;
    const old = byPair.get(key);
    if (old) old.count += count;
    else byPair.set(key, {s: [s24, s60], count});
  };
  if (!(split && L1.unit < L2.unit && (p.kmMedian === null || p.kmMedian <= L1.unit))) {
    const r = run(p, mode);
    for (let i = 0; i < r.layers[K].nodes.length; i++) {
      const ids = r.snaps[r.layers[K].nodes[i].snap].split(";").filter((x) => x !== "").map(Number);
      const pair = [r.table.list[ids[0]], r.table.list[ids[1]]];
      if (landmarkDistance(pair, percents).cmp(slack) <= 0) add(pair[0], pair[1], r.layers[K].F[i]);
    }
  } else {
    const table = SHARED_TABLE;
    const start: Node = {e: 0, c: 0, s: table.id(Rational.ONE), mid: -1, lo: -1, eM: -1, cM: -1, hi: -1, w1: -1, w2: -1, snap: 0};
    const a = run(p, mode, {from: -1, to: L1.unit, nodes: [start], F: [1n], table, snaps: [""], ratio: false});
    const groups = new Map<string, {node: Node; s24: Map<number, bigint>}>();
    const atL1 = a.layers[L1.unit];
    for (let i = 0; i < atL1.nodes.length; i++) {
      const n = atL1.nodes[i];
      const key = `${n.e},${n.c},${n.mid},${n.lo},${n.eM},${n.cM},${n.hi},${n.w1},${n.w2}`;
      let g = groups.get(key);
      if (g === undefined) groups.set(key, (g = {node: n, s24: new Map()}));
      addTo(g.s24, n.s, atL1.F[i]);
    }
    const list = [...groups.values()];
    const one = table.id(Rational.ONE);
    // Phase B, L1 → L2: the ratio R from each residual at L1 (snap "g<i>;", then "g<i>;<R id>;" at L2).
    const snapsB = ["", ...list.map((_, i) => `g${i};`)];
    const startB = list.map((g, i) => ({...g.node, s: one, snap: i + 1}));
    // Each residual's S(L1) values, increasing, for the bounds below and the final combination.
    const sorted = list.map((g) =>
      [...g.s24].map(([id, count]) => ({value: table.list[id], count})).sort((x, y) => x.value.cmp(y.value)),
    );
    const fromBounds = {
      max: [Rational.ZERO, ...sorted.map((l) => l[l.length - 1].value)],
      min: [Rational.ZERO, ...sorted.map((l) => l[0].value)],
    };
    const b = run(p, mode, {from: L1.unit, to: L2.unit, nodes: startB, F: startB.map(() => 1n), table, snaps: snapsB, ratio: true, fromBounds});
    // Phase C, L2 → end: completions from each residual at L2 (S no longer matters), one count per residual.
    const atL2 = b.layers[L2.unit];
    const residuals = new Map<string, number>();
    const startC: Node[] = [];
    const viaB: {snap: number; residual: number; count: bigint}[] = [];
    for (let i = 0; i < atL2.nodes.length; i++) {
      const n = atL2.nodes[i];
      const key = `${n.e},${n.c},${n.mid},${n.lo},${n.eM},${n.cM},${n.hi},${n.w1},${n.w2}`;
      let r = residuals.get(key);
      if (r === undefined) {
        r = startC.length;
        residuals.set(key, r);
        startC.push({...n, s: one, snap: r + 1});
      }
      viaB.push({snap: n.snap, residual: r, count: atL2.F[i]});
    }
    const completions: bigint[] = startC.map(() => (L2.unit === K ? 1n : 0n));
    if (L2.unit < K && startC.length > 0) {
      const c = run(p, mode, {from: L2.unit, to: K, nodes: startC, F: startC.map(() => 1n), table, snaps: ["", ...startC.map((_, i) => `r${i};`)], ratio: true});
      for (let i = 0; i < c.layers[K].nodes.length; i++) completions[c.layers[K].nodes[i].snap - 1] += c.layers[K].F[i];
    }
    // Count per (residual at L1, R): phase B paths × completions; then × each S(L1) of that residual.
    const bySnap = new Map<number, bigint>();
    for (const v of viaB) if (completions[v.residual] > 0n) addTo(bySnap, v.snap, v.count * completions[v.residual]);
    for (const [snap, countBC] of bySnap) {
      const [g, rId] = b.snaps[snap].split(";");
      if (Number(rId) < 0) continue; // L2 beyond the last analysed time under the "observed" rule
      const ratioValue = table.list[Number(rId)];
      // Only the S(L1) with S(L1)·R in [low2, high2], a contiguous run of the sorted values.
      const values = sorted[Number(g.slice(1))];
      if (ratioValue.num === 0n) {
        // S(L2) = 0 for every S(L1): inside the bounds only when the lower one is not above 0.
        if (low2.num <= 0n) for (const v of values) add(v.value, Rational.ZERO, v.count * countBC);
        continue;
      }
      const lo = low2.div(ratioValue);
      const hi = high2.div(ratioValue);
      for (let i = lowerBound(values, lo); i < values.length && values[i].value.cmp(hi) <= 0; i++) {
        add(values[i].value, values[i].value.mul(ratioValue), values[i].count * countBC);
      }
    }
  }
  return [...byPair.values()]
    .map((q) => ({s: q.s, distance: landmarkDistance(q.s, percents), count: q.count}))
    .sort((x, y) => x.distance.cmp(y.distance) || y.s[0].cmp(x.s[0]) || y.s[1].cmp(x.s[1]));
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios

export interface Scenario {
  id: string;
  dfsDefinition: DfsDefinition;
  deathMonth: number;
  constraints: ConstraintSet;
  medianReading: MedianReading | null;
  rangeReading: RangeReading | null;
  /** Number of configurations, a decimal string. */
  count: string;
  feasible: boolean;
  structure: Structure | null;
  figures: Figures | null;
  /** Only for impossible scenarios: the nearest achievable landmark pairs. */
  nearest: Nearest | null;
  /**
   * Only for impossible "all" scenarios: the count with one constraint group dropped (decimal strings), for the
   * median, range, OS and follow-up groups. (Dropping the DFS landmarks is answered by `nearest`: some pair is
   * achievable exactly when the scenario without its landmarks has a configuration.)
   */
  relaxations: {without: string; count: string}[] | null;
}

export function scenarioId(o: {dfsDefinition: string; deathMonth: number; constraints: string; medianReading?: string | null; rangeReading?: string | null}): string {
  const readings = o.constraints === "all" ? `/median-${o.medianReading}/range-${o.rangeReading}` : "";
  return `${o.dfsDefinition}/d${o.deathMonth}/${o.constraints}${readings}`;
}

/** Every named scenario: definition × d in 0..3 × constraint set × readings (readings only for "all"). */
export function scenarioOptionsList(grid: GridName = "month"): ScenarioOptions[] {
  const list: ScenarioOptions[] = [];
  for (const dfsDefinition of DFS_DEFINITIONS) {
    for (const deathMonth of DEATH_MONTHS) {
      list.push({grid, dfsDefinition, deathMonth, constraints: "dfs-landmarks", medianReading: null, rangeReading: null});
      for (const medianReading of MEDIAN_READINGS) {
        for (const rangeReading of RANGE_READINGS) {
          list.push({grid, dfsDefinition, deathMonth, constraints: "all", medianReading, rangeReading});
        }
      }
    }
  }
  return list;
}

const RELAXABLE = ["dfs-landmarks", "median", "range", "os", "follow-up"] as const;
/** The relaxations counted for an impossible "all" scenario (without the landmarks, `nearest` answers instead). */
const RELAXATIONS_COUNTED = ["median", "range", "os", "follow-up"] as const;

function relax(p: FeasibilityProblem, what: (typeof RELAXABLE)[number]): FeasibilityProblem {
  const q = {...p};
  if (what === "dfs-landmarks") q.dfsLandmarks = [];
  if (what === "median") {
    q.kmMedian = null;
    q.sampleMedian = null;
  }
  if (what === "range") q.dfsRange = null;
  if (what === "os") q.osLandmarks = null;
  if (what === "follow-up") q.followUp = null;
  return q;
}

/**
 * A key under which two problems have the same answers: the death's month matters to nothing when the death is
 * excluded from the DFS analysis and neither OS nor follow-up is constrained; see also the censored-at-0 case.
 */
function problemKey(p: FeasibilityProblem): string {
  const q = {...p};
  // A death censored at time 0 leaves the risk set before anything happens: the same curve as leaving it out, so
  // the same answers unless a constraint looks at the analysed times themselves (sample median, range with death).
  if (q.deathRole === "censored" && q.deathUnit === 0 && q.sampleMedian === null && !(q.dfsRange?.includeDeath ?? false)) q.deathRole = "excluded";
  if (q.deathRole === "excluded" && q.osLandmarks === null && q.followUp === null) q.deathUnit = 0;
  if (q.deathRole === "excluded" && q.dfsRange !== null) q.dfsRange = {...q.dfsRange, includeDeath: false};
  return JSON.stringify([q.unitsPerMonth, q.gridUnits, q.deathUnit, q.deathRole, q.events, q.censored, q.dfsLandmarks, q.landmarkRule, q.kmMedian, q.sampleMedian, q.dfsRange, q.osLandmarks, q.followUp]);
}

/** The problem with only its DFS landmark constraints (null when it has no other constraint). */
function landmarksOnly(p: FeasibilityProblem): FeasibilityProblem | null {
  if (p.kmMedian === null && p.sampleMedian === null && p.dfsRange === null && p.osLandmarks === null && p.followUp === null) return null;
  return {...p, kmMedian: null, sampleMedian: null, dfsRange: null, osLandmarks: null, followUp: null};
}

/**
 * Memoises the audit's computations over equivalent problems (one cache per audit run). Adding constraints never
 * adds configurations, so a problem whose landmark constraints alone admit none is known to admit none without a
 * run (exact, not a heuristic).
 */
export class FeasibilityCache {
  private readonly counts = new Map<string, bigint>();
  private readonly analyses = new Map<string, ScenarioAnalysis>();
  private readonly nearests = new Map<string, Nearest>();
  private impliedZero(p: FeasibilityProblem): boolean {
    const base = landmarksOnly(p);
    return base !== null && this.count(base) === 0n;
  }
  count(p: FeasibilityProblem): bigint {
    const key = problemKey(p);
    let v = this.counts.get(key);
    if (v === undefined) this.counts.set(key, (v = this.impliedZero(p) ? 0n : countConfigurations(p)));
    return v;
  }
  analyse(p: FeasibilityProblem): ScenarioAnalysis {
    const key = problemKey(p);
    let v = this.analyses.get(key);
    if (v === undefined) {
      const known = this.counts.get(key);
      if (known === 0n || this.impliedZero(p)) v = {count: 0n, structure: null, figures: null};
      else if (landmarksOnly(p) === null && p.dfsLandmarks.length === 2) {
        // Landmarks only: the nearest-pair search (needed anyway if impossible) decides feasibility more cheaply
        // than the statistics run, and its distance-0 pairs must add up to the statistics run's count.
        const search = this.search(p);
        if (search.exactCount === 0n) v = {count: 0n, structure: null, figures: null};
        else {
          v = analyseProblem(p);
          if (v.count !== search.exactCount) {
            throw new Error(`feasibility: internal mismatch, ${v.count} configurations by the statistics run but ${search.exactCount} by the pair search`);
          }
        }
      } else v = analyseProblem(p);
      this.analyses.set(key, v);
      this.counts.set(key, v.count);
    }
    return v;
  }
  private readonly searches = new Map<string, PairSearch>();
  private search(p: FeasibilityProblem): PairSearch {
    const key = problemKey(p);
    let v = this.searches.get(key);
    if (v === undefined) this.searches.set(key, (v = searchLandmarkPairs(p)));
    return v;
  }
  nearest(p: FeasibilityProblem): Nearest {
    const key = problemKey(p);
    let v = this.nearests.get(key);
    if (v === undefined) this.nearests.set(key, (v = this.search(p).nearest));
    return v;
  }
}

export function analyseScenario(options: ScenarioOptions, cache: FeasibilityCache = new FeasibilityCache()): Scenario {
  const p = scenarioProblem(options);
  const all = options.constraints === "all";
  const a = cache.analyse(p);
  const feasible = a.count > 0n;
  let nearest: Nearest | null = null;
  let relaxations: Scenario["relaxations"] = null;
  if (!feasible) {
    nearest = cache.nearest(p);
    if (all) relaxations = RELAXATIONS_COUNTED.map((w) => ({without: w, count: cache.count(relax(p, w)).toString()}));
  }
  return {
    id: scenarioId({...options, medianReading: all ? options.medianReading : null, rangeReading: all ? options.rangeReading : null}),
    dfsDefinition: options.dfsDefinition,
    deathMonth: options.deathMonth,
    constraints: options.constraints,
    medianReading: all ? options.medianReading ?? null : null,
    rangeReading: all ? options.rangeReading ?? null : null,
    count: a.count.toString(),
    feasible,
    structure: a.structure,
    figures: a.figures,
    nearest,
    relaxations,
  };
}

export interface GridDescription {
  name: GridName;
  /** Months per grid step. */
  step: number;
  firstMonth: number;
  lastMonth: number;
  points: number;
}

export function gridDescription(grid: GridName = "month"): GridDescription {
  const u = unitsPerMonthOf(grid);
  return {name: grid, step: 1 / u, firstMonth: 1 / u, lastMonth: 72, points: 72 * u};
}

/** The whole audit: every scenario on one grid. */
export function feasibilityAudit(grid: GridName = "month"): {grid: GridDescription; readings: typeof READINGS; scenarios: Scenario[]} {
  const cache = new FeasibilityCache();
  return {grid: gridDescription(grid), readings: READINGS, scenarios: scenarioOptionsList(grid).map((o) => analyseScenario(o, cache))};
}

// ---------------------------------------------------------------------------------------------------------------
// Follow-up existence and the direct check of one configuration

/**
 * Whether free follow-up values f_i in [lowers[i], max] (on the grid) exist such that the values `fixed` ∪ {f_i}
 * have the given minimum, maximum and median (an odd number of values; min < median < max). See the header.
 */
export function followUpFeasible(fixed: readonly number[], lowers: readonly number[], target: {median: number; min: number; max: number}): boolean {
  const N = fixed.length + lowers.length;
  if (N % 2 !== 1) throw new Error(`followUpFeasible: needs an odd number of values (got ${N})`);
  const {median: M, min: lo, max: hi} = target;
  if (!(lo < M && M < hi)) throw new Error("followUpFeasible: needs min < median < max");
  const h = (N - 1) / 2;
  if (fixed.some((v) => v < lo || v > hi) || lowers.some((l) => l > hi)) return false;
  const needLo = !fixed.includes(lo);
  if (needLo && !lowers.some((l) => l <= lo)) return false;
  const forcedAbove = lowers.filter((l) => l > M).length;
  const flex = lowers.length - forcedAbove;
  const needHi = !fixed.includes(hi) && forcedAbove === 0;
  if (needHi && flex < 1 + (needLo ? 1 : 0)) return false;
  const fixedBelow = fixed.filter((v) => v < M).length;
  const fixedAbove = fixed.filter((v) => v > M).length;
  return fixedBelow + (needLo ? 1 : 0) <= h && fixedAbove + forcedAbove + (needHi ? 1 : 0) <= h;
}

export interface ConfigurationPatient {
  /** DFS month: the recurrence month, else the last contact (never recurred). */
  month: number;
  recurred: boolean;
  /** Follow-up month (last contact); optional for recurred patients (then only its existence is required). */
  followUp?: number | null;
}

export interface Configuration {
  /** Month of the postoperative death. */
  deathMonth: number;
  /** The other curative patients. */
  patients: ConfigurationPatient[];
}

export interface ConfigurationCheck {
  satisfied: boolean;
  onGrid: boolean;
  /** Which constraints fail, in words (empty when satisfied). */
  failures: string[];
  dfs: {landmarks: {month: number; value: ExactValue | null; percent: number | null}[]; kmMedian: number | null; sampleMedian: number | null; min: number; max: number; minWithoutDeath: number; maxWithoutDeath: number; rmst60: ExactValue};
}

interface KmStep {
  time: number;
  s: Rational;
}

/** Right-continuous KM steps (events before censorings at ties) over (time, event) items. */
function kmSteps(items: readonly {time: number; event: boolean}[]): {steps: KmStep[]; maxTime: number} {
  const times = [...new Set(items.map((i) => i.time))].sort((a, b) => a - b);
  let atRisk = items.length;
  let s = Rational.ONE;
  const steps: KmStep[] = [];
  for (const t of times) {
    const here = items.filter((i) => i.time === t);
    const events = here.filter((i) => i.event).length;
    if (events > 0) {
      s = s.mul(Rational.of(atRisk - events, atRisk));
      steps.push({time: t, s});
    }
    atRisk -= here.length;
  }
  return {steps, maxTime: times.length ? times[times.length - 1] : -Infinity};
}

function kmAt(steps: readonly KmStep[], t: number): Rational {
  let s = Rational.ONE;
  for (const st of steps) if (st.time <= t) s = st.s;
  return s;
}

/**
 * Checks one configuration against a named scenario directly (plain KM computations, no DP): the independent check
 * the build runs on the canonical table. Months may be any numbers; `onGrid` says whether they lie on the grid.
 */
export function checkConfiguration(options: ScenarioOptions, config: Configuration): ConfigurationCheck {
  return checkProblemConfiguration(scenarioProblem(options), config);
}

/**
 * checkConfiguration for a generic problem (months = units / unitsPerMonth). `report` chooses the landmark months
 * listed in `dfs.landmarks` and the restricted-mean horizon (defaults: 12, 24, 36, 60 and 60 months).
 */
export function checkProblemConfiguration(
  p: FeasibilityProblem,
  config: Configuration,
  report: {landmarkMonths: readonly number[]; rmstTauMonths: number} = {landmarkMonths: REPORTED_FIGURES.landmarkMonths, rmstTauMonths: REPORTED_FIGURES.rmstTau},
): ConfigurationCheck {
  validateProblem(p);
  const u = p.unitsPerMonth;
  const failures: string[] = [];
  const d = config.deathMonth;
  if (d * u !== p.deathUnit) failures.push(`death month ${d} is not the scenario's ${p.deathUnit / u}`);
  const nRec = config.patients.filter((q) => q.recurred).length;
  const nCens = config.patients.length - nRec;
  if (nRec !== p.events || nCens !== p.censored) failures.push(`expected ${p.events} recurrences and ${p.censored} never-recurred patients (got ${nRec} and ${nCens})`);
  const onGrid = config.patients.every((q) => Number.isInteger(q.month * u) && q.month * u >= 1 && q.month * u <= p.gridUnits);
  const items = config.patients.map((q) => ({time: q.month, event: q.recurred}));
  if (p.deathRole !== "excluded") items.push({time: d, event: p.deathRole === "event"});
  const {steps, maxTime} = kmSteps(items);
  const landmarks = report.landmarkMonths.map((month) => {
    const defined = p.landmarkRule === "carry-forward" || maxTime >= month;
    const value = defined ? kmAt(steps, month) : null;
    return {month, value: value && exactValue(value), percent: value && roundHalfUpPercent(value)};
  });
  for (const l of p.dfsLandmarks) {
    const month = l.unit / u;
    const defined = p.landmarkRule === "carry-forward" || maxTime >= month;
    const got = defined ? roundHalfUpPercent(kmAt(steps, month)) : null;
    if (got !== l.percent) failures.push(`DFS at ${month} months rounds to ${got === null ? "no value" : got + "%"}, not ${l.percent}%`);
  }
  const halfStep = steps.find((st) => 2n * st.s.num <= st.s.den);
  const kmMedian = halfStep ? halfStep.time : null;
  const sorted = items.map((i) => i.time).sort((a, b) => a - b);
  const n = sorted.length;
  const sampleMedian = n === 0 ? null : n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  if (p.kmMedian !== null && kmMedian !== p.kmMedian / u) failures.push(`KM median DFS is ${kmMedian}, not ${p.kmMedian / u}`);
  if (p.sampleMedian !== null && sampleMedian !== p.sampleMedian / u) failures.push(`sample median DFS is ${sampleMedian}, not ${p.sampleMedian / u}`);
  const withoutDeath = config.patients.map((q) => q.month);
  const range = p.dfsRange?.includeDeath ? sorted : withoutDeath;
  if (p.dfsRange !== null) {
    const lo = Math.min(...range);
    const hi = Math.max(...range);
    if (lo !== p.dfsRange.min / u || hi !== p.dfsRange.max / u) failures.push(`DFS range is ${lo}–${hi}, not ${p.dfsRange.min / u}–${p.dfsRange.max / u}`);
  }
  if (p.osLandmarks !== null || p.followUp !== null) {
    const fu = p.followUp;
    const given = config.patients.every((q) => !q.recurred || (q.followUp !== undefined && q.followUp !== null));
    const never = config.patients.filter((q) => !q.recurred);
    for (const q of never) {
      if (q.followUp !== undefined && q.followUp !== null && q.followUp !== q.month) failures.push(`a never-recurred patient's follow-up ${q.followUp} differs from its DFS month ${q.month}`);
    }
    for (const q of config.patients) {
      if (q.recurred && q.followUp !== undefined && q.followUp !== null && (q.followUp < Math.max(q.month, d) || q.followUp > p.gridUnits / u)) {
        failures.push(`a recurred patient's follow-up ${q.followUp} lies outside [max(${q.month}, ${d}), ${p.gridUnits / u}]`);
      }
    }
    if (given) {
      const os = [{time: d, event: true}, ...config.patients.map((q) => ({time: q.recurred ? (q.followUp as number) : q.month, event: false}))];
      const osSteps = kmSteps(os).steps;
      for (const l of p.osLandmarks ?? []) {
        const got = roundHalfUpPercent(kmAt(osSteps, l.unit / u));
        if (got !== l.percent) failures.push(`OS at ${l.unit / u} months rounds to ${got}%, not ${l.percent}%`);
      }
      const f = os.map((o) => o.time).sort((a, b) => a - b);
      const med = f[(f.length - 1) / 2];
      if (fu !== null && (f.length % 2 !== 1 || med !== fu.median / u || f[0] !== fu.min / u || f[f.length - 1] !== fu.max / u)) {
        failures.push(`follow-up is ${med} (${f[0]}–${f[f.length - 1]}), not ${fu.median / u} (${fu.min / u}–${fu.max / u})`);
      }
    } else {
      // Only existence of the recurred patients' follow-up months is required.
      const atRiskAtDeath = 1 + config.patients.filter((q) => q.recurred || q.month >= d).length;
      const s = Rational.of(atRiskAtDeath - 1, atRiskAtDeath);
      for (const l of p.osLandmarks ?? []) {
        const got = roundHalfUpPercent(l.unit / u >= d ? s : Rational.ONE);
        if (got !== l.percent) failures.push(`OS at ${l.unit / u} months rounds to ${got}%, not ${l.percent}%`);
      }
      const fixed = [d, ...never.map((q) => q.month)].map((v) => v * u);
      const lowers = config.patients.filter((q) => q.recurred).map((q) => Math.max(q.month, d) * u);
      if (fu !== null && !followUpFeasible(fixed, lowers, fu)) failures.push(`no follow-up months give follow-up ${fu.median / u} (${fu.min / u}–${fu.max / u})`);
    }
  }
  if (!onGrid) failures.push("months do not all lie on the grid");
  // Restricted mean to 60 months, exactly.
  const tau = decimalRational(report.rmstTauMonths);
  let rmst = Rational.ZERO;
  let prevT = Rational.ZERO;
  let prevS = Rational.ONE;
  for (const st of steps) {
    const t = decimalRational(st.time);
    if (t.cmp(tau) >= 0) break;
    rmst = rmst.add(prevS.mul(t.sub(prevT)));
    prevT = t;
    prevS = st.s;
  }
  rmst = rmst.add(prevS.mul(tau.sub(prevT)));
  return {
    satisfied: failures.length === 0,
    onGrid,
    failures,
    dfs: {
      landmarks,
      kmMedian,
      sampleMedian,
      min: Math.min(...sorted),
      max: Math.max(...sorted),
      minWithoutDeath: Math.min(...withoutDeath),
      maxWithoutDeath: Math.max(...withoutDeath),
      rmst60: exactValue(rmst),
    },
  };
}

/** A finite JS number as the exact rational of its shortest decimal form (months like 16.5). */
function decimalRational(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`feasibility: not a finite month (got ${x})`);
  const text = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`feasibility: month ${text} has no plain decimal form`);
  const frac = m[3] ?? "";
  const num = BigInt(m[2] + frac) * (m[1] === "-" ? -1n : 1n);
  return Rational.of(num, 10n ** BigInt(frac.length));
}

/** The analysis rows a configuration is built from (structurally, loaders/cohort.ts's AnalysisRow). */
export interface ConfigurationRow {
  id: string;
  postoperativeDeath: boolean;
  recurrenceMonth: number | null;
  osMonths: number;
  osEvent: 0 | 1;
}

/**
 * The configuration of a patient table's curative rows: the postoperative death's month, and for every other
 * patient the DFS month (recurrence, else last contact), whether it recurred, and its follow-up. Throws unless
 * there is exactly one postoperative death and no other death (the audit's model of the cohort).
 */
export function configurationFromRows(rows: readonly ConfigurationRow[], source = "patient table"): Configuration & {ids: string[]} {
  const deaths = rows.filter((r) => r.postoperativeDeath);
  if (deaths.length !== 1) throw new Error(`${source}: the feasibility audit needs exactly one postoperative death among the curative patients (got ${deaths.length})`);
  const death = deaths[0];
  if (death.osEvent !== 1) throw new Error(`${source}: ${death.id} is a postoperative death but not dead at last contact`);
  const others = rows.filter((r) => r !== death);
  const otherDeaths = others.filter((r) => r.osEvent === 1).map((r) => r.id);
  if (otherDeaths.length > 0) throw new Error(`${source}: the feasibility audit allows no death other than the postoperative one (got ${otherDeaths.join(", ")})`);
  return {
    deathMonth: death.osMonths,
    ids: others.map((r) => r.id),
    patients: others.map((r) => ({month: r.recurrenceMonth ?? r.osMonths, recurred: r.recurrenceMonth !== null, followUp: r.osMonths})),
  };
}
