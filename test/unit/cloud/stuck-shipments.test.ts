// A report-back that failed for good waits for a person: listed for the admin (and in the open
// exceptions the supervisor view shows), retried once fixed, or resolved as handled elsewhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packEvents } from '../../helpers/events.js';
import { startTestHub, until, type TestHub } from '../../helpers/hub.js';
import { channelsOrders, pulledOrders } from '../../helpers/hub-orders.js';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub();
});
afterEach(async () => {
  await t.close();
});

type Stuck = { shipments: { orderId: string; state: string; lastErrcode: number | null; lastErrmsg: string | null }[] };
const stuck = async () => (await t.admin<Stuck>('GET', '/v1/admin/shipments/stuck')).body.shipments;
const openExceptions = async () =>
  (
    await t.admin<{ orderId: string; kind: string; resolvedAt: number | null }[]>('GET', '/v1/admin/exceptions')
  ).body.filter((e) => e.resolvedAt === null);

/** Two orders packed at station A whose delivery/send fails for good (109000: not ours to ship). */
async function twoFailed() {
  channelsOrders(t, 2, 9, 600);
  const token = await t.addStation('A');
  const orders = await pulledOrders(t, token, (o) => o.length === 2, 15_000, 'two orders at the station');
  t.fake.inject({ path: '/channels/ec/order/delivery/send', kind: 'errcode', errcode: 109000, times: 2 });
  const events = orders.flatMap((o, i) => packEvents('A', o, `73000001000${i}`));
  await t.call(token, 'POST', '/v1/sync/events', { events });
  await until(stuck, (s) => s.length === 2, 15_000, 'two stuck shipments');
  return orders;
}

describe('stuck shipments', () => {
  it('lists a failed report-back with its errcode, as an open exception too', async () => {
    const [a] = await twoFailed();
    const list = await stuck();
    expect(list.find((s) => s.orderId === a!.id)).toMatchObject({ state: 'failed', lastErrcode: 109000 });
    expect((await openExceptions()).filter((e) => e.kind === 'shipment_failed')).toHaveLength(2);
  });

  it('retries one order once the cause is fixed, and resolves the other as shipped by hand', async () => {
    const [a, b] = await twoFailed();
    const retried = await t.admin<{ ok: boolean; parcels: number }>('POST', `/v1/admin/shipments/${a!.id}/retry`, {});
    expect(retried.body).toEqual({ ok: true, parcels: 1 });
    await until(
      () => t.fake.channelsShipments(a!.id).length,
      (n) => n === 1,
      15_000,
      'the retried shipment',
    );
    const resolved = await t.admin('POST', `/v1/admin/shipments/${b!.id}/resolve`, {
      note: 'shipped in the shop backend',
    });
    expect(resolved.status).toBe(200);
    expect(t.fake.channelsShipments(b!.id)).toHaveLength(0);
    await until(stuck, (s) => s.length === 0, 15_000, 'nothing stuck');
    expect(await openExceptions()).toEqual([]);
    const order = await t.hub.store.tx((tx) => tx.orders.get(b!.id));
    expect(order?.status).toBe('shipped');
  });

  it('answers 404 for an unknown order, 409 when nothing is stuck, 400 without a note', async () => {
    expect((await t.admin('POST', '/v1/admin/shipments/123/retry', {})).status).toBe(404);
    const [a] = await twoFailed();
    expect((await t.admin('POST', `/v1/admin/shipments/${a!.id}/resolve`, {})).status).toBe(400);
    await t.admin('POST', `/v1/admin/shipments/${a!.id}/resolve`, { note: 'done by hand' });
    expect((await t.admin('POST', `/v1/admin/shipments/${a!.id}/retry`, {})).status).toBe(409);
  });
});
