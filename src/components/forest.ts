// A dot-and-interval figure: one row per series, the reported percentage as a dot sized by n, its interval
// as a line, rows ordered as given. One row can be highlighted (the series this site reproduces).
import * as Plot from "@observablehq/plot";
import {okabeIto} from "./palette.js";

export interface IntervalRow {
  label: string;
  value: number;
  lower: number;
  upper: number;
  n: number;
  /** Shown as a hollow dot and named in the legend, e.g. "3-year (no 5-year figure)". */
  kind: string;
  highlight: boolean;
}

export function intervalPlot(rows: IntervalRow[], {width, xLabel}: {width: number; xLabel: string}): SVGSVGElement | HTMLElement {
  const kinds = [...new Set(rows.map((r) => r.kind))];
  return Plot.plot({
    width,
    height: 50 + 34 * rows.length,
    marginLeft: Math.min(150, width * 0.35),
    marginRight: 24,
    x: {domain: [0, 100], label: xLabel, labelAnchor: "center", labelArrow: "none", grid: true},
    y: {domain: rows.map((r) => r.label), label: null},
    r: {range: [3, 9]},
    symbol: {domain: kinds, range: ["circle", "diamond"], legend: kinds.length > 1},
    marks: [
      Plot.ruleY(rows, {y: "label", x1: "lower", x2: "upper", stroke: (r: IntervalRow) => (r.highlight ? okabeIto.vermillion : okabeIto.blue), strokeWidth: 2}),
      Plot.dot(rows, {x: "value", y: "label", r: "n", symbol: "kind", fill: (r: IntervalRow) => (r.highlight ? okabeIto.vermillion : okabeIto.blue), stroke: "white"}),
      Plot.text(rows, {x: "upper", y: "label", text: (r: IntervalRow) => `n=${r.n}`, textAnchor: "start", dx: 6, fontSize: 10}),
      Plot.tip(rows, Plot.pointerY({x: "value", y: "label", title: (r: IntervalRow) => `${r.label}\n${r.kind}: ${r.value}% (95% CI ${r.lower.toFixed(1)}–${r.upper.toFixed(1)}%)\nn = ${r.n}`})),
    ],
  });
}
