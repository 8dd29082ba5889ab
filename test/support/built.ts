// Reading a data loader's output from a built site: Framework writes `data/<name>.json` as
// `dist/_file/data/<name>.<content hash>.json`.
import assert from "node:assert/strict";
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";

/** The text of the built `data/<name>.json` under `dist`. */
export function builtDataText(dist: string, name: string): string {
  const folder = join(dist, "_file", "data");
  const hits = readdirSync(folder).filter((f) => f.startsWith(`${name}.`) && /^[^.]+\.[0-9a-f]+\.json$/.test(f));
  assert.equal(hits.length, 1, `expected one built ${name}.json in ${folder}, found ${hits.join(", ") || "none"}`);
  return readFileSync(join(folder, hits[0]), "utf8");
}

export function builtData<T>(dist: string, name: string): T {
  return JSON.parse(builtDataText(dist, name)) as T;
}
