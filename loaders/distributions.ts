/**
 * Distribution functions for the statistics modules, written to agree with R's `nmath` library.
 *
 * - `normalCdf(x, lowerTail)`        mirrors R's `pnorm(x, lower.tail = lowerTail)`: Cody's rational Chebyshev
 *                                     approximations (Algorithm 715, 1993), the same algorithm and coefficients
 *                                     as R's `pnorm_both`, so results agree to the last bit or two.
 * - `normalQuantile(p)`              mirrors R's `qnorm(p)`: Wichura's AS 241 (PPND16), accurate to about 1e-16
 *                                     relative, as R uses.
 * - `chiSquareUpperTail(x, df)`      mirrors R's `pchisq(x, df, lower.tail = FALSE)`. Closed forms for integer
 *                                     df (even df: Poisson sum; odd df: erfc plus a finite sum), otherwise the
 *                                     regularized incomplete gamma function (series for x < a, Lentz's
 *                                     continued fraction above), relative error about 1e-14 or better.
 * - `hypergeometricLogDensity`       mirrors R's `dhyper(x, m, n, k, log = TRUE)`: Loader's saddle-point
 *   `hypergeometricCdf`              algorithm (`stirlerr`, `bd0`, `dbinom_raw`) and R's `phyper` (`pdhyper`).
 *
 * Every function is pure and imports nothing, so it runs in Framework data loaders and in page cells alike.
 * Arguments outside the domain return NaN, as R does, instead of throwing: these are building blocks; the
 * public statistics functions check their own arguments.
 */

const DBL_EPSILON = 2.220446049250313e-16;
const DBL_MIN = 2.2250738585072014e-308;
const M_SQRT_32 = 5.656854249492380195206754896838;
const M_1_SQRT_2PI = 0.398942280401432677939946059934;
const M_LN_2PI = 1.837877066409345483560659472811;
const M_LN_SQRT_2PI = 0.918938533204672741780329736406;
const M_LN_SQRT_PI = 0.572364942924700087071713675677;

/**
 * Standard normal distribution function, R's `pnorm(x)` (or `pnorm(x, lower.tail = FALSE)` when
 * `lowerTail` is false). Accurate to about 1e-16 relative in either tail.
 */
export function normalCdf(x: number, lowerTail = true): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return lowerTail ? 1 : 0;
  if (x === -Infinity) return lowerTail ? 0 : 1;
  const [cum, ccum] = normalBoth(x);
  return lowerTail ? cum : ccum;
}

const PA = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const PB = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const PC = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
];
const PD = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const PP = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const PQ = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** [lower tail, upper tail] of the standard normal at x (Cody 1993, as R's `pnorm_both`). */
function normalBoth(x: number): [number, number] {
  let cum: number;
  let ccum: number;
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const xsq = y > DBL_EPSILON * 0.5 ? x * x : 0;
    let xnum = PA[4] * xsq;
    let xden = xsq;
    for (let i = 0; i < 3; ++i) {
      xnum = (xnum + PA[i]) * xsq;
      xden = (xden + PB[i]) * xsq;
    }
    const temp = (x * (xnum + PA[3])) / (xden + PB[3]);
    cum = 0.5 + temp;
    ccum = 0.5 - temp;
  } else if (y < 50) {
    let c: number;
    if (y <= M_SQRT_32) {
      let xnum = PC[8] * y;
      let xden = y;
      for (let i = 0; i < 7; ++i) {
        xnum = (xnum + PC[i]) * y;
        xden = (xden + PD[i]) * y;
      }
      c = (xnum + PC[7]) / (xden + PD[7]);
    } else {
      const xsq = 1 / (x * x);
      let xnum = PP[5] * xsq;
      let xden = xsq;
      for (let i = 0; i < 4; ++i) {
        xnum = (xnum + PP[i]) * xsq;
        xden = (xden + PQ[i]) * xsq;
      }
      c = (xsq * (xnum + PP[4])) / (xden + PQ[4]);
      c = (M_1_SQRT_2PI - c) / y;
    }
    // exp(-y^2/2) split as exp(-xsq^2/2) exp(-del/2) so that the square loses no precision
    const xsq = Math.floor(y * 1.6) / 1.6;
    const del = (y - xsq) * (y + xsq);
    c = Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * c;
    if (x > 0) {
      cum = 1 - c;
      ccum = c;
    } else {
      cum = c;
      ccum = 1 - c;
    }
  } else {
    cum = x > 0 ? 1 : 0;
    ccum = x > 0 ? 0 : 1;
  }
  if (cum < DBL_MIN) cum = 0;
  if (ccum < DBL_MIN) ccum = 0;
  return [cum, ccum];
}

/**
 * Standard normal quantile, R's `qnorm(p)`: Wichura's algorithm AS 241 (PPND16), relative accuracy about 1e-16.
 * Returns -Infinity/Infinity at 0/1 and NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  let r: number;
  let val: number;
  if (Math.abs(q) <= 0.425) {
    r = 0.180625 - q * q;
    val =
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1.0);
    return val;
  }
  r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1.0);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1.0);
  }
  return q < 0 ? -val : val;
}

/**
 * Upper tail of the chi-square distribution, R's `pchisq(x, df, lower.tail = FALSE)`, i.e. the p-value of a
 * chi-square statistic. df = 0 is R's point mass at 0 (1 at x <= 0, else 0); df < 0 or NaN input gives NaN.
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df < 0) return NaN;
  if (x <= 0) return 1;
  if (df === 0) return 0;
  if (x === Infinity) return 0;
  if (df === Infinity) return 1;
  return gammaUpperRegularized(df / 2, x / 2);
}

/** Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function, for a > 0, x > 0. */
export function gammaUpperRegularized(a: number, x: number): number {
  const twoA = 2 * a;
  if (Number.isInteger(twoA) && a <= 100 && x <= 600) {
    if (Number.isInteger(a)) {
      // Q(a, x) = exp(-x) sum_{k < a} x^k / k!  (all terms positive: no cancellation)
      let term = Math.exp(-x);
      let sum = term;
      for (let k = 1; k < a; k++) {
        term *= x / k;
        sum += term;
      }
      return sum;
    }
    // a = m + 1/2: Q(a, x) = erfc(sqrt x) + exp(-x) sum_{k=0}^{m-1} x^(k+1/2) / Γ(k+3/2)
    const erfcPart = 2 * normalCdf(-Math.sqrt(2 * x));
    const m = a - 0.5;
    if (m === 0) return erfcPart;
    let term = Math.exp(-x + 0.5 * Math.log(x) - M_LN_SQRT_PI) * 2; // x^(1/2) exp(-x) / Γ(3/2)
    let sum = term;
    for (let k = 1; k < m; k++) {
      term *= x / (k + 0.5);
      sum += term;
    }
    return erfcPart + sum;
  }
  // x^a e^-x / Γ(a) = a dpois(a, x), computed as R's dpois_raw (Loader's saddle point): relative accuracy
  // ~1e-15 even when a and x are large, where exp(a log x - x - lgamma(a)) would lose digits
  const prefactor = (a * Math.exp(-stirlerr(a) - bd0(a, x))) / Math.sqrt(2 * Math.PI * a);
  if (x < a) {
    // series for P(a, x) (at most ~0.6 here, so 1 - P loses little), then Q = 1 - P
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * DBL_EPSILON * 0.5) break;
    }
    return 1 - sum * prefactor;
  }
  // continued fraction for Q(a, x) (modified Lentz)
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < DBL_EPSILON * 0.5) break;
  }
  return prefactor * h;
}

/** log Γ(x) for x > 0, relative accuracy about 1e-15 (Stirling series after shifting x above 15). */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return NaN;
  if (x === 1 || x === 2) return 0;
  let shift = 0;
  let prod = 1;
  while (x < 15) {
    prod *= x;
    x += 1;
    shift++;
    if (prod > 1e280) {
      // cannot happen for x < 15 in 15 steps, kept as a guard against overflow
      break;
    }
  }
  const x2 = x * x;
  const series = (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * x2)) / x2) / x2) / x2) / x;
  const value = (x - 0.5) * Math.log(x) - x + M_LN_SQRT_2PI + series;
  return shift > 0 ? value - Math.log(prod) : value;
}

// ---------------------------------------------------------------------------------------------------------
// Hypergeometric distribution, following R's nmath (Catherine Loader's saddle-point algorithm), so that
// fisher.test's conditional-likelihood computations reproduce R's to the last bits.

const SFERR_HALVES = [
  0.0, 0.1534264097200273452913848, 0.0810614667953272582196702, 0.054814121051917653896139,
  0.0413406959554092940938221, 0.03316287351993628748511048, 0.02767792568499833914878929,
  0.0237461636562974959713292, 0.02079067210376509311152277, 0.01848845053267318523077934,
  0.01664469118982119216319487, 0.01513497322191737887351255, 0.01387612882307074799874573,
  0.01281046524292022692424986, 0.01189670994589177009505572, 0.01110455975820691732662991,
  0.010411265261972096497478567, 0.009799416126158803298389475, 0.009255462182712732917728637,
  0.008768700134139385462952823, 0.008330563433362871256469318, 0.0079341145643140205472481,
  0.007573675487951840794972024, 0.007244554301320383179543912, 0.006942840107209529865664152,
  0.006665247032707682442354394, 0.006408994188004207068439631, 0.006171712263039457647532867,
  0.005951370112758847735624416, 0.005746216513010115682023589, 0.00555473355196280137103869,
];

/** log(n!) - log(sqrt(2 pi n) (n/e)^n), R's `stirlerr` (for integer and half-integer n as used here). */
function stirlerr(n: number): number {
  const S0 = 0.083333333333333333333;
  const S1 = 0.00277777777777777777778;
  const S2 = 0.00079365079365079365079365;
  const S3 = 0.000595238095238095238095238;
  const S4 = 0.0008417508417508417508417508;
  if (n <= 15) {
    const nn = n + n;
    if (nn === Math.trunc(nn)) return SFERR_HALVES[nn];
    return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - M_LN_SQRT_2PI;
  }
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** Deviance term x log(x/np) + np - x, computed stably (R's `bd0`). */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    if (Math.abs(s) < DBL_MIN) return s;
    let ej = 2 * x * v;
    v = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / ((j << 1) + 1);
      if (s1 === s) return s1;
      s = s1;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/** log of the binomial density, R's `dbinom_raw(x, n, p, q, log = TRUE)`. */
function logBinomialRaw(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  }
  if (x === n) {
    return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  }
  if (x < 0 || x > n) return -Infinity;
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = M_LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}

/**
 * log P(X = x) for X hypergeometric: x white balls drawn in k draws from an urn with m white and n black balls
 * (R's `dhyper(x, m, n, k, log = TRUE)`). -Infinity outside the support.
 */
export function hypergeometricLogDensity(x: number, m: number, n: number, k: number): number {
  if (x < 0 || x > k || x > m || k - x > n) return -Infinity;
  if (k === 0) return x === 0 ? 0 : -Infinity;
  const p = k / (m + n);
  const q = (m + n - k) / (m + n);
  const p1 = logBinomialRaw(x, m, p, q);
  const p2 = logBinomialRaw(k - x, n, p, q);
  const p3 = logBinomialRaw(k, m + n, p, q);
  return p1 + p2 - p3;
}

/** P(X = x) for the hypergeometric of `hypergeometricLogDensity` (R's `dhyper(x, m, n, k)`, computed as R does:
 * the three binomial terms are exponentiated separately). */
export function hypergeometricDensity(x: number, m: number, n: number, k: number): number {
  if (x < 0 || x > k || x > m || k - x > n) return 0;
  if (k === 0) return x === 0 ? 1 : 0;
  const p = k / (m + n);
  const q = (m + n - k) / (m + n);
  const p1 = Math.exp(logBinomialRaw(x, m, p, q));
  const p2 = Math.exp(logBinomialRaw(k - x, n, p, q));
  const p3 = Math.exp(logBinomialRaw(k, m + n, p, q));
  return (p1 * p2) / p3;
}

/** P(X <= x) (or P(X > x) when `lowerTail` is false) for the hypergeometric of `hypergeometricLogDensity`
 * (R's `phyper`). */
export function hypergeometricCdf(x: number, m: number, n: number, k: number, lowerTail = true): number {
  x = Math.floor(x + 1e-7);
  let nr = m;
  let nb = n;
  if (x * (nr + nb) > k * nr) {
    const old = nb;
    nb = nr;
    nr = old;
    x = k - x - 1;
    lowerTail = !lowerTail;
  }
  if (x < 0) return lowerTail ? 0 : 1;
  if (x >= nr || x >= k) return lowerTail ? 1 : 0;
  const d = hypergeometricDensity(x, nr, nb, k);
  // pdhyper: sum of the ratios of the lower-tail terms to the term at x
  let sum = 0;
  let term = 1;
  let xx = x;
  while (xx > 0 && term >= DBL_EPSILON * sum) {
    term *= (xx * (nb - k + xx)) / (k + 1 - xx) / (nr + 1 - xx);
    sum += term;
    xx--;
  }
  const pd = 1 + sum;
  return lowerTail ? d * pd : 0.5 - d * pd + 0.5;
}
