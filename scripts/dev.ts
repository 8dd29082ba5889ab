// `npm run dev`: Framework's live preview, kept fresh.
// Framework re-runs a data loader when its entry file (src/data/*.json.ts) changes, but not when a file it
// reads (data/) or a module it imports (loaders/) changes (Framework issue #204). This script runs the preview
// and watches those folders; when their contents change it touches every loader entry file, so the preview
// re-runs the loaders and pushes the new numbers to the open page. Pages that import loaders/ modules
// directly (through the src/loaders link) are reloaded by Framework itself.
import {spawn} from "node:child_process";
import {existsSync, utimesSync, watch} from "node:fs";
import {join} from "node:path";
import {inputsDigest, loaderEntries, loaderInputs, pinOptionalLibraries, root} from "./inputs.js";

pinOptionalLibraries();
const bin = join(root, "node_modules", ".bin");
const preview = spawn(join(bin, "observable"), ["preview", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: {...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`},
});
preview.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => preview.kill(signal));

let digest = inputsDigest();
let timer: ReturnType<typeof setTimeout> | undefined;
function changed(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const next = inputsDigest();
    if (next === digest) return;
    digest = next;
    const now = new Date();
    const entries = loaderEntries();
    for (const entry of entries) utimesSync(entry, now, now);
    console.log(`loader inputs changed: re-running ${entries.length} data loaders`);
  }, 150);
}
// src/data holds the entry files themselves, which Framework watches; touching them must not re-trigger us.
for (const dir of loaderInputs.filter((d) => !d.endsWith(join("src", "data")) && existsSync(d))) {
  watch(dir, {recursive: true}, changed);
}
