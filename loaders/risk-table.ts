// Numbers at risk under a Kaplan–Meier curve, for a KMunicate-style table: at each chosen time, how many are still
// at risk, and how many were censored and had an event before it.
// Pure: no I/O, no DOM, no node: imports.
//
// Convention (so that the three counts add up to n at every time):
// - atRisk(t): subjects whose time is t or later, as R's n.risk (`summary(fit, times = t)$n.risk` for t up to the
//   last observation): a subject with an event or censoring exactly at t is still at risk at t.
// - censored(t), events(t): cumulative counts of censorings and events strictly before t.
// So atRisk + censored + events = n. After the last observation atRisk is 0 (R's summary would drop that time).

import {kaplanMeier, type KaplanMeierFit} from "./kaplan-meier.js";

export interface RiskTableRow {
  time: number;
  atRisk: number;
  /** Censorings before `time`. */
  censored: number;
  /** Events before `time`. */
  events: number;
}

export interface SurvivalData {
  time: ArrayLike<number>;
  event: ArrayLike<number | boolean>;
}

type FitCounts = Pick<KaplanMeierFit, "n" | "time" | "nEvent" | "nCensor">;

/**
 * The risk table at `times` (each a finite number; any order, kept as given) from a Kaplan–Meier fit, or from
 * time and event arrays (fitted first with kaplanMeier, which checks them).
 */
export function riskTable(source: FitCounts | SurvivalData, times: readonly number[]): RiskTableRow[] {
  const fit: FitCounts = "nEvent" in source ? source : kaplanMeier(source.time, source.event);
  if (!Array.isArray(times)) throw new Error(`riskTable: times must be an array (got ${String(times)})`);
  times.forEach((t, i) => {
    if (typeof t !== "number" || !Number.isFinite(t)) throw new Error(`riskTable: times[${i}] must be a finite number (got ${String(t)})`);
  });
  const m = fit.time.length;
  return times.map((t) => {
    let events = 0;
    let censored = 0;
    for (let i = 0; i < m && fit.time[i] < t; i++) {
      events += fit.nEvent[i];
      censored += fit.nCensor[i];
    }
    return {time: t, atRisk: fit.n - events - censored, censored, events};
  });
}
