/**
 * Shared machinery for the survival modules (`kaplan-meier.ts`, `log-rank.ts`): argument checks with precise
 * error messages, the sort of n rows of (time, event) by time, and R's timefix rule for near-tied times.
 *
 * The sort is a least-significant-digit radix sort on the IEEE-754 bit patterns of the times (for non-negative
 * doubles the bit pattern orders like the number). The event flag rides in the sign bit, which the sort
 * ignores, so no per-row object or index array is needed: two Float64Arrays of n values are the whole working
 * memory. Passes whose digit is the same for every row (e.g. the low mantissa bits of whole-day times) are
 * skipped.
 *
 * Ties: like R's survfit and survdiff (`timefix = TRUE`, survival's `aeqSurv`), distinct times closer than
 * sqrt(machine epsilon) ≈ 1.5e-8 — absolutely, or relative to the mean of the distinct times — are treated as
 * tied and take the smallest time of their run (runs chain: each gap is compared, not the distance to the
 * first). It matters for continuous times: fractions of years computed from dates, or large samples (among
 * 10^6 random times on [0, 3650], thousands of neighbours are that close). `timefix: false` keeps exact
 * equality as the only tie.
 */

/** Formats a value for an error message: strings quoted, everything else as JavaScript prints it. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && Object.is(value, -0)) return "-0";
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Throws unless `value` is an array or typed array (anything with a numeric length and index access). */
export function checkArrayLike(value: unknown, name: string): asserts value is ArrayLike<unknown> {
  if (
    value === null ||
    value === undefined ||
    typeof value === "string" ||
    typeof (value as ArrayLike<unknown>).length !== "number"
  ) {
    throw new Error(`${name} must be an array (got ${describeValue(value)})`);
  }
}

/** Checks time and event arrays and returns n. */
export function checkSurvivalArguments(time: unknown, event: unknown): number {
  checkArrayLike(time, "time");
  checkArrayLike(event, "event");
  const n = time.length;
  if (event.length !== n) throw new Error(`event has length ${event.length} but time has length ${n}`);
  if (n === 0) throw new Error("time must not be empty (got an empty array)");
  return n;
}

export function badTime(i: number, t: unknown): Error {
  return new Error(`time[${i}] must be a finite non-negative number (got ${describeValue(t)})`);
}

export function badEvent(i: number, e: unknown): Error {
  return new Error(`event[${i}] must be 0, 1, true or false (got ${describeValue(e)})`);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

// Digits of the 63-bit magnitude: [word (0 = low, 1 = high), shift, width]. The sign bit is not sorted on.
const DIGITS: [number, number, number][] = [
  [0, 0, 11],
  [0, 11, 11],
  [0, 22, 10],
  [1, 0, 11],
  [1, 11, 10],
  [1, 21, 10],
];

/** Length of the digit histogram of `sortByMagnitude` (6 digits of up to 11 bits). */
export const HISTOGRAM_SIZE = 6 * 2048;

/** Adds the six digits of one key (its low and high 32-bit words) to a histogram of HISTOGRAM_SIZE. */
export function countDigits(counts: Int32Array, lo: number, hi: number): void {
  counts[lo & 2047]++;
  counts[2048 + ((lo >>> 11) & 2047)]++;
  counts[4096 + (lo >>> 22)]++;
  counts[6144 + (hi & 2047)]++;
  counts[8192 + ((hi >>> 11) & 1023)]++;
  counts[10240 + ((hi >>> 21) & 1023)]++;
}

/**
 * Sorts `keys` in place by magnitude (|key|), ignoring the sign bit, which the caller uses as a flag.
 * Returns the array that holds the result: `keys` or `scratch` (a Float64Array of the same length).
 * Keys must be finite or infinite but not NaN. Not stable with respect to the sign bit (not needed: rows with
 * equal times are only counted). `histogram`, when given, holds the digit counts of all keys (see countDigits),
 * which callers can accumulate while they write the keys, saving a pass.
 */
export function sortByMagnitude(keys: Float64Array, scratch?: Float64Array, histogram?: Int32Array): Float64Array {
  const n = keys.length;
  if (n < 2) return keys;
  let counts = histogram;
  if (!counts) {
    counts = new Int32Array(HISTOGRAM_SIZE);
    const words = new Uint32Array(keys.buffer, keys.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) countDigits(counts, words[2 * i + LO], words[2 * i + HI]);
  }
  const buffers = {src: keys, dst: scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n)};
  const lowVaries = !constantDigit(counts, 0, n) || !constantDigit(counts, 1, n) || !constantDigit(counts, 2, n);
  if (!lowVaries) {
    // e.g. whole-day times: the low word is the same for every key, the high word orders them
    for (let pass = 3; pass < 6; pass++) radixPass(buffers, counts, pass, n);
    return buffers.src;
  }
  // Continuous times: sort on the high word (3 passes), then order each run of equal high words by the low
  // word with an insertion sort (runs are a few keys long when the times spread over many values). If the runs
  // turn out long, fall back to the full six-pass sort (a permutation of the keys sorts like the keys).
  for (let pass = 3; pass < 6; pass++) radixPass(buffers, counts, pass, n);
  if (sortLowWithinRuns(buffers.src)) return buffers.src;
  for (let pass = 0; pass < 6; pass++) radixPass(buffers, counts, pass, n);
  return buffers.src;
}

/** True when every key has the same value of digit `pass`. */
function constantDigit(counts: Int32Array, pass: number, n: number): boolean {
  const base = pass * 2048;
  const size = 1 << DIGITS[pass][2];
  for (let b = 0; b < size; b++) {
    const c = counts[base + b];
    if (c === n) return true;
    if (c !== 0) return false;
  }
  return false;
}

/** One stable counting-sort pass on digit `pass` from buffers.src into buffers.dst, then swaps them. */
function radixPass(buffers: {src: Float64Array; dst: Float64Array}, counts: Int32Array, pass: number, n: number): void {
  if (constantDigit(counts, pass, n)) return;
  const [word, shift, width] = DIGITS[pass];
  const base = pass * 2048;
  const size = 1 << width;
  const mask = size - 1;
  const offsets = new Int32Array(size);
  let sum = 0;
  for (let b = 0; b < size; b++) {
    offsets[b] = sum;
    sum += counts[base + b];
  }
  const {src, dst} = buffers;
  const srcWords = new Uint32Array(src.buffer, src.byteOffset, 2 * n);
  const w = word === 0 ? LO : HI;
  for (let i = 0; i < n; i++) {
    const digit = (srcWords[2 * i + w] >>> shift) & mask;
    dst[offsets[digit]++] = src[i];
  }
  buffers.src = dst;
  buffers.dst = src;
}

const MAX_RUN = 32;

/**
 * Keys sorted by the high word's 31 magnitude bits: sorts each run of equal high words by the low word
 * (insertion sort). Returns false, leaving a permutation, as soon as a run is longer than MAX_RUN.
 */
function sortLowWithinRuns(keys: Float64Array): boolean {
  const n = keys.length;
  const words = new Uint32Array(keys.buffer, keys.byteOffset, 2 * n);
  let start = 0;
  while (start < n) {
    const h = words[2 * start + HI] & 0x7fffffff;
    let end = start + 1;
    while (end < n && (words[2 * end + HI] & 0x7fffffff) === h) end++;
    if (end - start > 1) {
      if (end - start > MAX_RUN) return false;
      for (let i = start + 1; i < end; i++) {
        const value = keys[i];
        const lo = words[2 * i + LO];
        let j = i - 1;
        while (j >= start && words[2 * j + LO] > lo) {
          keys[j + 1] = keys[j];
          j--;
        }
        keys[j + 1] = value;
      }
    }
    start = end;
  }
  return true;
}

/** Index (0 or 1) of the 32-bit word holding the sign bit, in a Uint32Array view of a Float64Array. */
export const HIGH_WORD = HI;

const TIMEFIX_TOLERANCE = Math.sqrt(2.220446049250313e-16);

/**
 * R's aeqSurv on sorted distinct times: returns, for each of the `size` times, the index of the merged row it
 * belongs to (rows merge into the first time of each run of near-ties), or null when nothing merges.
 */
export function timefixGroups(times: Float64Array, size: number): {map: Int32Array; size: number} | null {
  if (size < 2) return null;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < size; i++) {
    const x = times[i];
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  const mean = (sum + comp) / size;
  let any = false;
  for (let i = 1; i < size; i++) {
    const dy = times[i] - times[i - 1];
    if (dy <= TIMEFIX_TOLERANCE || dy / mean <= TIMEFIX_TOLERANCE) {
      any = true;
      break;
    }
  }
  if (!any) return null;
  const map = new Int32Array(size);
  let g = 0;
  for (let i = 1; i < size; i++) {
    const dy = times[i] - times[i - 1];
    if (!(dy <= TIMEFIX_TOLERANCE || dy / mean <= TIMEFIX_TOLERANCE)) g++;
    map[i] = g;
  }
  return {map, size: g + 1};
}

/** Rows sorted by time, the event flag in the sign bit (see sortByMagnitude). */
export interface SortedSurvival {
  n: number;
  nEvents: number;
  /** keys sorted by |key| = time; sign bit set for events */
  keys: Float64Array;
  /** Uint32Array view of `keys` (the sign bit is bit 31 of word 2 i + HIGH_WORD) */
  words: Uint32Array;
}

/**
 * Checks (time, event) and sorts the rows by time. `flip` swaps events and censorings (for the reverse
 * Kaplan–Meier estimate of follow-up). Working memory: two Float64Arrays of length n.
 */
export function sortSurvival(time: unknown, event: unknown, flip = false): SortedSurvival {
  const n = checkSurvivalArguments(time, event);
  const t = time as ArrayLike<unknown>;
  const e = event as ArrayLike<unknown>;
  const keys = new Float64Array(n);
  const keyWords = new Uint32Array(keys.buffer, 0, 2 * n);
  const histogram = new Int32Array(HISTOGRAM_SIZE);
  let nEvents = 0;
  for (let i = 0; i < n; i++) {
    const ti = t[i];
    if (typeof ti !== "number" || !(ti >= 0) || ti === Infinity) throw badTime(i, ti);
    const ei = e[i];
    let flag: number;
    if (ei === 1 || ei === true) flag = 1;
    else if (ei === 0 || ei === false) flag = 0;
    else throw badEvent(i, ei);
    if (flip) flag = 1 - flag;
    const tt = ti + 0; // -0 -> +0
    if (flag === 1) {
      keys[i] = -tt;
      nEvents++;
    } else keys[i] = tt;
    countDigits(histogram, keyWords[2 * i + LO], keyWords[2 * i + HI]);
  }
  const sorted = sortByMagnitude(keys, new Float64Array(n), histogram);
  return {n, nEvents, keys: sorted, words: new Uint32Array(sorted.buffer, sorted.byteOffset, 2 * n)};
}

/**
 * R's timefix scale: the mean of the distinct times of sorted keys (aeqSurv's mean(abs(y))), and their number.
 * Two distinct neighbours a < b are tied when b - a <= TIMEFIX_TOLERANCE or (b - a) / mean <= TIMEFIX_TOLERANCE.
 */
export function distinctTimes(keys: Float64Array): {count: number; mean: number} {
  let count = 0;
  let sum = 0;
  let comp = 0;
  let prev = -1;
  for (let i = 0; i < keys.length; i++) {
    const v = Math.abs(keys[i]);
    if (v !== prev) {
      count++;
      const t = sum + v;
      comp += Math.abs(sum) >= v ? sum - t + v : v - t + sum;
      sum = t;
      prev = v;
    }
  }
  return {count, mean: count === 0 ? 0 : (sum + comp) / count};
}

export {TIMEFIX_TOLERANCE};
