// Sends one Channels channel's published stock to WeChat (wechat-api-2.md §4). For each SKU the
// hub keeps WeChat's figure (read with batchget when unknown, then moved by every update and by
// WeChat's own order moves, services/stock-wechat.ts) and sends the difference to the target with
// diff_type 1/2 — the docs warn that 3 (set) misbehaves under concurrency. Per SKU one update at a
// time and at most one per `perSkuIntervalMs`; 10020112 backs that SKU off; a SKU that changes
// meanwhile is sent once, with its newest target, when its turn comes.
//
// The updates flow as a pipeline, not in lockstep rounds: up to `batchSize` calls are open, a free
// slot is refilled at once with the SKU whose change waits longest, and finished calls are recorded
// together in one transaction (as many as finished while the previous record was written). So one
// slow call or a large batch never holds back a change that arrives meanwhile.
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
/** With nothing due the loop still wakes this often (a safety net; changes and finished calls kick it). */
const IDLE_MS = 5_000;
/**
 * SKUs looked at in one pass besides one per free slot: a pass reads only about as many rows as it
 * can send (a pass follows each batch of finished updates); SKUs that need no update do not use a
 * slot, and a pass that left slots free is followed by the next at once.
 */
const LOOK_AHEAD = 25;
/** Recording finished updates failed (the store is down): tried again this much later. */
const RECORD_RETRY_MS = 1_000;
const UNLINKED = 'no WeChat product_id/sku_id known for this SKU (sell it once, or PUT /v1/admin/stock/wechat-skus)';

type Outcome =
  | { sku: string; ok: true; delta: number }
  | { sku: string; ok: false; unknown: boolean; error: string; retryMs: number };

export class WechatStockSender {
  private readonly loop: LeasedLoop;
  /** SKUs whose target may differ from WeChat's figure, with a count of offers (a newer offer keeps it pending). */
  private readonly pending = new Map<string, number>();
  /** When each pending SKU's oldest unpublished change was offered: the oldest goes first. */
  private readonly since = new Map<string, number>();
  /** The offer count a SKU had when a pass took it (settled only if no newer offer came). */
  private readonly taken = new Map<string, number>();
  private readonly notBefore = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  /** SKUs with an update open at WeChat or not recorded yet: never two at once for one SKU. */
  private readonly open = new Set<string>();
  private readonly calls = new Set<Promise<void>>();
  /** Finished updates waiting for the next record transaction. */
  private finished: Outcome[] = [];
  private recording: Promise<void> | null = null;
  private current: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(
    private readonly ctx: HubContext,
    private readonly channel: WechatChannel,
    private readonly api: ChannelsApi,
  ) {
    this.loop = new LeasedLoop(
      ctx.leases,
      `stock-publish:${channel.id}`,
      () => (this.current = this.round()),
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

  /**
   * Lets the open updates finish and records them before the lease goes: another instance taking
   * over must not find a SKU in flight whose outcome this one still holds.
   */
  async stop(): Promise<void> {
    this.closing = true;
    await this.current.catch(() => undefined);
    await Promise.all(this.calls);
    await this.recording;
    await this.loop.stop();
  }

  /** These SKUs' targets were recomputed: look at them (now, or when their turn comes). */
  offer(skus: Iterable<string>): void {
    let any = false;
    const now = this.ctx.now();
    for (const sku of skus) {
      this.pending.set(sku, (this.pending.get(sku) ?? 0) + 1);
      if (!this.since.has(sku)) this.since.set(sku, now);
      any = true;
    }
    if (any) this.loop.kick();
  }

  private get settings() {
    return this.ctx.config.stock.publish;
  }

  /**
   * Whether a pass may start: when no update is open, or a quarter of the slots are free. Refilling
   * each slot the moment it frees costs three transactions per update when the hub is busy, which
   * is exactly when it can least afford them.
   */
  private canRefill(): boolean {
    const free = this.settings.batchSize - this.open.size;
    return this.open.size === 0 || free >= Math.ceil(this.settings.batchSize / 4);
  }

  private untilDue(): number {
    const now = this.ctx.now();
    let next = now + IDLE_MS;
    // Slots busy: the finished update that frees enough of them kicks the loop.
    if (!this.canRefill()) return IDLE_MS;
    for (const sku of this.pending.keys())
      if (!this.open.has(sku)) next = Math.min(next, this.notBefore.get(sku) ?? now);
    return Math.max(1, next - now);
  }

  /**
   * Fills the free slots: plans the due SKUs, oldest change first, in one transaction (reading
   * unknown figures in one more), and starts their updates without waiting for them; each finished
   * update is recorded by `record` and frees its slot.
   */
  private async round(): Promise<void> {
    const free = this.settings.batchSize - this.open.size;
    if (this.closing || !this.canRefill()) return;
    const now = this.ctx.now();
    const ready = [...this.pending.keys()]
      .filter((sku) => !this.open.has(sku) && (this.notBefore.get(sku) ?? 0) <= now)
      .sort((x, y) => (this.since.get(x) ?? now) - (this.since.get(y) ?? now));
    const due = ready.slice(0, free + LOOK_AHEAD);
    if (due.length === 0) return;
    for (const sku of due) this.taken.set(sku, this.pending.get(sku) ?? 0);
    const plan = await this.ctx.store.tx((t) => this.plan(t, due, free));
    for (const sku of plan.done) this.settled(sku);
    const read = await this.readUnknown(plan.unknown, plan.refOf, free - plan.moves.length);
    for (const sku of read.done) this.settled(sku);
    for (const row of [...plan.moves, ...read.moves]) {
      this.open.add(row.sku);
      const call: Promise<void> = this.update(row, plan.refOf.get(row.sku) as WechatSkuRef).then((o) => {
        this.calls.delete(call);
        this.finished.push(o);
        this.recording ??= this.record();
      });
      this.calls.add(call);
    }
    // Slots left and SKUs not looked at: another pass at once.
    if (ready.length > due.length && this.canRefill()) this.loop.kick();
  }

  /**
   * Records finished updates, all that finished meanwhile in one transaction, until none wait; then
   * kicks the loop so the freed slots take the next SKUs (and a SKU offered again meanwhile).
   */
  private async record(): Promise<void> {
    const { id } = this.channel;
    while (this.finished.length > 0) {
      const batch = this.finished;
      this.finished = [];
      const at = this.ctx.now();
      try {
        await this.ctx.store.tx(async (t) => {
          for (const o of batch) {
            if (o.ok) await t.stockPublish.applied(id, o.sku, o.delta, at);
            else if (o.unknown) await t.stockPublish.forget(id, o.sku, o.error);
            else await t.stockPublish.failed(id, o.sku, o.error);
          }
        });
      } catch (err) {
        this.ctx.warn('stock publish: recording updates failed', { channel: id, error: String(err) });
        // Leaving them unrecorded is safe: their rows stay in flight, and the next start reads
        // WeChat's figures again (recoverInFlight). While running, keep the slots and try again.
        if (this.closing) break;
        this.finished = [...batch, ...this.finished];
        await new Promise((r) => setTimeout(r, RECORD_RETRY_MS));
        continue;
      }
      for (const o of batch) {
        this.open.delete(o.sku);
        if (o.ok) {
          this.settled(o.sku);
          this.notBefore.set(o.sku, at + this.settings.perSkuIntervalMs);
          // Offered again while its update was open: its newer change waits from now.
          if (this.pending.has(o.sku)) this.since.set(o.sku, at);
        } else {
          this.notBefore.set(o.sku, at + o.retryMs);
        }
      }
    }
    this.recording = null;
    if (this.canRefill()) this.loop.kick();
  }

  /**
   * Sorts the SKUs: done (no target, no WeChat id — marked on the board — or WeChat shows the
   * target), unknown (WeChat's figure to read first), or moves (marked in flight, to send now; at
   * most `free` of them, the rest stay pending for the next free slots).
   */
  private async plan(t: HubTx, skus: string[], free: number) {
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
      else if (moves.length < free) moves.push(row);
    }
    await t.stockPublish.markInFlight(
      id,
      moves.map((r) => r.sku),
    );
    return { refOf, done, unknown, moves };
  }

  /**
   * Reads unknown figures with batchget (≤ 50 products a call), keeps them, and marks the moves they
   * need (at most `free`; the rest go with a later pass, their figures known by then).
   */
  private async readUnknown(
    rows: PublishedRow[],
    refOf: Map<string, WechatSkuRef>,
    free: number,
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
        else if (moves.length < free) moves.push({ ...r, sent, readAt });
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

  /** Done with the SKU, unless it was offered again since a pass took it (its newest target waits). */
  private settled(sku: string): void {
    if (this.pending.get(sku) === this.taken.get(sku)) {
      this.pending.delete(sku);
      this.since.delete(sku);
    }
    this.taken.delete(sku);
    this.failures.delete(sku);
  }
}

function passes(err: unknown): boolean {
  if (err instanceof WechatError && (err.errcode === STOCK_TOO_FREQUENT || err.errcode === STOCK_UPDATE_FAILED))
    return true;
  const cls = classOf(err);
  return cls === 'transient' || cls === 'quota' || cls === 'race';
}
