// Feasibility audit (issue 6): for every disease-free definition × postoperative-death month × constraint set ×
// reading, the exact number of disease-free configurations consistent with the abstract's figures, the structure
// forced on all of them, and the range of figures the abstract does not report; plus the check that the canonical
// table (data/patients.csv) is one of the solutions. Output (BigInts as decimal strings):
//   {grid, readings, scenarios: Scenario[], canonical}
// The build stops if the canonical table is not a solution of the required scenarios.
//
// Speed: the audit is a few hundred milliseconds of work in short, large functions. V8's optimising compiler
// (TurboFan) compiles those functions concurrently at a cost of hundreds of milliseconds of CPU each, more than it
// saves here; on the shared 2-core machine that nearly doubled the loader's time (bench/feasibility.bench.ts). So
// this process stops at V8's baseline tier before the audit's modules are loaded (hence the dynamic imports). It
// changes no result. FEASIBILITY_FULL_JIT=1 keeps the default tiers (for the benchmark's comparison).
import {readFileSync} from "node:fs";
import v8 from "node:v8";

if (process.env.FEASIBILITY_FULL_JIT !== "1") v8.setFlagsFromString("--max-opt=1");
const {analysisTable, parsePatients} = await import("../../loaders/cohort.js");
const {checkConfiguration, configurationFromRows, feasibilityAudit, scenarioId, scenarioOptionsList} = await import("../../loaders/feasibility.js");

const FILE = "data/patients.csv";
const text = readFileSync(new URL("../../data/patients.csv", import.meta.url), "utf8");
const rows = analysisTable(parsePatients(text, FILE));
const config = configurationFromRows(rows, FILE);

const audit = feasibilityAudit("month");

// The readings the canonical table adopts (data/README.md): the death is an event, at its own month; the KM median
// and the range over every analysed time are R's readings.
const required = [
  {dfsDefinition: "death-event", deathMonth: config.deathMonth, constraints: "dfs-landmarks", medianReading: null, rangeReading: null},
  {dfsDefinition: "death-event", deathMonth: config.deathMonth, constraints: "all", medianReading: "km", rangeReading: "all"},
] as const;
const checks = scenarioOptionsList("month")
  .filter((o) => o.deathMonth === config.deathMonth)
  .map((o) => ({id: scenarioId(o), check: checkConfiguration(o, config)}));
const satisfies = checks.filter((c) => c.check.satisfied).map((c) => c.id);
for (const r of required) {
  const id = scenarioId(r);
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`${FILE}: postoperative death at month ${config.deathMonth}, outside the audit's months 0–3`);
  if (!c.check.satisfied) throw new Error(`${FILE}: the canonical table is not a solution of ${id}: ${c.check.failures.join("; ")}`);
  const scenario = audit.scenarios.find((s) => s.id === id);
  if (!scenario || scenario.count === "0") throw new Error(`${FILE}: the canonical table satisfies ${id}, which the DP counts as impossible`);
}
const main = checks.find((c) => c.id === scenarioId(required[1]))!.check;

process.stdout.write(
  JSON.stringify({
    grid: audit.grid,
    readings: audit.readings,
    scenarios: audit.scenarios,
    canonical: {
      source: FILE,
      deathMonth: config.deathMonth,
      patients: config.patients.map((p, i) => ({id: config.ids[i], ...p})),
      required: required.map(scenarioId),
      satisfies,
      onGrid: main.onGrid,
      dfs: main.dfs,
    },
  })
);
