// What the data loaders read besides their own entry file. Framework re-runs a loader only when the
// entry file (src/data/*.json.ts) is newer than its cached output; it does not see edits to data/ or
// to the modules in loaders/ (Framework issue #204). The build and the preview both use this list.
import {createHash} from "node:crypto";
import {readdirSync, readFileSync, statSync} from "node:fs";
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
