// Overall and disease-free survival of the curative patients: Kaplan–Meier fits for each CI type (log, log-log,
// plain) and each disease-free definition, landmarks, quantiles, numbers at risk and reverse Kaplan–Meier follow-up.
// Throws, naming file, line, column and value, when data/patients.csv is invalid.
// JSON note: an infinite value (cumHazStdErr where S = 0) prints as null.
import {readFileSync} from "node:fs";
import {parsePatients} from "../../loaders/cohort.js";
import {survivalSummary} from "../../loaders/survival-summary.js";

const SOURCE = "data/patients.csv";
const patients = parsePatients(readFileSync(new URL("../../data/patients.csv", import.meta.url), "utf8"), SOURCE);

process.stdout.write(
  JSON.stringify({
    notice: `Computed from a reconstructed table (${SOURCE}), one of many consistent with the published abstract, not the study's records. See data/README.md.`,
    source: SOURCE,
    ...survivalSummary(patients),
  }),
);
