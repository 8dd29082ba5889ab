// The patient table: a strict parser for data/patients.csv and the per-patient analysis table the survival and
// claim computations use. Pure: no I/O, no `node:` imports (the pages import this very file).
//
// File format (what parsePatients accepts; everything else is rejected):
// - UTF-8 text; an optional byte-order mark at the very start; lines end in LF or CRLF, the last one optionally
//   without a line end.
// - Line 1 is the header: exactly the twelve column names of COLUMNS, each once, in any order.
// - One patient per line, the same number of fields as the header. Spaces (U+0020) around a cell are ignored.
// - Quoting, as in RFC 4180: a cell may be wrapped in double quotes (R's write.csv and spreadsheets quote text
//   cells), with "" standing for one quote inside. The text between the quotes is taken verbatim (spaces inside
//   quotes are kept, so `" 74"` is not a plain number). A quote anywhere else, text after a closing quote or a
//   quote left open is an error. A quoted cell may span lines (RFC 4180); no valid value contains a line break,
//   so such a cell is then rejected by its column's rule, at the line where the cell starts.
// - A blank line (including a second newline at the end of the file) is an error, as is a carriage return not
//   followed by a line feed.
//
// Errors: one Error (a PatientTableError, whose `problems` holds them as data) listing every problem found, each as
// `<fileName>:<line>:<column> <problem> (got "<value>")`. Line 1 is the header; column is the 1-based position of
// the field in its line (the column's name is in the problem text). A row whose field count differs from the
// header's is reported once and not validated further (its cells would be shifted).

export const COLUMNS = [
  "id",
  "age",
  "primary_site",
  "surgery",
  "complication",
  "postoperative_death",
  "recurrence_month",
  "recurrence_surgery",
  "recurrence_rfa",
  "recurrence_imatinib",
  "status",
  "followup_month",
] as const;
export type Column = (typeof COLUMNS)[number];

export const PRIMARY_SITES = ["stomach", "jejunum", "sigmoid", "peritoneum", "pancreas"] as const;
export type PrimarySite = (typeof PRIMARY_SITES)[number];
export const SURGERY_INTENTS = ["curative", "cytoreductive"] as const;
export type SurgeryIntent = (typeof SURGERY_INTENTS)[number];
export const STATUSES = ["dead", "alive_with_disease", "alive_disease_free"] as const;
export type Status = (typeof STATUSES)[number];

/** One patient, as in the CSV with camel-cased names; yes/no become booleans, an empty recurrence_month null. */
export interface Patient {
  id: string;
  /** Years at diagnosis. */
  age: number;
  primarySite: PrimarySite;
  surgery: SurgeryIntent;
  /** Any postoperative morbidity. */
  complication: boolean;
  postoperativeDeath: boolean;
  /** Months from the hepatic resection to the first recurrence; null when there was none. */
  recurrenceMonth: number | null;
  recurrenceSurgery: boolean;
  recurrenceRfa: boolean;
  recurrenceImatinib: boolean;
  /** At last contact. */
  status: Status;
  /** Months from the hepatic resection to death or last contact. */
  followupMonth: number;
}

export interface TableProblem {
  line: number;
  column: number;
  problem: string;
  value: string;
}

export class PatientTableError extends Error {
  readonly fileName: string;
  readonly problems: TableProblem[];
  constructor(fileName: string, problems: TableProblem[]) {
    const lines = problems.map((p) => formatProblem(fileName, p));
    super(`${fileName}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the patient table\n${lines.join("\n")}`);
    this.name = "PatientTableError";
    this.fileName = fileName;
    this.problems = problems;
  }
}

const MAX_SHOWN_VALUE = 80;

export function formatProblem(fileName: string, p: TableProblem): string {
  const value = p.value.length > MAX_SHOWN_VALUE ? p.value.slice(0, MAX_SHOWN_VALUE) + "…" : p.value;
  // JSON.stringify quotes the value and escapes quotes, backslashes and line breaks inside it.
  return `${fileName}:${p.line}:${p.column} ${p.problem} (got ${JSON.stringify(value)})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokenizer

interface CsvRecord {
  /** Line where the record starts. */
  line: number;
  cells: string[];
  /** Line where each cell starts, only when a quoted cell spanned lines (else every cell is on `line`). */
  cellLines: number[] | null;
  /** True for a line holding nothing but spaces. */
  blank: boolean;
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const QUOTE_NEVER_CLOSED = "quoted cell is never closed";

/** Reads one record at a time, so that rows are validated while they are young (cheap for the garbage collector). */
class CsvReader {
  private i = 0;
  private line = 1;
  private done = false;
  constructor(
    private readonly text: string,
    private readonly problems: TableProblem[],
  ) {}

  /** The next record, or null at the end of the text or after a quote that is never closed. */
  next(): CsvRecord | null {
    const {text, problems} = this;
    const n = text.length;
    let i = this.i;
    let line = this.line;
    if (this.done || i >= n) return null;
    // Fast path: a line without quotes or stray carriage returns is split on commas.
    let eol = text.indexOf("\n", i);
    if (eol < 0) eol = n;
    const end = eol > i && text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
    const lineText = text.slice(i, end);
    if (lineText.indexOf('"') < 0 && lineText.indexOf("\r") < 0) {
      const cells = lineText.split(",");
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (cell.charCodeAt(0) === SPACE || cell.charCodeAt(cell.length - 1) === SPACE) cells[c] = trimSpaces(cell);
      }
      this.line = line + 1;
      this.i = eol + 1;
      return {line, cells, cellLines: null, blank: cells.length === 1 && cells[0] === ""};
    }
    // Otherwise the general reader, one cell at a time (quoted cells may span lines).
    const record: CsvRecord = {line, cells: [], cellLines: null, blank: false};
    const recordStart = i;
    for (;;) {
      const column = record.cells.length + 1;
      const cellLine = line;
      let j = i;
      while (j < n && text.charCodeAt(j) === SPACE) j++;
      let cell: string;
      if (j < n && text.charCodeAt(j) === QUOTE) {
        // Quoted cell: up to the next quote not doubled.
        const open = j;
        let k = j + 1;
        let value = "";
        let segment = k;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0) {
            problems.push({line: cellLine, column, problem: QUOTE_NEVER_CLOSED, value: text.slice(open, open + 40)});
            this.done = true; // nothing after an open quote can be read reliably
            return null;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(segment, q + 1);
            k = q + 2;
            segment = k;
            continue;
          }
          value += text.slice(segment, q);
          k = q + 1;
          break;
        }
        for (let p = open; p < k; p++) if (text.charCodeAt(p) === LF) line++;
        if (line !== cellLine) {
          record.cellLines ??= record.cells.map(() => record.line);
        }
        while (k < n && text.charCodeAt(k) === SPACE) k++;
        if (k < n) {
          const c = text.charCodeAt(k);
          if (c !== COMMA && c !== LF && c !== CR) {
            let e = k;
            while (e < n && !isBreak(text.charCodeAt(e))) e++;
            problems.push({line: cellLine, column, problem: "text after the closing quote of a quoted cell", value: text.slice(open, e)});
            k = e;
          }
        }
        cell = value;
        i = k;
      } else {
        let e = j;
        while (e < n && !isBreak(text.charCodeAt(e))) e++;
        let end = e;
        while (end > j && text.charCodeAt(end - 1) === SPACE) end--;
        cell = text.slice(j, end);
        if (cell.includes('"')) {
          problems.push({line, column, problem: "quote inside an unquoted cell (quote the whole cell and double inner quotes)", value: cell});
        }
        i = e;
      }
      record.cells.push(cell);
      if (record.cellLines) record.cellLines.push(cellLine);
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      // End of the record: LF, CRLF, end of text, or a stray CR.
      if (i < n && text.charCodeAt(i) === CR) {
        if (text.charCodeAt(i + 1) === LF) i += 2;
        else {
          problems.push({line, column, problem: "carriage return not followed by a line feed (only LF and CRLF line ends are accepted)", value: "\r"});
          i += 1;
        }
        line++;
      } else if (i < n && text.charCodeAt(i) === LF) {
        i++;
        line++;
      }
      break;
    }
    if (record.cells.length === 1 && record.cells[0] === "" && !/"/.test(text.slice(recordStart, i))) record.blank = true;
    this.i = i;
    this.line = line;
    return record;
  }
}

function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === SPACE) a++;
  while (b > a && s.charCodeAt(b - 1) === SPACE) b--;
  return s.slice(a, b);
}

function isBreak(c: number): boolean {
  return c === COMMA || c === LF || c === CR;
}

// ---------------------------------------------------------------------------------------------------------------
// Cell rules

const PLAIN_DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const NEGATIVE_DECIMAL = /^-[0-9]+(\.[0-9]+)?$/;
const NON_FINITE = /^[+-]?(inf|infinity|nan)$/i;

/** A cell rule: `parse` gives the value, or undefined when the text is invalid; `problem` then says why. The
 * split keeps the valid path free of allocations (the benchmark parses 100,000 rows). */
interface CellRule<T> {
  parse(s: string): T | undefined;
  problem(column: string, s: string): string;
}

const monthOrAge: CellRule<number> = {
  parse(s) {
    if (!PLAIN_DECIMAL.test(s)) return undefined;
    const v = Number(s);
    return Number.isFinite(v) ? v : undefined;
  },
  problem(column, s) {
    if (PLAIN_DECIMAL.test(s)) return `${column} is not finite`; // digits beyond the largest double
    if (NEGATIVE_DECIMAL.test(s)) return `${column} is negative`;
    if (NON_FINITE.test(s)) return `${column} is not finite`;
    return `${column} is not a plain decimal number (digits, optionally a point and more digits)`;
  },
};

const yesNo: CellRule<boolean> = {
  parse: (s) => (s === "yes" ? true : s === "no" ? false : undefined),
  problem: (column) => `${column} must be yes or no`,
};

function oneOf<T extends string>(allowed: readonly T[]): CellRule<T> {
  return {
    parse: (s) => ((allowed as readonly string[]).includes(s) ? (s as T) : undefined),
    problem: (column) => `unknown ${column}, expected one of ${allowed.join(", ")}`,
  };
}
const primarySiteRule = oneOf(PRIMARY_SITES);
const surgeryRule = oneOf(SURGERY_INTENTS);
const statusRule = oneOf(STATUSES);

/** Reads the cells of one row by column name and reports problems at their line and column. */
class RowReader {
  row: CsvRecord = {line: 0, cells: [], cellLines: null, blank: false};
  /** 0-based field index of each column, -1 when the header lacks it. */
  private readonly index: Record<Column, number>;
  constructor(
    position: Map<Column, number>,
    private readonly problems: TableProblem[],
  ) {
    this.index = Object.fromEntries(COLUMNS.map((c) => [c, position.get(c) ?? -1])) as Record<Column, number>;
  }
  /** The cell's text, or undefined when the column is missing from the header. */
  cell(name: Column): string | undefined {
    const i = this.index[name];
    return i < 0 ? undefined : this.row.cells[i];
  }
  line(name: Column): number {
    return this.row.cellLines?.[this.index[name]] ?? this.row.line;
  }
  report(name: Column, problem: string): void {
    const i = this.index[name];
    this.problems.push({line: this.line(name), column: i + 1, problem, value: this.row.cells[i]});
  }
  /** A required cell read with its rule; undefined when the column is missing or the value invalid (reported). */
  required<T>(name: Column, rule: CellRule<T>): T | undefined {
    const s = this.cell(name);
    if (s === undefined) return undefined;
    if (s === "") {
      this.report(name, `${name} is empty; a value is required`);
      return undefined;
    }
    const v = rule.parse(s);
    if (v === undefined) this.report(name, rule.problem(name, s));
    return v;
  }
}

const treatmentWithoutRecurrence = (name: Column) => `${name} is yes but there is no recurrence (recurrence_month is empty)`;

// ---------------------------------------------------------------------------------------------------------------

/**
 * Parses and validates the patient table. Throws a PatientTableError listing every problem; returns the patients in
 * file order otherwise.
 */
export function parsePatients(text: string, fileName = "patients.csv"): Patient[] {
  const problems: TableProblem[] = [];
  const fail = (): never => {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new PatientTableError(fileName, problems);
  };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/^[\s]*$/.test(text)) {
    problems.push({line: 1, column: 1, problem: "empty file: expected a header line and patient rows", value: text});
    fail();
  }
  const reader = new CsvReader(text, problems);
  const header = reader.next();
  if (header === null) return fail(); // a quote in the header never closed

  // Header: every column once, nothing else.
  const position = new Map<Column, number>(); // column -> 0-based field index
  header.cells.forEach((name, index) => {
    const column = index + 1;
    const line = header.cellLines?.[index] ?? header.line;
    if (!(COLUMNS as readonly string[]).includes(name)) {
      problems.push({line, column, problem: `unknown column, expected the columns ${COLUMNS.join(", ")}`, value: name});
    } else if (position.has(name as Column)) {
      problems.push({line, column, problem: `extra column: ${name} is already column ${position.get(name as Column)! + 1}`, value: name});
    } else {
      position.set(name as Column, index);
    }
  });
  for (const name of COLUMNS) {
    if (!position.has(name)) {
      problems.push({line: header.line, column: header.cells.length + 1, problem: `missing column ${name}`, value: ""});
    }
  }

  const patients: Patient[] = [];
  const cells = new RowReader(position, problems);
  const idLines = new Map<string, number>();
  const width = header.cells.length;
  let rowCount = 0;
  for (let row = reader.next(); row !== null; row = reader.next()) {
    rowCount++;
    if (row.blank) {
      problems.push({line: row.line, column: 1, problem: "blank line", value: ""});
      continue;
    }
    if (row.cells.length > width) {
      problems.push({
        line: row.cellLines?.[width] ?? row.line,
        column: width + 1,
        problem: `too many fields: ${row.cells.length}, the header has ${width}`,
        value: row.cells.slice(width).join(","),
      });
      continue;
    }
    if (row.cells.length < width) {
      problems.push({
        line: row.cellLines?.[row.cells.length - 1] ?? row.line,
        column: row.cells.length + 1,
        problem: `too few fields: ${row.cells.length}, the header has ${width}`,
        value: "",
      });
      continue;
    }
    const before = problems.length;
    // No function is created inside this loop: tsx wraps each in a naming helper, which costs more than the parse.
    cells.row = row;

    const id = cells.cell("id");
    if (id !== undefined) {
      if (id === "") cells.report("id", "id is empty; a value is required");
      else if (idLines.has(id)) cells.report("id", `duplicate id: already on line ${idLines.get(id)}`);
      else idLines.set(id, cells.line("id"));
    }
    const age = cells.required("age", monthOrAge);
    const primarySite = cells.required("primary_site", primarySiteRule);
    const surgery = cells.required("surgery", surgeryRule);
    const complication = cells.required("complication", yesNo);
    const postoperativeDeath = cells.required("postoperative_death", yesNo);
    const recurrenceSurgery = cells.required("recurrence_surgery", yesNo);
    const recurrenceRfa = cells.required("recurrence_rfa", yesNo);
    const recurrenceImatinib = cells.required("recurrence_imatinib", yesNo);
    const recurrenceCell = cells.cell("recurrence_month");
    let recurrenceMonth: number | null | undefined;
    if (recurrenceCell === "") recurrenceMonth = null;
    else if (recurrenceCell !== undefined) recurrenceMonth = cells.required("recurrence_month", monthOrAge);
    const status = cells.required("status", statusRule);
    const followupMonth = cells.required("followup_month", monthOrAge);

    // Rules across cells, checked when the cells they read are valid.
    if (typeof recurrenceMonth === "number" && followupMonth !== undefined && recurrenceMonth > followupMonth) {
      cells.report("recurrence_month", `recurrence_month is after the last contact (followup_month ${cells.cell("followup_month")})`);
    }
    if (postoperativeDeath === true && status !== undefined && status !== "dead") {
      cells.report("status", "status must be dead for a postoperative death (postoperative_death is yes)");
    }
    if (recurrenceMonth === null) {
      if (recurrenceSurgery === true) cells.report("recurrence_surgery", treatmentWithoutRecurrence("recurrence_surgery"));
      if (recurrenceRfa === true) cells.report("recurrence_rfa", treatmentWithoutRecurrence("recurrence_rfa"));
      if (recurrenceImatinib === true) cells.report("recurrence_imatinib", treatmentWithoutRecurrence("recurrence_imatinib"));
    }
    if (
      typeof recurrenceMonth === "number" &&
      status === "alive_disease_free" &&
      recurrenceSurgery === false &&
      recurrenceRfa === false &&
      recurrenceImatinib === false
    ) {
      cells.report("status", "status is alive_disease_free after a recurrence with no treatment (surgery, RFA and imatinib all no)");
    }

    if (problems.length === before && position.size === COLUMNS.length) {
      patients.push({
        id: id!,
        age: age!,
        primarySite: primarySite!,
        surgery: surgery!,
        complication: complication!,
        postoperativeDeath: postoperativeDeath!,
        recurrenceMonth: recurrenceMonth!,
        recurrenceSurgery: recurrenceSurgery!,
        recurrenceRfa: recurrenceRfa!,
        recurrenceImatinib: recurrenceImatinib!,
        status: status!,
        followupMonth: followupMonth!,
      });
    }
  }
  if (rowCount === 0 && !problems.some((p) => p.problem === QUOTE_NEVER_CLOSED)) {
    problems.push({line: header.line + 1, column: 1, problem: "no patients: the file has a header and no rows", value: ""});
  }
  if (problems.length > 0) fail();
  return patients;
}

// ---------------------------------------------------------------------------------------------------------------
// Analysis table

/**
 * How the disease-free analysis treats a postoperative death without recurrence:
 * - "event": an event at the month of death (disease-free survival: recurrence or death, whichever first). The
 *   abstract's 30% and 10% need this reading (see data/README.md).
 * - "censored": censored at the month of death (time to recurrence).
 * - "excluded": the patient is left out of the disease-free analysis (dfsMonths and dfsEvent null).
 * Deaths that are not postoperative are events under every option.
 */
export type PostoperativeDeathRule = "event" | "censored" | "excluded";
export const POSTOPERATIVE_DEATH_RULES: readonly PostoperativeDeathRule[] = ["event", "censored", "excluded"];
export const DEFAULT_POSTOPERATIVE_DEATH: PostoperativeDeathRule = "event";

export interface AnalysisOptions {
  postoperativeDeath?: PostoperativeDeathRule;
}

/** The landmark that splits early from late recurrence, in months from the hepatic resection. */
export const GROUP_LANDMARK_MONTHS = 24;
/** A recurrence at or before month 24. */
export const EARLY_RECURRENCE = "recurrence within 24 months";
/** No recurrence at or before month 24, and known to be free of recurrence at month 24 (a recurrence after 24, or
 * last contact or death without recurrence at month 24 or later). */
export const DISEASE_FREE_24_MONTHS = "disease-free for 24 months or more";
/** Neither: no recurrence, and death or last contact before month 24. */
export const NEITHER_GROUP = "neither";
export const RECURRENCE_GROUPS = [EARLY_RECURRENCE, DISEASE_FREE_24_MONTHS, NEITHER_GROUP] as const;
export type RecurrenceGroup = (typeof RECURRENCE_GROUPS)[number];

export interface AnalysisRow {
  id: string;
  age: number;
  primarySite: PrimarySite;
  complication: boolean;
  postoperativeDeath: boolean;
  recurrenceMonth: number | null;
  /** Overall survival: months to death or last contact, and 1 for a death. */
  osMonths: number;
  osEvent: 0 | 1;
  /** Disease-free survival: the recurrence month, else the follow-up month; null when excluded by the option. */
  dfsMonths: number | null;
  /** 1 for a recurrence or a death counted as an event under the option, 0 for a censoring, null when excluded. */
  dfsEvent: 0 | 1 | null;
  group: RecurrenceGroup;
  /** Why the patient is in that group, e.g. "censored before 24 months (disease-free at last contact, month 3)". */
  groupReason: string;
}

/** One row per patient operated with curative intent, in input order. */
export function analysisTable(patients: readonly Patient[], options: AnalysisOptions = {}): AnalysisRow[] {
  const rule = options.postoperativeDeath ?? DEFAULT_POSTOPERATIVE_DEATH;
  if (!POSTOPERATIVE_DEATH_RULES.includes(rule)) {
    throw new Error(`analysisTable: postoperativeDeath must be one of ${POSTOPERATIVE_DEATH_RULES.join(", ")} (got "${String(rule)}")`);
  }
  const rows: AnalysisRow[] = [];
  for (const p of patients) {
    if (p.surgery !== "curative") continue;
    const dead = p.status === "dead";
    let dfsMonths: number | null;
    let dfsEvent: 0 | 1 | null;
    if (p.recurrenceMonth !== null) {
      dfsMonths = p.recurrenceMonth;
      dfsEvent = 1;
    } else if (dead && p.postoperativeDeath && rule !== "event") {
      dfsMonths = rule === "censored" ? p.followupMonth : null;
      dfsEvent = rule === "censored" ? 0 : null;
    } else {
      dfsMonths = p.followupMonth;
      dfsEvent = dead ? 1 : 0;
    }
    const {group, reason} = recurrenceGroup(p);
    rows.push({
      id: p.id,
      age: p.age,
      primarySite: p.primarySite,
      complication: p.complication,
      postoperativeDeath: p.postoperativeDeath,
      recurrenceMonth: p.recurrenceMonth,
      osMonths: p.followupMonth,
      osEvent: dead ? 1 : 0,
      dfsMonths,
      dfsEvent,
      group,
      groupReason: reason,
    });
  }
  return rows;
}

/** The early/late recurrence group of a patient and the reason, by the rule documented on the group constants. */
export function recurrenceGroup(p: Patient): {group: RecurrenceGroup; reason: string} {
  const L = GROUP_LANDMARK_MONTHS;
  const r = p.recurrenceMonth;
  const f = p.followupMonth;
  if (r !== null && r <= L) return {group: EARLY_RECURRENCE, reason: `recurrence at month ${r} (at or before month ${L})`};
  if (r !== null) return {group: DISEASE_FREE_24_MONTHS, reason: `recurrence at month ${r} (after month ${L})`};
  if (f >= L) {
    const end = p.status === "dead" ? "death" : "last contact";
    return {group: DISEASE_FREE_24_MONTHS, reason: `no recurrence, ${end} at month ${f} (month ${L} or later)`};
  }
  if (p.postoperativeDeath) return {group: NEITHER_GROUP, reason: `postoperative death at month ${f}, no recurrence`};
  if (p.status === "dead") return {group: NEITHER_GROUP, reason: `death without recurrence before ${L} months (month ${f})`};
  return {group: NEITHER_GROUP, reason: `censored before ${L} months (disease-free at last contact, month ${f})`};
}

/** The overall-survival columns as arrays, for kaplanMeier. */
export function osData(rows: readonly AnalysisRow[]): {time: number[]; event: number[]} {
  return {time: rows.map((r) => r.osMonths), event: rows.map((r) => r.osEvent)};
}

/** The disease-free columns as arrays for kaplanMeier, leaving out rows excluded by the option. */
export function dfsData(rows: readonly AnalysisRow[]): {time: number[]; event: number[]} {
  const kept = rows.filter((r) => r.dfsMonths !== null);
  return {time: kept.map((r) => r.dfsMonths as number), event: kept.map((r) => r.dfsEvent as number)};
}
