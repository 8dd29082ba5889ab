// A plain HTML table for rows with long text (wrapping cells, no fixed row height), with an optional caption.
// For short, numeric tables that readers sort and search, pages use Inputs.table instead.

export interface Column<T> {
  key: keyof T & string;
  label?: string;
  /** Renders the cell; strings are set as text, nodes are inserted. */
  format?: (value: T[keyof T], row: T) => string | Node;
  align?: "left" | "right";
  width?: string;
}

export function htmlTable<T extends Record<string, unknown>>(rows: readonly T[], columns: readonly Column<T>[], caption?: string): HTMLDivElement {
  const wrap = document.createElement("div");
  wrap.style.overflowX = "auto";
  wrap.style.maxWidth = "100%";
  const table = document.createElement("table");
  table.className = "compact";
  table.style.maxWidth = "none";
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c.label ?? c.key;
    if (c.align) th.style.textAlign = c.align;
    if (c.width) th.style.minWidth = c.width;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const c of columns) {
      const td = tr.insertCell();
      const v = c.format ? c.format(row[c.key], row) : row[c.key];
      if (v instanceof Node) td.append(v);
      else td.textContent = v === null || v === undefined ? "" : String(v);
      td.style.verticalAlign = "top";
      if (c.align) td.style.textAlign = c.align;
    }
  }
  if (caption) {
    const cap = document.createElement("div");
    cap.style.font = "600 14px var(--sans-serif)";
    cap.style.margin = "0 0 0.25rem";
    cap.textContent = caption;
    wrap.append(cap);
    table.setAttribute("aria-label", caption);
  }
  wrap.append(table);
  return wrap;
}

/** A link that opens in a new tab, its text the URL without the scheme. */
export function link(url: string, text = url.replace(/^https:\/\/(www\.)?/, "").replace(/\/$/, "")): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = url;
  a.textContent = text;
  a.target = "_blank";
  a.rel = "noopener";
  return a;
}
