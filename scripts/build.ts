// `npm run build`: Framework's build, made fresh and deterministic.
// - Fresh: when any loader input (data/, loaders/, src/data/, test/fixtures/, the lock file) differs from
//   the last build, the cached loader outputs are deleted so every loader runs again. The bundled
//   node_modules cache (_node, _npm) is kept: it is most of a cold build's time.
// - Deterministic: Framework stamps each file attachment with its modification time; the build pins
//   that clock to SOURCE_DATE_EPOCH (default 2007-01-01, the paper's year) so two builds are byte-identical.
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {setCurrentDate, readConfig} from "@observablehq/framework/dist/config.js";
import {build} from "@observablehq/framework/dist/build.js";
import {cacheRoot, inputsDigest, pinOptionalLibraries, root} from "./inputs.js";

process.chdir(root);
// Framework runs TypeScript loaders with the `tsx` on PATH; npm scripts put node_modules/.bin there, direct runs may not.
process.env.PATH = `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`;
const digestFile = join(cacheRoot, "loader-inputs.sha256");
const digest = inputsDigest();
const previous = existsSync(digestFile) ? readFileSync(digestFile, "utf8").trim() : null;
if (previous !== digest) {
  // Loader outputs live beside the bundle caches (_node, _npm, _jsr …); remove only the former.
  for (const name of existsSync(cacheRoot) ? readdirSync(cacheRoot) : []) {
    if (!name.startsWith("_") && name !== "loader-inputs.sha256") rmSync(join(cacheRoot, name), {recursive: true, force: true});
  }
  console.log(previous === null ? "loader inputs: first build, running every loader" : "loader inputs changed: running every loader again");
}
pinOptionalLibraries();
const epoch = Number(process.env.SOURCE_DATE_EPOCH ?? Date.UTC(2007, 0, 1) / 1000);
if (!Number.isFinite(epoch)) throw new Error(`SOURCE_DATE_EPOCH is not a number (got "${process.env.SOURCE_DATE_EPOCH}")`);
setCurrentDate(new Date(epoch * 1000));
await build({config: await readConfig(undefined, undefined)});
mkdirSync(cacheRoot, {recursive: true});
writeFileSync(digestFile, digest + "\n");
