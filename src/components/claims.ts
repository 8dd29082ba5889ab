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
