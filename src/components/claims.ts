// Where each claim of the abstract is reproduced on the site: the page and the anchor of the cell that
// computes it. The overview links every claim here; each page places <a id="claim-…"> before the cell.

export const claimPages: Record<string, string> = {
  "study-period": "/cohort",
  "cohort-size": "/cohort",
  "age-median-range": "/cohort",
  "primary-sites": "/cohort",
  "surgery-intent": "/cohort",
  "os-2y": "/survival",
  "os-5y": "/survival",
  "dfs-2y": "/survival",
  "dfs-5y": "/survival",
  "dfs-median-range": "/survival",
  "follow-up-median-range": "/survival",
  recurrences: "/recurrence",
  "recurrence-treatment": "/recurrence",
  "disease-free-now": "/recurrence",
  morbidity: "/outcomes",
  "postoperative-deaths": "/outcomes",
  "early-vs-late-no-association": "/early-vs-late",
  "conclusion-survival": "/context",
  "conclusion-recurrence": "/recurrence",
};

/** The relative link to the cell that reproduces a claim. */
export function claimHref(id: string): string {
  const page = claimPages[id];
  if (!page) throw new Error(`claimHref: no page for claim "${id}"`);
  return `.${page}#claim-${id}`;
}

export interface LedgerEntry {
  id: string;
  quote: string;
  reported: Record<string, unknown> | null;
  reproduced: Record<string, unknown> | null;
  status: "reproduced" | "differs" | "not-checkable";
  detail: string;
}

/** The ledger entry with this id; throws when the ledger lacks it (a page must never show an empty figure). */
export function claimById(ledger: readonly LedgerEntry[], id: string): LedgerEntry {
  const c = ledger.find((e) => e.id === id);
  if (!c) throw new Error(`the claims ledger has no entry "${id}"`);
  return c;
}

const pretty: Record<string, string> = {afterInitialResection: "after the first resection", afterTreatmentOfRecurrence: "after further treatment", rfa: "RFA"};

/** A claim's reported or reproduced values as the abstract would print them: "91% (n=11)", "62 (32–78)". */
export function formatClaimValue(value: Record<string, unknown> | null): string {
  if (value === null || value === undefined) return "–";
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  const has = (...ks: string[]) => ks.every((k) => k in v) && keys.length === ks.length;
  const show = (x: unknown) => (x === null || x === undefined ? "–" : String(x));
  if (has("percent", "patients")) return `${show(v.percent)}% (n=${show(v.patients)})`;
  if (has("median", "min", "max")) return `${show(v.median)} (${show(v.min)}–${show(v.max)})`;
  if (has("from", "to", "years")) return `${show(v.from)} to ${show(v.to)} (${show(v.years)} years)`;
  if (has("significantAssociation")) return v.significantAssociation === false ? "no significant association" : v.significantAssociation === true ? "a significant association" : "not determined";
  if (has("patients")) return show(v.patients);
  return keys.map((k) => `${pretty[k] ?? k} ${show(v[k])}`).join(", ");
}
