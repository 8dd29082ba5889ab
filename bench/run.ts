// `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process (so one benchmark's heap does
// not distort the next one's memory figures), and stops at the first failure.
import {spawnSync} from "node:child_process";
import {readdirSync} from "node:fs";
import {join} from "node:path";

const dir = new URL(".", import.meta.url).pathname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) throw new Error(`no benchmark matches ${only.join(", ") || "bench/*.bench.ts"}`);
for (const file of files) {
  console.log(`\n## ${file}\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", join(dir, file)], {stdio: "inherit"});
  if (r.status !== 0) process.exit(r.status ?? 1);
}
