// The print component's side of the e-waybill flow at the hub: print_info is fetched in advance
// (with create's template_id, or print/get when create gave none) and sent with the order; a reprint
// printed through the component is told to WeChat as order/print re_print 1, after the first (0).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../src/base/ids.js';
import type { AnyOutboxEvent } from '../../../src/contract/events.js';
import { packEvents } from '../../helpers/events.js';
import { startTestHub, until, type TestHub } from '../../helpers/hub.js';
import { channelsOrders, pulledOrders } from '../../helpers/hub-orders.js';

vi.setConfig({ testTimeout: 60_000 });
const BIZ = '/channels/ec/logistics/ewaybill/biz';
let t: TestHub;
beforeEach(async () => {
  t = await startTestHub({ ewaybill: true });
});
afterEach(async () => {
  await t.close();
});

const body = <T>(c: { body: unknown }) => c.body as T;

describe('e-waybill print data for the WeChat print component', () => {
  it('sends print_info with the order, from create or else print/get, and tells WeChat re_print 0 then 1', async () => {
    // The first create's answer is lost: its retry answers 10025019 and carries no print_info.
    t.fake.inject({ path: `${BIZ}/order/create`, kind: 'drop-after', times: 1 });
    channelsOrders(t, 2, 6);
    const token = await t.addStation('A');
    const pulled = await pulledOrders(
      t,
      token,
      (orders) => orders.length === 2 && orders.every((o) => o.preassigned?.printInfo !== undefined),
      30_000,
      'orders with print_info',
      { longPoll: true },
    );
    const creates = t.fake.calls(`${BIZ}/order/create`);
    expect(creates.every((c) => body<{ template_id?: string }>(c).template_id === 'single')).toBe(true);
    const gets = t.fake.calls(`${BIZ}/print/get`).filter((c) => c.errcode === 0);
    expect(gets).toHaveLength(1);
    expect(body<{ template_id: string }>(gets[0] ?? { body: {} }).template_id).toBe('single');
    for (const o of pulled) {
      const id = creates.find(
        (c) => body<{ ec_order_list: { ec_order_id: string }[] }>(c).ec_order_list[0]?.ec_order_id === o.id,
      );
      expect(o.preassigned).toMatchObject({
        ewaybillOrderId: body<{ ewaybill_order_id: string }>(id ?? { body: {} }).ewaybill_order_id,
        templateId: 'single',
      });
      expect(o.preassigned?.printInfo?.length).toBeGreaterThan(10);
    }

    const [first] = pulled;
    if (!first?.preassigned) throw new Error('no preassigned waybill');
    const { waybill, carrier } = first.preassigned;
    const events = packEvents('A', first, waybill, carrier).map((e) =>
      e.type === 'label.printed' ? { ...e, payload: { ...e.payload, printedBy: 'wechat_component' } } : e,
    ) as AnyOutboxEvent[];
    const printed = events.find((e) => e.type === 'label.printed');
    if (printed?.type !== 'label.printed') throw new Error('no label.printed');
    const reprint: AnyOutboxEvent = {
      ...printed,
      id: newId(Date.now()),
      payload: { ...printed.payload, labelId: newId(Date.now()), reprint: true },
    };
    // A re-sent reprint event is one reprint.
    await t.call(token, 'POST', '/v1/sync/events', { events: [...events, reprint] });
    await t.call(token, 'POST', '/v1/sync/events', { events: [reprint] });
    const prints = () =>
      t.fake
        .calls(`${BIZ}/order/print`)
        .filter((c) => c.errcode === 0 && body<{ waybill_id: string }>(c).waybill_id === waybill)
        .map((c) => body<{ re_print: number }>(c).re_print);
    await until(prints, (p) => p.length === 2, 20_000, 're_print 0 and 1');
    expect(prints()).toEqual([0, 1]);
    expect(t.fake.channelsShipments(first.id)).toHaveLength(1);
  });
});
