// A swimmer plot: one lane per patient from the hepatic resection (month 0) to death or last contact, with
// the recurrence and its treatments marked, and the lane's end showing the status at last contact.
// The table records whether each treatment was given, not when: treatment marks sit at the recurrence month,
// side by side, and the figure says so.
import * as Plot from "@observablehq/plot";
import {okabeIto} from "./palette.js";

export interface SwimmerPatient {
  id: string;
  surgery: string;
  recurrenceMonth: number | null;
  recurrenceSurgery: boolean;
  recurrenceRfa: boolean;
  recurrenceImatinib: boolean;
  postoperativeDeath: boolean;
  status: string;
  followupMonth: number;
}

const statusLabel: Record<string, string> = {
  dead: "dead",
  alive_with_disease: "alive with disease",
  alive_disease_free: "alive, disease-free",
};
const statusColor = {domain: ["alive, disease-free", "alive with disease", "dead"], range: [okabeIto.green, okabeIto.orange, okabeIto.black]};
const treatments = [
  {key: "recurrenceSurgery", label: "further surgery", symbol: "square"},
  {key: "recurrenceRfa", label: "radiofrequency ablation", symbol: "diamond2"},
  {key: "recurrenceImatinib", label: "imatinib", symbol: "star"},
] as const;

export function swimmerPlot(patients: SwimmerPatient[], {width, ticks}: {width: number; ticks: number[]}): SVGSVGElement | HTMLElement {
  const order = [...patients].sort((a, b) => b.followupMonth - a.followupMonth || (a.id < b.id ? -1 : 1)).map((p) => p.id);
  const lanes = patients.map((p) => ({...p, label: `${p.id}${p.surgery === "curative" ? "" : " (cytoreductive)"}`, statusText: statusLabel[p.status] ?? p.status}));
  const labelOf = new Map(lanes.map((l) => [l.id, l.label]));
  const recurrences = lanes.filter((p) => p.recurrenceMonth !== null);
  const marks = treatments.flatMap((t, k) =>
    recurrences.filter((p) => p[t.key]).map((p) => ({label: p.label, month: p.recurrenceMonth as number, treatment: t.label, symbol: t.symbol, k}))
  );
  const step = Math.max(1.2, (Math.max(...ticks) / Math.max(width - 130, 100)) * 11);
  return Plot.plot({
    width,
    height: 40 + 26 * lanes.length,
    marginLeft: 110,
    marginRight: 20,
    x: {domain: [0, Math.max(...ticks)], ticks, label: "Months since hepatic resection", labelAnchor: "center", labelArrow: "none", grid: true},
    y: {domain: order.map((id) => labelOf.get(id)), label: null},
    color: {...statusColor, legend: true, label: "Status at last contact"},
    symbol: {domain: ["recurrence", ...treatments.map((t) => t.label)], range: ["triangle", ...treatments.map((t) => t.symbol)], legend: true},
    marks: [
      Plot.barX(lanes, {x1: 0, x2: "followupMonth", y: "label", fill: "statusText", fillOpacity: 0.35, insetTop: 7, insetBottom: 7}),
      Plot.dot(recurrences, {x: "recurrenceMonth", y: "label", symbol: () => "recurrence", r: 5, fill: okabeIto.vermillion, stroke: "white", title: (p: SwimmerPatient) => `${p.id}: recurrence at month ${p.recurrenceMonth}`}),
      Plot.dot(marks, {x: (d: {month: number; k: number}) => d.month + step * (d.k + 1), y: "label", symbol: "treatment", r: 4, fill: okabeIto.blue, title: (d: {label: string; treatment: string}) => `${d.label}: ${d.treatment} for the recurrence (time not recorded)`}),
      Plot.dot(lanes, {x: "followupMonth", y: "label", fill: "statusText", r: 5, symbol: (p: SwimmerPatient) => (p.status === "dead" ? "times" : "circle"), stroke: (p: SwimmerPatient) => (p.status === "dead" ? okabeIto.black : "white"), strokeWidth: (p: SwimmerPatient) => (p.status === "dead" ? 2.5 : 1), title: (p: {label: string; statusText: string; followupMonth: number; postoperativeDeath: boolean}) => `${p.label}: ${p.postoperativeDeath ? "postoperative death" : p.statusText} at month ${p.followupMonth}`}),
    ],
  });
}
