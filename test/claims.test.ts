// Tests of the claims ledger (data/claims.json, loaders/claims.ts): every checkable claim of the abstract reproduces
// from data/patients.csv, and deliberately altered tables make exactly the right claims differ.
//
// Provenance of expected values:
// - "abstract": test/fixtures/abstract.md, a copy of the published abstract (HPB (Oxford) 2007;9(1):64-70).
// - "by hand": fractions worked out from data/patients.csv (see data/README.md for the derivations).
// - "R 4.2.2": printed with options(digits = 17) by Rscript on this machine:
//     e <- c(32,61,54,78,63,67); l <- c(57,70,65)                      # ages, early vs late group
//     wilcox.test(e, l, exact = TRUE)          # W = 7, p = 0.71428571428571419 (= 60/84 = 5/7)
//     fisher.test(matrix(c(2,2, 2,1, 1,0, 1,0), nrow = 2))$p.value      # sites: 0.99999999999999944
//     fisher.test(matrix(c(3,1,3,2), nrow = 2))$p.value                 # complication: 1
//     quantile(survfit(Surv(t, 1 - e) ~ 1), 0.5) on the OS data          # reverse KM: 43 (29, NA)
import {test, describe} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {parsePatients, type Patient} from "../loaders/cohort.js";
import {
  CLAIM_FUNCTIONS,
  REQUIRED_CLAIM_IDS,
  applyRounding,
  evaluateClaims,
  parseClaimLedger,
  type ClaimEntry,
  type ClaimResult,
} from "../loaders/claims.js";
import {fraction} from "../loaders/exact-fraction.js";

const CSV = readFileSync(new URL("../data/patients.csv", import.meta.url), "utf8");
const LEDGER_TEXT = readFileSync(new URL("../data/claims.json", import.meta.url), "utf8");
const claims = parseClaimLedger(LEDGER_TEXT, "data/claims.json");
const patients = parsePatients(CSV);
const results = evaluateClaims(claims, patients);
const byId = new Map(results.map((r) => [r.id, r]));
const result = (id: string): ClaimResult => {
  const r = byId.get(id);
  assert.ok(r, `no result for ${id}`);
  return r;
};

const NOT_CHECKABLE = ["study-period", "conclusion-survival", "conclusion-recurrence"];

/** Claims whose status differs from "reproduced" for a table. */
function differing(table: Patient[]): string[] {
  return evaluateClaims(claims, table)
    .filter((r) => r.status !== "reproduced" && r.status !== "not-checkable")
    .map((r) => r.id);
}

describe("the ledger", () => {
  test("has the ids of issue 4, each once, in the order of the abstract", () => {
    assert.deepEqual(
      claims.map((c) => c.id),
      [...REQUIRED_CLAIM_IDS],
    );
  });
  test("names an existing function for every checkable entry; the study period and the conclusions are not checkable", () => {
    for (const c of claims) {
      if (c.checkable) assert.ok(c.function !== null && c.function in CLAIM_FUNCTIONS, c.id);
      else assert.equal(c.function, null, c.id);
    }
    assert.deepEqual(claims.filter((c) => !c.checkable).map((c) => c.id), NOT_CHECKABLE);
  });
  test("every quote is words of the abstract", () => {
    const abstract = readFileSync(new URL("fixtures/abstract.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    for (const c of claims) {
      for (const part of c.quote.split(" ... ")) assert.ok(abstract.includes(part), `${c.id}: "${part}" is not in the abstract`);
    }
  });
});

describe("every checkable claim reproduces from data/patients.csv", () => {
  test("statuses", () => {
    for (const r of results) {
      const expected = NOT_CHECKABLE.includes(r.id) ? "not-checkable" : "reproduced";
      assert.equal(r.status, expected, `${r.id}: ${r.detail}`);
    }
    assert.equal(results.length, 19);
  });
  // Reported values: abstract. Each reproduced value must equal it after rounding.
  const cases: [string, Record<string, number | boolean>][] = [
    ["cohort-size", {patients: 12}],
    ["age-median-range", {median: 62, min: 32, max: 78}],
    ["primary-sites", {stomach: 5, jejunum: 4, sigmoid: 1, peritoneum: 1, pancreas: 1}],
    ["surgery-intent", {curative: 11, cytoreductive: 1}],
    ["os-2y", {percent: 91, patients: 11}],
    ["os-5y", {percent: 91, patients: 11}],
    ["dfs-2y", {percent: 30, patients: 11}],
    ["dfs-5y", {percent: 10, patients: 11}],
    ["dfs-median-range", {median: 17, min: 3, max: 72}],
    ["recurrences", {patients: 8}],
    ["recurrence-treatment", {surgery: 3, rfa: 2, imatinib: 8}],
    ["disease-free-now", {total: 4, afterInitialResection: 2, afterTreatmentOfRecurrence: 2}],
    ["early-vs-late-no-association", {significantAssociation: false}],
    ["morbidity", {percent: 50, patients: 6}],
    ["postoperative-deaths", {patients: 1}],
    ["follow-up-median-range", {median: 43, min: 3, max: 72}],
  ];
  for (const [id, values] of cases) {
    test(`${id}: reported and reproduced equal the abstract's figures`, () => {
      assert.deepEqual(result(id).reported, values);
      assert.deepEqual(result(id).reproduced, values);
    });
  }
  test("not-checkable entries carry the reported data and say why", () => {
    assert.deepEqual(result("study-period").reported, {from: "1993-01", to: "2005-12", years: 13}); // abstract
    assert.equal(result("study-period").reproduced, null);
    assert.match(result("study-period").detail, /^Not checkable from the patient table: the table holds months/);
    assert.equal(result("conclusion-survival").reported, null);
  });
});

describe("details give the exact values behind the rounded ones", () => {
  test("survival landmarks as fractions (by hand)", () => {
    // OS: one death among 11 at month 3, no other death: 10/11 at 24 and 60 months.
    assert.match(result("os-2y").detail, /S\(24\) = 10\/11 = 90\.9%/);
    assert.match(result("os-5y").detail, /S\(60\) = 10\/11 = 90\.9%/);
    // DFS: 10/11 after the death, then 9 at risk and six recurrences by 24: 10/11 × 3/9 = 10/33;
    // two more among the last 3 by 60: 10/33 × 2/3 × 1/2 = 10/99.
    assert.match(result("dfs-2y").detail, /S\(24\) = 10\/33 = 30\.3%/);
    assert.match(result("dfs-5y").detail, /S\(60\) = 10\/99 = 10\.1%/);
    // The other disease-free definitions: 9 at risk after month 3, so 3/9 = 1/3 at 24 and 1/3 × 2/3 × 1/2 = 1/9 at 60.
    assert.match(result("dfs-2y").detail, /postoperative death censored \(n = 11\): 1\/3 = 33\.3%; the postoperative death left out \(n = 10\): 1\/3 = 33\.3%/);
    assert.match(result("dfs-5y").detail, /censored \(n = 11\): 1\/9 = 11\.1%/);
  });
  test("morbidity and ages (by hand)", () => {
    assert.match(result("morbidity").detail, /6\/12 = 50\.0% \(P01, P03, P05, P07, P10, P12\)/);
    assert.match(result("age-median-range").detail, /\(61 \+ 63\)\/2 = 62; range 32–78/);
  });
  test("dfs-median-range: 17 as the KM median and the sample median, 3–72 with and without the death", () => {
    const d = result("dfs-median-range").detail;
    assert.match(d, /as the Kaplan–Meier median: 17, holds/);
    assert.match(d, /as the sample median: 17, holds/);
    assert.match(d, /with the postoperative death: 3–72, holds/);
    assert.match(d, /without it \(n = 10\): 3–72, holds/);
  });
  test("follow-up: the sample median over the curative patients, the reverse KM median beside it (R 4.2.2)", () => {
    const d = result("follow-up-median-range").detail;
    assert.match(d, /^Reading used: median and range of the follow-up times .* of the 11 curative patients: 43 \(3–72\)/);
    assert.match(d, /Reverse Kaplan–Meier median follow-up of the same patients: 43 \(95% CI 29–not reached\), median holds/);
    assert.match(d, /Over all 12 patients: sample median 43 \(3–72\), median holds, range holds/);
  });
  test("early vs late: groups, and each p-value (R 4.2.2)", () => {
    const d = result("early-vs-late-no-association").detail;
    assert.match(d, /recurrence within 24 months \(n = 6: P03, P04, P05, P06, P07, P08\) vs disease-free for 24 months or more \(n = 3: P09, P10, P11\)/);
    assert.match(d, /left out, in neither group: P01, postoperative death at month 3, no recurrence; P02, censored before 24 months \(disease-free at last contact, month 3\)\./);
    assert.match(d, /Tests: age by exact Wilcoxon rank-sum, W = 7 \(early group first\), p = 0\.7143/);
    assert.match(d, /primary site by Fisher–Freeman–Halton on the 2 × 4 table \(stomach 2\/2, jejunum 2\/1, sigmoid 1\/0, pancreas 1\/0; early\/late\), p = 1\.000/);
    assert.match(d, /complication by Fisher's exact test \(yes 3\/1, no 3\/2; early\/late\), p = 1\.000/);
    assert.match(d, /Every p ≥ 0\.05: no significant association\./);
  });
});

describe("altered tables make the right claims differ", () => {
  const edit = (from: string, to: string) => {
    assert.ok(CSV.includes(from), `the table has ${from}`);
    return parsePatients(CSV.replace(from, to));
  };
  test("unchanged table: nothing differs", () => {
    assert.deepEqual(differing(patients), []);
  });
  test("one age edited in the CSV text: P07 63 → 64 moves the median to 62.5", () => {
    const table = edit("P07,63,", "P07,64,");
    assert.deepEqual(differing(table), ["age-median-range"]);
    const r = evaluateClaims(claims, table).find((x) => x.id === "age-median-range")!;
    assert.deepEqual(r.reproduced, {median: 62.5, min: 32, max: 78});
    assert.match(r.detail, /^Differs \(median: reported 62, recomputed 62\.5\)/);
  });
  test("the oldest age: P06 78 → 80 changes the range only", () => {
    const table = edit("P06,78,", "P06,80,");
    assert.deepEqual(differing(table), ["age-median-range"]);
  });
  test("one recurrence moved before 24 months: P09 35 → 20 makes the 2-year rate 20/99", () => {
    // 7 recurrences in (3, 24]: 10/11 × 2/9 = 20/99 = 20.2%; at 60: 20/99 × 1/2 = 10/99, still 10%.
    const table = edit("P09,57,stomach,curative,no,no,35,", "P09,57,stomach,curative,no,no,20,");
    assert.deepEqual(differing(table), ["dfs-2y"]);
    assert.match(evaluateClaims(claims, table).find((x) => x.id === "dfs-2y")!.detail, /S\(24\) = 20\/99 = 20\.2%/);
  });
  test("one recurrence moved after 60 months: P10 50 → 65 makes the 5-year rate 20/99", () => {
    const table = edit("P10,70,jejunum,curative,yes,no,50,", "P10,70,jejunum,curative,yes,no,65,");
    assert.deepEqual(differing(table), ["dfs-5y"]);
  });
  test("the short disease-free follow-up lengthened: P02 3 → 30 months", () => {
    // DFS: P02 stays at risk past the early recurrences: 10/11 × 4/10 = 4/11 = 36.4% at 24; censored at 30, then
    // 2/3 and 1/2: 4/11 × 1/3 = 4/33 = 12.1% at 60. OS stays 10/11; the follow-up median stays 43 (6th of 11).
    const table = edit("alive_disease_free,3\n", "alive_disease_free,30\n");
    assert.deepEqual(differing(table), ["dfs-2y", "dfs-5y"]);
    const r = evaluateClaims(claims, table);
    assert.match(r.find((x) => x.id === "dfs-2y")!.detail, /S\(24\) = 4\/11 = 36\.4%/);
    assert.match(r.find((x) => x.id === "dfs-5y")!.detail, /S\(60\) = 4\/33 = 12\.1%/);
    // Without the death the disease-free range now starts at the first recurrence, month 7: shown, not hidden.
    assert.match(r.find((x) => x.id === "dfs-median-range")!.detail, /without it \(n = 10\): 7–72, does not hold/);
  });
  test("one complication removed: morbidity 5/12 = 41.7%", () => {
    const table = edit("P12,60,peritoneum,cytoreductive,yes,", "P12,60,peritoneum,cytoreductive,no,");
    assert.deepEqual(differing(table), ["morbidity"]);
    assert.deepEqual(evaluateClaims(claims, table).find((x) => x.id === "morbidity")!.reproduced, {percent: 42, patients: 5});
  });
  test("a significant age difference: the early group made young, the late group old", () => {
    // Ages early 30–35 and late 80–82: the exact Wilcoxon p = 2/84 = 0.0238 (all three late ranks on top).
    let text = CSV;
    const ages: Record<string, number> = {P03: 30, P04: 31, P05: 32, P06: 33, P07: 34, P08: 35, P09: 80, P10: 81, P11: 82};
    for (const [id, age] of Object.entries(ages)) text = text.replace(new RegExp(`^${id},\\d+,`, "m"), `${id},${age},`);
    const r = evaluateClaims(claims, parsePatients(text)).find((x) => x.id === "early-vs-late-no-association")!;
    assert.equal(r.status, "differs");
    assert.match(r.detail, /p = 0\.02381/);
    assert.match(r.detail, /p < 0\.05 for age: a significant association\./);
  });
  test("a claim that cannot be computed differs and says why", () => {
    // Every patient with a recurrence after 24 months: the early group is empty.
    const table = patients.map((p) => (p.recurrenceMonth !== null && p.recurrenceMonth <= 24 ? {...p, recurrenceMonth: 25, followupMonth: Math.max(p.followupMonth, 25)} : p));
    const r = evaluateClaims(claims, table).find((x) => x.id === "early-vs-late-no-association")!;
    assert.equal(r.status, "differs");
    assert.equal(r.reproduced, null);
    assert.match(r.detail, /^Could not be computed from the table: a group is empty \(recurrence within 24 months: 0/);
  });
});

describe("rounding", () => {
  test("percent half up, decided on the exact fraction", () => {
    assert.equal(applyRounding(fraction(10, 33), "percent-half-up"), 30);
    assert.equal(applyRounding(fraction(1, 8), "percent-half-up"), 13); // 12.5% rounds up
    assert.equal(applyRounding(fraction(10, 11), "percent-half-up"), 91);
    assert.equal(applyRounding(42.5, "whole-half-up"), 43);
    assert.equal(applyRounding(42.49, "whole-half-up"), 42);
    assert.equal(applyRounding(62.5, undefined), 62.5);
    assert.equal(applyRounding(null, "percent-half-up"), null);
  });
});

describe("parseClaimLedger rejects a bad ledger with file:line:column", () => {
  const entry = (fields: string) => `  {\n${fields}\n  }`;
  const base = (id: string, fn = "cohortSize") =>
    `    "id": "${id}",\n    "source": "abstract",\n    "quote": "q",\n    "checkable": true,\n    "reported": {"patients": 12},\n    "rounding": {},\n    "function": "${fn}"`;
  const ledger = (...entries: string[]) => `[\n${entries.join(",\n")}\n]\n`;
  const others = REQUIRED_CLAIM_IDS.filter((id) => id !== "cohort-size").map((id) => entry(base(id)));
  const problemsOf = (text: string) => {
    try {
      parseClaimLedger(text, "claims.json");
    } catch (e) {
      return (e as Error).message.split("\n").slice(1);
    }
    assert.fail("accepted");
  };
  test("a valid minimal ledger parses", () => {
    assert.equal(parseClaimLedger(ledger(entry(base("cohort-size")), ...others)).length, 19);
  });
  test("an unknown function, at the line and column of its field", () => {
    // Line 1 "[", line 2 "  {", lines 3–9 the fields: "function" on line 9, column 5.
    assert.deepEqual(problemsOf(ledger(entry(base("cohort-size", "cohortSise")), ...others)), [
      `claims.json:9:5 entry "cohort-size": function must name one of ${Object.keys(CLAIM_FUNCTIONS).join(", ")} (got "cohortSise")`,
    ]);
  });
  test("a duplicate id and a missing required entry", () => {
    const msg = problemsOf(ledger(entry(base("cohort-size")), ...others.slice(1), entry(base("cohort-size"))));
    assert.equal(msg.length, 2);
    assert.match(msg[0], /^claims\.json:\d+:5 entry "cohort-size": duplicate id \(got "cohort-size"\)$/);
    assert.equal(msg[1], 'claims.json:1:1 missing entry "study-period" (every claim of the abstract has an entry) (got nothing)');
  });
  test("an unknown rounding rule, a rounding for a value not reported", () => {
    const bad = base("cohort-size").replace('"rounding": {}', '"rounding": {"patients": "nearest", "percent": "percent-half-up"}');
    const msg = problemsOf(ledger(entry(bad), ...others));
    assert.deepEqual(msg, [
      'claims.json:8:5 entry "cohort-size": unknown rounding rule for patients, expected one of percent-half-up, whole-half-up (got "nearest")',
      'claims.json:8:5 entry "cohort-size": rounding names percent, which is not a reported value (got "percent")',
    ]);
  });
  test("not valid JSON", () => {
    assert.throws(() => parseClaimLedger('[\n  {"id": "x",}\n]', "claims.json"), /^Error: claims\.json:2:\d+ not valid JSON/);
  });
});

describe("the ledger entries used by the tests are the real ones", () => {
  test("entries keep their rounding rules", () => {
    const get = (id: string): ClaimEntry => claims.find((c) => c.id === id)!;
    assert.deepEqual(get("os-2y").rounding, {percent: "percent-half-up"});
    assert.deepEqual(get("dfs-median-range").rounding, {median: "whole-half-up", min: "whole-half-up", max: "whole-half-up"});
    assert.deepEqual(get("age-median-range").rounding, {}); // ages are compared exactly
  });
});
