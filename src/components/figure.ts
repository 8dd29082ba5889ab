// Accessible figures: every chart carries a title and a description (as SVG <title>/<desc>, which screen
// readers announce and which travel with the SVG download) and a "Download SVG" button.
import {downloads, svgButton} from "./download.js";

export interface FigureText {
  /** Short title, shown above the chart and used as its accessible name. */
  title: string;
  /** One or two sentences saying what the chart shows, for readers who cannot see it. */
  description: string;
  /** File name of the SVG download. */
  filename: string;
}

let counter = 0;

/** Adds <title> and <desc> to an SVG and points its accessible name and description at them. */
export function labelSvg(svg: SVGSVGElement, title: string, description: string): void {
  const id = `fig-${++counter}`;
  const ns = "http://www.w3.org/2000/svg";
  const t = document.createElementNS(ns, "title");
  t.id = `${id}-title`;
  t.textContent = title;
  const d = document.createElementNS(ns, "desc");
  d.id = `${id}-desc`;
  d.textContent = description;
  svg.prepend(t, d);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", t.id);
  svg.setAttribute("aria-describedby", d.id);
}

/** Wraps a chart (an SVG or an element containing one) in a <figure> with a caption and a download button. */
export function figure(chart: Element, {title, description, filename}: FigureText, caption?: string): HTMLElement {
  const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg");
  if (!svg) throw new Error(`figure "${title}": the chart has no <svg>`);
  labelSvg(svg, title, description);
  const fig = document.createElement("figure");
  fig.className = "chart";
  fig.style.maxWidth = "100%";
  const heading = document.createElement("div");
  heading.style.font = "600 14px var(--sans-serif)";
  heading.textContent = title;
  fig.append(heading, chart);
  if (caption) {
    const cap = document.createElement("figcaption");
    cap.textContent = caption;
    fig.append(cap);
  }
  fig.append(downloads(svgButton(svg, filename)));
  return fig;
}
