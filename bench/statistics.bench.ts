// Benchmark of the statistics core (issue 3): kaplanMeier (log CIs) and logRank (2 groups) on 10^6 seeded
// synthetic rows, against a bare Float64Array sort of the same times and, when Rscript with the survival
// package is installed, against R's survfit and survdiff on the same data in the same run. Also the peak memory
// of kaplanMeier for 10^5 and 10^6 rows, each measured in a fresh child process.
//
//   node --import tsx bench/statistics.bench.ts            (or `npm run bench`, which runs every benchmark)
//
// Synthetic data (seeded, deterministic): two arms with exponential survival (medians ~700 and ~970 days),
// uniform accrual over 5 years, analysis 10 years after the first accrual, exponential loss to follow-up.
// Two time resolutions: whole days (as clinical follow-up is recorded; ~3,650 distinct times) and continuous
// times (every row its own time, the worst case: the fit then has 10^6 rows in each of its nine columns).
// Timings: several runs after a warm-up run, interleaved (sort, kaplanMeier, logRank, sort, ...) so that other
// load on the machine hits them alike; the median and the best run are shown, ratios use the medians. R's
// are measured inside R with proc.time() around the survfit / survdiff calls only (reading the CSV is not timed).
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {cpus, tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {kaplanMeier} from "../loaders/kaplan-meier.js";
import {logRank} from "../loaders/log-rank.js";
import {createRandom} from "../loaders/random.js";

const SEED = 20240601;
const N = 1_000_000;
const RUNS = 7;
const R_RUNS = 3;
type Resolution = "days" | "continuous";

interface Data {
  time: Float64Array;
  event: Uint8Array;
  group: Uint8Array;
}

function makeData(n: number, seed: number, resolution: Resolution): Data {
  const random = createRandom(seed);
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const group = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const g = random.int(2);
    const t = random.exponential(g === 0 ? 1000 : 1400); // mean days; median = mean * ln 2
    const entry = random() * 1825;
    const c = Math.min(random.exponential(6000), 3650 - entry);
    let observed = Math.min(t, c);
    if (resolution === "days") observed = Math.max(1, Math.ceil(observed));
    time[i] = observed;
    event[i] = t <= c ? 1 : 0;
    group[i] = g;
  }
  return {time, event, group};
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const gc = (globalThis as {gc?: () => void}).gc;

interface Timing {
  median: number;
  best: number;
}

/**
 * Wall times in ms of several operations, interleaved (run 1 of each, run 2 of each, ...) after one warm-up
 * call of each, so that a busy machine slows them alike; `prepare` runs untimed before each call.
 */
function timeAll(runs: number, ops: {call: (input: any) => unknown; prepare: () => unknown}[]): Timing[] {
  for (const op of ops) op.call(op.prepare());
  const times = ops.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    ops.forEach((op, k) => {
      const input = op.prepare();
      gc?.();
      const t0 = performance.now();
      op.call(input);
      times[k].push(performance.now() - t0);
    });
  }
  return times.map((t) => ({median: median(t), best: Math.min(...t)}));
}

const fmt = (x: number, digits = 1) => x.toFixed(digits);
const int = (x: number) => x.toLocaleString("en-US");
const pad = (s: string, w: number) => s.padStart(w);
const padEnd = (s: string, w: number) => s.padEnd(w);

// ---------------------------------------------------------------------------------------------------------
// memory child: `--memory <n> <resolution>` prints {n, rows, peakMB, fitMB} as JSON. A worker thread samples the
// process RSS in a tight loop while the main thread runs kaplanMeier, so the peak is the real high point of
// resident memory during the call (relative to the RSS just before it).

const SAMPLER = `
const {workerData} = require("node:worker_threads");
const state = new Int32Array(workerData.state);
const peak = new Float64Array(workerData.peak);
Atomics.store(state, 0, 1);
while (Atomics.load(state, 1) === 0) {
  const rss = process.memoryUsage.rss();
  if (rss > peak[0]) peak[0] = rss;
}
`;

async function memoryChild(n: number, resolution: Resolution): Promise<void> {
  const {Worker} = await import("node:worker_threads");
  const data = makeData(n, SEED, resolution);
  const state = new SharedArrayBuffer(8);
  const peakBuffer = new SharedArrayBuffer(8);
  const flags = new Int32Array(state);
  const peak = new Float64Array(peakBuffer);
  const worker = new Worker(SAMPLER, {eval: true, workerData: {state, peak: peakBuffer}});
  while (Atomics.load(flags, 0) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage.rss();
  peak[0] = rssBefore;
  const fit = kaplanMeier(data.time, data.event);
  Atomics.store(flags, 1, 1);
  await worker.terminate();
  const peakRss = Math.max(peak[0], process.memoryUsage.rss());
  gc?.();
  // the fit's nine plain arrays live on the JS heap (the typed working arrays are freed by then)
  const retained = process.memoryUsage().heapUsed - heapBefore;
  process.stdout.write(
    JSON.stringify({n, rows: fit.time.length, peakMB: (peakRss - rssBefore) / 2 ** 20, fitMB: retained / 2 ** 20}),
  );
}

// ---------------------------------------------------------------------------------------------------------
// R

interface RTimes {
  survfitMs: number;
  survdiffMs: number;
  version: string;
  survival: string;
  rows: number;
  chisq: number;
  lastSurv: number;
}

function rAvailable(): {ok: true; version: string} | {ok: false; reason: string} {
  const r = spawnSync("Rscript", ["-e", 'cat(as.character(packageVersion("survival")))'], {encoding: "utf8"});
  if (r.error) return {ok: false, reason: `Rscript not found (${(r.error as NodeJS.ErrnoException).code})`};
  if (r.status !== 0) return {ok: false, reason: "R is installed but the survival package is not"};
  return {ok: true, version: r.stdout.trim()};
}

const R_SCRIPT = `
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(survival))
d <- read.csv(args[1], colClasses = c("numeric", "integer", "integer"))
runs <- as.integer(args[2])
time_ms <- function(f) {
  f()  # warm-up
  ts <- numeric(runs)
  for (i in seq_len(runs)) {
    invisible(gc(FALSE))
    t0 <- proc.time()[["elapsed"]]
    f()
    ts[i] <- proc.time()[["elapsed"]] - t0
  }
  median(ts) * 1000
}
km <- time_ms(function() survfit(Surv(time, event) ~ 1, data = d, conf.type = "log"))
lr <- time_ms(function() survdiff(Surv(time, event) ~ group, data = d))
fit <- survfit(Surv(time, event) ~ 1, data = d, conf.type = "log")
sd <- survdiff(Surv(time, event) ~ group, data = d)
cat(sprintf('{"survfitMs": %.3f, "survdiffMs": %.3f, "version": "%s", "survival": "%s", "rows": %d, "chisq": %.17g, "lastSurv": %.17g}',
  km, lr, paste(R.version$major, R.version$minor, sep = "."), as.character(packageVersion("survival")),
  length(fit$time), sd$chisq, fit$surv[length(fit$surv)]))
`;

function runR(data: Data, dir: string, label: string): RTimes {
  const csv = join(dir, `${label}.csv`);
  const lines: string[] = ["time,event,group"];
  for (let i = 0; i < data.time.length; i++) lines.push(`${data.time[i]},${data.event[i]},${data.group[i]}`);
  writeFileSync(csv, lines.join("\n") + "\n");
  const script = join(dir, "bench.R");
  writeFileSync(script, R_SCRIPT);
  const r = spawnSync("Rscript", [script, csv, String(R_RUNS)], {encoding: "utf8", maxBuffer: 1 << 20});
  if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as RTimes;
}

// ---------------------------------------------------------------------------------------------------------

function main(): void {
  const cpuList = cpus();
  console.log(`Statistics core benchmark: n = ${int(N)} seeded synthetic rows (seed ${SEED})`);
  console.log(
    `machine: ${cpuList.length} cores (${cpuList[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, ` +
      `${new Date().toISOString().slice(0, 10)}; ${RUNS} interleaved runs (R: ${R_RUNS}) after a warm-up` +
      (gc ? "" : "; run with --expose-gc for steadier figures"),
  );
  const r = rAvailable();
  if (!r.ok) console.log(`R: absent (${r.reason}); R comparison skipped`);
  const dir = r.ok ? mkdtempSync(join(tmpdir(), "statistics-bench-")) : "";
  const summary: string[] = [];
  try {
    for (const resolution of ["days", "continuous"] as Resolution[]) {
      const data = makeData(N, SEED, resolution);
      const fit = kaplanMeier(data.time, data.event);
      const test = logRank(data.time, data.event, data.group);
      const [sortT, kmT, lrT] = timeAll(RUNS, [
        {call: (copy: Float64Array) => copy.sort(), prepare: () => data.time.slice()},
        {call: () => kaplanMeier(data.time, data.event, {confType: "log"}), prepare: () => null},
        {call: () => logRank(data.time, data.event, data.group), prepare: () => null},
      ]);
      const sortMs = sortT.median;
      const kmMs = kmT.median;
      const lrMs = lrT.median;
      const rt = r.ok ? runR(data, dir, resolution) : null;
      console.log(
        `\n${resolution === "days" ? "Times in whole days" : "Continuous times"}: ${int(fit.time.length)} distinct times, ` +
          `${int(fit.nEvents)} events, S at the last time ${fit.survival[fit.survival.length - 1].toFixed(4)}`,
      );
      console.log(
        `  ${padEnd("operation", 28)}${pad("median ms", 10)}${pad("best ms", 9)}${pad("/ sort", 8)}` +
          (r.ok ? pad("R ms", 9) + pad("R / ours", 10) : ""),
      );
      const line = (label: string, t: Timing, rMs?: number) =>
        console.log(
          `  ${padEnd(label, 28)}${pad(fmt(t.median), 10)}${pad(fmt(t.best), 9)}${pad(fmt(t.median / sortMs, 2), 8)}` +
            (rMs !== undefined ? `${pad(fmt(rMs, 0), 9)}${pad(fmt(rMs / t.median, 1) + "x", 10)}` : ""),
        );
      line("Float64Array sort (bare)", sortT);
      line("kaplanMeier, log CI", kmT, rt?.survfitMs);
      line("logRank, 2 groups", lrT, rt?.survdiffMs);
      if (rt) {
        const chisqDiff = Math.abs((test.chisq ?? NaN) - rt.chisq) / rt.chisq;
        const survDiff = Math.abs(fit.survival[fit.survival.length - 1] - rt.lastSurv) / rt.lastSurv;
        console.log(
          `  same answers as R ${rt.version} / survival ${rt.survival}: ${int(rt.rows)} rows in survfit, ` +
            `last S relative difference ${survDiff.toExponential(1)}, log-rank chisq ${chisqDiff.toExponential(1)}`,
        );
      }
      summary.push(
        `${resolution}: kaplanMeier ${fmt(kmMs / sortMs, 2)}x the sort, best runs ${fmt(kmT.best / sortT.best, 2)}x ` +
          `(target <= 2: ${kmMs <= 2 * sortMs ? "met" : "missed"})` +
          (rt
            ? `; survfit/kaplanMeier ${fmt(rt.survfitMs / kmMs, 1)}x (target >= 5: ${rt.survfitMs >= 5 * kmMs ? "met" : "missed"})` +
              `; survdiff/logRank ${fmt(rt.survdiffMs / lrMs, 1)}x (target >= 5: ${rt.survdiffMs >= 5 * lrMs ? "met" : "missed"})`
            : ""),
      );
    }
  } finally {
    if (dir) rmSync(dir, {recursive: true, force: true});
  }

  console.log(`\nMemory of kaplanMeier (fresh process per size)`);
  console.log(`  ${padEnd("rows", 12)}${padEnd("times", 13)}${pad("fit rows", 11)}${pad("peak MB", 10)}${pad("B/row", 8)}${pad("fit MB", 9)}`);
  console.log(`  (peak MB: highest RSS during the call minus RSS before it, sampled by a worker thread;`);
  console.log(`   fit MB: JS heap held by the result)`);
  const self = fileURLToPath(import.meta.url);
  for (const resolution of ["days", "continuous"] as Resolution[]) {
    for (const n of [100_000, 1_000_000]) {
      const child = spawnSync(
        process.execPath,
        ["--expose-gc", "--import", "tsx", self, "--memory", String(n), resolution],
        {encoding: "utf8"},
      );
      if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
      const m = JSON.parse(child.stdout) as {n: number; rows: number; peakMB: number; fitMB: number};
      console.log(
        `  ${padEnd(int(n), 12)}${padEnd(resolution, 13)}${pad(int(m.rows), 11)}${pad(fmt(m.peakMB), 10)}` +
          `${pad(fmt((m.peakMB * 2 ** 20) / n, 0), 8)}${pad(fmt(m.fitMB), 9)}`,
      );
    }
  }
  console.log(`\nTargets`);
  for (const line of summary) console.log(`  ${line}`);
}

const memoryFlag = process.argv.indexOf("--memory");
if (memoryFlag >= 0) {
  await memoryChild(Number(process.argv[memoryFlag + 1]), process.argv[memoryFlag + 2] as Resolution);
} else {
  main();
}
