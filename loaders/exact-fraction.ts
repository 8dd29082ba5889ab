// Exact fractions with BigInt parts, for numbers that are ratios of counts (a proportion, a Kaplan–Meier product
// of (n - d)/n factors), so that a rounded figure ("30%") is decided exactly, not on a floating-point value that
// might sit a hair below a half.
// Pure: no I/O, no DOM, no node: imports.

/** num/den in lowest terms, den > 0. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function toBigInt(x: bigint | number, what: string): bigint {
  if (typeof x === "bigint") return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`fraction: the ${what} must be a safe integer (got ${x})`);
  return BigInt(x);
}

/** The fraction num/den, reduced. Throws on a zero denominator or a non-integer part. */
export function fraction(num: bigint | number, den: bigint | number = 1n): Fraction {
  let n = toBigInt(num, "numerator");
  let d = toBigInt(den, "denominator");
  if (d === 0n) throw new RangeError(`fraction: zero denominator (got ${num}/${den})`);
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return {num: n / g, den: d / g};
}

export function multiply(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.num, a.den * b.den);
}

export function toNumber(f: Fraction): number {
  return Number(f.num) / Number(f.den);
}

/** "p/q", or "p" for a whole number. */
export function formatFraction(f: Fraction): string {
  return f.den === 1n ? `${f.num}` : `${f.num}/${f.den}`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** floor(f * scale + 1/2): f * scale rounded to a whole number, half up, exactly. */
export function roundHalfUp(f: Fraction, scale = 1): number {
  const s = toBigInt(scale, "scale");
  return Number(floorDiv(2n * f.num * s + f.den, 2n * f.den));
}

/** A proportion as a whole percentage, half up: 10/33 → 30, 1/8 → 13. */
export function percentHalfUp(f: Fraction): number {
  return roundHalfUp(f, 100);
}
