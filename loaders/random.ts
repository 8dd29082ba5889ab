/**
 * A small seeded pseudo-random generator for tests and benchmarks (never for analysis results): sfc32
 * (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state) seeded through splitmix32, so a given
 * seed gives the same stream on every platform. Pure, no imports.
 */

export interface Random {
  /** uniform double in [0, 1) with 53 random bits */
  (): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
  /** exponential variate with the given mean */
  exponential(mean: number): number;
}

export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number (got ${seed})`);
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  const random = (() => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992) as Random;
  random.int = (n: number) => Math.floor(random() * n);
  random.exponential = (mean: number) => -mean * Math.log1p(-random());
  return random;
}
