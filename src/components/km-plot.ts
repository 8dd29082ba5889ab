// A Kaplan–Meier figure the way clinical papers draw it, reusable for any survfit-like fit:
// step curves from S(0) = 1, censoring ticks, a shaded pointwise confidence band whose type is named on the
// figure, and beneath it, on the same time axis, a numbers-at-risk table in the KMunicate layout (at risk,
// censored so far, events so far). The SVG download holds the curves and the table together.
import * as Plot from "@observablehq/plot";
import {categorical} from "./palette.js";
import {downloads, svgButton, csvButton} from "./download.js";
import {labelSvg} from "./figure.js";

/** The parts of a Kaplan–Meier fit this figure reads (loaders/kaplan-meier.ts's KaplanMeierFit has them). */
export interface StepFit {
  time: ArrayLike<number>;
  survival: ArrayLike<number>;
  lower: ArrayLike<number | null>;
  upper: ArrayLike<number | null>;
  nCensor: ArrayLike<number>;
  confType: string;
  confLevel: number;
}

export interface RiskRow {
  time: number;
  atRisk: number;
  censored: number;
  events: number;
}

export interface KmCurve {
  label: string;
  fit: StepFit;
  /** Numbers at risk at the table's times (from loaders/risk-table.ts). */
  risk: RiskRow[];
  color?: string;
}

export interface KmPlotOptions {
  width: number;
  title: string;
  description: string;
  filename: string;
  /** Time axis label, e.g. "Months since hepatic resection". */
  xLabel: string;
  yLabel: string;
  /** Times of the at-risk table and of the x ticks. */
  ticks: number[];
  /** Marks a landmark time with a vertical rule. */
  landmark?: number | null;
}

interface Step {
  curve: string;
  time: number;
  survival: number;
  lower: number;
  upper: number;
}

/** The step function as points: (0, 1) then (t_i, S(t_i)) — Plot draws it with curve "step-after". */
function steps(label: string, fit: StepFit, end: number): Step[] {
  const out: Step[] = [{curve: label, time: 0, survival: 1, lower: 1, upper: 1}];
  let last = out[0];
  for (let i = 0; i < fit.time.length; i++) {
    const s = fit.survival[i];
    // R gives no limit (NA) where S = 1 (log-log) or S = 0 (log, log-log): the band has no width there.
    const lo = fit.lower[i] ?? s;
    const hi = fit.upper[i] ?? s;
    last = {curve: label, time: fit.time[i], survival: s, lower: lo, upper: hi};
    out.push(last);
  }
  if (last.time < end) out.push({...last, time: end});
  return out;
}

const confName: Record<string, string> = {log: "log", "log-log": "log–log", plain: "plain (linear)"};

export function kmPlot(curves: KmCurve[], options: KmPlotOptions): HTMLElement {
  const {width, ticks} = options;
  const end = Math.max(...ticks, ...curves.map((c) => (c.fit.time.length ? c.fit.time[c.fit.time.length - 1] : 0)));
  const colors = curves.map((c, i) => c.color ?? categorical[i % categorical.length]);
  const labels = curves.map((c) => c.label);
  const data = curves.flatMap((c) => steps(c.label, c.fit, end));
  const censored = curves.flatMap((c) =>
    Array.from(c.fit.time, (t, i) => ({curve: c.label, time: t, survival: c.fit.survival[i], n: c.fit.nCensor[i]})).filter((d) => d.n > 0)
  );
  const conf = curves[0]?.fit;
  const band = conf ? `${Math.round(conf.confLevel * 100)}% pointwise CI, ${confName[conf.confType] ?? conf.confType} type` : "";
  const marginLeft = curves.length > 1 ? 120 : 70;
  const color = {domain: labels, range: colors, legend: curves.length > 1};
  const x = {type: "linear" as const, domain: [0, end], ticks, insetLeft: 14, insetRight: 10, label: options.xLabel, labelAnchor: "center" as const, labelArrow: "none" as const};

  const chart = Plot.plot({
    width,
    height: Math.max(220, Math.min(360, width * 0.55)),
    marginLeft,
    marginRight: 16,
    x,
    y: {domain: [0, 1], tickFormat: "%", label: options.yLabel, grid: true, labelArrow: "none"},
    color,
    subtitle: `Shaded: ${band}. Tick: censored.`,
    marks: [
      Plot.areaY(data, {x: "time", y1: "lower", y2: "upper", fill: "curve", fillOpacity: 0.18, curve: "step-after"}),
      Plot.lineY(data, {x: "time", y: "survival", stroke: "curve", strokeWidth: 2, curve: "step-after"}),
      Plot.ruleX(censored, {x: "time", y1: (d: {survival: number}) => d.survival - 0.025, y2: (d: {survival: number}) => d.survival + 0.025, stroke: "curve", strokeWidth: 1.5}),
      options.landmark == null ? null : Plot.ruleX([options.landmark], {stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.6}),
      Plot.tip(data, Plot.pointerX({x: "time", y: "survival", title: (d: Step) => `${d.curve}\nmonth ${d.time}\nS = ${(d.survival * 100).toFixed(1)}% (${(d.lower * 100).toFixed(1)}–${(d.upper * 100).toFixed(1)}%)`})),
    ],
  });

  const metrics = ["At risk", "Censored", "Events"] as const;
  const rows = curves.flatMap((c) =>
    c.risk.flatMap((r) => [
      {curve: c.label, row: "At risk", time: r.time, value: r.atRisk},
      {curve: c.label, row: "Censored", time: r.time, value: r.censored},
      {curve: c.label, row: "Events", time: r.time, value: r.events},
    ])
  );
  const rowLabel = (d: {curve: string; row: string}) => (curves.length > 1 ? `${d.curve}: ${d.row.toLowerCase()}` : d.row);
  const table = Plot.plot({
    width,
    height: 22 + 18 * metrics.length * curves.length,
    marginLeft,
    marginRight: 16,
    marginTop: 18,
    marginBottom: 4,
    x: {...x, axis: null},
    y: {domain: curves.flatMap((c) => metrics.map((m) => rowLabel({curve: c.label, row: m}))), label: null, tickSize: 0},
    color: {...color, legend: false},
    marks: [
      Plot.text(["Numbers at risk (censored and events: cumulative)"], {frameAnchor: "top-left", dx: -marginLeft + 4, dy: -16, fontWeight: "bold"}),
      Plot.text(rows, {x: "time", y: rowLabel, text: "value", fill: curves.length > 1 ? "curve" : "currentColor", fontVariant: "tabular-nums"}),
    ],
  });

  // One SVG holding both parts, for the download and for print.
  const svgNS = "http://www.w3.org/2000/svg";
  const chartSvg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg")!;
  const tableSvg = table instanceof SVGSVGElement ? table : table.querySelector("svg")!;
  const combined = document.createElementNS(svgNS, "svg");
  const h1 = Number(chartSvg.getAttribute("height"));
  const h2 = Number(tableSvg.getAttribute("height"));
  combined.setAttribute("width", String(width));
  combined.setAttribute("height", String(h1 + h2));
  combined.setAttribute("viewBox", `0 0 ${width} ${h1 + h2}`);
  combined.setAttribute("font-family", "system-ui, sans-serif");
  combined.setAttribute("font-size", "10");
  const a = chartSvg.cloneNode(true) as SVGSVGElement;
  const b = tableSvg.cloneNode(true) as SVGSVGElement;
  b.setAttribute("y", String(h1));
  combined.append(a, b);
  labelSvg(combined, options.title, `${options.description} ${band}.`);

  const fig = document.createElement("figure");
  fig.className = "km-figure";
  fig.style.maxWidth = "100%";
  fig.setAttribute("aria-label", options.title);
  const heading = document.createElement("div");
  heading.style.font = "600 14px var(--sans-serif)";
  heading.textContent = options.title;
  labelSvg(chartSvg, options.title, `${options.description} ${band}.`);
  labelSvg(tableSvg, `${options.title}: numbers at risk`, "At risk, cumulative censored and cumulative events at each time on the axis above.");
  fig.append(heading, chart, table);
  const riskCsv = curves.flatMap((c) => c.risk.map((r) => ({curve: c.label, month: r.time, at_risk: r.atRisk, censored: r.censored, events: r.events})));
  fig.append(downloads(svgButton(combined, options.filename), csvButton(riskCsv, options.filename.replace(/\.svg$/, "-at-risk.csv"))));
  return fig;
}
