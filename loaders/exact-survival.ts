// Kaplan–Meier S(t) as an exact fraction, beside kaplanMeier's floating-point value, so that rounded figures
// ("30%") are decided exactly and shown as fractions (10/33).
// Pure: no I/O, no DOM, no node: imports.
import {formatFraction, fraction, multiply, toNumber, type Fraction} from "./exact-fraction.js";
import {survivalAt, type KaplanMeierFit} from "./kaplan-meier.js";

/**
 * S(t) of a fit as an exact fraction: the product of (nRisk - nEvent)/nRisk over the fit's times up to t (the
 * product-limit estimate, with the fit's own counts). Checked against survivalAt's value; null when survivalAt does
 * not report t (after the last observation, as R's summary).
 */
export function exactSurvivalAt(fit: KaplanMeierFit, t: number): {exact: Fraction; value: number} | null {
  const [row] = survivalAt(fit, [t]);
  if (row === undefined) return null;
  let s = fraction(1);
  for (let i = 0; i < fit.time.length && fit.time[i] <= t; i++) {
    if (fit.nEvent[i] > 0) s = multiply(s, fraction(fit.nRisk[i] - fit.nEvent[i], fit.nRisk[i]));
  }
  const value = row.survival;
  if (Math.abs(toNumber(s) - value) > 1e-12) {
    throw new Error(`exactSurvivalAt: the exact product ${formatFraction(s)} disagrees with survivalAt (${value}) at t = ${t}`);
  }
  return {exact: s, value};
}
