// The claims ledger: every checkable statement of the abstract, recomputed from the patient table.
// Pure: no I/O, no DOM, no node: imports (the pages import this very file).
//
// data/claims.json holds the ledger entries (ClaimEntry); parseClaimLedger validates it. Each checkable entry names
// one function of CLAIM_FUNCTIONS below, which recomputes the claim from the patients and the analysis table and
// returns exact values (a Fraction for a proportion) with a `detail` text: the exact value behind a rounded one and
// the reading used. evaluateClaims rounds the exact values by the entry's rules and compares them with the reported
// values: `reproduced` when every reported value is met, `differs` otherwise (also when a value cannot be computed:
// the reason is in `detail`). Nothing that differs is dropped.
//
// Rounding rules, per reported value (a value without a rule is compared exactly):
// - "percent-half-up": a proportion, as a whole percentage rounded half up (10/33 = 30.3% gives 30), decided
//   exactly on the fraction;
// - "whole-half-up": a number of months rounded to a whole number, half up (42.5 gives 43).
//
// Readings (see data/README.md): the survival and disease-free figures use the 11 curative patients; disease-free
// survival counts the postoperative death as an event (cohort.ts DEFAULT_POSTOPERATIVE_DEATH); at tied times events
// come before censorings (kaplanMeier follows R). Counts of the whole cohort (size, ages, sites, morbidity, deaths,
// patients disease-free now) use all patients.

import {
  DEFAULT_POSTOPERATIVE_DEATH,
  DISEASE_FREE_24_MONTHS,
  EARLY_RECURRENCE,
  NEITHER_GROUP,
  POSTOPERATIVE_DEATH_RULES,
  PRIMARY_SITES,
  SURGERY_INTENTS,
  analysisTable,
  dfsData,
  osData,
  type AnalysisRow,
  type Patient,
  type PostoperativeDeathRule,
} from "./cohort.js";
import {formatFraction, fraction, percentHalfUp, roundHalfUp, toNumber, type Fraction} from "./exact-fraction.js";
import {exactSurvivalAt} from "./exact-survival.js";
import {earlyVsLate} from "./early-vs-late.js";
import {kaplanMeier, medianFollowUp, quantiles, type KaplanMeierFit} from "./kaplan-meier.js";
import {medianRange} from "./median-range.js";

// ---------------------------------------------------------------------------------------------------------------
// Types

export const ROUNDING_RULES = ["percent-half-up", "whole-half-up"] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];
export type ReportedValue = number | boolean | string;

export interface ClaimEntry {
  id: string;
  /** Where the quote is from, e.g. "abstract, Results". */
  source: string;
  /** A short excerpt of the abstract: the words the entry checks. */
  quote: string;
  checkable: boolean;
  /** Why the entry cannot be checked from the table (entries with checkable false). */
  why?: string;
  /** The reported values, as data; null for a statement with no value. */
  reported: Record<string, ReportedValue> | null;
  /** Rounding rule per reported value; values not listed are compared exactly. */
  rounding: Record<string, RoundingRule>;
  /** Fixed inputs of the check, e.g. {alpha: 0.05}. */
  parameters?: Record<string, number>;
  /** Name of the function in CLAIM_FUNCTIONS; null when not checkable. */
  function: string | null;
}

export type ClaimStatus = "reproduced" | "differs" | "not-checkable";

export interface ClaimResult {
  id: string;
  quote: string;
  reported: Record<string, ReportedValue> | null;
  /** The recomputed values after rounding, with the reported keys; null when not checkable or not computable. */
  reproduced: Record<string, ReportedValue | null> | null;
  status: ClaimStatus;
  detail: string;
}

/** An exact recomputed value: a Fraction for a ratio of counts, null when it cannot be estimated. */
export type ExactValue = number | boolean | string | Fraction | null;

export interface ClaimComputation {
  values: Record<string, ExactValue>;
  detail: string;
}

export interface ClaimContext {
  /** Every patient of the table. */
  patients: readonly Patient[];
  /** analysisTable(patients) with the default disease-free definition. */
  table: AnalysisRow[];
  entry: ClaimEntry;
}

export type ClaimFunction = (context: ClaimContext) => ClaimComputation;

/** The ledger ids issue 4 requires, checkable or not. */
export const REQUIRED_CLAIM_IDS = [
  "study-period",
  "cohort-size",
  "age-median-range",
  "primary-sites",
  "surgery-intent",
  "os-2y",
  "os-5y",
  "dfs-2y",
  "dfs-5y",
  "dfs-median-range",
  "recurrences",
  "recurrence-treatment",
  "disease-free-now",
  "early-vs-late-no-association",
  "morbidity",
  "postoperative-deaths",
  "follow-up-median-range",
  "conclusion-survival",
  "conclusion-recurrence",
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Formatting helpers for the detail texts

/** A proportion as "p/q = x.x%". */
export function formatPercent(f: Fraction): string {
  return `${formatFraction(f)} = ${(toNumber(f) * 100).toFixed(1)}%`;
}

/** A p-value with four significant digits. */
export function formatP(p: number): string {
  return p >= 0.0001 ? p.toPrecision(4) : p.toExponential(3);
}

function formatNumber(x: number | null): string {
  if (x === null) return "not reached";
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6);
}

function ids(rows: readonly {id: string}[]): string {
  return rows.length === 0 ? "none" : rows.map((r) => r.id).join(", ");
}

function plural(n: number, one: string, many = one + "s"): string {
  return `${n} ${n === 1 ? one : many}`;
}

function lastTime(fit: KaplanMeierFit): number {
  return fit.time[fit.time.length - 1];
}

// ---------------------------------------------------------------------------------------------------------------
// The claim functions

export function cohortSize({patients}: ClaimContext): ClaimComputation {
  return {values: {patients: patients.length}, detail: `${plural(patients.length, "patient")} in the table.`};
}

export function ageMedianRange({patients}: ClaimContext): ClaimComputation {
  const ages = patients.map((p) => p.age);
  const m = medianRange(ages);
  const sorted = [...ages].sort((a, b) => a - b);
  const h = sorted.length >> 1;
  const middle = sorted.length % 2 === 0 ? `(${sorted[h - 1]} + ${sorted[h]})/2 = ${formatNumber(m.median)}` : formatNumber(m.median);
  return {
    values: {median: m.median, min: m.min, max: m.max},
    detail: `Sample median of the ${m.n} ages at diagnosis: ${middle}; range ${m.min}–${m.max}.`,
  };
}

export function primarySites({patients}: ClaimContext): ClaimComputation {
  const values: Record<string, number> = {};
  for (const site of PRIMARY_SITES) values[site] = patients.filter((p) => p.primarySite === site).length;
  const parts = PRIMARY_SITES.map((s) => `${s} ${values[s]}`);
  return {values, detail: `Counts over all ${patients.length} patients: ${parts.join(", ")}.`};
}

export function surgeryIntent({patients}: ClaimContext): ClaimComputation {
  const values: Record<string, number> = {};
  for (const intent of SURGERY_INTENTS) values[intent] = patients.filter((p) => p.surgery === intent).length;
  return {
    values,
    detail: `Counts over all ${patients.length} patients: ${SURGERY_INTENTS.map((s) => `${s} ${values[s]}`).join(", ")} (cytoreductive: ${ids(patients.filter((p) => p.surgery === "cytoreductive"))}).`,
  };
}

function overallSurvivalAt(table: AnalysisRow[], month: number): ClaimComputation {
  const {time, event} = osData(table);
  const fit = kaplanMeier(time, event);
  const s = exactSurvivalAt(fit, month);
  const reading = `Kaplan–Meier overall survival of the ${plural(fit.n, "curative patient")} (deaths as events, ${plural(fit.nEvents, "death")}; at tied times events before censorings)`;
  if (s === null) {
    return {values: {percent: null, patients: fit.n}, detail: `${reading}: not estimable at ${month} months, the last observation is at month ${lastTime(fit)}.`};
  }
  return {values: {percent: s.exact, patients: fit.n}, detail: `${reading}: S(${month}) = ${formatPercent(s.exact)}.`};
}

export function overallSurvival2y({table}: ClaimContext): ClaimComputation {
  return overallSurvivalAt(table, 24);
}

export function overallSurvival5y({table}: ClaimContext): ClaimComputation {
  return overallSurvivalAt(table, 60);
}

const DFS_RULE_TEXT: Record<PostoperativeDeathRule, string> = {
  event: "the postoperative death an event",
  censored: "the postoperative death censored",
  excluded: "the postoperative death left out",
};

function diseaseFreeAt(patients: readonly Patient[], table: AnalysisRow[], month: number): ClaimComputation {
  const {time, event} = dfsData(table);
  const fit = kaplanMeier(time, event);
  const s = exactSurvivalAt(fit, month);
  const rule = DEFAULT_POSTOPERATIVE_DEATH;
  const reading = `Kaplan–Meier disease-free survival of the ${plural(fit.n, "curative patient")} (recurrence or death, ${DFS_RULE_TEXT[rule]}; at tied times events before censorings)`;
  const others = POSTOPERATIVE_DEATH_RULES.filter((r) => r !== rule).map((r) => {
    const d = dfsData(analysisTable(patients, {postoperativeDeath: r}));
    const other = exactSurvivalAt(kaplanMeier(d.time, d.event), month);
    return `${DFS_RULE_TEXT[r]} (n = ${d.time.length}): ${other === null ? "not estimable" : formatPercent(other.exact)}`;
  });
  const alternatives = ` Other definitions: ${others.join("; ")}.`;
  if (s === null) {
    return {
      values: {percent: null, patients: fit.n},
      detail: `${reading}: not estimable at ${month} months, the last observation is at month ${lastTime(fit)}.${alternatives}`,
    };
  }
  return {values: {percent: s.exact, patients: fit.n}, detail: `${reading}: S(${month}) = ${formatPercent(s.exact)}.${alternatives}`};
}

export function diseaseFreeSurvival2y({patients, table}: ClaimContext): ClaimComputation {
  return diseaseFreeAt(patients, table, 24);
}

export function diseaseFreeSurvival5y({patients, table}: ClaimContext): ClaimComputation {
  return diseaseFreeAt(patients, table, 60);
}

/** Whether a value meets a reported whole number after rounding half up. */
function holds(x: number | null, reported: ReportedValue | undefined): string {
  if (x === null) return "does not hold";
  return Math.floor(x + 0.5) === reported ? "holds" : "does not hold";
}

export function diseaseFreeMedianRange({table, entry}: ClaimContext): ClaimComputation {
  const {time, event} = dfsData(table);
  const fit = kaplanMeier(time, event);
  const [q] = quantiles(fit, [0.5]);
  const km = q.quantile;
  const sample = medianRange(time);
  const kept = table.filter((r) => r.dfsMonths !== null && !r.postoperativeDeath);
  const withoutDeath = kept.length > 0 ? medianRange(kept.map((r) => r.dfsMonths as number)) : null;
  const rep = entry.reported ?? {};
  const rangeText = (m: {min: number; max: number} | null) => (m === null ? "no patients" : `${formatNumber(m.min)}–${formatNumber(m.max)}`);
  const rangeHolds = (m: {min: number; max: number} | null) =>
    m !== null && holds(m.min, rep.min) === "holds" && holds(m.max, rep.max) === "holds" ? "holds" : "does not hold";
  return {
    values: {median: km, min: sample.min, max: sample.max},
    detail:
      `Disease-free times of the ${plural(sample.n, "curative patient")} (recurrence month, else follow-up; ${DFS_RULE_TEXT[DEFAULT_POSTOPERATIVE_DEATH]}). ` +
      `Reading used: the Kaplan–Meier median with the range of the times. ` +
      `Median ${String(rep.median)} as the Kaplan–Meier median: ${formatNumber(km)}, ${holds(km, rep.median)}; ` +
      `as the sample median: ${formatNumber(sample.median)}, ${holds(sample.median, rep.median)}. ` +
      `Range ${String(rep.min)}–${String(rep.max)} with the postoperative death: ${rangeText(sample)}, ${rangeHolds(sample)}; ` +
      `without it (n = ${kept.length}): ${rangeText(withoutDeath)}, ${rangeHolds(withoutDeath)}.`,
  };
}

export function recurrences({patients, table}: ClaimContext): ClaimComputation {
  const recurred = table.filter((r) => r.recurrenceMonth !== null);
  const all = patients.filter((p) => p.recurrenceMonth !== null);
  const extra = all.length !== recurred.length ? ` Over all ${patients.length} patients: ${all.length}.` : "";
  return {
    values: {patients: recurred.length},
    detail: `Curative patients with a recurrence month: ${recurred.length} of ${table.length} (${ids(recurred)}).${extra}`,
  };
}

export function recurrenceTreatment({patients}: ClaimContext): ClaimComputation {
  const recurred = patients.filter((p) => p.recurrenceMonth !== null);
  const surgery = recurred.filter((p) => p.recurrenceSurgery);
  const rfa = recurred.filter((p) => p.recurrenceRfa);
  const imatinib = recurred.filter((p) => p.recurrenceImatinib);
  return {
    values: {surgery: surgery.length, rfa: rfa.length, imatinib: imatinib.length},
    detail:
      `Patients (not procedures) among the ${recurred.length} with a recurrence: ` +
      `further surgery ${surgery.length} (${ids(surgery)}), RFA ${rfa.length} (${ids(rfa)}), imatinib ${imatinib.length} (${ids(imatinib)}).`,
  };
}

export function diseaseFreeNow({patients}: ClaimContext): ClaimComputation {
  const free = patients.filter((p) => p.status === "alive_disease_free");
  const initial = free.filter((p) => p.recurrenceMonth === null);
  const after = free.filter((p) => p.recurrenceMonth !== null);
  return {
    values: {total: free.length, afterInitialResection: initial.length, afterTreatmentOfRecurrence: after.length},
    detail:
      `Status alive_disease_free at last contact, over all ${patients.length} patients: ${free.length}; ` +
      `without a recurrence ${initial.length} (${ids(initial)}), after a treated recurrence ${after.length} (${ids(after)}).`,
  };
}

export function earlyVsLateNoAssociation({table, entry}: ClaimContext): ClaimComputation {
  const alpha = entry.parameters?.alpha ?? 0.05;
  const {early, late, neither, tests: results} = earlyVsLate(table);
  const tests = results.map((t) => {
    const p = t.pValue === null ? "not defined (R gives NaN)" : formatP(t.pValue);
    const c = t.counts;
    const text =
      c === null
        ? `${t.characteristic} by ${t.method}, W = ${formatNumber(t.statistic)} (early group first), p = ${p}`
        : c.categories.length < 2
          ? `${t.characteristic}: one category only (${c.categories.join("")}), no association possible, p = 1`
          : `${t.characteristic} by ${t.method} (${c.categories.map((k, i) => `${k} ${c.early[i]}/${c.late[i]}`).join(", ")}; early/late), p = ${p}`;
    return {name: t.characteristic, p: t.pValue, text};
  });

  const significant = tests.filter((t) => t.p !== null && t.p < alpha);
  const undefinedP = tests.filter((t) => t.p === null);
  return {
    // Without a p-value for every characteristic, "no significant association" cannot be confirmed: null (differs).
    values: {significantAssociation: significant.length > 0 ? true : undefinedP.length > 0 ? null : false},
    detail:
      `Groups by the recurrence month: ${EARLY_RECURRENCE} (n = ${early.length}: ${ids(early)}) vs ${DISEASE_FREE_24_MONTHS} (n = ${late.length}: ${ids(late)}); ` +
      `left out, in neither group: ${neither.length === 0 ? "none" : neither.map((r) => `${r.id}, ${r.groupReason}`).join("; ")}. ` +
      `Tests: ${tests.map((t) => t.text).join("; ")}. ` +
      (significant.length > 0
        ? `p < ${alpha} for ${significant.map((t) => t.name).join(", ")}: a significant association.`
        : undefinedP.length > 0
          ? `No p-value for ${undefinedP.map((t) => t.name).join(", ")}: the absence of an association cannot be checked.`
          : `Every p ≥ ${alpha}: no significant association.`),
  };
}

export function morbidity({patients}: ClaimContext): ClaimComputation {
  const withComplication = patients.filter((p) => p.complication);
  const f = fraction(withComplication.length, patients.length);
  return {
    values: {percent: f, patients: withComplication.length},
    detail: `Patients with any postoperative complication, over all ${patients.length}: ${withComplication.length}/${patients.length} = ${(toNumber(f) * 100).toFixed(1)}% (${ids(withComplication)}).`,
  };
}

export function postoperativeDeaths({patients}: ClaimContext): ClaimComputation {
  const deaths = patients.filter((p) => p.postoperativeDeath);
  return {
    values: {patients: deaths.length},
    detail: `Postoperative deaths over all ${patients.length} patients: ${deaths.length} (${deaths.map((p) => `${p.id} at month ${p.followupMonth}`).join(", ") || "none"}).`,
  };
}

export function followUpMedianRange({patients, table, entry}: ClaimContext): ClaimComputation {
  const rep = entry.reported ?? {};
  const curative = medianRange(table.map((r) => r.osMonths));
  const all = medianRange(patients.map((p) => p.followupMonth));
  const {time, event} = osData(table);
  const reverse = medianFollowUp(time, event);
  const reverseAll = medianFollowUp(
    patients.map((p) => p.followupMonth),
    patients.map((p) => (p.status === "dead" ? 1 : 0)),
  );
  const ci = (r: {lower: number | null; upper: number | null}) => `95% CI ${formatNumber(r.lower)}–${r.upper === null ? "not reached" : formatNumber(r.upper)}`;
  const rangeHolds = (m: {min: number; max: number}) => (holds(m.min, rep.min) === "holds" && holds(m.max, rep.max) === "holds" ? "holds" : "does not hold");
  return {
    values: {median: curative.median, min: curative.min, max: curative.max},
    detail:
      `Reading used: median and range of the follow-up times (to death or last contact) of the ${plural(curative.n, "curative patient")}: ` +
      `${formatNumber(curative.median)} (${formatNumber(curative.min)}–${formatNumber(curative.max)}); "${String(rep.median)} (${String(rep.min)}-${String(rep.max)})" pairs a median with a range of observed times, which a reverse Kaplan–Meier estimate does not give. ` +
      `Reverse Kaplan–Meier median follow-up of the same patients: ${formatNumber(reverse.median)} (${ci(reverse)}), median ${holds(reverse.median, rep.median)}. ` +
      `Over all ${all.n} patients: sample median ${formatNumber(all.median)} (${formatNumber(all.min)}–${formatNumber(all.max)}), median ${holds(all.median, rep.median)}, range ${rangeHolds(all)}; ` +
      `reverse Kaplan–Meier ${formatNumber(reverseAll.median)}, ${holds(reverseAll.median, rep.median)}.`,
  };
}

/** The claim functions by the names data/claims.json uses. */
export const CLAIM_FUNCTIONS: Readonly<Record<string, ClaimFunction>> = {
  cohortSize,
  ageMedianRange,
  primarySites,
  surgeryIntent,
  overallSurvival2y,
  overallSurvival5y,
  diseaseFreeSurvival2y,
  diseaseFreeSurvival5y,
  diseaseFreeMedianRange,
  recurrences,
  recurrenceTreatment,
  diseaseFreeNow,
  earlyVsLateNoAssociation,
  morbidity,
  postoperativeDeaths,
  followUpMedianRange,
};

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

/** An exact value rounded by a rule (no rule: as it is; a fraction then compares as its number). */
export function applyRounding(value: ExactValue, rule: RoundingRule | undefined): ReportedValue | null {
  if (value === null) return null;
  const isFraction = typeof value === "object";
  if (rule === undefined) return isFraction ? toNumber(value) : value;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (rule === "percent-half-up") return isFraction ? percentHalfUp(value) : Math.floor(value * 100 + 0.5);
  return isFraction ? roundHalfUp(value) : Math.floor(value + 0.5);
}

/** Recomputes every entry of the ledger from the patients. */
export function evaluateClaims(claims: readonly ClaimEntry[], patients: readonly Patient[]): ClaimResult[] {
  const table = analysisTable(patients);
  return claims.map((entry): ClaimResult => {
    const base = {id: entry.id, quote: entry.quote, reported: entry.reported};
    if (!entry.checkable) {
      return {...base, reproduced: null, status: "not-checkable", detail: `Not checkable from the patient table: ${entry.why ?? "no reason given"}.`};
    }
    const fn = entry.function === null ? undefined : CLAIM_FUNCTIONS[entry.function];
    if (fn === undefined) {
      return {...base, reproduced: null, status: "differs", detail: `No claim function named "${String(entry.function)}".`};
    }
    let computed: ClaimComputation;
    try {
      computed = fn({patients, table, entry});
    } catch (e) {
      return {...base, reproduced: null, status: "differs", detail: `Could not be computed from the table: ${(e as Error).message}.`};
    }
    const reported = entry.reported ?? {};
    const reproduced: Record<string, ReportedValue | null> = {};
    const mismatched: string[] = [];
    for (const key of Object.keys(reported)) {
      const value = key in computed.values ? applyRounding(computed.values[key], entry.rounding[key]) : null;
      reproduced[key] = value;
      if (value !== reported[key]) mismatched.push(`${key}: reported ${String(reported[key])}, recomputed ${value === null ? "none" : String(value)}`);
    }
    const status: ClaimStatus = mismatched.length === 0 ? "reproduced" : "differs";
    const detail = mismatched.length === 0 ? computed.detail : `Differs (${mismatched.join("; ")}). ${computed.detail}`;
    return {...base, reproduced, status, detail};
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The ledger file

const ENTRY_KEYS = ["id", "source", "quote", "checkable", "why", "reported", "rounding", "parameters", "function"];

/**
 * Parses and validates data/claims.json. Throws one Error listing every problem as
 * `<fileName>:<line>:<column> <problem> (got <value>)`, the line and column of the entry's field (or of the entry).
 */
export function parseClaimLedger(text: string, fileName = "claims.json"): ClaimEntry[] {
  const lineColumn = (offset: number) => {
    const before = text.slice(0, Math.max(0, offset));
    const line = before.split("\n").length;
    return {line, column: offset - (before.lastIndexOf("\n") + 1) + 1};
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const {line, column} = lineColumn(at ? Number(at[1]) : 0);
    throw new Error(`${fileName}:${line}:${column} not valid JSON: ${message} (got ${JSON.stringify(text.slice(at ? Number(at[1]) : 0, (at ? Number(at[1]) : 0) + 20))})`);
  }
  const problems: string[] = [];
  if (!Array.isArray(data) || data.length === 0) {
    throw new Error(`${fileName}:1:1 the ledger must be a non-empty array of entries (got ${JSON.stringify(text.slice(0, 20))})`);
  }
  // Entries are located in the text by their "id" (first occurrence after the previous entry).
  let searchFrom = 0;
  const seen = new Set<string>();
  const entries: ClaimEntry[] = [];
  data.forEach((raw: unknown, index) => {
    const idValue = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>).id : undefined;
    let entryOffset = text.indexOf("{", searchFrom);
    if (typeof idValue === "string") {
      const m = new RegExp(`"id"\\s*:\\s*${JSON.stringify(idValue).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).exec(text.slice(searchFrom));
      if (m) entryOffset = Math.max(0, text.lastIndexOf("{", searchFrom + m.index));
    }
    searchFrom = Math.max(searchFrom, entryOffset + 1);
    const label = typeof idValue === "string" ? `entry "${idValue}"` : `entry ${index + 1}`;
    const at = (field: string | null, problem: string, value: unknown) => {
      let offset = entryOffset;
      if (field !== null) {
        const f = text.indexOf(`"${field}"`, entryOffset);
        if (f >= 0) offset = f;
      }
      const {line, column} = lineColumn(offset);
      problems.push(`${fileName}:${line}:${column} ${label}: ${problem} (got ${JSON.stringify(value) ?? "nothing"})`);
    };
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      at(null, "an entry must be an object", raw);
      return;
    }
    const e = raw as Record<string, unknown>;
    for (const key of Object.keys(e)) if (!ENTRY_KEYS.includes(key)) at(key, `unknown field ${key}`, e[key]);
    const before = problems.length;
    if (typeof e.id !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.id)) at("id", "id must be a lower-case kebab-case string", e.id);
    else if (seen.has(e.id)) at("id", "duplicate id", e.id);
    else seen.add(e.id);
    for (const key of ["source", "quote"]) if (typeof e[key] !== "string" || (e[key] as string).trim() === "") at(key, `${key} must be a non-empty string`, e[key]);
    if (typeof e.checkable !== "boolean") at("checkable", "checkable must be true or false", e.checkable);
    const reported = e.reported;
    const reportedOk =
      reported === null ||
      (typeof reported === "object" &&
        !Array.isArray(reported) &&
        Object.values(reported as object).every((v) => typeof v === "boolean" || typeof v === "string" || (typeof v === "number" && Number.isFinite(v))));
    if (!reportedOk) at("reported", "reported must be null or an object of numbers, booleans and strings", reported);
    if (e.checkable === true && (reported === null || (reportedOk && Object.keys(reported as object).length === 0))) {
      at("reported", "a checkable entry needs reported values", reported);
    }
    const rounding = e.rounding;
    if (rounding === null || typeof rounding !== "object" || Array.isArray(rounding)) at("rounding", "rounding must be an object (value name: rule)", rounding);
    else {
      for (const [key, rule] of Object.entries(rounding)) {
        if (!(ROUNDING_RULES as readonly unknown[]).includes(rule)) at("rounding", `unknown rounding rule for ${key}, expected one of ${ROUNDING_RULES.join(", ")}`, rule);
        if (reportedOk && (reported === null || !(key in (reported as object)))) at("rounding", `rounding names ${key}, which is not a reported value`, key);
      }
    }
    if (e.parameters !== undefined) {
      const p = e.parameters;
      if (p === null || typeof p !== "object" || Array.isArray(p) || !Object.values(p).every((v) => typeof v === "number" && Number.isFinite(v))) {
        at("parameters", "parameters must be an object of numbers", p);
      }
    }
    if (e.checkable === true) {
      if (typeof e.function !== "string" || !(e.function in CLAIM_FUNCTIONS)) {
        at("function", `function must name one of ${Object.keys(CLAIM_FUNCTIONS).join(", ")}`, e.function);
      }
    } else if (e.checkable === false) {
      if (e.function !== null) at("function", "a not-checkable entry has function null", e.function);
      if (typeof e.why !== "string" || e.why.trim() === "") at("why", "a not-checkable entry says why (a non-empty string)", e.why);
    }
    if (problems.length === before) entries.push(e as unknown as ClaimEntry);
  });
  for (const id of REQUIRED_CLAIM_IDS) {
    if (!seen.has(id)) problems.push(`${fileName}:1:1 missing entry "${id}" (every claim of the abstract has an entry) (got nothing)`);
  }
  if (problems.length > 0) throw new Error(`${fileName}: ${plural(problems.length, "problem")} in the claims ledger\n${problems.join("\n")}`);
  return entries;
}
