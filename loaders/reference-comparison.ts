// Field-by-field comparison of our statistics core with R's `survival` reference values.
//
// `compareWithReference(reference, options?)` takes one parsed reference dataset JSON (the shape documented in
// test/fixtures/README.md, copied from ../shared/reference/README.md: `curves[]` with `fits[confType]` holding
// `table`, `quantiles`, `print_table`, `landmarks`; `reverse_km_median_followup`; `logrank[]`), recomputes every
// value with loaders/kaplan-meier.ts and loaders/log-rank.ts, and returns one row per field compared:
// `{dataset, curve, confType, field, n, maxAbsDiff, maxRelDiff, ok, detail}`.
//
// Comparison of one value (ours a, R's b):
// - R's null (NA) and "NaN" both mean "no value"; our null or NaN means the same. No value vs no value is equal;
//   no value vs a number is a mismatch (ok false, maxAbsDiff = maxRelDiff = Infinity, named in `detail`).
// - "Inf"/"-Inf" are the IEEE infinities; an infinity equals only the same infinity.
// - Otherwise relDiff = |a - b| / max(|b|, tiny) and the value is ok when relDiff <= relTol. `tiny` is the absolute
//   scale near zero: for |b| < tiny the test is |a - b| <= relTol * tiny (an absolute tolerance).
//
// Pure: no I/O, no DOM, no node: imports, so the page can import it too.
import {kaplanMeier, medianFollowUp, quantiles, restrictedMean, survivalAt, type ConfType} from "./kaplan-meier.js";
import {logRank} from "./log-rank.js";

/** A number as the reference JSON writes it: null for NA, strings for the IEEE specials. */
export type RefNumber = number | null | "NaN" | "Inf" | "-Inf";

export interface ReferenceTable {
  time: RefNumber[];
  n_risk: RefNumber[];
  n_event: RefNumber[];
  n_censor: RefNumber[];
  surv: RefNumber[];
  std_err_surv: RefNumber[];
  std_err_cumhaz: RefNumber[];
  lower: RefNumber[];
  upper: RefNumber[];
}

export interface ReferenceFit {
  conf_type: string;
  table: ReferenceTable;
  quantiles: {probs: number[]; quantile: RefNumber[]; lower: RefNumber[]; upper: RefNumber[]};
  print_table: {rmean_tau: number; rmean: RefNumber; se_rmean: RefNumber; [key: string]: unknown};
  /** summary(fit, times = …): the table's columns but the cumulative-hazard SE, at the requested times R kept. */
  landmarks: Omit<ReferenceTable, "std_err_cumhaz"> & {times_requested: number[]};
}

export interface ReferenceCurve {
  group: string | number | null;
  label: string;
  n: number;
  n_events: number;
  rmean: {tau: number; rmean: RefNumber; se_rmean: RefNumber};
  reverse_km_median_followup: {median: RefNumber; lower: RefNumber; upper: RefNumber; [key: string]: unknown};
  fits: Record<string, ReferenceFit>;
}

export interface ReferenceLogRank {
  rho: number;
  groups: (string | number)[];
  n: number[];
  observed: RefNumber[];
  expected: RefNumber[];
  chisq: RefNumber;
  df: number;
  p_value: RefNumber;
  /** pchisq(chisq, df, lower.tail = FALSE): the same p without the cancellation of 1 - pchisq */
  p_value_upper_tail?: RefNumber;
  [key: string]: unknown;
}

/** One parsed reference dataset JSON (`aml.json`, `lung.json`, …). */
export interface ReferenceDataset {
  dataset: string;
  description?: string;
  source?: string;
  group_variable: string | null;
  groups: (string | number)[] | null;
  n: number;
  conf_int: number;
  conf_types: string[];
  quantile_probs: number[];
  landmark_times: number[];
  rmean_tau: number;
  curves: ReferenceCurve[];
  logrank: ReferenceLogRank[] | null;
  generator?: {r_version?: string; survival_version?: string; [key: string]: unknown};
  r_calls?: Record<string, string>;
  [key: string]: unknown;
}

/** The input rows of a reference dataset (the `<name>.csv` beside the JSON), column-wise. */
export interface ReferenceData {
  time: ArrayLike<number>;
  event: ArrayLike<number>;
  /** The raw group values as strings (the CSV's `group` column), or absent without groups. */
  group?: ArrayLike<string>;
}

export interface ComparisonOptions {
  /**
   * The input rows. Without them the rows are rebuilt from R's own tables (each group curve's `time`, `n_event`,
   * `n_censor`, or the pooled curve's without groups), which is exact but makes `n_event`/`n_censor` circular;
   * pass the CSV rows (`parseReferenceCsv`) for an independent check.
   */
  data?: ReferenceData;
  /** Relative tolerance; default 1e-10. */
  relTol?: number;
  /** Scale below which differences are judged absolutely (|a - b| <= relTol * tiny); default 1e-12. */
  tiny?: number;
}

export interface ComparisonRow {
  dataset: string;
  /** "pooled", a group curve's label ("x=Maintained"), or for log-rank the grouping ("x"). */
  curve: string;
  /** "log" | "log-log" | "plain", or null for values that do not depend on the CI type (rmean, log-rank). */
  confType: string | null;
  /** e.g. "table.surv", "quantiles.lower", "landmarks.std_err_surv", "rmean.se", "followup.median", "logrank.rho1.p". */
  field: string;
  /** Number of values compared. */
  n: number;
  maxAbsDiff: number;
  maxRelDiff: number;
  ok: boolean;
  /** For a row that is not ok: the worst value, "index 3: ours 0.5, R 0.6"; null when ok. */
  detail: string | null;
}

type Value = number | null | undefined;

/** R's encoding → a number (infinities kept), or null for NA/NaN/missing. */
export function refValue(v: unknown): number | null {
  if (v === null || v === undefined || v === "NaN") return null;
  if (v === "Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  if (typeof v === "number") return Number.isNaN(v) ? null : v;
  throw new Error(`reference value: expected a number, null, "NaN", "Inf" or "-Inf", got ${JSON.stringify(v)}`);
}

function ourValue(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return Number.isNaN(v) ? null : v;
  throw new Error(`computed value: expected a number or null, got ${JSON.stringify(v)}`);
}

function show(v: number | null): string {
  return v === null ? "null" : String(v);
}

/** Compares two sequences value by value (a length difference counts as value vs no value). */
export function compareValues(
  ours: ArrayLike<unknown>,
  reference: ArrayLike<unknown>,
  {relTol = 1e-10, tiny = 1e-12}: {relTol?: number; tiny?: number} = {}
): {n: number; maxAbsDiff: number; maxRelDiff: number; ok: boolean; detail: string | null} {
  const n = Math.max(ours.length, reference.length);
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let worst = -1;
  let worstRel = -1;
  let worstPair: [number | null, number | null] = [null, null];
  for (let i = 0; i < n; i++) {
    const a = i < ours.length ? ourValue(ours[i]) : null;
    const b = i < reference.length ? refValue(reference[i]) : null;
    let abs: number;
    let rel: number;
    if (a === null && b === null) {
      abs = rel = 0;
    } else if (a === null || b === null) {
      abs = rel = Infinity;
    } else if (a === b) {
      abs = rel = 0; // includes equal infinities
    } else {
      abs = Math.abs(a - b);
      rel = Number.isFinite(abs) ? abs / Math.max(Math.abs(b), tiny) : Infinity;
    }
    if (abs > maxAbsDiff) maxAbsDiff = abs;
    if (rel > maxRelDiff) maxRelDiff = rel;
    if (rel > worstRel) {
      worstRel = rel;
      worst = i;
      worstPair = [a, b];
    }
  }
  const ok = maxRelDiff <= relTol;
  const lengths = ours.length === reference.length ? "" : ` (ours has ${ours.length} values, R ${reference.length})`;
  const detail = ok ? null : `index ${worst}: ours ${show(worstPair[0])}, R ${show(worstPair[1])}${lengths}`;
  return {n, maxAbsDiff, maxRelDiff, ok, detail};
}

/**
 * Parses a reference CSV (`time,event[,group]`, event 1/0) into column arrays. Throws naming the line, column and
 * value of anything else. `name` prefixes the messages (e.g. "test/fixtures/aml.csv").
 */
export function parseReferenceCsv(text: string, name = "reference CSV"): ReferenceData {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  const header = (lines[0] ?? "").split(",");
  if (header[0] !== "time" || header[1] !== "event" || (header.length === 3 && header[2] !== "group") || header.length > 3 || header.length < 2) {
    throw new Error(`${name}:1: expected the header "time,event" or "time,event,group", got "${lines[0] ?? ""}"`);
  }
  const hasGroup = header.length === 3;
  const time: number[] = [];
  const event: number[] = [];
  const group: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    if (cells.length !== header.length) throw new Error(`${name}:${i + 1}: expected ${header.length} fields, got ${cells.length} in "${lines[i]}"`);
    const t = Number(cells[0]);
    if (cells[0].trim() === "" || !Number.isFinite(t) || t < 0) throw new Error(`${name}:${i + 1}: column time: not a non-negative number: "${cells[0]}"`);
    if (cells[1] !== "0" && cells[1] !== "1") throw new Error(`${name}:${i + 1}: column event: expected 0 or 1, got "${cells[1]}"`);
    time.push(t);
    event.push(Number(cells[1]));
    if (hasGroup) group.push(cells[2]);
  }
  if (time.length === 0) throw new Error(`${name}: no data rows`);
  return hasGroup ? {time, event, group} : {time, event};
}

/** Rebuilds the input rows from R's own per-time counts (see ComparisonOptions.data). */
export function dataFromReference(reference: ReferenceDataset): ReferenceData {
  const grouped = reference.groups !== null && reference.groups.length > 0;
  const curves = grouped ? reference.curves.filter((c) => c.group !== null) : reference.curves.filter((c) => c.group === null);
  const time: number[] = [];
  const event: number[] = [];
  const group: string[] = [];
  for (const curve of curves) {
    const fit = Object.values(curve.fits)[0];
    if (!fit) throw new Error(`${reference.dataset}: curve ${curve.label} has no fits`);
    const t = fit.table;
    for (let i = 0; i < t.time.length; i++) {
      for (const [count, e] of [[t.n_event[i], 1], [t.n_censor[i], 0]] as const) {
        for (let k = 0; k < (refValue(count) ?? 0); k++) {
          time.push(refValue(t.time[i]) as number);
          event.push(e);
          if (grouped) group.push(String(curve.group));
        }
      }
    }
  }
  return grouped ? {time, event, group} : {time, event};
}

const TABLE_FIELDS = ["time", "n_risk", "n_event", "n_censor", "surv", "std_err_surv", "std_err_cumhaz", "lower", "upper"] as const;
const LANDMARK_FIELDS = ["time", "n_risk", "n_event", "n_censor", "surv", "std_err_surv", "lower", "upper"] as const;
const CONF_TYPES: readonly ConfType[] = ["log", "log-log", "plain"];

/** Recomputes every reference value of one dataset and compares, one row per field (see the file header). */
export function compareWithReference(reference: ReferenceDataset, options: ComparisonOptions = {}): ComparisonRow[] {
  const tol = {relTol: options.relTol ?? 1e-10, tiny: options.tiny ?? 1e-12};
  const data = options.data ?? dataFromReference(reference);
  if (data.time.length !== data.event.length) throw new Error(`${reference.dataset}: data.time has ${data.time.length} values, data.event ${data.event.length}`);
  if (data.time.length !== reference.n) throw new Error(`${reference.dataset}: the data have ${data.time.length} rows, the reference says n = ${reference.n}`);
  const rows: ComparisonRow[] = [];
  const add = (curve: string, confType: string | null, field: string, ours: ArrayLike<unknown>, ref: ArrayLike<unknown>) => {
    rows.push({dataset: reference.dataset, curve, confType, field, ...compareValues(ours, ref, tol)});
  };

  for (const curve of reference.curves) {
    // The curve's subset: all rows for the pooled curve, the group's rows otherwise.
    const keep: number[] = [];
    for (let i = 0; i < data.time.length; i++) {
      if (curve.group === null) keep.push(i);
      else {
        if (!data.group) throw new Error(`${reference.dataset}: curve ${curve.label} needs a group column in the data`);
        if (data.group[i] === String(curve.group)) keep.push(i);
      }
    }
    const time = keep.map((i) => data.time[i]);
    const event = keep.map((i) => data.event[i]);
    add(curve.label, null, "n", [time.length], [curve.n]);

    for (const confType of CONF_TYPES) {
      const ref = curve.fits[confType];
      if (!ref) throw new Error(`${reference.dataset}: curve ${curve.label} has no "${confType}" fit`);
      const fit = kaplanMeier(time, event, {confType, confLevel: reference.conf_int});
      const ours: Record<(typeof TABLE_FIELDS)[number], ArrayLike<unknown>> = {
        time: fit.time,
        n_risk: fit.nRisk,
        n_event: fit.nEvent,
        n_censor: fit.nCensor,
        surv: fit.survival,
        std_err_surv: fit.stdErr,
        std_err_cumhaz: fit.cumHazStdErr,
        lower: fit.lower,
        upper: fit.upper,
      };
      for (const f of TABLE_FIELDS) add(curve.label, confType, `table.${f}`, ours[f], ref.table[f]);

      const q = quantiles(fit, ref.quantiles.probs);
      add(curve.label, confType, "quantiles.prob", q.map((r) => r.prob), ref.quantiles.probs);
      add(curve.label, confType, "quantiles.quantile", q.map((r) => r.quantile), ref.quantiles.quantile);
      add(curve.label, confType, "quantiles.lower", q.map((r) => r.lower), ref.quantiles.lower);
      add(curve.label, confType, "quantiles.upper", q.map((r) => r.upper), ref.quantiles.upper);

      const lm = survivalAt(fit, ref.landmarks.times_requested);
      const lmOurs: Record<(typeof LANDMARK_FIELDS)[number], unknown[]> = {
        time: lm.map((r) => r.time),
        n_risk: lm.map((r) => r.nRisk),
        n_event: lm.map((r) => r.nEvent),
        n_censor: lm.map((r) => r.nCensor),
        surv: lm.map((r) => r.survival),
        std_err_surv: lm.map((r) => r.stdErr),
        lower: lm.map((r) => r.lower),
        upper: lm.map((r) => r.upper),
      };
      for (const f of LANDMARK_FIELDS) add(curve.label, confType, `landmarks.${f}`, lmOurs[f], ref.landmarks[f]);

      const rm = restrictedMean(fit, ref.print_table.rmean_tau);
      add(curve.label, confType, "rmean", [rm.rmean], [ref.print_table.rmean]);
      add(curve.label, confType, "rmean.se", [rm.se], [ref.print_table.se_rmean]);
    }

    // Reverse Kaplan–Meier median follow-up (R's call uses conf.type = "log").
    const fu = medianFollowUp(time, event);
    const refFu = curve.reverse_km_median_followup;
    add(curve.label, "log", "followup.median", [fu.median], [refFu.median]);
    add(curve.label, "log", "followup.lower", [fu.lower], [refFu.lower]);
    add(curve.label, "log", "followup.upper", [fu.upper], [refFu.upper]);
  }

  for (const test of reference.logrank ?? []) {
    if (!data.group) throw new Error(`${reference.dataset}: log-rank needs a group column in the data`);
    const result = logRank(data.time, data.event, data.group, {rho: test.rho});
    // Our group order may differ from R's factor order: align by name.
    const index = test.groups.map((g) => {
      const k = result.groups.findIndex((h) => String(h) === String(g));
      if (k < 0) throw new Error(`${reference.dataset}: log-rank result has no group "${g}" (has ${result.groups.join(", ")})`);
      return k;
    });
    const curve = reference.group_variable ?? "group";
    const key = `logrank.rho${test.rho}`;
    add(curve, null, `${key}.n`, index.map((k) => result.n[k]), test.n);
    add(curve, null, `${key}.observed`, index.map((k) => result.observed[k]), test.observed);
    add(curve, null, `${key}.expected`, index.map((k) => result.expected[k]), test.expected);
    add(curve, null, `${key}.chisq`, [result.chisq], [test.chisq]);
    add(curve, null, `${key}.df`, [result.df], [test.df]);
    // R's upper tail when recorded (what survdiff prints; 1 - pchisq loses digits near 1e-14 for small p).
    add(curve, null, `${key}.p`, [result.pValue], [test.p_value_upper_tail !== undefined ? test.p_value_upper_tail : test.p_value]);
  }
  return rows;
}
