// Fault injection and the call log.
import { describe, expect, it } from 'vitest';
import { buildChannelsOrder } from '../../../../src/demo/wechat-sandbox/index.js';
import { PRODUCTS, T0S, start } from './helpers.js';

const SEND = '/channels/ec/order/delivery/send';
const ORDER_ID = '3705115058471208928';
const CUP = PRODUCTS[0]!;
const shipment = {
  order_id: ORDER_ID,
  delivery_list: [
    {
      delivery_id: 'ZTO',
      waybill_id: '73100000000001',
      deliver_type: 1,
      product_infos: [{ product_id: CUP.product_id, sku_id: CUP.sku_id, product_cnt: 1 }],
    },
  ],
};

async function setup() {
  const s = await start();
  s.fake.addChannelsOrder(
    buildChannelsOrder({ order_id: ORDER_ID, create_time: T0S - 60, lines: [{ product: CUP, count: 1 }] }),
  );
  return { ...s, t: await s.token() };
}

describe('faults', () => {
  it('errcode: answered instead of the call, `times` times, then normal again', async () => {
    const { fake, post, t } = await setup();
    fake.inject({ path: SEND, kind: 'errcode', errcode: 100003, times: 2 });
    expect((await post(SEND, shipment, t)).json['errcode']).toBe(100003);
    const second = await post(SEND, shipment, t);
    expect(second.status).toBe(200);
    expect(second.json['errmsg']).toMatch(/too frequently rid: /);
    expect(fake.channelsShipments(ORDER_ID)).toEqual([]);
    expect((await post(SEND, shipment, t)).json['errcode']).toBe(0);
    expect(fake.calls(SEND).map((c) => c.errcode)).toEqual([100003, 100003, 0]);
  });

  it('errcode with "*" hits any path, token endpoints included', async () => {
    const { fake, post } = await setup();
    fake.inject({ path: '*', kind: 'errcode', errcode: -1, errmsg: 'system busy' });
    const r = await post('/cgi-bin/stable_token', {});
    expect(r.json).toMatchObject({ errcode: -1 });
    expect(r.json['errmsg']).toMatch(/^system busy rid: /);
  });

  it('slow: the answer comes after the delay', async () => {
    const { fake, post, t } = await setup();
    fake.inject({ path: SEND, kind: 'slow', delayMs: 150 });
    const began = performance.now();
    expect((await post(SEND, shipment, t)).json['errcode']).toBe(0);
    expect(performance.now() - began).toBeGreaterThanOrEqual(140);
  });

  it('slow past the client timeout: the client gives up, the call is still applied', async () => {
    const { fake, base, t } = await setup();
    fake.inject({ path: SEND, kind: 'slow', delayMs: 200 });
    const req = fetch(`${base}${SEND}?access_token=${t}`, {
      method: 'POST',
      body: JSON.stringify(shipment),
      signal: AbortSignal.timeout(50),
    });
    await expect(req).rejects.toThrow();
    await expect.poll(() => fake.channelsShipments(ORDER_ID), { timeout: 5_000 }).toHaveLength(1);
  });

  it('drop: the socket dies with no answer and the call is not applied', async () => {
    const { fake, post, t } = await setup();
    fake.inject({ path: SEND, kind: 'drop' });
    await expect(post(SEND, shipment, t)).rejects.toThrow();
    expect(fake.channelsShipments(ORDER_ID)).toEqual([]);
    expect(fake.calls(SEND)).toEqual([
      { path: SEND, body: shipment, errcode: -1, at: expect.any(Number), dropped: true },
    ]);
    expect((await post(SEND, shipment, t)).json['errcode']).toBe(0);
  });

  it('drop-after: the call is applied but the answer is lost, so a retry sees 109001', async () => {
    const { fake, post, t } = await setup();
    fake.inject({ path: SEND, kind: 'drop-after' });
    await expect(post(SEND, shipment, t)).rejects.toThrow();
    expect(fake.channelsShipments(ORDER_ID)).toHaveLength(1);
    expect(fake.calls(SEND)[0]).toMatchObject({ errcode: 0, dropped: true });
    expect((await post(SEND, shipment, t)).json['errcode']).toBe(109001);
  });

  it('clearFaults removes pending faults; calls() filters by path and records the clock', async () => {
    const { fake, clock, post, t } = await setup();
    fake.inject({ path: SEND, kind: 'drop', times: 5 });
    fake.clearFaults();
    clock.t += 1234;
    expect((await post(SEND, shipment, t)).json['errcode']).toBe(0);
    expect(fake.calls(SEND)).toEqual([{ path: SEND, body: shipment, errcode: 0, at: clock.t, dropped: false }]);
    expect(fake.calls().map((c) => c.path)).toEqual(['/cgi-bin/stable_token', SEND]);
  });

  it('close() ends a call that is waiting in a slow fault', async () => {
    const { fake, post, t } = await setup();
    fake.inject({ path: SEND, kind: 'slow', delayMs: 60_000 });
    const pending = post(SEND, shipment, t);
    await new Promise((r) => setTimeout(r, 30));
    await fake.close();
    await expect(pending).rejects.toThrow();
    expect(fake.channelsShipments(ORDER_ID)).toEqual([]);
  });
});
