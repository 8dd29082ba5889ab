// The claims ledger (data/claims.json) evaluated against the patient table (data/patients.csv): an array of
// {id, quote, reported, reproduced, status, detail}. Throws, naming file, line, column and value, when either file
// is invalid. A claim that does not reproduce is printed with status "differs" (the tests fail on it).
import {readFileSync} from "node:fs";
import {parsePatients} from "../../loaders/cohort.js";
import {evaluateClaims, parseClaimLedger} from "../../loaders/claims.js";

const read = (name: string) => readFileSync(new URL(`../../data/${name}`, import.meta.url), "utf8");
const patients = parsePatients(read("patients.csv"), "data/patients.csv");
const claims = parseClaimLedger(read("claims.json"), "data/claims.json");

process.stdout.write(JSON.stringify(evaluateClaims(claims, patients)));
