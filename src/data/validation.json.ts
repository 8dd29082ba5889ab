// The Methods page's validation table: the statistics core recomputes every value R's `survival` package gave
// for its public aml and lung datasets (test/fixtures/, provenance in test/fixtures/README.md) and is compared
// field by field (loaders/reference-comparison.ts). The build stops if any field differs by more than RELATIVE_TOLERANCE.
// Output: {datasets: [{name, description, n, source}], rows: [{dataset, curve, confType, field, n, maxAbsDiff,
// maxRelDiff, ok, detail}], maxRelDiff, allOk, relTol, tiny, rVersion, survivalVersion, rCalls}.
import {readFileSync} from "node:fs";
import {compareWithReference, parseReferenceCsv, type ReferenceDataset} from "../../loaders/reference-comparison.js";

const RELATIVE_TOLERANCE = 1e-10;
const TINY = 1e-12;
const NAMES = ["aml", "lung"] as const;

const urls = {
  aml: {json: new URL("../../test/fixtures/aml.json", import.meta.url), csv: new URL("../../test/fixtures/aml.csv", import.meta.url)},
  lung: {json: new URL("../../test/fixtures/lung.json", import.meta.url), csv: new URL("../../test/fixtures/lung.csv", import.meta.url)},
};

const loaded = NAMES.map((name) => {
  const jsonPath = `test/fixtures/${name}.json`;
  let reference: ReferenceDataset;
  try {
    reference = JSON.parse(readFileSync(urls[name].json, "utf8")) as ReferenceDataset;
  } catch (e) {
    throw new Error(`${jsonPath}: cannot read the R reference values: ${(e as Error).message}`);
  }
  if (reference.dataset !== name) throw new Error(`${jsonPath}: field "dataset" is "${reference.dataset}", expected "${name}"`);
  const data = parseReferenceCsv(readFileSync(urls[name].csv, "utf8"), `test/fixtures/${name}.csv`);
  return {name, reference, rows: compareWithReference(reference, {data, relTol: RELATIVE_TOLERANCE, tiny: TINY})};
});

const rows = loaded.flatMap((d) => d.rows);
const failures = rows.filter((r) => !r.ok);
if (failures.length > 0) {
  const list = failures
    .slice(0, 20)
    .map((r) => `  ${r.dataset} ${r.curve}${r.confType ? ` (${r.confType})` : ""} ${r.field}: max relative difference ${r.maxRelDiff}; ${r.detail}`)
    .join("\n");
  throw new Error(
    `validation against R (test/fixtures/aml.json, lung.json): ${failures.length} of ${rows.length} fields differ ` +
      `by more than ${RELATIVE_TOLERANCE} relative:\n${list}${failures.length > 20 ? `\n  … and ${failures.length - 20} more` : ""}`
  );
}

// Provenance: every fixture must come from the same R run.
const generators = loaded.map((d) => d.reference.generator ?? {});
const rVersion = generators[0].r_version;
const survivalVersion = generators[0].survival_version;
for (const [i, g] of generators.entries()) {
  if (typeof g.r_version !== "string" || g.r_version !== rVersion || g.survival_version !== survivalVersion) {
    throw new Error(`test/fixtures/${NAMES[i]}.json: generator ${JSON.stringify(g)} differs from test/fixtures/${NAMES[0]}.json (${rVersion}, survival ${survivalVersion})`);
  }
}

process.stdout.write(
  JSON.stringify({
    datasets: loaded.map((d) => ({
      name: d.name,
      description: d.reference.description ?? null,
      n: d.reference.n,
      source: d.reference.source ?? null,
    })),
    rows,
    maxRelDiff: Math.max(...rows.map((r) => r.maxRelDiff)),
    allOk: rows.every((r) => r.ok),
    relTol: RELATIVE_TOLERANCE,
    tiny: TINY,
    rVersion,
    survivalVersion,
    rCalls: loaded[0].reference.r_calls ?? {},
  })
);
