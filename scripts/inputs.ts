// What the data loaders read besides their own entry file. Framework re-runs a loader only when the
// entry file (src/data/*.json.ts) is newer than its cached output; it does not see edits to data/ or
// to the modules in loaders/ (Framework issue #204). The build and the preview both use this list.
import {createHash} from "node:crypto";
import {mkdirSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";

export const root = new URL("..", import.meta.url).pathname;
export const srcRoot = join(root, "src");
export const cacheRoot = join(srcRoot, ".observablehq", "cache");

/** Folders whose contents feed the data loaders. */
export const loaderInputs = ["data", "loaders", "src/data", "test/fixtures"].map((d) => join(root, d));

function walk(dir: string, out: string[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, {withFileTypes: true});
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** SHA-256 over the path and bytes of every loader input and the lock file. */
export function inputsDigest(): string {
  const hash = createHash("sha256");
  const files = loaderInputs.flatMap((d) => walk(d, []));
  files.push(join(root, "package-lock.json"));
  for (const f of files) {
    hash.update(relative(root, f)).update("\0");
    try {
      hash.update(readFileSync(f));
    } catch {
      hash.update("<missing>");
    }
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Every data loader entry point under src/ (files such as `name.json.ts`). */
export function loaderEntries(): string[] {
  return walk(srcRoot, []).filter(
    (f) => !f.includes(`${join("src", ".observablehq")}`) && /\.[a-z0-9]+\.(ts|js)$/i.test(f) && statSync(f).isFile()
  );
}

/**
 * Framework's client library names optional libraries (React, Leaflet, DuckDB's Arrow, …) by npm range and
 * resolves each range's newest version from the npm registry on a cold build, even though a page loads them
 * only if it uses them (and then from a CDN, which this project never does). Pinning the versions in
 * Framework's version cache keeps the build from contacting any host and keeps its output from changing when
 * one of them publishes a release. A page that did use one of these libraries would fail loudly at build time.
 */
export const optionalLibraryVersions = [
  "@observablehq/plot@0.6.17",
  "@observablehq/sample-datasets@1.0.1",
  "apache-arrow@21.2.0",
  "arquero@8.0.3",
  "d3-dsv@3.0.2",
  "d3@7.9.2",
  "echarts@6.1.0",
  "htl@1.0.0",
  "leaflet@1.9.4",
  "lodash@4.18.1",
  "mapbox-gl@3.32.0",
  "parquet-wasm@0.8.0",
  "react-dom@19.3.1",
  "react@19.3.1",
  "topojson-client@3.1.0",
];

export function pinOptionalLibraries(): void {
  for (const spec of optionalLibraryVersions) mkdirSync(join(cacheRoot, "_npm", spec), {recursive: true});
}
