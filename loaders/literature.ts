// Published series of liver resection for GIST metastases (data/literature.csv): a strict parser and the
// summary the context page plots (one endpoint per series with a Wilson interval).
//
// The CSV is RFC 4180: comma-separated, fields containing commas, quotes or line breaks enclosed in double
// quotes, a quote inside a quoted field doubled. LF or CRLF line ends; a final line end is optional.
// Columns are documented in data/literature.md. Pure: no I/O, no DOM, no node: imports.

import {wilsonIntervalFromProportion} from "./wilson-interval.js";

/** The exact column set of data/literature.csv (in the order the file uses). */
export const LITERATURE_COLUMNS = [
  "series",
  "year",
  "centre",
  "n_resected",
  "n_note",
  "period",
  "median_followup_months",
  "os",
  "os_5y_percent",
  "os_3y_percent",
  "dfs",
  "tki",
  "source_url",
  "source_note"
] as const;
export type LiteratureColumn = (typeof LITERATURE_COLUMNS)[number];

/** One validated row of data/literature.csv. Text fields are as written; empty optional fields are "" or null. */
export interface LiteratureRow {
  series: string;
  year: number;
  centre: string;
  nResected: number;
  nNote: string;
  period: string;
  medianFollowupMonths: number | null;
  os: string;
  os5yPercent: number | null;
  os3yPercent: number | null;
  dfs: string;
  tki: string;
  sourceUrl: string;
  sourceNote: string;
}

/** The PubMed record of the paper this project reproduces; the row citing it is the Leeds series. */
export const LEEDS_SOURCE_URL = "https://pubmed.ncbi.nlm.nih.gov/18333115/";

/** How the summary's intervals are made (for the page's method note). */
export const LITERATURE_INTERVAL_METHOD =
  "Wilson score interval without continuity correction (as R's prop.test(x, n, correct = FALSE)), " +
  "with x = n × reported percentage / 100, which may be fractional. An approximation from a published " +
  "summary, not a reanalysis: it ignores censoring and the actuarial (Kaplan–Meier) nature of the estimates.";

interface Cell {
  value: string;
  line: number;
  column: number;
}

interface RecordCells {
  line: number;
  cells: Cell[];
}

/** Collected problems, reported in file order (line, then column, then order found). */
class Problems {
  private readonly entries: Array<{line: number; column: number; text: string}> = [];
  constructor(private readonly fileName: string) {}
  add(line: number, column: number, problem: string, got: string): void {
    this.entries.push({line, column, text: `${this.fileName}:${line}:${column} ${problem} (got ${JSON.stringify(got)})`});
  }
  get count(): number {
    return this.entries.length;
  }
  /** Throws one Error listing every problem, if there is any. */
  throwIfAny(): void {
    if (this.entries.length === 0) return;
    const sorted = this.entries.map((e, k) => ({...e, k})).sort((a, b) => a.line - b.line || a.column - b.column || a.k - b.k);
    throw new Error(sorted.map((e) => e.text).join("\n"));
  }
}

/**
 * Splits RFC 4180 text into records of cells, each with the line and (1-based) field number where it starts.
 * Structural faults (unterminated quotes, stray quotes, text after a closing quote, blank lines) are reported.
 */
function tokenize(text: string, problems: Problems): RecordCells[] {
  const records: RecordCells[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const atLineEnd = (k: number) => text[k] === "\n" || text[k] === "\r";
  const skipLineEnd = () => {
    if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
    else i += 1;
    line += 1;
  };
  while (i < n) {
    const record: RecordCells = {line, cells: []};
    // A line with nothing on it: allowed only as the file's final line end(s).
    if (atLineEnd(i)) {
      let k = i;
      while (k < n && atLineEnd(k)) k++;
      if (k < n) problems.add(line, 1, "blank line", "");
      skipLineEnd();
      continue;
    }
    for (;;) {
      const cell: Cell = {value: "", line, column: record.cells.length + 1};
      if (text[i] === '"') {
        const startLine = line;
        i++;
        let value = "";
        let closed = false;
        while (i < n) {
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line += 1;
          value += ch;
          i++;
        }
        cell.value = value;
        if (!closed) {
          problems.add(startLine, cell.column, "unterminated quoted field", value);
        } else if (i < n && text[i] !== "," && !atLineEnd(i)) {
          let rest = "";
          while (i < n && text[i] !== "," && !atLineEnd(i)) rest += text[i++];
          problems.add(line, cell.column, "text after the closing quote of a quoted field", rest);
        }
      } else {
        let value = "";
        while (i < n && text[i] !== "," && !atLineEnd(i)) value += text[i++];
        cell.value = value;
        if (value.includes('"')) problems.add(line, cell.column, "quote in an unquoted field", value);
      }
      record.cells.push(cell);
      if (i < n && text[i] === ",") {
        i++;
        continue;
      }
      if (i < n) skipLineEnd();
      break;
    }
    records.push(record);
  }
  return records;
}

const POSITIVE_INTEGER = /^[1-9][0-9]*$/;
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const YEAR = /^[0-9]{4}$/;
const PERIOD = /^([0-9]{4})[–-]([0-9]{4})$/;
const URL = /^https:\/\/[^\s"<>]+$/;

/**
 * Parses and validates data/literature.csv. Line 1 is the header and must hold exactly the columns of
 * LITERATURE_COLUMNS (any order). Every value is checked; all problems are collected and thrown as one Error,
 * one per line, each `<fileName>:<line>:<column> <problem> (got "<value>")` (column = 1-based field number).
 */
export function parseLiterature(text: string, fileName = "literature.csv"): LiteratureRow[] {
  const problems = new Problems(fileName);
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records = tokenize(body, problems);
  if (records.length === 0) {
    problems.add(1, 1, "empty file: no header", "");
    problems.throwIfAny();
  }

  // Header.
  const header = records[0];
  const position = new Map<string, number>();
  const expected = new Set<string>(LITERATURE_COLUMNS);
  for (const cell of header.cells) {
    if (!expected.has(cell.value)) problems.add(cell.line, cell.column, "unknown column", cell.value);
    else if (position.has(cell.value)) problems.add(cell.line, cell.column, "duplicate column", cell.value);
    else position.set(cell.value, cell.column - 1);
  }
  const headerText = header.cells.map((c) => c.value).join(",");
  for (const name of LITERATURE_COLUMNS) {
    if (!position.has(name)) problems.add(header.line, header.cells.length + 1, `missing column "${name}"`, headerText);
  }
  if (records.length === 1) problems.add(header.line + 1, 1, "no data rows", "");

  const rows: LiteratureRow[] = [];
  const seenSeries = new Map<string, number>();
  const width = header.cells.length;
  for (const record of records.slice(1)) {
    const found = record.cells.length;
    if (found !== width) {
      // Point at the first missing field (got "") or the first extra one (got its value).
      const column = found < width ? found + 1 : width + 1;
      problems.add(record.line, column, `expected ${width} fields, found ${found}`, found < width ? "" : record.cells[width].value);
      continue;
    }
    const before = problems.count;
    const cellOf = (name: LiteratureColumn): Cell | undefined => {
      const k = position.get(name);
      return k === undefined ? undefined : record.cells[k];
    };
    const fail = (name: LiteratureColumn, cell: Cell, problem: string) => problems.add(cell.line, cell.column, `${name} ${problem}`, cell.value);
    /** A text field: no leading or trailing white space; non-empty when required. */
    const text = (name: LiteratureColumn, required: boolean): string => {
      const cell = cellOf(name);
      if (!cell) return "";
      if (cell.value !== cell.value.trim()) fail(name, cell, "has leading or trailing white space");
      else if (required && cell.value === "") fail(name, cell, "must not be empty");
      return cell.value;
    };
    /** A number field matching `valid`; empty gives null when optional and a problem when required. */
    const number = (name: LiteratureColumn, required: boolean, valid: (v: string) => boolean, problem: string): number | null => {
      const cell = cellOf(name);
      if (!cell) return null;
      if (cell.value === "" && !required) return null;
      if (!valid(cell.value)) {
        fail(name, cell, problem);
        return null;
      }
      return Number(cell.value);
    };
    const percent = (name: LiteratureColumn) =>
      number(name, false, (v) => DECIMAL.test(v) && Number(v) <= 100, "must be a percentage in [0, 100] or empty");

    const series = text("series", true);
    const seriesCell = cellOf("series");
    if (seriesCell && series !== "" && series === series.trim()) {
      const first = seenSeries.get(series);
      if (first !== undefined) fail("series", seriesCell, `repeats the series of line ${first}`);
      else seenSeries.set(series, record.line);
    }
    const year = number(
      "year",
      true,
      (v) => YEAR.test(v) && Number(v) >= 1900 && Number(v) <= 2100,
      "must be a four-digit year from 1900 to 2100"
    );
    const centre = text("centre", false);
    const nResected = number("n_resected", true, (v) => POSITIVE_INTEGER.test(v), "must be a positive integer");
    const nNote = text("n_note", false);
    const period = text("period", false);
    const periodCell = cellOf("period");
    if (periodCell && period !== "" && period === period.trim()) {
      const m = PERIOD.exec(period);
      if (!m || Number(m[1]) > Number(m[2])) fail("period", periodCell, "must be empty or two years, first <= second, as 1993–2005");
    }
    const medianFollowupMonths = number(
      "median_followup_months",
      false,
      (v) => DECIMAL.test(v) && Number(v) > 0,
      "must be a positive number of months or empty"
    );
    const os = text("os", true);
    const os5yPercent = percent("os_5y_percent");
    const os3yPercent = percent("os_3y_percent");
    const dfs = text("dfs", false);
    const tki = text("tki", false);
    const sourceUrl = text("source_url", true);
    const urlCell = cellOf("source_url");
    if (urlCell && sourceUrl !== "" && sourceUrl === sourceUrl.trim() && !URL.test(sourceUrl)) {
      fail("source_url", urlCell, "must be a URL starting with https://");
    }
    const sourceNote = text("source_note", true);
    if (problems.count === before && year !== null && nResected !== null) {
      rows.push({
        series,
        year,
        centre,
        nResected,
        nNote,
        period,
        medianFollowupMonths,
        os,
        os5yPercent,
        os3yPercent,
        dfs,
        tki,
        sourceUrl,
        sourceNote
      });
    }
  }
  problems.throwIfAny();
  return rows;
}

/** One series as the context page plots it. Percentages are in percent units (0–100). */
export interface LiteratureSummaryRow {
  series: string;
  year: number;
  nResected: number;
  /** 5 when the series reports 5-year OS, else 3 when it reports 3-year OS, else null (not plotted). */
  timepoint: 5 | 3 | null;
  /** The reported OS at `timepoint`, in percent. */
  osPercent: number | null;
  /** Wilson interval limits for osPercent of nResected, in percent. */
  ciLowerPercent: number | null;
  ciUpperPercent: number | null;
  /** The series is the Leeds series this project reproduces (its source is PubMed 18333115). */
  isLeeds: boolean;
  sourceUrl: string;
}

/**
 * Per series, the plotted endpoint: 5-year OS, else 3-year OS (timepoint 3), with its Wilson interval from
 * n and the reported percentage (see LITERATURE_INTERVAL_METHOD), and whether it is the Leeds series.
 * Ordered by year, then series name.
 */
export function literatureSummary(rows: readonly LiteratureRow[], confLevel = 0.95): LiteratureSummaryRow[] {
  return rows
    .map((row): LiteratureSummaryRow => {
      const timepoint = row.os5yPercent !== null ? 5 : row.os3yPercent !== null ? 3 : null;
      const osPercent = timepoint === 5 ? row.os5yPercent : timepoint === 3 ? row.os3yPercent : null;
      const ci = osPercent === null ? null : wilsonIntervalFromProportion(osPercent / 100, row.nResected, confLevel);
      return {
        series: row.series,
        year: row.year,
        nResected: row.nResected,
        timepoint,
        osPercent,
        ciLowerPercent: ci ? 100 * ci.lower : null,
        ciUpperPercent: ci ? 100 * ci.upper : null,
        isLeeds: row.sourceUrl === LEEDS_SOURCE_URL,
        sourceUrl: row.sourceUrl
      };
    })
    .sort((a, b) => a.year - b.year || (a.series < b.series ? -1 : a.series > b.series ? 1 : 0));
}
