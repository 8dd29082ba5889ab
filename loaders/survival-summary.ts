// Everything the survival page needs from the patient table, computed once: overall survival (OS) and
// disease-free survival (DFS, under each definition of the postoperative death) fitted with each CI type, with
// landmarks, quantiles, numbers at risk and reverse Kaplan–Meier follow-up.
// Pure: no I/O, no DOM, no node: imports.
import {
  DEFAULT_POSTOPERATIVE_DEATH,
  POSTOPERATIVE_DEATH_RULES,
  analysisTable,
  type AnalysisRow,
  type Patient,
  type PostoperativeDeathRule,
} from "./cohort.js";
import {formatFraction} from "./exact-fraction.js";
import {exactSurvivalAt} from "./exact-survival.js";
import {
  kaplanMeier,
  medianFollowUp,
  quantiles,
  survivalAt,
  type ConfType,
  type KaplanMeierFit,
  type QuantileRow,
  type SurvivalAtRow,
} from "./kaplan-meier.js";
import {medianRange, type MedianRange} from "./median-range.js";
import {riskTable, type RiskTableRow} from "./risk-table.js";

export const CONF_TYPES: readonly ConfType[] = ["log", "log-log", "plain"];
export const LANDMARK_MONTHS = [12, 24, 36, 60];
export const QUANTILE_PROBS = [0.25, 0.5, 0.75];
export const RISK_TABLE_MONTHS = [0, 12, 24, 36, 48, 60, 72];
export const CONF_LEVEL = 0.95;

export interface Landmark extends SurvivalAtRow {
  /** S(time) as an exact fraction, "10/33". */
  exact: string;
}

export interface FitSummary {
  fit: KaplanMeierFit;
  /** survivalAt(fit, LANDMARK_MONTHS): landmarks after the last observation are absent, as in R's summary. */
  landmarks: Landmark[];
  quantiles: QuantileRow[];
}

export interface EndpointSummary {
  endpoint: "overall survival" | "disease-free survival";
  definition: string;
  /** Patients in the fit, in table order. */
  ids: string[];
  n: number;
  nEvents: number;
  fits: Record<ConfType, FitSummary>;
  riskTable: RiskTableRow[];
}

export interface SurvivalSummary {
  confLevel: number;
  landmarkMonths: number[];
  quantileProbs: number[];
  riskTableMonths: number[];
  defaultDfsDefinition: PostoperativeDeathRule;
  os: EndpointSummary;
  dfs: Record<PostoperativeDeathRule, EndpointSummary>;
  followUp: {
    /** Follow-up of the curative patients (their OS times). */
    patients: number;
    /** Median and range of the follow-up times. */
    sample: MedianRange;
    /** Reverse Kaplan–Meier median follow-up with its CI, for each CI type. */
    reverseKm: Record<ConfType, {median: number | null; lower: number | null; upper: number | null}>;
  };
}

const DFS_DEFINITIONS: Record<PostoperativeDeathRule, string> = {
  event: "months to recurrence or death, the postoperative death an event",
  censored: "months to recurrence or death, the postoperative death censored at its month",
  excluded: "months to recurrence or death, the postoperative death left out",
};

function endpoint(
  name: EndpointSummary["endpoint"],
  definition: string,
  rows: readonly AnalysisRow[],
  time: number[],
  event: number[],
): EndpointSummary {
  const fits = {} as Record<ConfType, FitSummary>;
  for (const confType of CONF_TYPES) {
    const fit = kaplanMeier(time, event, {confType, confLevel: CONF_LEVEL});
    const landmarks = survivalAt(fit, LANDMARK_MONTHS).map((row) => ({...row, exact: formatFraction(exactSurvivalAt(fit, row.time)!.exact)}));
    fits[confType] = {fit, landmarks, quantiles: quantiles(fit, QUANTILE_PROBS)};
  }
  const log = fits.log.fit;
  return {endpoint: name, definition, ids: rows.map((r) => r.id), n: log.n, nEvents: log.nEvents, fits, riskTable: riskTable(log, RISK_TABLE_MONTHS)};
}

/** The survival summary of the curative patients. */
export function survivalSummary(patients: readonly Patient[]): SurvivalSummary {
  const table = analysisTable(patients);
  const os = endpoint(
    "overall survival",
    "months to death from any cause",
    table,
    table.map((r) => r.osMonths),
    table.map((r) => r.osEvent),
  );
  const dfs = {} as Record<PostoperativeDeathRule, EndpointSummary>;
  for (const rule of POSTOPERATIVE_DEATH_RULES) {
    const rows = analysisTable(patients, {postoperativeDeath: rule}).filter((r) => r.dfsMonths !== null);
    dfs[rule] = endpoint(
      "disease-free survival",
      DFS_DEFINITIONS[rule],
      rows,
      rows.map((r) => r.dfsMonths as number),
      rows.map((r) => r.dfsEvent as number),
    );
  }
  const time = table.map((r) => r.osMonths);
  const event = table.map((r) => r.osEvent);
  const reverseKm = {} as SurvivalSummary["followUp"]["reverseKm"];
  for (const confType of CONF_TYPES) reverseKm[confType] = medianFollowUp(time, event, {confType, confLevel: CONF_LEVEL});
  return {
    confLevel: CONF_LEVEL,
    landmarkMonths: LANDMARK_MONTHS,
    quantileProbs: QUANTILE_PROBS,
    riskTableMonths: RISK_TABLE_MONTHS,
    defaultDfsDefinition: DEFAULT_POSTOPERATIVE_DEATH,
    os,
    dfs,
    followUp: {patients: table.length, sample: medianRange(time), reverseKm},
  };
}
