import { afterEach, describe, expect, it } from 'vitest';
import type { TimeWindow, WechatOrder } from '../../../../src/cloud/wechat/channels.js';
import { OrderPuller, type OrderSource, type WatermarkStore } from '../../../../src/cloud/wechat/pull.js';
import { order, rawOrder } from './orders.js';
import { stack, startStub, tokenIssuer, type Stub } from './stub.js';

const DAY = 86_400;
const NOW_S = 1_710_000_000;

/** WeChat's order list as a table of id → update_time, listed by inclusive update_time range. */
function source(updates: Record<string, number>, opts: { getDelayMs?: number } = {}) {
  const windows: TimeWindow[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const api: OrderSource = {
    listOrderIds: async (w) => {
      if (w.end - w.start > 7 * DAY) throw new Error('window over 7 days');
      windows.push(w);
      return Object.entries(updates)
        .filter(([, t]) => t >= w.start && t <= w.end)
        .map(([id]) => id);
    },
    getOrder: async (id) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, opts.getDelayMs ?? 0));
      inFlight--;
      return order({ order_id: id, update_time: updates[id] ?? 0 });
    },
  };
  return { api, windows, maxInFlight: () => maxInFlight };
}

function memoryWatermark(
  initial: number | null = null,
): WatermarkStore & { saves: number[]; value: () => number | null } {
  let v = initial;
  const saves: number[] = [];
  return { saves, value: () => v, load: () => v, save: (s) => void saves.push((v = s)) };
}

/** A clock one second past `s`: a run lists up to the last finished second, `s`. */
const finishedSecond = (s: number) => () => (s + 1) * 1000;

describe('OrderPuller', () => {
  it('first run scans the initial look-back in windows of at most 7 days ending at a frozen now', async () => {
    const src = source({ a: NOW_S - 19 * DAY, b: NOW_S - 10 * DAY, c: NOW_S - 60 });
    const store = memoryWatermark();
    let t = NOW_S * 1000;
    // The clock moves while the run is going; the run's end must not.
    const puller = new OrderPuller({ app: src.api, store, now: () => (t += 5_000), initialLookbackS: 20 * DAY });
    const seen: string[] = [];
    const r = await puller.run(async (o) => void seen.push(o.order_id));
    const end = NOW_S + 5 - 1; // the first reading of the clock, less the second in progress
    expect(src.windows).toEqual([
      { start: end - 20 * DAY, end: end - 13 * DAY },
      { start: end - 13 * DAY, end: end - 6 * DAY },
      { start: end - 6 * DAY, end },
    ]);
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
    expect(r).toEqual({ fetched: 3, windows: 3, watermark: end });
    // Saved after each completed window, never ahead of it.
    expect(store.saves).toEqual([end - 13 * DAY, end - 6 * DAY, end]);
  });

  it('later runs start overlapS before the watermark', async () => {
    const src = source({ late: NOW_S - 300 });
    const store = memoryWatermark(NOW_S - 100);
    const puller = new OrderPuller({ app: src.api, store, now: finishedSecond(NOW_S + 3_600) });
    const seen: string[] = [];
    await puller.run(async (o) => void seen.push(o.order_id));
    // The overlap is its own window, ending at the watermark; then on to now.
    expect(src.windows).toEqual([
      { start: NOW_S - 100 - 600, end: NOW_S - 100 },
      { start: NOW_S - 100, end: NOW_S + 3_600 },
    ]);
    // Updated before the watermark but landed late: the overlap catches it.
    expect(seen).toEqual(['late']);
  });

  it('asks shouldFetch with the window, so an order read after the overlap closed costs no order/get', async () => {
    const src = source({ readAlready: NOW_S - 300, lateNews: NOW_S - 200, changedSince: NOW_S + 60 });
    const puller = new OrderPuller({
      app: src.api,
      store: memoryWatermark(NOW_S - 100),
      now: finishedSecond(NOW_S + 3_600),
      // The hub read readAlready after the watermark; lateNews never; changedSince is in the new window.
      shouldFetch: (id, window) => !(id === 'readAlready' && window.end <= NOW_S - 100),
    });
    const seen: string[] = [];
    await puller.run(async (o) => void seen.push(o.order_id));
    expect(seen.sort()).toEqual(['changedSince', 'lateNews']);
  });

  it('a crash mid-window leaves the watermark at the last full window, and the next run rescans it', async () => {
    const updates = { w1: NOW_S - 12 * DAY, x: NOW_S - 3 * DAY, boom: NOW_S - 2 * DAY, y: NOW_S - DAY };
    const src = source(updates);
    const store = memoryWatermark();
    const puller = new OrderPuller({
      app: src.api,
      store,
      now: finishedSecond(NOW_S),
      initialLookbackS: 14 * DAY,
      concurrency: 1,
    });
    const first: string[] = [];
    await expect(
      puller.run(async (o) => {
        if (o.order_id === 'boom') throw new Error('hub crashed');
        first.push(o.order_id);
      }),
    ).rejects.toThrow('hub crashed');
    const w1End = NOW_S - 7 * DAY;
    expect(store.value()).toBe(w1End);
    expect(first).toEqual(['w1', 'x']);

    src.windows.length = 0;
    const second: string[] = [];
    const r = await new OrderPuller({ app: src.api, store, now: finishedSecond(NOW_S + 60) }).run(
      async (o) => void second.push(o.order_id),
    );
    expect(src.windows[0]?.start).toBe(w1End - 600);
    // x was handed over before the crash and is handed over again (the hub dedupes by update time).
    expect(second.sort()).toEqual(['boom', 'x', 'y']);
    expect(r.watermark).toBe(NOW_S + 60);
  });

  it('a failing order/get does not advance the watermark either', async () => {
    const src = source({ a: NOW_S - 100 });
    src.api.getOrder = async () => {
      throw new Error('network down');
    };
    const store = memoryWatermark(NOW_S - 1_000);
    await expect(
      new OrderPuller({ app: src.api, store, now: finishedSecond(NOW_S) }).run(async () => {}),
    ).rejects.toThrow('network down');
    expect(store.saves).toEqual([]);
  });

  it('hands each order id over once per run, even when it sits on a window boundary', async () => {
    const boundary = NOW_S - 3 * DAY;
    const src = source({ edge: boundary, other: NOW_S - 10 });
    const seen: string[] = [];
    const r = await new OrderPuller({
      app: src.api,
      store: memoryWatermark(),
      now: finishedSecond(NOW_S),
      initialLookbackS: 10 * DAY,
    }).run(async (o) => void seen.push(o.order_id));
    expect(src.windows.map((w) => w.end)).toContain(boundary);
    expect(seen.sort()).toEqual(['edge', 'other']);
    expect(r.fetched).toBe(2);
  });

  it('fetches orders with bounded concurrency', async () => {
    const updates = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`o${i}`, NOW_S - 100 - i]));
    const src = source(updates, { getDelayMs: 10 });
    const r = await new OrderPuller({
      app: src.api,
      store: memoryWatermark(NOW_S - 500),
      now: finishedSecond(NOW_S),
    }).run(async () => {});
    expect(r.fetched).toBe(12);
    expect(src.maxInFlight()).toBe(4);
  });

  it('refuses a window longer than 7 days', () => {
    expect(
      () => new OrderPuller({ app: source({}).api, store: memoryWatermark(), now: Date.now, windowS: 7 * DAY + 1 }),
    ).toThrow(/7 days/);
  });

  it('does nothing when the watermark is already at now', async () => {
    const src = source({});
    const r = await new OrderPuller({
      app: src.api,
      store: memoryWatermark(NOW_S + 700),
      now: finishedSecond(NOW_S),
    }).run(async () => {});
    expect(r).toEqual({ fetched: 0, windows: 0, watermark: NOW_S + 700 });
  });
});

describe('OrderPuller over HTTP', () => {
  let stub: Stub | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it('pulls ids page by page and fetches each order with its exact id', async () => {
    const ids = ['3705115058471208928', '3705115058471208929', '3705115058471208930'];
    const issue = tokenIssuer();
    stub = await startStub((req) => {
      const token = issue(req);
      if (token) return token;
      if (req.path === '/channels/ec/order/list/get') {
        const page = req.body?.['next_key'] === '' ? 0 : 1;
        return {
          json: {
            errcode: 0,
            order_id_list: page === 0 ? ids.slice(0, 2) : ids.slice(2),
            has_more: page === 0,
            next_key: page === 0 ? 'k1' : '',
          },
        };
      }
      const id = String(req.body?.['order_id']);
      return {
        text: JSON.stringify({ errcode: 0, order: rawOrder({ order_id: 'X' }) }).replace(
          '"order_id":"X"',
          `"order_id":${id}`,
        ),
      };
    });
    const { channels } = stack(stub.baseUrl);
    const got: WechatOrder[] = [];
    const r = await new OrderPuller({
      app: channels,
      store: memoryWatermark(NOW_S - 3_600),
      now: finishedSecond(NOW_S),
      pageSize: 2,
    }).run(async (o) => void got.push(o));
    expect(got.map((o) => o.order_id).sort()).toEqual(ids);
    // The overlap behind the saved watermark and the stretch after it: two windows.
    expect(r).toMatchObject({ fetched: 3, windows: 2, watermark: NOW_S });
  });
});
