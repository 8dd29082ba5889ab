// Tests of loaders/literature.ts: the strict parser of data/literature.csv and the plotted summary.
//
// Provenance of expected values:
// - Values of the real file are the published figures recorded in data/literature.csv (sources per row in
//   data/literature.md): Leeds from PubMed 18333115, Turley from PubMed 22086856.
// - Interval limits: "by hand" = the Wilson closed form (see loaders/wilson-interval.ts) evaluated step by step
//   with 30-digit arithmetic (Python mpmath, z = sqrt(2) * erfinv(0.95) = 1.959963984540054); "R 4.2.2" =
//   prop.test(p * n, n, correct = FALSE)$conf.int printed with options(digits = 17) by R 4.2.2 Patched.
import {describe, test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {
  LEEDS_SOURCE_URL,
  LITERATURE_COLUMNS,
  literatureSummary,
  parseLiterature,
  type LiteratureRow
} from "../loaders/literature.js";

const realText = readFileSync(new URL("../data/literature.csv", import.meta.url), "utf8");
const HEADER = LITERATURE_COLUMNS.join(",");

/** A valid data line, with some fields replaced (values written verbatim: quote them yourself). */
function line(overrides: Partial<Record<(typeof LITERATURE_COLUMNS)[number], string>> = {}): string {
  const base: Record<string, string> = {
    series: "Example 2010",
    year: "2010",
    centre: "Somewhere",
    n_resected: "20",
    n_note: "20 resected",
    period: "2000–2009",
    median_followup_months: "30",
    os: "5y 50%",
    os_5y_percent: "50",
    os_3y_percent: "",
    dfs: "",
    tki: "",
    source_url: "https://example.org/paper",
    source_note: "abstract"
  };
  return LITERATURE_COLUMNS.map((c) => overrides[c] ?? base[c]).join(",");
}

function problemsOf(text: string, fileName?: string): string[] {
  try {
    parseLiterature(text, fileName);
  } catch (e) {
    return (e as Error).message.split("\n");
  }
  assert.fail("expected parseLiterature to throw");
}

function near(actual: number | null, expected: number, tolerance: number, what: string): void {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${what}: got ${actual}, expected ${expected}`);
}

describe("parseLiterature: rejects malformed input", () => {
  test("header: unknown, duplicate and missing columns", () => {
    const header = HEADER.replace("centre", "center").replace("dfs", "os");
    assert.deepEqual(problemsOf(`${header}\n${line()}\n`, "data/literature.csv"), [
      "data/literature.csv:1:3 unknown column (got \"center\")",
      "data/literature.csv:1:11 duplicate column (got \"os\")",
      `data/literature.csv:1:15 missing column "centre" (got ${JSON.stringify(header)})`,
      `data/literature.csv:1:15 missing column "dfs" (got ${JSON.stringify(header)})`
    ]);
  });

  test("every value problem, each at its line and column, in one Error", () => {
    const text = [
      HEADER,
      line({year: "20x1", n_resected: "0"}), // line 2
      line({series: "B", n_resected: "12.5", os_5y_percent: "101", os_3y_percent: "-4"}), // line 3
      line({series: "C", period: "2009–2000", median_followup_months: "0", os: ""}), // line 4
      line({series: "D", source_url: "http://example.org", source_note: ""}), // line 5
      line({series: "E", year: "", n_resected: "", period: "2000 to 2009", centre: " padded"}), // line 6
      line({series: "B"}) // line 7: repeats line 3
    ].join("\n");
    assert.deepEqual(problemsOf(text), [
      'literature.csv:2:2 year must be a four-digit year from 1900 to 2100 (got "20x1")',
      'literature.csv:2:4 n_resected must be a positive integer (got "0")',
      'literature.csv:3:4 n_resected must be a positive integer (got "12.5")',
      'literature.csv:3:9 os_5y_percent must be a percentage in [0, 100] or empty (got "101")',
      'literature.csv:3:10 os_3y_percent must be a percentage in [0, 100] or empty (got "-4")',
      'literature.csv:4:6 period must be empty or two years, first <= second, as 1993–2005 (got "2009–2000")',
      'literature.csv:4:7 median_followup_months must be a positive number of months or empty (got "0")',
      'literature.csv:4:8 os must not be empty (got "")',
      'literature.csv:5:13 source_url must be a URL starting with https:// (got "http://example.org")',
      'literature.csv:5:14 source_note must not be empty (got "")',
      'literature.csv:6:2 year must be a four-digit year from 1900 to 2100 (got "")',
      'literature.csv:6:3 centre has leading or trailing white space (got " padded")',
      'literature.csv:6:4 n_resected must be a positive integer (got "")',
      'literature.csv:6:6 period must be empty or two years, first <= second, as 1993–2005 (got "2000 to 2009")',
      'literature.csv:7:1 series repeats the series of line 3 (got "B")'
    ]);
  });

  test("CSV structure: field counts, stray and unterminated quotes, blank lines", () => {
    const text = [
      HEADER,
      line().split(",").slice(0, 12).join(","), // line 2: 12 fields
      line() + ",extra", // line 3: 15 fields
      line({series: "D", centre: 'Say "hi"'}), // line 4: quote in an unquoted field
      line({series: "E", centre: '"Leeds" UK'}), // line 5: text after the closing quote
      "", // line 6: blank line inside the file
      line({series: "F"}), // line 7: fine
      line({series: "G", source_note: '"never closed'}) // line 8: unterminated quote
    ].join("\n");
    assert.deepEqual(problemsOf(text), [
      'literature.csv:2:13 expected 14 fields, found 12 (got "")',
      'literature.csv:3:15 expected 14 fields, found 15 (got "extra")',
      'literature.csv:4:3 quote in an unquoted field (got "Say \\"hi\\"")',
      'literature.csv:5:3 text after the closing quote of a quoted field (got " UK")',
      'literature.csv:6:1 blank line (got "")',
      'literature.csv:8:14 unterminated quoted field (got "never closed")'
    ]);
  });

  test("line numbers count the line breaks inside quoted fields", () => {
    const text = [HEADER, line({series: "A", n_note: '"two\nlines"'}), line({series: "B", year: "1899"})].join("\n");
    // Record B starts on line 4 because record A spans lines 2-3.
    assert.deepEqual(problemsOf(text), ['literature.csv:4:2 year must be a four-digit year from 1900 to 2100 (got "1899")']);
  });

  test("empty file and header without rows", () => {
    assert.deepEqual(problemsOf(""), ['literature.csv:1:1 empty file: no header (got "")']);
    assert.deepEqual(problemsOf(HEADER + "\n"), ['literature.csv:2:1 no data rows (got "")']);
  });
});

describe("parseLiterature: accepts well-formed input", () => {
  test("RFC 4180 quoting, CRLF line ends, a byte-order mark and no final line end", () => {
    const text =
      "\uFEFF" +
      HEADER +
      "\r\n" +
      line({centre: '"Unit, ""A"" Trust"', n_note: '"two\r\nlines"', os_3y_percent: "62.5", os_5y_percent: ""});
    const [row] = parseLiterature(text);
    assert.equal(row.centre, 'Unit, "A" Trust');
    assert.equal(row.nNote, "two\r\nlines");
    assert.equal(row.os5yPercent, null);
    assert.equal(row.os3yPercent, 62.5);
    assert.equal(row.medianFollowupMonths, 30);
  });

  test("columns in another order", () => {
    const cols = [...LITERATURE_COLUMNS].reverse();
    const values = line().split(",").reverse();
    const [row] = parseLiterature(`${cols.join(",")}\n${values.join(",")}\n`);
    assert.equal(row.series, "Example 2010");
    assert.equal(row.nResected, 20);
  });

  test("the real data/literature.csv", () => {
    const rows = parseLiterature(realText, "data/literature.csv");
    assert.deepEqual(
      rows.map((r) => r.series),
      ["Leeds (this paper)", "DeMatteo 2001", "Nunobe 2005", "Turley 2012", "Brudvik 2015", "Seesing 2016", "Xue 2022"]
    );
    // Leeds, PubMed 18333115 abstract: n = 11 curative, 1993-2005, 2- and 5-year OS both 91%, follow-up 43 months.
    const leeds = rows[0];
    assert.equal(leeds.sourceUrl, LEEDS_SOURCE_URL);
    assert.deepEqual(
      [leeds.year, leeds.nResected, leeds.period, leeds.os5yPercent, leeds.os3yPercent, leeds.medianFollowupMonths],
      [2007, 11, "1993–2005", 91, null, 43]
    );
    // Turley, PubMed 22086856 abstract: n = 39, 1995-2010, 3-year OS 67.9%, no 5-year OS, median follow-up 39.7.
    const turley = rows[3];
    assert.deepEqual(
      [turley.year, turley.nResected, turley.period, turley.os5yPercent, turley.os3yPercent, turley.medianFollowupMonths],
      [2012, 39, "1995–2010", null, 67.9, 39.7]
    );
    assert.ok(rows.every((r) => r.sourceUrl.startsWith("https://") && r.sourceNote.length > 0));
  });
});

describe("literatureSummary", () => {
  const summary = literatureSummary(parseLiterature(realText));

  test("orders by year, flags only Leeds, uses 3-year OS only where 5-year is missing", () => {
    assert.deepEqual(
      summary.map((s) => [s.series, s.year, s.timepoint, s.isLeeds]),
      [
        ["DeMatteo 2001", 2001, 5, false],
        ["Nunobe 2005", 2005, 5, false],
        ["Leeds (this paper)", 2007, 5, true],
        ["Turley 2012", 2012, 3, false],
        ["Brudvik 2015", 2015, 5, false],
        ["Seesing 2016", 2016, 5, false],
        ["Xue 2022", 2022, 5, false]
      ]
    );
  });

  test("Leeds: 5-year OS 91% of 11, checked by hand", () => {
    // By hand: x = 0.91 * 11 = 10.01, z^2 / n = 3.841458820694126 / 11 = 0.349223529154011,
    // centre = (0.91 + 0.174611764577006) / 1.349223529154011 = 0.803878483543107,
    // half = z * sqrt(0.91 * 0.09 / 11 + 3.841458820694126 / 484) / 1.349223529154011 = 0.180167134210967,
    // limits 0.623711349332140 and 0.984045617754073 (R 4.2.2: 0.62371134933214067, 0.98404561775407373).
    const leeds = summary.find((s) => s.isLeeds)!;
    assert.equal(leeds.osPercent, 91);
    assert.equal(leeds.nResected, 11);
    near(leeds.ciLowerPercent, 62.371134933214, 1e-10, "Leeds lower");
    near(leeds.ciUpperPercent, 98.4045617754073, 1e-10, "Leeds upper");
  });

  test("Turley: no 5-year figure, so 3-year OS 67.9% of 39, checked by hand", () => {
    // By hand: x = 0.679 * 39 = 26.481, z^2 / n = 0.098498944120362, denominator 1.098498944120362,
    // centre = (0.679 + 0.049249472060181) / 1.098498944120362 = 0.662949633186345,
    // half = z * sqrt(0.679 * 0.321 / 39 + 3.841458820694126 / 6084) / 1.098498944120362 = 0.140717134856070,
    // limits 0.522232498330275 and 0.803666768042415 (R 4.2.2: 0.52223249833027463, 0.80366676804241488).
    const turley = summary.find((s) => s.series === "Turley 2012")!;
    assert.equal(turley.timepoint, 3);
    assert.equal(turley.osPercent, 67.9);
    near(turley.ciLowerPercent, 52.2232498330275, 1e-10, "Turley lower");
    near(turley.ciUpperPercent, 80.3666768042415, 1e-10, "Turley upper");
  });

  test("a series with neither 5- nor 3-year OS is kept but not plotted", () => {
    const [row] = parseLiterature(`${HEADER}\n${line({os_5y_percent: ""})}\n`);
    const [s] = literatureSummary([row as LiteratureRow]);
    assert.deepEqual([s.timepoint, s.osPercent, s.ciLowerPercent, s.ciUpperPercent, s.isLeeds], [null, null, null, null, false]);
  });
});
