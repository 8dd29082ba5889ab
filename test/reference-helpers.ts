// Helpers for the reference tests: read the R reference fixtures in test/fixtures (provenance in
// test/fixtures/README.md) and compare numbers the way the issue asks: 1e-10 relative, 1e-12 absolute near 0.
import {readFileSync} from "node:fs";
import assert from "node:assert/strict";

export const RELATIVE_TOLERANCE = 1e-10;
export const ABSOLUTE_TOLERANCE = 1e-12;

/** A number as written in the fixtures: a number, null (R NA), or "NaN" / "Inf" / "-Inf". */
export type RValue = number | null | "NaN" | "Inf" | "-Inf";

export function readFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as T;
}

export interface DatasetRows {
  time: number[];
  event: number[];
  group: string[] | null;
}

/** Reads a fixture CSV with columns time,event[,group] (the data R read back to compute the JSON). */
export function readDatasetCsv(name: string): DatasetRows {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8").trim();
  const [header, ...lines] = text.split(/\r?\n/);
  const columns = header.split(",");
  assert.deepEqual(columns.slice(0, 2), ["time", "event"], `${name}: unexpected header ${header}`);
  const hasGroup = columns[2] === "group";
  const rows: DatasetRows = {time: [], event: [], group: hasGroup ? [] : null};
  for (const line of lines) {
    const cells = line.split(",");
    rows.time.push(Number(cells[0]));
    rows.event.push(Number(cells[1]));
    if (rows.group) rows.group.push(cells[2]);
  }
  return rows;
}

/**
 * Asserts that `actual` matches R's `expected`. R's NA and NaN must be null; R's Inf must be Infinity;
 * numbers must agree to 1e-10 relative (1e-12 absolute when the expected value is within 1e-2 of zero).
 */
export function assertClose(actual: unknown, expected: RValue, where: string): void {
  if (expected === null || expected === "NaN") {
    assert.equal(actual, null, `${where}: expected null (R ${expected === null ? "NA" : "NaN"}), got ${actual}`);
    return;
  }
  if (expected === "Inf" || expected === "-Inf") {
    assert.equal(actual, expected === "Inf" ? Infinity : -Infinity, `${where}: expected ${expected}, got ${actual}`);
    return;
  }
  assert.equal(typeof actual, "number", `${where}: expected number ${expected}, got ${actual}`);
  const a = actual as number;
  const diff = Math.abs(a - expected);
  const ok = diff <= RELATIVE_TOLERANCE * Math.abs(expected) || diff <= ABSOLUTE_TOLERANCE;
  assert.ok(ok, `${where}: expected ${expected}, got ${a} (difference ${diff})`);
}

/** assertClose over two equally long arrays. */
export function assertAllClose(actual: ArrayLike<unknown>, expected: RValue[], where: string): void {
  assert.equal(actual.length, expected.length, `${where}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], `${where}[${i}]`);
}

/** Rows of a dataset restricted to one group (null: all rows). */
export function subset(rows: DatasetRows, group: string | null): {time: number[]; event: number[]} {
  if (group === null) return {time: rows.time, event: rows.event};
  const time: number[] = [];
  const event: number[] = [];
  rows.group!.forEach((g, i) => {
    if (g === group) {
      time.push(rows.time[i]);
      event.push(rows.event[i]);
    }
  });
  return {time, event};
}

export const SURVIVAL_DATASETS = [
  "aml",
  "lung",
  "edge_a_tied_event_censor",
  "edge_b_all_censored",
  "edge_c_all_events",
  "edge_d_single_subject",
] as const;
