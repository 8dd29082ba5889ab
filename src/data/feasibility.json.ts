// Feasibility audit (issue 6): for every disease-free definition × postoperative-death month × constraint set ×
// reading, the exact number of disease-free configurations consistent with the abstract's figures, the structure
// forced on all of them, and the range of figures the abstract does not report; plus the check that the canonical
// table (data/patients.csv) is one of the solutions. Output (BigInts as decimal strings):
//   {grid, readings, scenarios: Scenario[], canonical}
// The build stops if the canonical table is not a solution of the required scenarios.
import {readFileSync} from "node:fs";
import {analysisTable, parsePatients} from "../../loaders/cohort.js";
import {checkConfiguration, configurationFromRows, feasibilityAudit, scenarioId, scenarioOptionsList} from "../../loaders/feasibility.js";

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
