// Channels order list and detail, wechat-api.md §2.1–2.3.
import { describe, expect, it } from 'vitest';
import { buildChannelsOrder } from '../../../../src/demo/wechat-sandbox/index.js';
import { PRODUCTS, T0S, start } from './helpers.js';

const LIST = '/channels/ec/order/list/get';
const GET = '/channels/ec/order/get';
const DAY = 86_400;

async function withOrders(count: number) {
  const s = await start();
  const orders = s.fake.generateChannelsOrders({ count, seed: 7, products: PRODUCTS, startTime: T0S - 2 * DAY });
  return { ...s, orders, t: await s.token() };
}

describe('order/list/get (§2.1)', () => {
  it('pages with next_key/has_more through every order, as strings sorted by update_time', async () => {
    const { post, orders, t } = await withOrders(25);
    const body = { update_time_range: { start_time: T0S - 3 * DAY, end_time: T0S }, page_size: 10 };
    const seen: string[] = [];
    let nextKey = '';
    for (let page = 0; page < 10; page++) {
      const r = await post(LIST, { ...body, next_key: nextKey }, t);
      expect(r.json['errcode']).toBe(0);
      const ids = r.json['order_id_list'] as unknown[];
      for (const id of ids) expect(typeof id).toBe('string');
      seen.push(...(ids as string[]));
      nextKey = String(r.json['next_key']);
      if (r.json['has_more'] !== true) break;
    }
    const byUpdate = [...orders].sort((a, b) => a.update_time - b.update_time).map((o) => o.order_id);
    expect(seen).toEqual(byUpdate);
    expect(seen[0]).toMatch(/^\d{19}$/);
  });

  it('606006 when a later page changes any parameter (C2), e.g. a moved end_time', async () => {
    const { post, t } = await withOrders(15);
    const body = { update_time_range: { start_time: T0S - 3 * DAY, end_time: T0S }, page_size: 10 };
    const first = await post(LIST, body, t);
    const nextKey = String(first.json['next_key']);
    const moved = await post(
      LIST,
      { ...body, update_time_range: { start_time: T0S - 3 * DAY, end_time: T0S + 60 }, next_key: nextKey },
      t,
    );
    expect(moved.json['errcode']).toBe(606006);
    expect((await post(LIST, { ...body, page_size: 20, next_key: nextKey }, t)).json['errcode']).toBe(606006);
    expect((await post(LIST, { ...body, status: 20, next_key: nextKey }, t)).json['errcode']).toBe(606006);
    expect((await post(LIST, { ...body, next_key: 'made-up' }, t)).json['errcode']).toBe(606006);
    // Same params, keys in another order: still the same request.
    const same = await post(
      LIST,
      { page_size: 10, next_key: nextKey, update_time_range: { end_time: T0S, start_time: T0S - 3 * DAY } },
      t,
    );
    expect(same.json['errcode']).toBe(0);
    expect((same.json['order_id_list'] as string[]).length).toBe(5);
  });

  it('an order changed mid-loop moves behind the cursor and is listed again', async () => {
    const { fake, post, t } = await withOrders(6);
    const body = { update_time_range: { start_time: T0S - 3 * DAY, end_time: T0S + DAY }, page_size: 3 };
    const first = await post(LIST, body, t);
    const seen = first.json['order_id_list'] as string[];
    fake.setOrderStatus(seen[0]!, 250);
    const second = await post(LIST, { ...body, next_key: first.json['next_key'] }, t);
    expect(second.json['has_more']).toBe(true);
    const third = await post(LIST, { ...body, next_key: second.json['next_key'] }, t);
    expect(third.json['order_id_list']).toEqual([seen[0]]);
    expect(third.json['has_more']).toBe(false);
  });

  it('refuses ranges over 7 days, missing ranges and page_size over 100 with 47001', async () => {
    const { post, t } = await withOrders(1);
    const long = await post(LIST, { create_time_range: { start_time: T0S - 7 * DAY - 1, end_time: T0S } }, t);
    expect(long.json['errcode']).toBe(47001);
    expect(long.json['errmsg']).toMatch(/7 days/);
    expect(
      (await post(LIST, { create_time_range: { start_time: T0S - 7 * DAY, end_time: T0S } }, t)).json['errcode'],
    ).toBe(0);
    expect((await post(LIST, { page_size: 10 }, t)).json['errcode']).toBe(47001);
    expect(
      (await post(LIST, { update_time_range: { start_time: T0S - DAY, end_time: T0S }, page_size: 101 }, t)).json[
        'errcode'
      ],
    ).toBe(47001);
  });

  it('filters by status and sees an order again after it changes (update_time bumps)', async () => {
    const { fake, post, orders, t } = await withOrders(5);
    const victim = orders[0]!;
    fake.setOrderStatus(victim.order_id, 250);
    const range = { update_time_range: { start_time: T0S - 3 * DAY, end_time: T0S + DAY } };
    const paid = await post(LIST, { ...range, status: 20, page_size: 100 }, t);
    expect(paid.json['order_id_list']).not.toContain(victim.order_id);
    const cancelled = await post(LIST, { ...range, status: 250 }, t);
    expect(cancelled.json['order_id_list']).toEqual([victim.order_id]);
    const all = await post(LIST, { ...range, page_size: 100 }, t);
    expect((all.json['order_id_list'] as string[]).at(-1)).toBe(victim.order_id);
  });
});

describe('order/get (§2.2)', () => {
  it('returns the order with order_id as a JSON string and masked address', async () => {
    const { post, orders, t } = await withOrders(3);
    const id = orders[1]!.order_id;
    const r = await post(GET, { order_id: id }, t);
    expect(r.json['errcode']).toBe(0);
    expect(r.text).toContain(`"order_id":"${id}"`);
    const order = r.json['order'] as ReturnType<typeof buildChannelsOrder>;
    expect(order.status).toBe(20);
    const addr = order.order_detail.delivery_info.address_info;
    expect(addr.user_name).toMatch(/^.\*\*$/);
    expect(addr.tel_number).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(addr.detail_info).toBe('****');
    expect(order.order_detail.delivery_info).toMatchObject({
      deliver_method: 0,
      delivery_product_info: [],
      ship_done_time: 0,
      address_under_review: false,
    });
    expect(order.aftersale_detail.on_aftersale_order_cnt).toBe(0);
    const line = order.order_detail.product_infos[0]!;
    expect(Object.keys(line)).toEqual(
      expect.arrayContaining([
        'product_id',
        'sku_id',
        'sku_cnt',
        'sku_code',
        'title',
        'sale_price',
        'real_price',
        'on_aftersale_sku_cnt',
        'finish_aftersale_sku_cnt',
      ]),
    );
    expect(Object.keys(order.order_detail.ext_info)).toEqual(
      expect.arrayContaining(['customer_notes', 'merchant_notes', 'order_scene']),
    );
    expect(order.order_detail.price_info).toHaveProperty('merchant_receieve_price');
  });

  it('100002 for an unknown id; 47001 for a numeric id', async () => {
    const { post, t } = await withOrders(1);
    expect((await post(GET, { order_id: '3700000000000000001' }, t)).json['errcode']).toBe(100002);
    expect((await post(GET, { order_id: 37 }, t)).json['errcode']).toBe(47001);
  });

  it('generated batches are deterministic per seed, status 20, 1–3 lines with sku_code', async () => {
    const { fake } = await start();
    const again = await start();
    const a = fake.generateChannelsOrders({ count: 50, seed: 3, products: PRODUCTS, startTime: T0S });
    const b = again.fake.generateChannelsOrders({ count: 50, seed: 3, products: PRODUCTS, startTime: T0S });
    expect(a).toEqual(b);
    expect(new Set(a.map((o) => o.order_id)).size).toBe(50);
    for (const o of a) {
      expect(o.status).toBe(20);
      expect(o.order_detail.product_infos.length).toBeGreaterThanOrEqual(1);
      expect(o.order_detail.product_infos.length).toBeLessThanOrEqual(3);
      for (const l of o.order_detail.product_infos) expect(l.sku_code).not.toBe('');
      expect(o.update_time).toBeGreaterThan(o.create_time);
    }
    expect(a.at(-1)!.update_time - a[0]!.update_time).toBeGreaterThan(600);
    expect(() => fake.generateChannelsOrders({ count: 1, seed: 1, products: PRODUCTS, startTime: Date.now() })).toThrow(
      /seconds/,
    );
  });

  it('addChannelsOrder keeps its own copy; updateOrder bumps update_time', async () => {
    const { fake } = await start();
    const order = buildChannelsOrder({
      order_id: '3705115058471208928',
      create_time: T0S - 100,
      lines: [{ product: PRODUCTS[0]!, count: 2 }],
    });
    fake.addChannelsOrder(order);
    order.status = 250;
    fake.updateOrder(order.order_id, (o) => {
      o.order_detail.delivery_info.address_under_review = true;
    });
    const now = fake.channelsOrder(order.order_id)!;
    expect(now.status).toBe(20);
    expect(now.update_time).toBe(T0S);
    expect(now.order_detail.delivery_info.address_under_review).toBe(true);
  });
});
