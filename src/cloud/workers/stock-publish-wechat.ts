// Sends one Channels channel's published stock to WeChat (wechat-api-2.md §4). For each SKU the
// hub keeps WeChat's figure (read with batchget when unknown, then moved by every update and by
// WeChat's own order moves, services/stock-wechat.ts) and sends the difference to the target with
// diff_type 1/2 — the docs warn that 3 (set) misbehaves under concurrency. Per SKU one update at a
// time and at most one per `perSkuIntervalMs`; 10020112 backs that SKU off; a SKU that changes
// meanwhile is sent once, with its newest target, when its turn comes.
//
// The hub's figure (`sent`) is WeChat's figure as it would be had the hub pulled every order WeChat
// took stock for: the frame of the ledger its targets come from. WeChat itself may hold less (orders
// it took but the hub has not pulled yet); those units are sold, and once pulled their reservations
// lower the target. So a refused subtraction (10020054: WeChat cannot go below zero) leaves the
// hub's figure as it was: WeChat's figure is read only to subtract what it still holds, never to
// replace the hub's (which would offer the units taken for unpulled orders again). Only a figure
// truly unknown (never read, or an update whose outcome is unknown) is replaced by a read.
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
  | { sku: string; ok: false; unknown: boolean; refused: boolean; error: string; retryMs: number };

/** An update to send: `delta` units to add (> 0) or subtract (< 0). */
interface Move {
  sku: string;
  delta: number;
}

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
  /**
   * SKUs WeChat refused a subtraction of (10020054): WeChat holds less than the hub's figure (units
   * taken for orders not pulled yet). Their next update reads WeChat's figure first and subtracts
   * at most what it holds. Kept in memory only: after a restart the first subtraction may be
   * refused once more, which brings the SKU back here.
   */
  private readonly short = new Set<string>();
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
    const read = await this.readFigures(plan.unknown, plan.short, plan.refOf, free - plan.moves.length);
    for (const sku of read.done) this.settled(sku);
    for (const move of [...plan.moves, ...read.moves]) {
      this.open.add(move.sku);
      const call: Promise<void> = this.update(move, plan.refOf.get(move.sku) as WechatSkuRef).then((o) => {
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
            // Refused, nothing changed: the hub's figure stays (see the file comment).
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
        if (!o.ok && o.refused) this.short.add(o.sku);
        if (!o.ok && o.unknown) this.short.delete(o.sku);
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
   * target), unknown (WeChat's figure to read first), short (WeChat refused a subtraction: its
   * figure to read before the next update), or moves (marked in flight, to send now; at most `free`
   * of them, the rest stay pending for the next free slots).
   */
  private async plan(t: HubTx, skus: string[], free: number) {
    const { id, shopId } = this.channel;
    const rowOf = new Map((await t.stockPublish.rows(skus, id)).map((r) => [r.sku, r]));
    const refOf = new Map((await t.stockPublish.skuRefs(shopId, skus)).map((r) => [r.sku, r]));
    const done: string[] = [];
    const unknown: PublishedRow[] = [];
    const short: PublishedRow[] = [];
    const moves: Move[] = [];
    for (const sku of skus) {
      const row = rowOf.get(sku);
      if (!row) done.push(sku);
      else if (!refOf.has(sku)) {
        await t.stockPublish.failed(id, sku, UNLINKED);
        done.push(sku);
      } else if (row.sent === null) unknown.push(row);
      else if (row.sent === row.target) done.push(sku);
      else if (this.short.has(sku)) short.push(row);
      else if (moves.length < free) moves.push({ sku, delta: row.target - row.sent });
    }
    await t.stockPublish.markInFlight(
      id,
      moves.map((m) => m.sku),
    );
    return { refOf, done, unknown, short, moves };
  }

  /**
   * Reads WeChat's figures with batchget (≤ 50 products a call): an unknown figure is kept as read;
   * a short SKU's figure bounds its next subtraction. Marks the moves they need (at most `free`;
   * the rest go with a later pass, their figures known by then).
   */
  private async readFigures(
    unknown: PublishedRow[],
    short: PublishedRow[],
    refOf: Map<string, WechatSkuRef>,
    free: number,
  ): Promise<{ done: string[]; moves: Move[] }> {
    const rows = [...unknown, ...short];
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
    const isShort = new Set(short.map((r) => r.sku));
    const result = await this.ctx.store.tx(async (t) => {
      const done: string[] = [];
      const moves: Move[] = [];
      for (const r of rows) {
        const value = figures.get(skuKey(refOf.get(r.sku) as WechatSkuRef));
        if (value === undefined) {
          missing.push(r.sku);
          await t.stockPublish.failed(this.channel.id, r.sku, 'WeChat has no stock for this product_id/sku_id');
          continue;
        }
        let delta: number;
        if (isShort.has(r.sku)) {
          // The row as it is now: a pulled order may have moved the hub's figure since the plan.
          const [row] = await t.stockPublish.rows([r.sku], this.channel.id);
          if (!row || row.sent === null) continue;
          delta = shortDelta(row.target - row.sent, value);
          // WeChat holds enough for the whole difference: nothing is held back any more.
          if (delta === row.target - row.sent) this.short.delete(r.sku);
        } else {
          this.short.delete(r.sku);
          delta = r.target - (await readFigure(t, this.channel, r.sku, value, readAt));
        }
        if (delta === 0) done.push(r.sku);
        else if (moves.length < free) moves.push({ sku: r.sku, delta });
      }
      await t.stockPublish.markInFlight(
        this.channel.id,
        moves.map((m) => m.sku),
      );
      return { done, moves };
    });
    for (const sku of missing) this.notBefore.set(sku, readAt + STUCK_RETRY_MS);
    return result;
  }

  private async update(move: Move, ref: WechatSkuRef): Promise<Outcome> {
    const { sku, delta } = move;
    try {
      await this.api.updateStock(ref, delta > 0 ? 1 : 2, Math.abs(delta));
      this.failures.delete(sku);
      return { sku, ok: true, delta };
    } catch (err) {
      const retryMs = this.backoff([sku], err);
      // Not applied for sure: refused by errcode. Maybe applied: the call may have reached WeChat,
      // so the figure is unknown and read again. 10020054: WeChat holds less than the hub's figure
      // (it cannot subtract); nothing changed, so the figure stays and the SKU is short.
      const unknown = err instanceof TransportError;
      const refused = err instanceof WechatError && err.errcode === STOCK_UPDATE_FAILED;
      if ((this.failures.get(sku) ?? 0) === 1 && !(err instanceof WechatError && err.errcode === STOCK_TOO_FREQUENT))
        this.ctx.warn('stock publish: update failed', { channel: this.channel.id, sku, error: String(err) });
      return { sku, ok: false, unknown, refused, error: String(err instanceof Error ? err.message : err), retryMs };
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

/**
 * The update of a short SKU: `wanted` (target − the hub's figure) when WeChat's figure `holds` can
 * take it; else as much of the subtraction as WeChat holds, down to 0 and never below. The rest is
 * units WeChat took for orders the hub has not pulled yet: their reservations will lower the
 * target, and pulling them lowers the hub's figure, so they are never offered again.
 */
function shortDelta(wanted: number, holds: number): number {
  if (wanted >= 0 || holds + wanted >= 0) return wanted;
  return -Math.max(0, holds);
}

function passes(err: unknown): boolean {
  if (err instanceof WechatError && (err.errcode === STOCK_TOO_FREQUENT || err.errcode === STOCK_UPDATE_FAILED))
    return true;
  const cls = classOf(err);
  return cls === 'transient' || cls === 'quota' || cls === 'race';
}
