// Orders from WeChat Channels shops: a periodic incremental pull per shop (OrderPuller: 7-day
// windows, frozen paging, overlap re-scan, watermark after whole windows) and single-order
// re-fetches triggered by push events.
import { mapChannelsOrder, OrderPuller, type ChannelsApi, type WechatOrder } from '../wechat/index.js';
import type { ChannelsShopConfig } from '../config.js';
import type { HubContext } from '../context.js';
import type { Product } from '../../contract/entities.js';
import { upsertOrder } from '../services/orders.js';
import { noteChannelsOrder } from '../services/stock-wechat.js';
import { hubOrderSchema } from '../../contract/sync.js';
import { fieldProblems } from '../../contract/validation.js';
import { LeasedLoop } from './leased-loop.js';
import { SharedReads, type OrderRead } from './shared-reads.js';

async function ingest(ctx: HubContext, shopId: string, o: WechatOrder): Promise<void> {
  await ctx.store.tx(async (t) => {
    // Only the order's own SKUs: a sale reads the catalog once per order, and it may be large.
    const codes = o.order_detail.product_infos.map((p) => p.sku_code).filter((c) => c !== '');
    const bySku: Map<string, Product> = await t.products.bySkus(codes);
    const mapped = mapChannelsOrder(o, { productBySkuCode: (code) => bySku.get(code) });
    const existing = await t.orders.get(mapped.id);
    // Unpaid orders are not work yet; but an order a station already has must learn every change.
    if (!mapped.packable && !existing) return;
    const { packable: _p, wechatStatus: _s, updateTimeS: _u, lines, ...order } = mapped;
    // What stations will read: an order out of contract (a quantity or price no desk can hold) is
    // logged and left out rather than stored to stall every desk's pull.
    const checked = hubOrderSchema.safeParse({ ...order, lines, version: 1, preassigned: null });
    if (!checked.success) {
      const problems = fieldProblems(checked.error, { ...order, lines }).map((p) => p.message);
      ctx.log('wechat order refused: out of contract', { shopId, orderId: mapped.id, problems });
      return;
    }
    await upsertOrder(
      t,
      {
        order: { ...order, lines: lines.map(({ wechat: _w, ...line }) => line) },
        source: 'channels',
        shopId,
        wechatLines: lines.map((l) => ({ lineNo: l.lineNo, productId: l.wechat.productId, skuId: l.wechat.skuId })),
        payment: null,
      },
      ctx.now(),
      { config: ctx.config.stock },
    );
    // WeChat moved its own stock figure for this order: the publisher sends from the moved figure
    // (its debounced round runs after this commit).
    const moved = await noteChannelsOrder(t, ctx.config, shopId, o, ctx.now());
    if (moved.length > 0) ctx.stockChanged(moved);
  });
}

/** Cancelled statuses (§2.3): an order the hub still has open must hear of them. */
const CANCELLED_STATUSES = [190, 200, 250];
/** Statuses with work to do (§2.3): an order the hub lacks must be read. */
const OPEN_STATUSES = [20, 21];
const SWEEP_WINDOW_S = 7 * 86_400;
/** Push-queued order reads at a time per shop (each still waits for the rate limit). */
const REFETCH_WORKERS = 32;
/** noteRead looks for old reads to forget from this many on. */
const MIN_FORGET_SIZE = 4096;

export interface SweepResult {
  listed: number;
  fetched: number;
}

export class ChannelsPuller {
  // pullOnce and sweepOnce catch and report their own failures.
  private readonly pulls: LeasedLoop;
  private readonly sweeps: LeasedLoop;
  private sweeping: Promise<SweepResult> | null = null;
  private readonly puller: OrderPuller;
  /**
   * What the hub last read of each order: when it sent order/get (Unix s) and the update_time the
   * answer carried — this instance's reads and those the others told (shared-reads.ts). Kept in
   * memory: after a restart the first run re-reads the overlap once.
   */
  private readonly reads = new Map<string, OrderRead>();
  /** When `reads` reaches this size, noteRead forgets the old ones. */
  private forgetAtSize = MIN_FORGET_SIZE;
  private readonly shared: SharedReads;
  /** order/get calls under way by id: a pull and a push-queued read of one order share one call. */
  private readonly inFlight = new Map<string, Promise<WechatOrder>>();
  /** Push-announced orders waiting for a read, with when (wall-clock ms) the push arrived. */
  private readonly queued = new Map<string, number>();
  private refetchers = 0;

  constructor(
    private readonly ctx: HubContext,
    private readonly shop: ChannelsShopConfig,
    private readonly api: ChannelsApi,
    /** Each after-sale order an order read lists (wechat-api-2.md §6), after the order is stored. */
    private readonly onAfterSale: (afterSaleOrderId: string) => void = () => undefined,
  ) {
    this.pulls = new LeasedLoop(
      this.ctx.leases,
      `pull:${this.shop.id}`,
      () => this.pullOnce(),
      () => this.shop.pullIntervalS * 1000,
    );
    this.sweeps = new LeasedLoop(
      this.ctx.leases,
      `sweep:${this.shop.id}`,
      () => this.sweep(),
      () => this.shop.sweepIntervalS * 1000,
      undefined,
      true,
    );
    this.puller = new OrderPuller({
      app: { listOrderIds: (w, o) => api.listOrderIds(w, o), getOrder: (id) => this.read(id) },
      now: ctx.now,
      overlapS: shop.overlapS,
      initialLookbackS: shop.initialLookbackS,
      shouldFetch: (id, window) => this.needsRead(id, window),
      store: {
        load: () => ctx.store.tx((t) => t.wechat.watermark(shop.id)),
        save: (s) => ctx.store.tx((t) => t.wechat.setWatermark(shop.id, s)),
      },
    });
    this.shared = new SharedReads(ctx.store, shop.id, (id, read) => this.noteRead(id, read), ctx.warn);
  }

  start(): void {
    this.pulls.start();
    if (this.shop.sweepIntervalS > 0) this.sweeps.start();
  }

  async pullOnce(): Promise<void> {
    try {
      const r = await this.puller.run((o) => ingest(this.ctx, this.shop.id, o));
      if (r.fetched > 0) this.ctx.log('orders pulled', { shop: this.shop.id, fetched: r.fetched, windows: r.windows });
      this.forgetBefore(r.watermark - this.shop.overlapS);
    } catch (err) {
      this.ctx.warn('order pull failed; next run re-scans from the watermark', {
        shop: this.shop.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  /**
   * The reconciliation sweep: list open and cancelled orders over the whole 7-day window and read
   * those the hub lacks (open) or still has open (cancelled). Catches what the list index showed
   * too late for the incremental pull's overlap. One at a time; a second call joins the first.
   */
  sweep(): Promise<SweepResult> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<SweepResult> {
    const end = Math.floor(this.ctx.now() / 1000);
    const window = { start: end - SWEEP_WINDOW_S, end };
    const result: SweepResult = { listed: 0, fetched: 0 };
    try {
      for (const status of [...OPEN_STATUSES, ...CANCELLED_STATUSES]) {
        if (this.halted()) break;
        const ids = await this.api.listOrderIds(window, { status });
        result.listed += ids.length;
        const cancelled = CANCELLED_STATUSES.includes(status);
        for (const id of ids) {
          if (this.halted()) break;
          const held = await this.ctx.store.tx((t) => t.orders.get(id));
          const stale = cancelled ? held !== undefined && held.status !== 'cancelled' : held === undefined;
          if (!stale) continue;
          await ingest(this.ctx, this.shop.id, await this.read(id));
          result.fetched++;
        }
      }
      if (result.fetched > 0)
        this.ctx.warn('sweep found orders the incremental pull missed', { shop: this.shop.id, ...result });
    } catch (err) {
      this.ctx.warn('order sweep failed; the next sweep starts over', {
        shop: this.shop.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    return result;
  }

  /**
   * A push event said this order changed: queue it for a read (the push itself is only a hint).
   * The queue is drained by REFETCH_WORKERS reads at a time, each waiting for WeChat's rate limit
   * (pacer.ts), so a sale's burst of pushes queues here instead of meeting 45011. It is memory
   * only, and need not be more: the incremental pull reads every listed order the hub has not read
   * since, and its watermark passes an order only once it was read, so an id queued when the hub
   * stops is read by the next run's pull.
   */
  refetch(orderId: string): void {
    if (!this.queued.has(orderId)) this.queued.set(orderId, Date.now());
    while (this.refetchers < REFETCH_WORKERS && this.queued.size > this.refetchers) {
      this.refetchers++;
      void this.drainRefetches().finally(() => this.refetchers--);
    }
  }

  /** Push-queued reads not yet started, for an admin to watch the backlog (GET /v1/health). */
  get refetchBacklog(): number {
    return this.queued.size;
  }

  private async drainRefetches(): Promise<void> {
    for (;;) {
      if (this.halted()) return;
      const next = this.queued.entries().next();
      if (next.done) return;
      const [orderId, queuedAt] = next.value;
      this.queued.delete(orderId);
      // The pull (or another push) read it since this push arrived: nothing new to learn.
      if ((this.reads.get(orderId)?.sentAt ?? 0) > queuedAt) continue;
      try {
        const order = await this.read(orderId);
        await ingest(this.ctx, this.shop.id, order);
        for (const a of order.aftersale_detail.aftersale_order_list) this.onAfterSale(a.aftersale_order_id);
      } catch (err) {
        this.ctx.warn('order re-fetch failed; the next pull picks it up', {
          shop: this.shop.id,
          orderId,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.pulls.stop(), this.sweeps.stop()]);
    await this.sweeping;
    this.shared.close();
  }

  /**
   * list/get returns ids only, so whether a listed order changed is inferred (wechat-api.md §2.1):
   *  - never read, or read during/before the window's last second: it may carry news → read;
   *  - its last known update_time lies outside the window: it is listed under another → it changed;
   *  - otherwise it may be listed for the update we already have, or for one made after we read it
   *    that the list index showed late. Such an order is read again only once `overlapRefetchS`
   *    passed since the last read, which bounds the calls per order to a few per overlap while
   *    still reading a late-shown change before it leaves the overlap (README: Operations).
   */
  private needsRead(id: string, window: { start: number; end: number }): boolean {
    const last = this.reads.get(id);
    if (!last) return true;
    if (last.at > window.end) return false;
    if (last.updateTime < window.start || last.updateTime > window.end) return true;
    return Math.floor(this.ctx.now() / 1000) - last.at >= this.refetchAfterS;
  }

  private get refetchAfterS(): number {
    return this.shop.overlapRefetchS ?? Math.max(this.shop.pullIntervalS, Math.floor(this.shop.overlapS / 3));
  }

  /**
   * order/get, remembering when it was asked (before the answer: it reflects at least that moment).
   * A read of the same order already under way is joined rather than sent twice.
   */
  private read(id: string): Promise<WechatOrder> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const reading = this.readOnce(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, reading);
    return reading;
  }

  private async readOnce(id: string): Promise<WechatOrder> {
    const at = Math.floor(this.ctx.now() / 1000);
    // Wall-clock, like the push queue's stamps: it only orders a read against a push's arrival.
    const sentAt = Date.now();
    const order = await this.api.getOrder(id);
    const read = { at, sentAt, updateTime: order.update_time };
    this.noteRead(id, read);
    this.shared.told(id, read);
    return order;
  }

  /**
   * The newest read of an order wins, whichever instance made it. Only the pull's instance forgets
   * reads behind its watermark (pullOnce); every other instance takes in its pushes' reads and all
   * that the others tell, so each doubling of the map also forgets reads made before the overlap
   * and one refetch interval back from now. Forgetting too much only costs an order read once more.
   */
  private noteRead(id: string, read: OrderRead): void {
    const last = this.reads.get(id);
    if (!last || last.sentAt <= read.sentAt) this.reads.set(id, read);
    if (this.reads.size < this.forgetAtSize) return;
    this.forgetBefore(Math.floor(this.ctx.now() / 1000) - this.shop.overlapS - this.refetchAfterS);
    this.forgetAtSize = Math.max(MIN_FORGET_SIZE, this.reads.size * 2);
  }

  /** stop() was called while a sweep awaits. */
  private halted(): boolean {
    return this.pulls.stopped;
  }

  private forgetBefore(s: number): void {
    for (const [id, r] of this.reads) if (r.at < s && r.updateTime < s) this.reads.delete(id);
  }
}
