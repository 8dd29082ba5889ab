// Sample median and range, as R's median() (mean of the two middle values for an even count), min() and max().
// Pure: no I/O, no DOM, no node: imports.

export interface MedianRange {
  n: number;
  median: number;
  min: number;
  max: number;
}

/** Median, minimum and maximum of a non-empty sample of finite numbers. Throws naming the index of a bad value. */
export function medianRange(values: ArrayLike<number>): MedianRange {
  const n = values.length;
  if (n === 0) throw new RangeError("medianRange: values is empty");
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`medianRange: values[${i}] is not a finite number (got ${String(v)})`);
    sorted[i] = v;
  }
  sorted.sort();
  const h = n >> 1;
  const median = n % 2 === 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
  return {n, median, min: sorted[0], max: sorted[n - 1]};
}
