// Sends one Channels channel's published stock to WeChat (wechat-api-2.md §4). For each SKU the
// hub keeps WeChat's figure (read with batchget when unknown, then moved by every update and by
// WeChat's own order moves, services/stock-wechat.ts) and sends the difference to the target with
// diff_type 1/2 — the docs warn that 3 (set) misbehaves under concurrency. Per SKU one update at a
// time and at most one per `perSkuIntervalMs`; 10020112 backs that SKU off; a SKU that changes
// meanwhile is sent once, with its newest target, when its turn comes.
import type { HubContext } from '../context.js';
import type { PublishedRow, WechatSkuRef } from '../store/stock-publish-types.js';
import type { HubTx } from '../store/types.js';
import { readFigure, type WechatChannel } from '../services/stock-wechat.js';
import {
  classOf,
  skuKey,
  STOCK_TOO_FREQUENT,
  STOCK_UPDATE_FAILED,
  TransportError,
  WechatError,
  type ChannelsApi,
} from '../wechat/index.js';
import { LeasedLoop } from './leased-loop.js';

/** Longest wait between two tries of one SKU after failures. */
const MAX_BACKOFF_MS = 30_000;
/** A SKU WeChat has no product for, or an admin must fix: tried again this much later. */
const STUCK_RETRY_MS = 300_000;
/** With nothing due the loop still wakes this often (a safety net; changes kick it). */
const IDLE_MS = 5_000;
/** SKUs looked at in one pass; more wait for the next pass, which follows at once. */
const MAX_ROUND = 2000;
const UNLINKED = 'no WeChat product_id/sku_id known for this SKU (sell it once, or PUT /v1/admin/stock/wechat-skus)';

type Outcome =
  | { sku: string; ok: true; delta: number }
  | { sku: string; ok: false; unknown: boolean; error: string; retryMs: number };

export class WechatStockSender {
  private readonly loop: LeasedLoop;
  /** SKUs whose target may differ from WeChat's figure, with a count of offers (a newer offer keeps it pending). */
  private readonly pending = new Map<string, number>();
  private readonly notBefore = new Map<string, number>();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly ctx: HubContext,
    private readonly channel: WechatChannel,
    private readonly api: ChannelsApi,
  ) {
    this.loop = new LeasedLoop(
      ctx.leases,
      `stock-publish:${channel.id}`,
      () => this.round(),
      () => this.untilDue(),
      (err) => ctx.warn('stock publish: a round failed', { channel: channel.id, error: String(err) }),
    );
  }

  get channelId(): string {
    return this.channel.id;
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** These SKUs' targets were recomputed: look at them (now, or when their turn comes). */
  offer(skus: Iterable<string>): void {
    let any = false;
    for (const sku of skus) {
      this.pending.set(sku, (this.pending.get(sku) ?? 0) + 1);
      any = true;
    }
    if (any) this.loop.kick();
  }

  private get settings() {
    return this.ctx.config.stock.publish;
  }

  private untilDue(): number {
    const now = this.ctx.now();
    let next = now + IDLE_MS;
    for (const sku of this.pending.keys()) next = Math.min(next, this.notBefore.get(sku) ?? now);
    return Math.max(1, next - now);
  }

  /**
   * One pass over the SKUs whose turn it is, in three transactions however many there are (the
   * store is shared with every movement the ledger books): plan, read the unknown figures, record
   * the outcomes. At most `batchSize` updates are open at once.
   */
  private async round(): Promise<void> {
    const now = this.ctx.now();
    const due = [...this.pending.keys()].filter((sku) => (this.notBefore.get(sku) ?? 0) <= now).slice(0, MAX_ROUND);
    if (due.length === 0) return;
    const offers = new Map(due.map((sku) => [sku, this.pending.get(sku) ?? 0]));
    const plan = await this.ctx.store.tx((t) => this.plan(t, due));
    for (const sku of plan.done) this.settled(sku, offers);
    const read = await this.readUnknown(plan.unknown, plan.refOf);
    for (const sku of read.done) this.settled(sku, offers);
    const moves = [...plan.moves, ...read.moves];
    if (moves.length === 0) return;
    const outcomes = await withOpenAtMost(moves, this.settings.batchSize, (r) =>
      this.update(r, plan.refOf.get(r.sku) as WechatSkuRef),
    );
    const at = this.ctx.now();
    const { id } = this.channel;
    await this.ctx.store.tx(async (t) => {
      for (const o of outcomes) {
        if (o.ok) await t.stockPublish.applied(id, o.sku, o.delta, at);
        else if (o.unknown) await t.stockPublish.forget(id, o.sku, o.error);
        else await t.stockPublish.failed(id, o.sku, o.error);
      }
    });
    for (const o of outcomes) {
      if (o.ok) {
        this.settled(o.sku, offers);
        this.notBefore.set(o.sku, at + this.settings.perSkuIntervalMs);
      } else {
        this.notBefore.set(o.sku, at + o.retryMs);
      }
    }
  }

  /**
   * Sorts the SKUs: done (no target, no WeChat id — marked on the board — or WeChat shows the
   * target), unknown (WeChat's figure to read first), or moves (marked in flight, to send now).
   */
  private async plan(t: HubTx, skus: string[]) {
    const { id, shopId } = this.channel;
    const rowOf = new Map((await t.stockPublish.rows(skus, id)).map((r) => [r.sku, r]));
    const refOf = new Map((await t.stockPublish.skuRefs(shopId, skus)).map((r) => [r.sku, r]));
    const done: string[] = [];
    const unknown: PublishedRow[] = [];
    const moves: PublishedRow[] = [];
    for (const sku of skus) {
      const row = rowOf.get(sku);
      if (!row) done.push(sku);
      else if (!refOf.has(sku)) {
        await t.stockPublish.failed(id, sku, UNLINKED);
        done.push(sku);
      } else if (row.sent === null) unknown.push(row);
      else if (row.sent === row.target) done.push(sku);
      else moves.push(row);
    }
    await t.stockPublish.markInFlight(
      id,
      moves.map((r) => r.sku),
    );
    return { refOf, done, unknown, moves };
  }

  /** Reads unknown figures with batchget (≤ 50 products a call), keeps them, and marks the moves they need. */
  private async readUnknown(
    rows: PublishedRow[],
    refOf: Map<string, WechatSkuRef>,
  ): Promise<{ done: string[]; moves: PublishedRow[] }> {
    if (rows.length === 0) return { done: [], moves: [] };
    let figures: Map<string, number>;
    try {
      figures = await this.api.stocks(rows.map((r) => (refOf.get(r.sku) as WechatSkuRef).productId));
    } catch (err) {
      const wait = this.backoff(
        rows.map((r) => r.sku),
        err,
      );
      this.ctx.warn('stock publish: reading WeChat stock failed', {
        channel: this.channel.id,
        error: String(err),
        wait,
      });
      return { done: [], moves: [] };
    }
    const readAt = this.ctx.now();
    const missing: string[] = [];
    const result = await this.ctx.store.tx(async (t) => {
      const done: string[] = [];
      const moves: PublishedRow[] = [];
      for (const r of rows) {
        const value = figures.get(skuKey(refOf.get(r.sku) as WechatSkuRef));
        if (value === undefined) {
          missing.push(r.sku);
          await t.stockPublish.failed(this.channel.id, r.sku, 'WeChat has no stock for this product_id/sku_id');
          continue;
        }
        const sent = await readFigure(t, this.channel, r.sku, value, readAt);
        if (sent === r.target) done.push(r.sku);
        else moves.push({ ...r, sent, readAt });
      }
      await t.stockPublish.markInFlight(
        this.channel.id,
        moves.map((r) => r.sku),
      );
      return { done, moves };
    });
    for (const sku of missing) this.notBefore.set(sku, readAt + STUCK_RETRY_MS);
    return result;
  }

  private async update(row: PublishedRow, ref: WechatSkuRef): Promise<Outcome> {
    const delta = row.target - (row.sent as number);
    try {
      await this.api.updateStock(ref, delta > 0 ? 1 : 2, Math.abs(delta));
      this.failures.delete(row.sku);
      return { sku: row.sku, ok: true, delta };
    } catch (err) {
      const retryMs = this.backoff([row.sku], err);
      // Not applied for sure: refused by errcode. Maybe applied: the call may have reached WeChat.
      // 10020054 says WeChat's figure was not what the hub thought (it cannot subtract): read it again.
      const unknown =
        err instanceof TransportError || (err instanceof WechatError && err.errcode === STOCK_UPDATE_FAILED);
      if (
        (this.failures.get(row.sku) ?? 0) === 1 &&
        !(err instanceof WechatError && err.errcode === STOCK_TOO_FREQUENT)
      )
        this.ctx.warn('stock publish: update failed', { channel: this.channel.id, sku: row.sku, error: String(err) });
      return { sku: row.sku, ok: false, unknown, error: String(err instanceof Error ? err.message : err), retryMs };
    }
  }

  /**
   * How long these SKUs wait before their next try: doubling from the per-SKU interval while the
   * failure is one that passes (10020112, a figure to read again, busy, the network), five minutes
   * when an admin must act (no permission, no such product, a token WeChat refuses).
   */
  private backoff(skus: string[], err: unknown): number {
    let wait = 0;
    for (const sku of skus) {
      const n = (this.failures.get(sku) ?? 0) + 1;
      this.failures.set(sku, n);
      const base = Math.max(100, this.settings.perSkuIntervalMs);
      wait = passes(err) ? Math.min(MAX_BACKOFF_MS, base * 2 ** (n - 1)) : STUCK_RETRY_MS;
      this.notBefore.set(sku, this.ctx.now() + wait);
    }
    return wait;
  }

  /** Done with the SKU, unless it was offered again while this batch ran (its newest target waits). */
  private settled(sku: string, offers: Map<string, number>): void {
    if (this.pending.get(sku) === offers.get(sku)) this.pending.delete(sku);
    this.failures.delete(sku);
  }
}

function passes(err: unknown): boolean {
  if (err instanceof WechatError && (err.errcode === STOCK_TOO_FREQUENT || err.errcode === STOCK_UPDATE_FAILED))
    return true;
  const cls = classOf(err);
  return cls === 'transient' || cls === 'quota' || cls === 'race';
}

/**
 * Runs `fn` over `items` with at most `size` calls open, results in order. A pool rather than
 * lockstep batches: one slow call holds up one slot, not the next `size` updates behind it.
 */
async function withOpenAtMost<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}
