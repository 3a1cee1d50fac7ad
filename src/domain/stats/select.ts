// k-th smallest value by Hoare's selection (quickselect) with a median-of-three pivot; if the pivots
// keep splitting badly (adversarial or heavily repeated input) it sorts what is left, so the worst
// case stays O(n log n).

/**
 * The k-th smallest (0-based) of a[from … to), k counted from `from`; that part of `a` is reordered
 * in place (bounds rather than a subarray: a year's roll-up selects in ~10⁴ small groups).
 */
export function select(a: Float64Array, k: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to - 1;
  k += from;
  let budget = 2 * Math.ceil(Math.log2(to - from + 1)) + 8;
  while (hi > lo) {
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      break;
    }
    const x = a[lo] as number;
    const y = a[(lo + hi) >>> 1] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi]; anything strictly between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}
