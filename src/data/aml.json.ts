// R's `survival::aml` data (the copy in test/fixtures/aml.csv, provenance in test/fixtures/README.md), for the
// Methods page's live example: [{time, event, group}] with time in weeks, event 1 = relapse/death, 0 = censored,
// group the maintenance arm (Maintained / Nonmaintained).
import {readFileSync} from "node:fs";
import {parseReferenceCsv} from "../../loaders/reference-comparison.js";

const data = parseReferenceCsv(readFileSync(new URL("../../test/fixtures/aml.csv", import.meta.url), "utf8"), "test/fixtures/aml.csv");
const rows = Array.from(data.time, (time, i) => ({time, event: data.event[i], group: data.group ? data.group[i] : null}));
process.stdout.write(JSON.stringify(rows));
