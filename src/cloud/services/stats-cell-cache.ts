// Decoded statistics cells kept between queries, by block (a UTC day of cells, store/stats-blocks-ddl.ts).
// Reading a year of cells from the store costs seconds (~90,000 rows with three sample lists each);
// as columns (domain/stats/columns.ts) a 10-desk year is ~45 MB. Each query reads the blocks'
// revisions — one small query — and reloads only the blocks whose revision moved since they were
// kept: today's, as desks pack, or a past day a late event reached. Revisions are the store's, so a
// block written by another hub instance sharing the store is reloaded too.
import { Names, columnsOfStored, lowerBound, type CellColumns, type ColumnRange } from '../../domain/stats/columns.js';
import { BLOCK_MS } from '../store/stats-blocks-ddl.js';
import type { HubTx } from '../store/types.js';
import { PercentileHints } from '../../domain/stats/percentile-hints.js';

interface Block {
  rev: number;
  cols: CellColumns;
}

/** Blocks kept at most: the longest range a query may ask for (400 days) and a few more. */
const MAX_BLOCKS = 410;
/**
 * Interned names (hours and days among them) grow with the history queried; past this many the
 * cache starts again rather than keep every hour of every year ever asked for.
 */
const MAX_NAMES = 200_000;

export class StatsCellCache {
  /** In use order, least recent first (a Map keeps insertion order). */
  private readonly blocks = new Map<number, Block>();
  private interned = new Names();
  /** Blocks read from the store since the start (tests, the bench). */
  loads = 0;
  /** Large groups' percentile windows from one query to the next (domain/stats/percentile-hints.ts). */
  readonly hints = new PercentileHints();

  constructor(
    private readonly maxBlocks = MAX_BLOCKS,
    private readonly maxNames = MAX_NAMES,
  ) {}

  /**
   * The non-empty cells with from ≤ hourAt < to, as of the unit of work `t`. Blocks read from the
   * store are kept only by keep(), to be called once `t` has committed: a unit of work that rolls
   * back takes its revisions back with it, and a block kept from it could later match a revision
   * the store reaches again with other cells.
   */
  async read(t: HubTx, from: number, to: number): Promise<{ parts: ColumnRange[]; names: Names; keep: () => void }> {
    if (this.interned.size > this.maxNames) {
      this.blocks.clear();
      this.interned = new Names();
    }
    // The parts' ids are this table's. Should another query start the cache again while this one
    // awaits the store, this one still rolls up against its own table, and keeps nothing.
    const names = this.interned;
    // The blocks this read used, in order: keep() makes them the most recently used.
    const used = new Map<number, Block>();
    const keep = () => {
      if (names === this.interned) this.keep(used);
    };
    if (from >= to) return { parts: [], names, keep };
    const first = Math.floor(from / BLOCK_MS);
    const end = Math.floor((to - 1) / BLOCK_MS) + 1;
    const revs = await t.statsCells.blockRevs(first, end);
    const parts: ColumnRange[] = [];
    for (let b = first; b < end; b++) {
      const rev = revs.get(b);
      if (rev === undefined) continue;
      let block = this.blocks.get(b);
      if (block?.rev !== rev) {
        const stored = await t.statsCells.range(b * BLOCK_MS, (b + 1) * BLOCK_MS);
        block = { rev, cols: columnsOfStored(stored, names) };
        this.loads++;
      }
      used.set(b, block);
      const cols = block.cols;
      const lo = b * BLOCK_MS >= from ? 0 : lowerBound(cols, from);
      const hi = (b + 1) * BLOCK_MS <= to ? cols.n : lowerBound(cols, to);
      if (lo < hi) parts.push({ cols, lo, hi });
    }
    return { parts, names, keep };
  }

  private keep(used: ReadonlyMap<number, Block>): void {
    for (const [b, block] of used) {
      const kept = this.blocks.get(b);
      // A query that committed later may have kept a newer revision meanwhile (revisions only grow).
      if (kept && kept.rev > block.rev) continue;
      this.blocks.delete(b);
      this.blocks.set(b, block);
    }
    for (const b of this.blocks.keys()) {
      if (this.blocks.size <= this.maxBlocks) break;
      this.blocks.delete(b);
    }
  }

  /** Blocks kept now. */
  get size(): number {
    return this.blocks.size;
  }
}
