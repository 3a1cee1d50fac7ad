// Objects of a statistics answer that stay the same from one query to the next: a year's groups by
// hour, kept with their cells (column-rollup.ts). Whoever writes answers out may keep what it wrote
// for them (cloud/services/stats-json.ts); a WeakSet, so nothing here outlives the objects.

const kept = new WeakSet<object>();

/** Marks an object that is kept and will not change. */
export function markKept(value: object): void {
  kept.add(value);
}

export function isKept(value: object): boolean {
  return kept.has(value);
}
