// Where a large group's p50 and p90 lay when last computed: value windows that let the next query of
// that group find its exact percentiles in one pass over its durations instead of two
// (column-percentiles.ts). A dashboard asks the same ranges again and again while a few packs a minute
// arrive: the year's median moves by a hair, well within its window. A window that no longer holds
// the rank is only a miss (the two passes run as before), never a wrong answer — the pass counts the
// values below the window exactly and selects among those inside.

/** A window per rank: [lo50, hi50, lo90, hi90]. */
export type PercentileWindows = Float64Array;

/** At most this many groups' windows are kept (groups of ≥ 8,192 durations are a few dozen per range). */
const MAX_KEYS = 4096;

export class PercentileHints {
  private readonly windows = new Map<string, PercentileWindows>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxKeys = MAX_KEYS) {}

  get(key: string): PercentileWindows | undefined {
    return this.windows.get(key);
  }

  set(key: string, w: PercentileWindows): void {
    if (!this.windows.has(key) && this.windows.size >= this.maxKeys) this.windows.clear();
    this.windows.set(key, w);
  }

  get size(): number {
    return this.windows.size;
  }
}
