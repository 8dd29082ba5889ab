// Published series of liver resection for GIST metastases, validated, with the summary the context page plots.
// Output: {columns, method, rows, summary} (see data/literature.md). Bad input stops the build with
// data/literature.csv:<line>:<column> messages.
import {readFileSync} from "node:fs";
import {
  LITERATURE_COLUMNS,
  LITERATURE_INTERVAL_METHOD,
  literatureSummary,
  parseLiterature
} from "../../loaders/literature.js";

const text = readFileSync(new URL("../../data/literature.csv", import.meta.url), "utf8");
const rows = parseLiterature(text, "data/literature.csv");
const summary = literatureSummary(rows);
if (summary.filter((s) => s.isLeeds).length !== 1) {
  throw new Error("data/literature.csv: expected exactly one row citing the Leeds paper (PubMed 18333115)");
}

process.stdout.write(
  JSON.stringify({
    columns: LITERATURE_COLUMNS,
    method: {interval: LITERATURE_INTERVAL_METHOD, confLevel: 0.95},
    rows,
    summary
  })
);
