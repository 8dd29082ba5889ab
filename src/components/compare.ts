// "The paper says / we get" side by side, with the claim's status, for one result of the paper.

export type Status = "reproduced" | "differs" | "not-checkable";

export interface Comparison {
  /** What is compared, e.g. "5-year overall survival". */
  label: string;
  /** The paper's figure as printed, e.g. "91%". */
  paper: string;
  /** Ours, e.g. "90.9% (95% CI 75.4–100%)". */
  ours: string;
  status?: Status;
  /** A short note under ours, e.g. the exact value "10/11". */
  note?: string;
}

const statusText: Record<Status, string> = {reproduced: "reproduced", differs: "differs", "not-checkable": "not checkable"};

export function statusBadge(status: Status): HTMLSpanElement {
  const span = document.createElement("span");
  span.className = `status status-${status}`;
  span.textContent = statusText[status];
  return span;
}

function box(label: string, value: string, note?: string, badge?: HTMLElement): HTMLDivElement {
  const div = document.createElement("div");
  const l = document.createElement("div");
  l.className = "label";
  l.textContent = label;
  if (badge) l.append(" ", badge);
  const v = document.createElement("div");
  v.className = "value";
  v.textContent = value;
  div.append(l, v);
  if (note) {
    const n = document.createElement("div");
    n.className = "label";
    n.textContent = note;
    div.append(n);
  }
  return div;
}

/** A pair of boxes: the paper's figure and ours. */
export function compare({label, paper, ours, status, note}: Comparison): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "comparison";
  wrap.setAttribute("role", "group");
  wrap.setAttribute("aria-label", label);
  const title = document.createElement("div");
  title.style.font = "600 13px var(--sans-serif)";
  title.textContent = label;
  const grid = document.createElement("div");
  grid.className = "side-by-side pair";
  grid.append(box("Paper", paper), box("This reproduction", ours, note, status ? statusBadge(status) : undefined));
  wrap.append(title, grid);
  return wrap;
}

/** A percentage with one decimal, "90.9%"; null as "–". */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : `${(100 * x).toFixed(digits)}%`;
}

/** "90.9% (95% CI 75.4–100.0%)". */
export function pctCi(s: number | null, lower: number | null, upper: number | null, level = 0.95): string {
  return `${pct(s)} (${Math.round(level * 100)}% CI ${lower === null ? "–" : (100 * lower).toFixed(1)}–${pct(upper)})`;
}
