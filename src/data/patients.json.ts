// The validated patient table, and the analysis table (one row per curative patient) under the default disease-free
// definition. Throws, naming file, line, column and value, when data/patients.csv is invalid.
import {readFileSync} from "node:fs";
import {DEFAULT_POSTOPERATIVE_DEATH, analysisTable, parsePatients} from "../../loaders/cohort.js";

const SOURCE = "data/patients.csv";
const patients = parsePatients(readFileSync(new URL("../../data/patients.csv", import.meta.url), "utf8"), SOURCE);

process.stdout.write(
  JSON.stringify({
    notice: `Reconstructed table (${SOURCE}): one of many patient-level tables consistent with every figure in the published abstract, not the study's records. See data/README.md.`,
    source: SOURCE,
    patients,
    analysisOptions: {postoperativeDeath: DEFAULT_POSTOPERATIVE_DEATH},
    analysis: analysisTable(patients),
  }),
);
