// The Channels order pull loop (wechat-api.md §7.2): list ids by update_time in windows of at most
// 7 days, fetch each order, and move the watermark only past windows that were fully processed.
//
// Crash safety: the watermark is saved after a window's last order was handed to onOrder, never
// before, so a crash (or a thrown onOrder, or a failed getOrder) leaves the window to be scanned
// again on the next run. Re-delivery is therefore normal; the hub dedupes by order id + update
// time (MappedOrder.updateTimeS). Each run also starts `overlapS` before the watermark because
// update_time may land late and the ordering of list results is UNCONFIRMED (§8).
//
// Quota: the overlap is listed as its own window ending at the watermark, so `shouldFetch` can tell
// an order that was read after that window closed (nothing in the window can be news: order/get
// then already returned every update up to the window's end) from one that may have changed.
import { MAX_PAGE_SIZE, MAX_WINDOW_S, type TimeWindow, type WechatOrder } from './channels.js';

/** What the puller needs from ChannelsApi. */
export interface OrderSource {
  listOrderIds(window: TimeWindow, opts: { status?: number; pageSize?: number }): Promise<string[]>;
  getOrder(id: string): Promise<WechatOrder>;
}

/** Unix seconds: every order updated before this was handed to onOrder. */
export interface WatermarkStore {
  load(): number | null | Promise<number | null>;
  save(watermarkS: number): void | Promise<void>;
}

export interface OrderPullerOptions {
  app: OrderSource;
  store: WatermarkStore;
  /** Epoch ms. */
  now: () => number;
  overlapS?: number;
  windowS?: number;
  pageSize?: number;
  /** Where the very first run starts (no watermark yet). Default 7 days back. */
  initialLookbackS?: number;
  /** Parallel order/get calls. Default 4. */
  concurrency?: number;
  /** Optional list/get status filter. Off by default: cancellations must reach the hub too. */
  status?: number;
  /**
   * Whether an order listed in `window` needs an order/get. Default: always. The hub answers no for
   * an order it read after that window closed (see workers/channels-pull.ts for the whole rule).
   */
  shouldFetch?: (orderId: string, window: TimeWindow) => boolean;
}

export interface PullResult {
  fetched: number;
  windows: number;
  watermark: number;
}

export class OrderPuller {
  private readonly o: Required<Omit<OrderPullerOptions, 'status' | 'shouldFetch'>> & {
    status: number | undefined;
    shouldFetch: (orderId: string, window: TimeWindow) => boolean;
  };

  constructor(opts: OrderPullerOptions) {
    this.o = {
      app: opts.app,
      store: opts.store,
      now: opts.now,
      overlapS: opts.overlapS ?? 600,
      windowS: opts.windowS ?? MAX_WINDOW_S,
      pageSize: opts.pageSize ?? MAX_PAGE_SIZE,
      initialLookbackS: opts.initialLookbackS ?? MAX_WINDOW_S,
      concurrency: opts.concurrency ?? 4,
      status: opts.status,
      shouldFetch: opts.shouldFetch ?? (() => true),
    };
    const { windowS, overlapS, concurrency } = this.o;
    if (!(windowS >= 1 && windowS <= MAX_WINDOW_S))
      throw new RangeError(`windowS must be 1..${MAX_WINDOW_S} (list/get allows 7 days, §2.1), got ${windowS}`);
    if (!(overlapS >= 0)) throw new RangeError(`overlapS must be ≥ 0, got ${overlapS}`);
    if (!(concurrency >= 1)) throw new RangeError(`concurrency must be ≥ 1, got ${concurrency}`);
  }

  /**
   * One pass up to now. onOrder may run up to `concurrency` times in parallel and sees each order
   * id at most once per run. Rejects on the first failure, with the watermark at the last window
   * that completed.
   */
  async run(onOrder: (o: WechatOrder) => Promise<void>): Promise<PullResult> {
    const { app, store, overlapS, windowS, pageSize, initialLookbackS, concurrency, status, shouldFetch } = this.o;
    // Frozen for the whole run, so the last window's end is fixed even if paging takes minutes. The
    // second in progress is left to the next run: update_time has whole seconds, so only a finished
    // second can be listed completely, and every order/get of this run comes after the window.
    const end = Math.floor(this.o.now() / 1000) - 1;
    const saved = await store.load();
    let start = saved === null ? end - initialLookbackS : Math.max(0, saved - overlapS);
    let watermark = saved ?? start;
    const seen = new Set<string>();
    let fetched = 0;
    let windows = 0;

    while (start < end) {
      // The overlap behind the saved watermark is a window of its own (see the header).
      const limit = saved !== null && start < saved ? Math.min(saved, end) : end;
      const windowEnd = Math.min(start + windowS, limit);
      const ids = await app.listOrderIds(
        { start, end: windowEnd },
        { pageSize, ...(status === undefined ? {} : { status }) },
      );
      // Window boundaries are inclusive on both sides, so an order can be listed twice.
      const window = { start, end: windowEnd };
      const fresh = ids.filter((id) => !seen.has(id) && shouldFetch(id, window));
      for (const id of fresh) seen.add(id);
      await forEachLimit(fresh, concurrency, async (id) => {
        // Asked again just before the call: a long window's reads take a while (they wait for the
        // rate limit), and meanwhile a push may have had the order read already.
        if (!shouldFetch(id, window)) return;
        await onOrder(await app.getOrder(id));
        fetched++;
      });
      // A watermark never moves backwards, even when the overlap re-scanned older ground.
      if (windowEnd > watermark) {
        watermark = windowEnd;
        await store.save(watermark);
      }
      windows++;
      start = windowEnd;
    }
    return { fetched, windows, watermark };
  }
}

/** Runs `fn` over `items`, at most `limit` at a time; stops starting new ones after a failure. */
async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false as boolean; // set by whichever worker fails first
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (err) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- another worker may have failed meanwhile
        if (!failed) firstError = err;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed) throw firstError;
}
