// Time order of an event log. The hub reads events ORDER BY at, so the usual input is already in
// order and costs one scan. Otherwise (a log merged from stations, replayed after an outage): a
// comparator sort of a million objects costs ~0.5 s, most of the budget, so each event becomes one
// float — (at − min)·2^k + its index — and a Float64Array is sorted natively. That is exact while the
// float stays below 2^53 (a month of milliseconds × a million events is ~2^52), and stable because
// the index breaks ties in input order.

/**
 * The events in ascending `at`, stable; events whose `at` is not a finite number are dropped. The
 * input itself is returned when it is already in order, otherwise a sorted copy; the input is never
 * modified.
 */
export function sortedByAt<T extends { at: number }>(events: readonly T[]): readonly T[] {
  const n = events.length;
  // Times are copied out (for the key pass) only once the input proves to be out of order; the
  // common in-order input costs a single read-only scan.
  let ats: Float64Array | null = null;
  let integral = true;
  let finite = true;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const at = (events[i] as T).at;
    if (!Number.isFinite(at)) {
      finite = false;
      continue;
    }
    if (ats === null && at < prev) {
      ats = new Float64Array(n);
      for (let j = 0; j < i; j++) ats[j] = (events[j] as T).at;
    }
    if (ats !== null) ats[i] = at;
    prev = at;
    if (at < min) min = at;
    if (at > max) max = at;
    if (integral && !Number.isInteger(at)) integral = false;
  }
  if (!finite) return sortedByAt(events.filter((e) => Number.isFinite(e.at)));
  if (ats === null) return events;
  let scale = 1;
  while (scale < n) scale *= 2;
  if (!integral || (max - min + 1) * scale > Number.MAX_SAFE_INTEGER) {
    // Fractional or extremely spread timestamps: no exact packing, fall back to the stable comparator sort.
    return events.slice().sort((a, b) => a.at - b.at);
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ((ats[i] as number) - min) * scale + i;
  keys.sort();
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    // k mod scale, by subtraction: float % is several times slower.
    out[i] = events[k - Math.floor(k / scale) * scale] as T;
  }
  return out;
}
