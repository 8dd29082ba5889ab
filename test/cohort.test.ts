// Tests of loaders/cohort.ts: every rejection rule of issue 4 with its exact `file:line:column`, every accepted
// variant, and the analysis table under each disease-free definition.
// Expected values come from data/patients.csv (the reconstruction given in issue 4), read by hand.
import {test, describe} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {
  COLUMNS,
  DISEASE_FREE_24_MONTHS,
  EARLY_RECURRENCE,
  NEITHER_GROUP,
  PatientTableError,
  analysisTable,
  dfsData,
  osData,
  parsePatients,
  type Patient,
} from "../loaders/cohort.js";

const CSV = readFileSync(new URL("../data/patients.csv", import.meta.url), "utf8");
const HEADER = COLUMNS.join(",");
// A valid two-patient table used as the base of the rejection tests. Line 1 header, line 2 P01, line 3 P02.
const ROW1 = "P01,74,stomach,curative,yes,yes,,no,no,no,dead,3";
const ROW2 = "P02,32,jejunum,curative,no,no,7,yes,no,yes,alive_disease_free,22";
const table = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";

/** Parses and returns the formatted problem lines (without the summary line); fails when nothing is thrown. */
function problems(text: string, fileName = "patients.csv"): string[] {
  try {
    parsePatients(text, fileName);
  } catch (e) {
    assert.ok(e instanceof PatientTableError, `expected a PatientTableError, got ${String(e)}`);
    const lines = e.message.split("\n");
    assert.equal(lines.length, e.problems.length + 1, "one line per problem after the summary line");
    return lines.slice(1);
  }
  assert.fail("parsePatients accepted an invalid table");
}

/** Replaces field `column` (1-based) of a CSV row. */
function setField(row: string, column: number, value: string): string {
  const cells = row.split(",");
  cells[column - 1] = value;
  return cells.join(",");
}

describe("parsePatients: the reconstructed table", () => {
  const patients = parsePatients(CSV);
  test("reads 12 patients in file order", () => {
    assert.equal(patients.length, 12);
    assert.deepEqual(
      patients.map((p) => p.id),
      ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12"],
    );
  });
  test("converts each column", () => {
    // data/patients.csv line 2 and line 10.
    assert.deepEqual(patients[0], {
      id: "P01",
      age: 74,
      primarySite: "stomach",
      surgery: "curative",
      complication: true,
      postoperativeDeath: true,
      recurrenceMonth: null,
      recurrenceSurgery: false,
      recurrenceRfa: false,
      recurrenceImatinib: false,
      status: "dead",
      followupMonth: 3,
    } satisfies Patient);
    assert.deepEqual(patients[8], {
      id: "P09",
      age: 57,
      primarySite: "stomach",
      surgery: "curative",
      complication: false,
      postoperativeDeath: false,
      recurrenceMonth: 35,
      recurrenceSurgery: false,
      recurrenceRfa: true,
      recurrenceImatinib: true,
      status: "alive_disease_free",
      followupMonth: 61,
    } satisfies Patient);
  });
});

describe("parsePatients: accepted variants give the same patients", () => {
  const reference = parsePatients(CSV);
  test("CRLF line ends", () => {
    assert.deepEqual(parsePatients(CSV.replace(/\n/g, "\r\n")), reference);
  });
  test("mixed LF and CRLF line ends", () => {
    const lines = CSV.split("\n");
    const mixed = lines.map((l, i) => (i % 2 === 0 || l === "" ? l : l + "\r")).join("\n");
    assert.ok(mixed.includes("\r\n") && /[^\r]\n/.test(mixed));
    assert.deepEqual(parsePatients(mixed), reference);
  });
  test("a UTF-8 byte-order mark", () => {
    assert.deepEqual(parsePatients("\uFEFF" + CSV), reference);
  });
  test("no final newline (LF and CRLF)", () => {
    assert.deepEqual(parsePatients(CSV.replace(/\n$/, "")), reference);
    assert.deepEqual(parsePatients(CSV.replace(/\n/g, "\r\n").replace(/\r\n$/, "")), reference);
  });
  test("spaces around cells, header included, and around empty cells", () => {
    const spaced = CSV.split("\n")
      .map((l) => (l === "" ? l : "  " + l.split(",").join(" ,  ") + "   "))
      .join("\n");
    assert.deepEqual(parsePatients(spaced), reference);
  });
  test("columns in another order", () => {
    const rows = CSV.trimEnd().split("\n").map((l) => l.split(","));
    const order = [...COLUMNS.keys()].reverse();
    const reordered = rows.map((cells) => order.map((i) => cells[i]).join(",")).join("\n") + "\n";
    assert.ok(reordered.startsWith("followup_month,status,"));
    assert.deepEqual(parsePatients(reordered), reference);
  });
  test("RFC 4180 quoted cells, as R's write.csv writes text", () => {
    const quoted = CSV.trimEnd()
      .split("\n")
      .map((l) => l.split(",").map((c) => (/^[0-9.]*$/.test(c) ? c : `"${c}"`)).join(","))
      .join("\n");
    assert.ok(quoted.startsWith('"id","age"') && quoted.includes('"P01",74,"stomach"'));
    assert.deepEqual(parsePatients(quoted), reference);
    // Quoted numbers and spaces outside the quotes are accepted too.
    assert.deepEqual(parsePatients(CSV.replace("P01,74,", ' "P01" , "74" ,')), reference);
  });
  test("decimal months", () => {
    const [p] = parsePatients(table(setField(ROW2, 12, "22.25").replace(",7,", ",6.5,")));
    assert.equal(p.followupMonth, 22.25);
    assert.equal(p.recurrenceMonth, 6.5);
  });
  test("a recurrence at the month of last contact", () => {
    const [p] = parsePatients(table(setField(ROW2, 7, "22")));
    assert.equal(p.recurrenceMonth, 22);
  });
});

describe("parsePatients: rejections name file:line:column and value", () => {
  test("the file name given is used", () => {
    assert.deepEqual(problems(table(setField(ROW1, 2, "-1")), "data/patients.csv"), [
      'data/patients.csv:2:2 age is negative (got "-1")',
    ]);
  });
  test("an empty file", () => {
    assert.deepEqual(problems(""), ['patients.csv:1:1 empty file: expected a header line and patient rows (got "")']);
    assert.deepEqual(problems("\uFEFF"), ['patients.csv:1:1 empty file: expected a header line and patient rows (got "")']);
    assert.deepEqual(problems("\n \r\n"), ['patients.csv:1:1 empty file: expected a header line and patient rows (got "\\n \\r\\n")']);
  });
  test("a header and no patients", () => {
    assert.deepEqual(problems(HEADER + "\n"), ['patients.csv:2:1 no patients: the file has a header and no rows (got "")']);
    assert.deepEqual(problems(HEADER), ['patients.csv:2:1 no patients: the file has a header and no rows (got "")']);
  });
  test("a missing column", () => {
    const header = COLUMNS.filter((c) => c !== "status").join(",");
    const row = ROW1.split(",").filter((_, i) => i !== 10).join(",");
    assert.deepEqual(problems(header + "\n" + row + "\n"), ['patients.csv:1:12 missing column status (got "")']);
  });
  test("an extra column (a name given twice)", () => {
    assert.deepEqual(problems(HEADER + ",age\n" + ROW1 + ",74\n"), [
      'patients.csv:1:13 extra column: age is already column 2 (got "age")',
    ]);
  });
  test("an unknown column", () => {
    const msg = problems(HEADER + ",notes\n" + ROW1 + ",x\n");
    assert.equal(msg.length, 1);
    assert.match(msg[0], /^patients\.csv:1:13 unknown column, expected the columns id, age, .* \(got "notes"\)$/);
  });
  test("a misspelt column is both unknown and missing", () => {
    const header = HEADER.replace("followup_month", "follow_up_month");
    const msg = problems(header + "\n" + ROW1 + "\n");
    assert.equal(msg.length, 2);
    assert.match(msg[0], /^patients\.csv:1:12 unknown column, .* \(got "follow_up_month"\)$/);
    assert.equal(msg[1], 'patients.csv:1:13 missing column followup_month (got "")');
  });
  test("a row with too many fields", () => {
    assert.deepEqual(problems(table(ROW1, ROW2 + ",extra,more")), [
      'patients.csv:3:13 too many fields: 14, the header has 12 (got "extra,more")',
    ]);
  });
  test("a row with too few fields", () => {
    assert.deepEqual(problems(table(ROW1.split(",").slice(0, 10).join(","), ROW2)), [
      'patients.csv:2:11 too few fields: 10, the header has 12 (got "")',
    ]);
  });
  test("a blank line, in the middle or as a second final newline", () => {
    assert.deepEqual(problems(HEADER + "\n" + ROW1 + "\n\n" + ROW2 + "\n"), ['patients.csv:3:1 blank line (got "")']);
    assert.deepEqual(problems(table(ROW1, ROW2) + "\n"), ['patients.csv:4:1 blank line (got "")']);
    assert.deepEqual(problems(table(ROW1, ROW2) + "   \r\n"), ['patients.csv:4:1 blank line (got "")']);
  });
  test("a duplicate id", () => {
    assert.deepEqual(problems(table(ROW1, ROW2, setField(ROW2, 1, "P01"))), [
      'patients.csv:4:1 duplicate id: already on line 2 (got "P01")',
    ]);
  });
  test("an empty cell where a value is required, in each required column", () => {
    const required = COLUMNS.filter((c) => c !== "recurrence_month");
    for (const name of required) {
      const column = COLUMNS.indexOf(name) + 1;
      const msg = problems(table(ROW1, setField(ROW2, column, "  ")));
      assert.ok(
        msg.includes(`patients.csv:3:${column} ${name} is empty; a value is required (got "")`),
        `${name}: ${msg.join(" | ")}`,
      );
    }
  });
  test("an unknown primary site, surgery or status", () => {
    assert.deepEqual(problems(table(setField(ROW1, 3, "Stomach"), setField(setField(ROW2, 4, "palliative"), 11, "alive"))), [
      'patients.csv:2:3 unknown primary_site, expected one of stomach, jejunum, sigmoid, peritoneum, pancreas (got "Stomach")',
      'patients.csv:3:4 unknown surgery, expected one of curative, cytoreductive (got "palliative")',
      'patients.csv:3:11 unknown status, expected one of dead, alive_with_disease, alive_disease_free (got "alive")',
    ]);
  });
  test("a yes/no field holding anything else, in each yes/no column", () => {
    const cases: [number, string, string][] = [
      [5, "complication", "Yes"],
      [6, "postoperative_death", "1"],
      [8, "recurrence_surgery", "true"],
      [9, "recurrence_rfa", "y"],
      [10, "recurrence_imatinib", "NO"],
    ];
    for (const [column, name, value] of cases) {
      assert.deepEqual(problems(table(ROW1, setField(ROW2, column, value))), [
        `patients.csv:3:${column} ${name} must be yes or no (got "${value}")`,
      ]);
    }
  });
  test("a negative month or age", () => {
    assert.deepEqual(problems(table(setField(ROW1, 2, "-74"), setField(setField(ROW2, 7, "-7"), 12, "-22.5"))), [
      'patients.csv:2:2 age is negative (got "-74")',
      'patients.csv:3:7 recurrence_month is negative (got "-7")',
      'patients.csv:3:12 followup_month is negative (got "-22.5")',
    ]);
  });
  test("a non-finite month or age", () => {
    const huge = "9".repeat(400); // a plain decimal that overflows to Infinity
    assert.deepEqual(problems(table(setField(ROW1, 2, "Infinity"), setField(setField(ROW2, 7, "NaN"), 12, huge))), [
      'patients.csv:2:2 age is not finite (got "Infinity")',
      'patients.csv:3:7 recurrence_month is not finite (got "NaN")',
      `patients.csv:3:12 followup_month is not finite (got "${"9".repeat(80)}…")`,
    ]);
  });
  test("a month or age that is not a plain decimal number", () => {
    for (const value of ["1e3", "0x10", "+74", "7.", ".5", "7,5", "seven", "7 months", "74.0.1"]) {
      const row = value === "7,5" ? ROW1.replace(",74,", ',"7,5",') : setField(ROW1, 2, value);
      assert.deepEqual(
        problems(table(row)),
        [`patients.csv:2:2 age is not a plain decimal number (digits, optionally a point and more digits) (got "${value}")`],
        value,
      );
    }
    assert.deepEqual(problems(table(setField(ROW2, 7, "7 "), setField(ROW2.replace("P02", "P03"), 7, "1/2"))), [
      'patients.csv:3:7 recurrence_month is not a plain decimal number (digits, optionally a point and more digits) (got "1/2")',
    ]);
  });
  test("a recurrence after last contact", () => {
    assert.deepEqual(problems(table(ROW1, setField(ROW2, 7, "22.5"))), [
      'patients.csv:3:7 recurrence_month is after the last contact (followup_month 22) (got "22.5")',
    ]);
  });
  test("a postoperative death whose status is not dead", () => {
    assert.deepEqual(problems(table(setField(ROW1, 11, "alive_with_disease"))), [
      'patients.csv:2:11 status must be dead for a postoperative death (postoperative_death is yes) (got "alive_with_disease")',
    ]);
  });
  test("a recurrence treatment without a recurrence, each treatment", () => {
    for (const [column, name] of [[8, "recurrence_surgery"], [9, "recurrence_rfa"], [10, "recurrence_imatinib"]] as const) {
      assert.deepEqual(problems(table(setField(ROW1, column, "yes"))), [
        `patients.csv:2:${column} ${name} is yes but there is no recurrence (recurrence_month is empty) (got "yes")`,
      ]);
    }
  });
  test("a disease-free status after a recurrence with no treatment", () => {
    const untreated = setField(setField(ROW2, 8, "no"), 10, "no");
    assert.deepEqual(problems(table(ROW1, untreated)), [
      'patients.csv:3:11 status is alive_disease_free after a recurrence with no treatment (surgery, RFA and imatinib all no) (got "alive_disease_free")',
    ]);
    // Any one treatment is enough.
    assert.equal(parsePatients(table(ROW1, setField(untreated, 9, "yes"))).length, 2);
  });
  test("quotes: inside an unquoted cell, text after a closing quote, a quote never closed", () => {
    assert.deepEqual(problems(table(ROW1.replace("P01", 'P"01'))), [
      'patients.csv:2:1 quote inside an unquoted cell (quote the whole cell and double inner quotes) (got "P\\"01")',
    ]);
    assert.deepEqual(problems(table(ROW1.replace("stomach", '"stomach"ic'))), [
      'patients.csv:2:3 text after the closing quote of a quoted cell (got "\\"stomach\\"ic")',
    ]);
    assert.deepEqual(problems(table(ROW1, ROW2.replace("jejunum", '"jejunum'))), [
      'patients.csv:3:3 quoted cell is never closed (got "\\"jejunum,curative,no,no,7,yes,no,yes,ali")',
    ]);
  });
  test("a quote never closed in the header or the first row stops reading without claiming there are no rows", () => {
    assert.deepEqual(problems('"id' + HEADER.slice(2) + "\n" + ROW1 + "\n"), [
      `patients.csv:1:1 quoted cell is never closed (got ${JSON.stringify(('"id' + HEADER.slice(2) + "\n" + ROW1).slice(0, 40))})`,
    ]);
    assert.deepEqual(problems(table('"P01' + ROW1.slice(3))), [
      'patients.csv:2:1 quoted cell is never closed (got "\\"P01,74,stomach,curative,yes,yes,,no,no,")',
    ]);
  });
  test("a quoted cell spanning lines is rejected at the line where it starts; later lines keep their numbers", () => {
    const msg = problems(table(ROW1.replace("stomach", '"stom\nach"'), setField(ROW2, 2, "-1")));
    assert.deepEqual(msg, [
      'patients.csv:2:3 unknown primary_site, expected one of stomach, jejunum, sigmoid, peritoneum, pancreas (got "stom\\nach")',
      'patients.csv:4:2 age is negative (got "-1")',
    ]);
  });
  test("a carriage return not followed by a line feed", () => {
    assert.deepEqual(problems(HEADER + "\n" + ROW1 + "\r" + ROW2 + "\n"), [
      'patients.csv:2:12 carriage return not followed by a line feed (only LF and CRLF line ends are accepted) (got "\\r")',
    ]);
  });
  test("one error lists every problem, sorted by line and column", () => {
    const text = table(setField(setField(ROW1, 2, "old"), 11, "alive_disease_free"), setField(ROW2, 3, "colon"), ROW2 + ",x");
    let error: unknown;
    try {
      parsePatients(text);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof PatientTableError);
    assert.equal(
      error.message,
      [
        "patients.csv: 4 problems in the patient table",
        'patients.csv:2:2 age is not a plain decimal number (digits, optionally a point and more digits) (got "old")',
        'patients.csv:2:11 status must be dead for a postoperative death (postoperative_death is yes) (got "alive_disease_free")',
        'patients.csv:3:3 unknown primary_site, expected one of stomach, jejunum, sigmoid, peritoneum, pancreas (got "colon")',
        'patients.csv:4:13 too many fields: 13, the header has 12 (got "x")',
      ].join("\n"),
    );
    assert.deepEqual(error.problems[0], {line: 2, column: 2, problem: error.problems[0].problem, value: "old"});
  });
  test("column positions follow the file's column order", () => {
    const order = [...COLUMNS.keys()].reverse();
    const reorder = (l: string) => order.map((i) => l.split(",")[i]).join(",");
    const text = [reorder(HEADER), reorder(setField(ROW1, 2, "-3"))].join("\n");
    // age is column 2 in the standard order, column 11 of 12 when reversed.
    assert.deepEqual(problems(text), ['patients.csv:2:11 age is negative (got "-3")']);
  });
});

describe("analysisTable", () => {
  const patients = parsePatients(CSV);
  // Expected rows, by hand from data/patients.csv: dfsMonths is the recurrence month, else the follow-up month.
  const expected: [string, number, 0 | 1, number, 0 | 1, string][] = [
    ["P01", 3, 1, 3, 1, NEITHER_GROUP],
    ["P02", 3, 0, 3, 0, NEITHER_GROUP],
    ["P03", 22, 0, 7, 1, EARLY_RECURRENCE],
    ["P04", 29, 0, 10, 1, EARLY_RECURRENCE],
    ["P05", 36, 0, 14, 1, EARLY_RECURRENCE],
    ["P06", 43, 0, 17, 1, EARLY_RECURRENCE],
    ["P07", 43, 0, 17, 1, EARLY_RECURRENCE],
    ["P08", 55, 0, 20, 1, EARLY_RECURRENCE],
    ["P09", 61, 0, 35, 1, DISEASE_FREE_24_MONTHS],
    ["P10", 66, 0, 50, 1, DISEASE_FREE_24_MONTHS],
    ["P11", 72, 0, 72, 0, DISEASE_FREE_24_MONTHS],
  ];
  test("default: one row per curative patient, the postoperative death an event", () => {
    const rows = analysisTable(patients);
    assert.deepEqual(
      rows.map((r) => [r.id, r.osMonths, r.osEvent, r.dfsMonths, r.dfsEvent, r.group]),
      expected,
    );
    assert.ok(!rows.some((r) => r.id === "P12"), "the cytoreductive patient is not in the table");
    assert.deepEqual(analysisTable(patients, {postoperativeDeath: "event"}), rows);
  });
  test("group reasons", () => {
    const reason = new Map(analysisTable(patients).map((r) => [r.id, r.groupReason]));
    assert.equal(reason.get("P01"), "postoperative death at month 3, no recurrence");
    assert.equal(reason.get("P02"), "censored before 24 months (disease-free at last contact, month 3)");
    assert.equal(reason.get("P08"), "recurrence at month 20 (at or before month 24)");
    assert.equal(reason.get("P09"), "recurrence at month 35 (after month 24)");
    assert.equal(reason.get("P11"), "no recurrence, last contact at month 72 (month 24 or later)");
  });
  test("group boundary: a recurrence at month 24 is early; no recurrence and death at 24 is disease-free for 24", () => {
    const base = patients[2]; // P03
    const at24 = analysisTable([{...base, recurrenceMonth: 24, followupMonth: 30}]);
    assert.equal(at24[0].group, EARLY_RECURRENCE);
    const after = analysisTable([{...base, recurrenceMonth: 24.5, followupMonth: 30}]);
    assert.equal(after[0].group, DISEASE_FREE_24_MONTHS);
    const died = analysisTable([{...base, recurrenceMonth: null, recurrenceImatinib: false, status: "dead", followupMonth: 24}]);
    assert.deepEqual([died[0].group, died[0].groupReason], [DISEASE_FREE_24_MONTHS, "no recurrence, death at month 24 (month 24 or later)"]);
    const early = analysisTable([{...base, recurrenceMonth: null, recurrenceImatinib: false, status: "dead", followupMonth: 12}]);
    assert.deepEqual([early[0].group, early[0].dfsEvent, early[0].groupReason], [
      NEITHER_GROUP,
      1,
      "death without recurrence before 24 months (month 12)",
    ]);
  });
  test("censored: the postoperative death is a censoring at month 3, nothing else changes", () => {
    const rows = analysisTable(patients, {postoperativeDeath: "censored"});
    const want = expected.map((e) => (e[0] === "P01" ? ["P01", 3, 1, 3, 0, NEITHER_GROUP] : e));
    assert.deepEqual(rows.map((r) => [r.id, r.osMonths, r.osEvent, r.dfsMonths, r.dfsEvent, r.group]), want);
  });
  test("excluded: the postoperative death leaves the disease-free data, not overall survival", () => {
    const rows = analysisTable(patients, {postoperativeDeath: "excluded"});
    assert.equal(rows.length, 11);
    const p01 = rows.find((r) => r.id === "P01")!;
    assert.deepEqual([p01.osMonths, p01.osEvent, p01.dfsMonths, p01.dfsEvent], [3, 1, null, null]);
    assert.equal(dfsData(rows).time.length, 10);
    assert.equal(osData(rows).time.length, 11);
  });
  test("osData and dfsData", () => {
    const rows = analysisTable(patients);
    assert.deepEqual(osData(rows), {
      time: [3, 3, 22, 29, 36, 43, 43, 55, 61, 66, 72],
      event: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    assert.deepEqual(dfsData(rows), {
      time: [3, 3, 7, 10, 14, 17, 17, 20, 35, 50, 72],
      event: [1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0],
    });
  });
  test("an unknown option value throws", () => {
    assert.throws(
      () => analysisTable(patients, {postoperativeDeath: "ignored" as never}),
      /postoperativeDeath must be one of event, censored, excluded \(got "ignored"\)/,
    );
  });
});
