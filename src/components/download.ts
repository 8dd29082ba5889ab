// Downloads for figures (SVG) and tables (CSV), made in the browser from what the page shows.

/** RFC 4180 CSV: a header row of `columns`, fields quoted when they hold a comma, quote or line break. */
export function toCsv<T extends Record<string, unknown>>(rows: readonly T[], columns: readonly (keyof T & string)[] = rows.length ? (Object.keys(rows[0]) as (keyof T & string)[]) : []): string {
  const field = (v: unknown): string => {
    const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(field).join(","), ...rows.map((r) => columns.map((c) => field(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** A button that saves `content()` as `filename`. */
export function downloadButton(label: string, filename: string, type: string, content: () => string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.setAttribute("aria-label", `${label} (${filename})`);
  button.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([content()], {type}));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}

/** The standalone SVG text of the first <svg> in `element` (a Plot figure or an SVG). */
export function svgText(element: Element): string {
  const svg = element instanceof SVGSVGElement ? element : element.querySelector("svg");
  if (!svg) throw new Error("svgText: no <svg> in the element");
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

export function csvButton<T extends Record<string, unknown>>(rows: readonly T[], filename: string, columns?: readonly (keyof T & string)[]): HTMLButtonElement {
  return downloadButton("Download CSV", filename, "text/csv;charset=utf-8", () => toCsv(rows, columns));
}

export function svgButton(element: Element, filename: string): HTMLButtonElement {
  return downloadButton("Download SVG", filename, "image/svg+xml", () => svgText(element));
}

/** A row of download buttons. */
export function downloads(...buttons: HTMLElement[]): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "downloads";
  div.append(...buttons);
  return div;
}
