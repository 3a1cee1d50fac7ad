// A pack's parts out of order, and an event id reused by another station (hardening §4). Real hub
// process with the WeChat sandbox; this test plays the stations over HTTP with their tokens:
// pack.completed and label.printed arrive before parcel.packed, and the shipment is still reported
// to WeChat exactly once, re-sends and all; a part that never comes becomes a parts_missing exception
// (no silent wait); station B sending an event under station A's id is refused with a reason.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/base/ids.js';
import type { AnyOutboxEvent, OutboxPayloads, OutboxType } from '../../src/contract/events.js';
import type { HubException, HubOrder, PullResponse, PushResponse } from '../../src/contract/sync.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { FakeWechat } from '../../src/demo/wechat-sandbox/index.js';
import { fakeProductsOf, until } from '../helpers/hub.js';
import { createFleet, shopHubConfig, WX_SHOP } from '../helpers/fleet.js';

vi.setConfig({ testTimeout: 180_000 });
const ADMIN = 'chaos-admin-token-0123456789abcdef';
const fleet = createFleet('packdesk-chaos-order-');
let fake: FakeWechat | null = null;

afterAll(async () => {
  await fleet.cleanup();
  await fake?.close();
});

async function call<T>(url: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** The events of a one-parcel pack of `order` at `stationId`, by name. */
function packOf(stationId: string, order: HubOrder, waybill: string) {
  const packId = newId(Date.now());
  const parcelId = newId(Date.now());
  const items = order.lines.map((l) => ({ productId: l.productId, sku: l.sku, qty: l.qty }));
  const units = items.reduce((n, i) => n + i.qty, 0);
  const ev = <T extends OutboxType>(type: T, payload: OutboxPayloads[T]) =>
    ({ id: newId(Date.now()), type, at: Date.now(), stationId, packerId: 'P01', payload }) as AnyOutboxEvent;
  return {
    started: ev('pack.started', {
      packId,
      orderId: order.id,
      channel: order.channel,
      units,
      lines: items,
      paidAt: null,
    }),
    parcel: ev('parcel.packed', {
      parcelId,
      packId,
      orderId: order.id,
      parcelNo: 1,
      carrier: 'ZTO',
      waybill: null,
      weightG: 800,
      packaging: 'CARTON',
      valueFen: order.valueFen,
      costFen: null,
      items,
    }),
    label: ev('label.printed', {
      labelId: newId(Date.now()),
      parcelId,
      packId,
      orderId: order.id,
      waybill,
      reprint: false,
    }),
    completed: ev('pack.completed', {
      packId,
      orderId: order.id,
      parcels: 1,
      units,
      startedAt: Date.now() - 60_000,
      durationMs: 60_000,
    }),
  };
}

describe('out-of-order events at the hub', () => {
  it('reports a shipment whose parcel came last exactly once, flags a missing part, refuses a foreign id', async () => {
    fake = new FakeWechat({ apps: [{ appid: WX_SHOP.appid, secret: WX_SHOP.secret, kind: 'channels' }] });
    const apiBase = await fake.listen();
    const catalog = generateCatalog(29);
    fake.generateChannelsOrders({
      count: 3,
      seed: 9,
      products: fakeProductsOf(catalog),
      startTime: Math.floor(Date.now() / 1000) - 3600,
    });
    const hub = await fleet.startHub(
      fleet.writeHubConfig(
        shopHubConfig(
          ADMIN,
          { apiBase, timeoutMs: 1500 },
          {
            stations: { maxWaitS: 2 },
            reportBack: { intervalMs: 200, baseDelayMs: 100, maxDelayMs: 1000, partsTimeoutS: 2 },
          },
        ),
      ),
    );
    const url = hub.url;
    const admin = <T>(method: string, path: string, body?: unknown) => call<T>(url, ADMIN, method, path, body);
    await admin('POST', '/v1/admin/products', catalog.products);
    const tokenA = (await admin<{ token: string }>('POST', '/v1/admin/stations', { id: 'A' })).body.token;
    const tokenB = (await admin<{ token: string }>('POST', '/v1/admin/stations', { id: 'B' })).body.token;
    const orders = await until(
      async () => (await call<PullResponse>(url, tokenA, 'GET', '/v1/sync/pull?cursor=0&wait=0')).body.orders,
      (list) => list.length === 3,
      30_000,
      'three orders pulled from WeChat',
    );
    const [first, second] = orders;
    if (!first || !second) throw new Error('orders');
    const pushA = async (events: AnyOutboxEvent[]) =>
      (await call<PushResponse>(url, tokenA, 'POST', '/v1/sync/events', { events })).body;

    // 1. pack.completed and label.printed before parcel.packed, each in its own push.
    const p = packOf('A', first, '730000012345');
    for (const e of [p.started, p.completed, p.label]) expect((await pushA([e])).accepted).toEqual([e.id]);
    // Nothing to report yet: the hub has the pack's end and its label, not its parcel.
    const before = (await admin<{ shipments: unknown[] }>('GET', `/v1/admin/orders/${first.id}`)).body;
    expect(before.shipments).toEqual([]);
    expect((await pushA([p.parcel])).accepted).toEqual([p.parcel.id]);
    await until(
      async () => fake?.channelsShipments(first.id) ?? [],
      (list) => list.length === 1,
      30_000,
      'the shipment reported to WeChat',
    );
    // The station never heard the answers and sends everything again, in its own order this time.
    expect((await pushA([p.started, p.parcel, p.label, p.completed])).accepted).toHaveLength(4);
    await until(
      async () => (await admin<{ order: { status: string } }>('GET', `/v1/admin/orders/${first.id}`)).body.order,
      (o) => o.status === 'shipped',
      30_000,
      'the order shipped at the hub',
    );
    expect(fake.channelsShipments(first.id).map((s) => s.waybill_id)).toEqual(['730000012345']);
    const sends = fake
      .calls('/channels/ec/order/delivery/send')
      .filter((c) => JSON.stringify(c).includes(first.id) && c.errcode === 0);
    expect(sends).toHaveLength(1);

    // 2. A parcel whose pack.completed never comes: a visible exception, not a silent wait.
    const lost = packOf('A', second, '730000054321');
    await pushA([lost.started, lost.label, lost.parcel]);
    const raised = await until(
      async () => (await admin<(HubException & { resolvedAt: number | null })[]>('GET', '/v1/admin/exceptions')).body,
      (list) => list.some((e) => e.orderId === second.id && e.kind === 'parts_missing'),
      30_000,
      'a parts_missing exception',
    );
    expect(raised.find((e) => e.kind === 'parts_missing')?.detail).toMatch(/pack\.completed not received/);
    // The warning is logged after the exception is committed: wait for the line, do not race it.
    await until(
      () => hub.output(),
      (out) => out.includes('shipment waits for a part that has not arrived'),
      20_000,
      'the parts_missing warning in the hub log',
    );
    expect(fake.channelsShipments(second.id)).toHaveLength(0);

    // 3. Station B reuses an id station A used: refused for that event, with the reason, and warned.
    const b = packOf('B', second, '730000099999');
    const res = (
      await call<PushResponse>(url, tokenB, 'POST', '/v1/sync/events', {
        events: [{ ...b.started, id: lost.started.id }],
      })
    ).body;
    expect(res.accepted).toEqual([]);
    expect(res.rejected).toEqual([
      { id: lost.started.id, reason: expect.stringMatching(/already used by an event from station A/) },
    ]);
    await until(
      async () => hub.output(),
      (out) => out.includes('event refused: its id belongs to another station'),
      10_000,
      'the warning in the hub log',
    );
  });
});
