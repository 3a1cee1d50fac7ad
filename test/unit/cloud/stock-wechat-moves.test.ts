// The hub's record of a Channels shop's stock figure: what pulled orders teach (SKU ids, WeChat's
// own moves, each once), a figure read from WeChat corrected by moves it cannot hold yet, and
// updates left in flight by a crash turning the figure unknown.
import { afterEach, describe, expect, it } from 'vitest';
import { hubConfigSchema, type HubConfig } from '../../../src/cloud/config.js';
import { noteChannelsOrder, readFigure, wechatChannels } from '../../../src/cloud/services/stock-wechat.js';
import type { HubStore } from '../../../src/cloud/store/types.js';
import { openTestStore } from '../../helpers/store.js';
import { wechatOrderSchema } from '../../../src/cloud/wechat/index.js';
import { buildChannelsOrder } from '../../../src/demo/wechat-sandbox/index.js';

const T = 1_764_640_000; // Unix seconds
const CUP = { product_id: '10000001', sku_id: '20000001', sku_code: 'CUP', title: '茶杯', price_fen: 2900 };

let store: HubStore;
afterEach(() => store.close());

function config(point: 'order' | 'payment' | 'never' = 'order'): HubConfig {
  return hubConfigSchema.parse({
    wechat: { shops: [{ id: 'shop1', appid: 'wx-shop-1', secret: 's' }] },
    stock: {
      enabled: true,
      wechatDecrementsAt: point,
      channels: [{ id: 'shop1', kind: 'channels_shop', shopId: 'shop1', ratio: 1 }],
    },
  });
}

async function open(): Promise<HubStore> {
  store = await openTestStore();
  return store;
}

const order = (
  id: string,
  count: number,
  times: { create: number; status?: number; pay?: number; update?: number },
) => {
  const o = buildChannelsOrder({
    order_id: id,
    create_time: times.create,
    update_time: times.update ?? times.create,
    status: times.status ?? 20,
    lines: [{ product: CUP, count }],
  });
  if (times.pay !== undefined) o.order_detail.pay_info.pay_time = times.pay;
  return wechatOrderSchema.parse(o);
};

/** WeChat's figure of CUP as the hub knows it, after it was read as `value` at `readAtS`. */
async function known(cfg: HubConfig, value: number, readAtS: number): Promise<void> {
  const [channel] = wechatChannels(cfg);
  await store.tx(async (t) => {
    await t.stockPublish.setTargets([{ channel: 'shop1', sku: 'CUP', target: value }]);
    await readFigure(t, channel!, 'CUP', value, readAtS * 1000 + 500);
  });
}

const figure = async () => (await store.tx((t) => t.stockPublish.rows(['CUP'], 'shop1')))[0]?.sent;
const note = (cfg: HubConfig, o: ReturnType<typeof order>) =>
  store.tx((t) => noteChannelsOrder(t, cfg, 'shop1', o, T * 1000));

describe('WeChat’s own moves taken into the known figure', () => {
  it('an order placed after the read takes its units off, once however often it is pulled', async () => {
    await open();
    const cfg = config();
    await known(cfg, 10, T);
    expect(await note(cfg, order('3705115058471400001', 2, { create: T + 5 }))).toEqual(['CUP']);
    expect(await note(cfg, order('3705115058471400001', 2, { create: T + 5 }))).toEqual([]);
    expect(await figure()).toBe(8);
  });

  it('an order placed before the read (or in its second) is in the figure already', async () => {
    await open();
    const cfg = config();
    await known(cfg, 10, T);
    await note(cfg, order('3705115058471400002', 2, { create: T - 30 }));
    await note(cfg, order('3705115058471400003', 1, { create: T }));
    expect(await figure()).toBe(10);
  });

  it('an unpaid order placed before the read and cancelled after it gives its units back', async () => {
    await open();
    const cfg = config();
    await known(cfg, 10, T);
    await note(cfg, order('3705115058471400004', 3, { create: T - 30, status: 250, pay: 0, update: T + 60 }));
    expect(await figure()).toBe(13);
  });

  it('payment point: the take is at pay_time; never: WeChat moves nothing', async () => {
    await open();
    const paid = config('payment');
    await known(paid, 10, T);
    await note(paid, order('3705115058471400005', 2, { create: T - 30, pay: T + 10, update: T + 10 }));
    expect(await figure()).toBe(8);
    await store.close();
    await open();
    const never = config('never');
    await known(never, 10, T);
    await note(never, order('3705115058471400006', 2, { create: T + 10 }));
    expect(await figure()).toBe(10);
  });

  it('a figure not known yet takes recorded moves when it is read', async () => {
    await open();
    const cfg = config();
    await note(cfg, order('3705115058471400007', 4, { create: T + 5 }));
    // WeChat answered with a figure read before that order came in (its answer was on its way).
    await known(cfg, 10, T);
    expect(await figure()).toBe(6);
  });
});

describe('SKU ids and crashes', () => {
  it('learns SKU ids from orders but never over an admin’s', async () => {
    await open();
    const cfg = config();
    await note(cfg, order('3705115058471400008', 1, { create: T }));
    await store.tx((t) =>
      t.stockPublish.putSkuRef({ shopId: 'shop1', sku: 'CUP', productId: '777', skuId: '888', source: 'admin', at: 1 }),
    );
    await note(cfg, order('3705115058471400009', 1, { create: T }));
    const refs = await store.tx((t) => t.stockPublish.skuRefs('shop1', null));
    expect(refs).toEqual([expect.objectContaining({ sku: 'CUP', productId: '777', skuId: '888', source: 'admin' })]);
  });

  it('an update left in flight makes the figure unknown after a restart', async () => {
    await open();
    const cfg = config();
    await known(cfg, 10, T);
    await store.tx((t) => t.stockPublish.markInFlight('shop1', ['CUP']));
    expect(await store.tx((t) => t.stockPublish.recoverInFlight())).toBe(1);
    expect(await figure()).toBeNull();
  });

  it('does nothing while stock is off', async () => {
    await open();
    const off = hubConfigSchema.parse({ ...config(), stock: { ...config().stock, enabled: false } });
    await note(off, order('3705115058471400010', 1, { create: T }));
    expect(await store.tx((t) => t.stockPublish.skuRefs('shop1', null))).toEqual([]);
  });
});
