// A pack's parts in any order at the hub: pack.completed before its parcels, a waybill before its
// parcel, a part that never comes (a parts_missing exception after partsTimeoutS, settled when it
// does come); and event ids unique per station (another station's id is refused, loudly).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../src/base/ids.js';
import type { AnyOutboxEvent, OutboxPayloads, OutboxType } from '../../../src/contract/events.js';
import type { HubOrder, PullResponse, PushResponse } from '../../../src/contract/sync.js';
import { startTestHub, until, type TestHub } from '../../helpers/hub.js';
import { channelsOrders, pulledOrders } from '../../helpers/hub-orders.js';

vi.setConfig({ testTimeout: 60_000 });
let t: TestHub;
const warnings: Record<string, unknown>[] = [];
afterEach(async () => {
  warnings.length = 0;
  await t.close();
});

async function hubWithOrder(partsTimeoutS = 1800, lines = 1): Promise<{ token: string; order: HubOrder }> {
  t = await startTestHub({
    config: { reportBack: { partsTimeoutS } },
    log: (line) => {
      if (line.level === 40) warnings.push(line);
    },
  });
  channelsOrders(t, 10, 3);
  const token = await t.addStation('A');
  const wide = (o: HubOrder) => o.lines.length >= lines;
  const order = (await pulledOrders(t, token, (orders) => orders.some(wide), 10_000, 'the order at the hub')).find(
    wide,
  );
  if (!order) throw new Error('no order');
  return { token, order };
}

/** One pack's events, by name, as station `stationId` writes them; parcels share out the order's lines. */
function pack(stationId: string, order: HubOrder, parcels: { waybill: string | null }[]) {
  const packId = newId(Date.now());
  const ev = <T extends OutboxType>(type: T, payload: OutboxPayloads[T]) =>
    ({ id: newId(Date.now()), type, at: Date.now(), stationId, packerId: 'P01', payload }) as AnyOutboxEvent;
  const items = order.lines.map((l) => ({ productId: l.productId, sku: l.sku, qty: l.qty }));
  const parcelIds = parcels.map(() => newId(Date.now()));
  return {
    packId,
    parcelIds,
    started: ev('pack.started', {
      packId,
      orderId: order.id,
      channel: order.channel,
      units: 1,
      lines: items,
      paidAt: null,
    }),
    parcel: parcels.map((p, i) =>
      ev('parcel.packed', {
        parcelId: parcelIds[i] ?? '',
        packId,
        orderId: order.id,
        parcelNo: i + 1,
        carrier: 'ZTO',
        waybill: p.waybill,
        weightG: 800,
        packaging: 'CARTON',
        valueFen: order.valueFen,
        costFen: null,
        items: items.filter((_, n) => n % parcels.length === i),
      }),
    ),
    waybill: (i: number, waybill: string) =>
      ev('parcel.waybill', { parcelId: parcelIds[i] ?? '', orderId: order.id, carrier: 'ZTO', waybill }),
    label: (i: number, waybill: string) =>
      ev('label.printed', {
        labelId: newId(Date.now()),
        parcelId: parcelIds[i] ?? '',
        packId,
        orderId: order.id,
        waybill,
        reprint: false,
      }),
    completed: ev('pack.completed', {
      packId,
      orderId: order.id,
      parcels: parcels.length,
      units: 1,
      startedAt: Date.now(),
      durationMs: 1000,
    }),
  };
}

const push = (token: string, events: AnyOutboxEvent[]) =>
  t.call<PushResponse>(token, 'POST', '/v1/sync/events', { events });
const shipments = async () =>
  (await t.admin<{ shipments: Record<string, number> }>('GET', '/v1/health')).body.shipments;
const exceptions = async (orderId: string) =>
  (
    await t.admin<{ kind: string; detail: string; resolvedAt: number | null }[]>('GET', '/v1/admin/exceptions')
  ).body.filter((e) => e.kind === 'parts_missing' && (e as unknown as { orderId: string }).orderId === orderId);

describe('a pack whose parts arrive out of order', () => {
  it('pack.completed and the label before the parcel: reported once, with the label’s waybill', async () => {
    const { token, order } = await hubWithOrder();
    const p = pack('A', order, [{ waybill: null }]);
    // Each event pushed by itself, in the wrong order: nothing can be reported until the parcel is in.
    for (const e of [p.started, p.completed, p.label(0, '730000055555')]) {
      expect((await push(token, [e])).body.accepted).toEqual([e.id]);
    }
    expect(await shipments()).toMatchObject({ pending: 0, sending: 0, done: 0 });
    const last = p.parcel[0];
    if (!last) throw new Error('no parcel');
    expect((await push(token, [last])).body.accepted).toEqual([last.id]);
    await until(shipments, (s) => s.done === 1, 15_000, 'the shipment reported');
    expect(t.fake.channelsShipments(order.id).map((s) => s.waybill_id)).toEqual(['730000055555']);
    expect(t.fake.calls('/channels/ec/order/delivery/send')).toHaveLength(1);
  });

  it('a waybill (parcel.waybill) before its parcel is kept for it', async () => {
    const { token, order } = await hubWithOrder();
    const p = pack('A', order, [{ waybill: null }]);
    await push(token, [p.started, p.waybill(0, '730000066666'), ...p.parcel, p.completed]);
    await until(shipments, (s) => s.done === 1, 15_000, 'the shipment reported');
    expect(t.fake.channelsShipments(order.id).map((s) => s.waybill_id)).toEqual(['730000066666']);
  });

  it('two parcels: nothing goes until both are in, then one report with both', async () => {
    const { token, order } = await hubWithOrder(1800, 2);
    const p = pack('A', order, [{ waybill: '730000077771' }, { waybill: '730000077772' }]);
    const [first, second] = p.parcel;
    if (!first || !second) throw new Error('two parcels');
    await push(token, [p.started, p.completed, first]);
    expect(await shipments()).toMatchObject({ packing: 1, pending: 0, done: 0 });
    await push(token, [second]);
    await until(shipments, (s) => s.done === 2, 15_000, 'both parcels reported');
    expect(t.fake.calls('/channels/ec/order/delivery/send')).toHaveLength(1);
    expect(t.fake.channelsShipments(order.id).map((s) => s.waybill_id)).toEqual(['730000077771', '730000077772']);
  });

  it('a part that never comes becomes a parts_missing exception; when it comes after all, it ships', async () => {
    const { token, order } = await hubWithOrder(1);
    const p = pack('A', order, [{ waybill: '730000088888' }]);
    await push(token, [p.started, ...p.parcel]);
    const [raised] = await until(
      () => exceptions(order.id),
      (l) => l.length === 1,
      15_000,
      'parts_missing',
    );
    expect(raised?.detail).toMatch(/pack\.completed not received/);
    expect(raised?.resolvedAt).toBeNull();
    expect(warnings.some((w) => w.msg === 'shipment waits for a part that has not arrived')).toBe(true);
    // The station hears of it on its next pull.
    const pulled = (await t.call<PullResponse>(token, 'GET', '/v1/sync/pull?cursor=0&wait=0')).body;
    expect(pulled.exceptions.map((e) => e.kind)).toContain('parts_missing');
    expect(t.fake.channelsShipments(order.id)).toHaveLength(0);

    await push(token, [p.completed]);
    await until(shipments, (s) => s.done === 1, 15_000, 'the shipment reported');
    expect((await exceptions(order.id))[0]?.resolvedAt).toEqual(expect.any(Number));
  });
});

describe('event ids', () => {
  it('are unique per station: another station reusing one is refused with a reason and a warning', async () => {
    const { token, order } = await hubWithOrder();
    const tokenB = await t.addStation('B');
    const a = pack('A', order, [{ waybill: '730000099991' }]);
    expect((await push(token, [a.started])).body.accepted).toEqual([a.started.id]);
    // Station B's own event, under the id station A used.
    const b = pack('B', order, [{ waybill: '730000099992' }]);
    const forged = { ...b.started, id: a.started.id };
    const res = (await push(tokenB, [forged, b.completed])).body;
    expect(res.accepted).toEqual([b.completed.id]);
    expect(res.rejected).toEqual([{ id: a.started.id, reason: expect.stringMatching(/already used .* station A/) }]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ msg: 'event refused: its id belongs to another station', owner: 'A', stationId: 'B' }),
    );
    // A re-send from station A is still just a re-send.
    expect((await push(token, [a.started])).body).toMatchObject({ accepted: [a.started.id], rejected: [] });
  });
});
