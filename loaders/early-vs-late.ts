// The comparison behind the abstract's "no significant association in clinicopathological characteristics
// between patients with recurrent disease within 2 years and patients who were disease-free for 2 years or more":
// the two groups of curative patients (cohort.ts recurrenceGroup), and for each characteristic the exact test that
// compares them. The claims ledger and the early-vs-late page both read it from here.
// Pure: no I/O, no DOM, no node: imports.
//
// Tests (R's functions, two-sided):
// - age: Wilcoxon rank-sum, exact without ties (R: wilcox.test(early, late, exact = TRUE)); with ties R falls back to
//   the normal approximation with continuity correction, and so does wilcoxonRankSum;
// - primary site: Fisher–Freeman–Halton on the 2 × k table of the sites present (R: fisher.test);
// - complication: Fisher's exact test on the 2 × 2 table (R: fisher.test).
// A characteristic with one category only in both groups cannot be associated: p = 1, no test run.

import {DISEASE_FREE_24_MONTHS, EARLY_RECURRENCE, NEITHER_GROUP, PRIMARY_SITES, type AnalysisRow} from "./cohort.js";
import {fisherExact} from "./fisher-exact.js";
import {wilcoxonRankSum} from "./wilcoxon.js";

export interface CharacteristicTest {
  characteristic: "age" | "primary site" | "complication";
  /** The test, as R names it. */
  method: string;
  /** For age: W (R's statistic, early group first); null for the count tables. */
  statistic: number | null;
  /** null where R gives NaN. */
  pValue: number | null;
  /** The count table tested (rows: early, late), with its column labels; null for age. */
  counts: {categories: string[]; early: number[]; late: number[]} | null;
}

export interface EarlyVsLate {
  early: AnalysisRow[];
  late: AnalysisRow[];
  /** Curative patients in neither group, with the reason in each row's groupReason. */
  neither: AnalysisRow[];
  tests: CharacteristicTest[];
}

/** Counts of each category present in either group, rows early and late. */
function countTable<T>(early: readonly T[], late: readonly T[], categories: readonly T[], label: (c: T) => string): NonNullable<CharacteristicTest["counts"]> {
  const kept = categories.filter((c) => early.includes(c) || late.includes(c));
  const count = (xs: readonly T[]) => kept.map((c) => xs.filter((x) => x === c).length);
  return {categories: kept.map(label), early: count(early), late: count(late)};
}

function countTest(characteristic: CharacteristicTest["characteristic"], counts: NonNullable<CharacteristicTest["counts"]>, method: string): CharacteristicTest {
  if (counts.categories.length < 2) return {characteristic, method: "none (one category only)", statistic: null, pValue: 1, counts};
  return {characteristic, method, statistic: null, pValue: fisherExact([counts.early, counts.late]).pValue, counts};
}

/** The two groups and the test of each characteristic. Throws when a group is empty. */
export function earlyVsLate(table: readonly AnalysisRow[]): EarlyVsLate {
  const early = table.filter((r) => r.group === EARLY_RECURRENCE);
  const late = table.filter((r) => r.group === DISEASE_FREE_24_MONTHS);
  const neither = table.filter((r) => r.group === NEITHER_GROUP);
  if (early.length === 0 || late.length === 0) {
    throw new Error(`a group is empty (${EARLY_RECURRENCE}: ${early.length}, ${DISEASE_FREE_24_MONTHS}: ${late.length})`);
  }
  const earlyAges = early.map((r) => r.age);
  const lateAges = late.map((r) => r.age);
  const ages = [...earlyAges, ...lateAges];
  const tied = new Set(ages).size < ages.length;
  const w = wilcoxonRankSum(earlyAges, lateAges, {exact: true});
  const age: CharacteristicTest = {
    characteristic: "age",
    method: tied ? "Wilcoxon rank-sum (ties: normal approximation with continuity correction, as R)" : "exact Wilcoxon rank-sum",
    statistic: w.statistic,
    pValue: w.pValue,
    counts: null,
  };
  const site = countTable(early.map((r) => r.primarySite), late.map((r) => r.primarySite), PRIMARY_SITES, String);
  const complication = countTable(early.map((r) => r.complication), late.map((r) => r.complication), [true, false], (c) => (c ? "yes" : "no"));
  return {
    early,
    late,
    neither,
    tests: [
      age,
      countTest("primary site", site, `Fisher–Freeman–Halton on the 2 × ${site.categories.length} table`),
      countTest("complication", complication, "Fisher's exact test"),
    ],
  };
}
