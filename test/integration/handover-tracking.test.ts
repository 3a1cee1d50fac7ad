// Issue 14 acceptance: a hub with the WeChat sandbox and the Kuaidi100 simulator, two stations
// packing 100 orders on their own clocks (real sync engines), the parcels handed over in two batches
// with 3 missing and 1 intercepted after packing (the hub says so when it is scanned), tracking
// callbacks out of order and duplicated, 2 parcels stuck. The outbound figures the stats API returns
// must equal the ones worked out below from the timetable, not from the stats module.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/base/ids.js';
import type { AnyOutboxEvent } from '../../src/contract/events.js';
import type { PushResponse } from '../../src/contract/sync.js';
import type { OutboundStats, TrackingAlerts, TrackingTimeline } from '../../src/contract/tracking.js';
import { Kuaidi100Sim, KUAIDI100_STEP, type TraceStep } from '../../src/demo/tracking-sim/kuaidi100-sim.js';
import { startTestHub, until, type TestHub } from '../helpers/hub.js';
import {
  drained,
  expectedFigures,
  orderId,
  packShift,
  seedHub,
  startShiftStation,
  type ShiftStation,
  type StationPlan,
} from '../helpers/shift.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const H = 3_600_000;
/** 2026-11-24 08:00 in Shanghai. */
const T0 = Date.UTC(2026, 10, 24, 0);
const PAID_AT = T0 - 2 * H;
const PROVINCES = ['浙江省', '广东省', '北京市', '四川省'];
const CARRIERS = ['SF', 'ZTO', 'JD', 'YTO', 'YUNDA', 'STO', 'EMS', 'JTSD'];
/** 揽收截止 17:00 for every carrier: batch 2 (17:30) misses it. */
const CUTOFF_H = 17 - 8;

const A1: StationPlan = {
  stationId: 'A1',
  layout: 'u_shaped',
  packer: { id: 'PA', name: '陈一', badge: 'BADGE-PA' },
  orders: 50,
  cycleS: 60,
  itemGapS: 5,
  toScaleS: 5,
  errors: [],
};
const A2: StationPlan = {
  ...A1,
  stationId: 'A2',
  layout: 'straight',
  packer: { id: 'PB', name: '李二', badge: 'BADGE-PB' },
  cycleS: 72,
};

/** Batch 1: A1 at 10:00, every parcel but the intercepted one. Batch 2: A2 at 17:30, 3 left behind. */
const BATCH1_AT = T0 + 2 * H;
const BATCH2_AT = T0 + 9.5 * H;
const SCAN_GAP = 10_000;
const INTERCEPTED = orderId(A1, 49);
const MISSING = [47, 48, 49].map((i) => orderId(A2, i));
const NOW_AFTER = T0 + 72 * H;

interface Parcel {
  orderId: string;
  waybill: string;
  carrier: string;
  province: string;
  labelAt: number;
  handedOverAt: number | null;
  collectedAt: number | null;
  deliveredAt: number | null;
  stuck: boolean;
}

let hubNow = T0 - H;
let hub: TestHub;
let sim: Kuaidi100Sim;
const stations: ShiftStation[] = [];
let tokens: Map<string, string>;
const parcels = new Map<string, Parcel>();
let interceptAnswer: { blocked: string | null } | null = null;

async function seedOrders(plan: StationPlan): Promise<void> {
  for (let i = 0; i < plan.orders; i++) {
    const r = await hub.admin('POST', '/v1/orders', {
      id: orderId(plan, i),
      channel: 'mini_program',
      recipientName: '林晓',
      recipientPhone: '18312342807',
      address: { province: PROVINCES[i % 4], city: '某市', district: '某区', detail: '文三路88号' },
      paidAt: PAID_AT,
      lines: [
        { sku: 'SKU-TEE', qty: 1, priceFen: 5900 },
        { sku: 'SKU-EAR', qty: 1, priceFen: 12900 },
      ],
      payment: { appId: 'wx-mini-1', transactionId: `4200-${orderId(plan, i)}`, payerOpenid: 'o-buyer' },
    });
    expect(r.status).toBe(200);
  }
}

function event(stationId: string, type: string, at: number, payload: unknown): AnyOutboxEvent {
  return { id: newId(at), type, at, stationId, packerId: stationId === 'A1' ? 'PA' : 'PB', payload } as AnyOutboxEvent;
}

/** One batch as the desk's handover mode sends it: a scan per parcel, then the close with the missing list. */
async function handOver(
  stationId: string,
  carrier: string,
  list: Parcel[],
  at: number,
  missing: string[],
): Promise<void> {
  const batchId = newId(at);
  const events = list.map((p, i) => {
    p.handedOverAt = at + i * SCAN_GAP;
    return event(stationId, 'handover.scanned', p.handedOverAt, {
      batchId,
      carrier,
      waybill: p.waybill,
      orderId: p.orderId,
      parcelId: null,
    });
  });
  events.push(
    event(stationId, 'handover.closed', at + list.length * SCAN_GAP, {
      batchId,
      carrier,
      courier: `快递员-${carrier}`,
      openedAt: at,
      count: list.length,
      waybills: list.map((p) => p.waybill),
      missing,
    }),
  );
  const r = await hub.call<PushResponse>(tokens.get(stationId)!, 'POST', '/v1/sync/events', { events });
  expect(r.body.accepted).toHaveLength(events.length);
}

/** The tracking timetable of the k-th parcel handed over; parcels 0 and 1 get stuck. */
function trace(p: Parcel, k: number): TraceStep[] {
  const at0 = p.handedOverAt!;
  if (k === 0) return [];
  const collected = at0 + (1 + (k % 5)) * H;
  const step = (name: string, at: number): TraceStep => ({ ...KUAIDI100_STEP[name]!, at, areaName: p.province });
  p.collectedAt = collected;
  if (k === 1) return [step('collected', collected), step('in_transit', collected + 3 * H)];
  p.deliveredAt = collected + 24 * H + (k % 7) * H;
  return [
    step('collected', collected),
    step('in_transit', collected + 3 * H),
    step('out_for_delivery', collected + 20 * H),
    step('delivered', p.deliveredAt),
  ];
}

beforeAll(async () => {
  sim = new Kuaidi100Sim('k100-key');
  const simUrl = await sim.listen();
  hub = await startTestHub({
    now: () => hubNow,
    config: {
      handover: { cutoffs: Object.fromEntries(CARRIERS.map((c) => [c, '17:00'])) },
      tracking: {
        intervalS: 1,
        providers: {
          kuaidi100: {
            key: 'k100-key',
            salt: 'salt-1',
            url: simUrl,
            callbackUrl: 'http://127.0.0.1:9/v1/tracking/callback/kuaidi100',
          },
        },
      },
    },
  });
  sim.redirectCallbacks(hub.hub.url);
  tokens = await seedHub(
    hub.admin,
    [
      { ...A1, orders: 0 },
      { ...A2, orders: 0 },
    ],
    PAID_AT,
  );
  await seedOrders(A1);
  await seedOrders(A2);
  for (const plan of [A1, A2])
    stations.push(await startShiftStation(plan, hub.hub.url, tokens.get(plan.stationId)!, T0));
  hubNow = T0;
  await Promise.all(stations.map((s) => packShift(s)));
  for (const s of stations) await drained(s);

  // The timetable: each order's label at its pack's end (shift.ts), its waybill and carrier as printed.
  for (const s of stations) {
    const exp = expectedFigures(s.plan, T0);
    const rows = s.t.db.prepare('SELECT order_id, carrier, waybill FROM parcels').all() as {
      order_id: string;
      carrier: string;
      waybill: string;
    }[];
    for (let i = 0; i < s.plan.orders; i++) {
      const row = rows.find((r) => r.order_id === orderId(s.plan, i))!;
      parcels.set(row.order_id, {
        orderId: row.order_id,
        waybill: row.waybill,
        carrier: row.carrier,
        province: PROVINCES[i % 4]!,
        labelAt: exp.completedAt[i]!,
        handedOverAt: null,
        collectedAt: null,
        deliveredAt: null,
        stuck: false,
      });
    }
  }
  await until(
    () => hub.admin<{ items: unknown[] }>('GET', `/v1/admin/handover/batches?from=0&to=${T0 + 24 * H}`),
    (r) => r.status === 200,
    5_000,
    'handover API up',
  );

  // 09:30: the buyer of A1's last order cancels after it was packed. Scanned at handover, the hub says stop.
  hubNow = T0 + 1.5 * H;
  const cancel = await hub.admin('POST', '/v1/orders', {
    id: INTERCEPTED,
    channel: 'mini_program',
    recipientName: '林晓',
    recipientPhone: '18312342807',
    address: { province: PROVINCES[49 % 4], city: '某市', district: '某区', detail: '文三路88号' },
    paidAt: PAID_AT,
    lines: [
      { sku: 'SKU-TEE', qty: 1, priceFen: 5900 },
      { sku: 'SKU-EAR', qty: 1, priceFen: 12900 },
    ],
    payment: { appId: 'wx-mini-1', transactionId: `4200-${INTERCEPTED}`, payerOpenid: 'o-buyer' },
    cancelled: true,
  });
  expect(cancel.status).toBe(200);
  interceptAnswer = (
    await hub.call<{ blocked: string | null }>(
      tokens.get('A1')!,
      'GET',
      `/v1/handover/parcels/${parcels.get(INTERCEPTED)!.waybill}`,
    )
  ).body;

  // Two handover rounds: one batch per carrier the desk's parcels went with.
  const byCarrier = (stationPlan: StationPlan, skip: string[]) => {
    const out = new Map<string, Parcel[]>();
    for (let i = 0; i < stationPlan.orders; i++) {
      const p = parcels.get(orderId(stationPlan, i))!;
      if (skip.includes(p.orderId)) continue;
      out.set(p.carrier, [...(out.get(p.carrier) ?? []), p]);
    }
    return out;
  };
  hubNow = BATCH1_AT;
  for (const [carrier, list] of byCarrier(A1, [INTERCEPTED])) await handOver('A1', carrier, list, BATCH1_AT, []);
  hubNow = BATCH2_AT;
  for (const [carrier, list] of byCarrier(A2, MISSING)) {
    const missing = MISSING.map((id) => parcels.get(id)!)
      .filter((p) => p.carrier === carrier)
      .map((p) => p.waybill);
    await handOver('A2', carrier, list, BATCH2_AT, missing);
  }

  // The hub subscribes every parcel handed over with Kuaidi100.
  await until(
    async () => sim.subscriptions().length,
    (n) => n === 96,
    30_000,
    '96 parcels subscribed',
  );
  const handed = [...parcels.values()]
    .filter((p) => p.handedOverAt !== null)
    .sort((a, b) => a.handedOverAt! - b.handedOverAt! || a.waybill.localeCompare(b.waybill));
  for (const [k, p] of handed.entries()) {
    const steps = trace(p, k);
    if (steps.length === 0) continue;
    // Every fifth parcel: each step alone, the newest first, every callback twice.
    if (k % 5 === 0) for (const s of [...steps].reverse()) await sim.push(p.waybill, [s], 2);
    else await sim.push(p.waybill, steps);
  }
  handed[0]!.stuck = true;
  handed[1]!.stuck = true;
  // The same in-transit scan of one parcel also comes from WeChat's e-waybill trace push (encrypted, like
  // every Channels push): a second source for one step changes no state and no figure.
  const echoed = handed[13]!;
  const pushed = await hub.fake.pushPath(`${hub.hub.url}/v1/wechat/events/shop1`, {
    ewaybillOrderId: '18446744073709551013',
    waybillId: echoed.waybill,
    status: 2,
    desc: '运输中',
    updateTime: Math.floor((echoed.collectedAt! + 3 * H) / 1000),
  });
  expect(pushed).toMatchObject({ status: 200, body: 'success' });
  hubNow = NOW_AFTER;
});

afterAll(async () => {
  for (const s of stations) await s.close();
  await hub?.close();
  await sim?.close();
});

/** Nearest-rank percentile, written out here rather than borrowed from the module under test. */
function pct(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function expected(list: Parcel[]) {
  const span = (f: (p: Parcel) => [number | null, number | null]) =>
    list
      .map(f)
      .filter((x): x is [number, number] => x[0] !== null && x[1] !== null)
      .map(([a, b]) => b - a);
  const labelHandover = span((p) => [p.labelAt, p.handedOverAt]);
  const handoverCollected = span((p) => [p.handedOverAt, p.collectedAt]);
  const paidDelivered = span((p) => [PAID_AT, p.deliveredAt]);
  const stuck = list.filter((p) => p.stuck).length;
  return {
    parcels: list.length,
    labelToHandoverP50Ms: pct(labelHandover, 50),
    labelToHandoverP90Ms: pct(labelHandover, 90),
    handoverToCollectedP50Ms: pct(handoverCollected, 50),
    handoverToCollectedP90Ms: pct(handoverCollected, 90),
    paidToDeliveredP50Ms: pct(paidDelivered, 50),
    paidToDeliveredP90Ms: pct(paidDelivered, 90),
    delivered: list.filter((p) => p.deliveredAt !== null).length,
    stuck,
    stuckRate: list.length ? stuck / list.length : null,
    missedCutoffs: list.filter((p) => p.handedOverAt! > T0 + CUTOFF_H * H).length,
  };
}

const handedOver = () => [...parcels.values()].filter((p) => p.handedOverAt !== null);

describe('handover and tracking, end to end', () => {
  it('hands over 96 parcels in two rounds: 3 missing listed, the intercepted one stopped at the scan', async () => {
    expect(interceptAnswer?.blocked).toBe('order_cancelled');
    expect(handedOver()).toHaveLength(96);
    const missing = await hub.call<{ items: { waybill: string }[] }>(
      tokens.get('A2')!,
      'GET',
      `/v1/handover/missing?carrier=${parcels.get(MISSING[0]!)!.carrier}&day=2026-11-24`,
    );
    expect(missing.status).toBe(200);
    const expectedMissing = MISSING.map((id) => parcels.get(id)!).filter(
      (p) => p.carrier === parcels.get(MISSING[0]!)!.carrier,
    );
    expect(missing.body.items.map((i) => i.waybill)).toEqual(
      expect.arrayContaining(expectedMissing.map((p) => p.waybill)),
    );
  });

  it('keeps each parcel’s state right under out-of-order and duplicated callbacks', async () => {
    const handed = handedOver().sort((a, b) => a.handedOverAt! - b.handedOverAt! || a.waybill.localeCompare(b.waybill));
    for (const k of [0, 1, 5, 10, 12]) {
      const p = handed[k]!;
      const view = await hub.call<TrackingTimeline>(tokens.get('A1')!, 'GET', `/v1/tracking/${p.waybill}`);
      expect(view.status).toBe(200);
      const states = view.body.events.map((e) => e.state);
      if (k === 0) expect([view.body.state, states]).toEqual([null, []]);
      else if (k === 1) expect([view.body.state, states]).toEqual(['in_transit', ['collected', 'in_transit']]);
      else
        expect([view.body.state, states]).toEqual([
          'delivered',
          ['collected', 'in_transit', 'out_for_delivery', 'delivered'],
        ]);
      expect(view.body).toMatchObject({ orderId: p.orderId, handedOverAt: p.handedOverAt, labelAt: p.labelAt });
    }
    const echoed = await hub.admin<TrackingTimeline>('GET', `/v1/admin/tracking/${handed[13]!.waybill}`);
    expect(echoed.body.state).toBe('delivered');
    expect(echoed.body.events.map((e) => `${e.state}/${e.source}`)).toEqual([
      'collected/kuaidi100',
      'in_transit/kuaidi100',
      'in_transit/wechat_push',
      'out_for_delivery/kuaidi100',
      'delivered/kuaidi100',
    ]);
  });

  it('alerts the two stuck parcels', async () => {
    const handed = handedOver().sort((a, b) => a.handedOverAt! - b.handedOverAt! || a.waybill.localeCompare(b.waybill));
    const alerts = await hub.admin<TrackingAlerts>('GET', '/v1/admin/tracking/alerts');
    expect(alerts.body.items.map((a) => [a.kind, a.waybill])).toEqual([
      ['not_collected', handed[0]!.waybill],
      ['no_movement', handed[1]!.waybill],
    ]);
    // The supervisor at a desk reads the same list through the station core (tracking.alerts).
    const atDesk = await stations[1]!.t.station.core.call('tracking.alerts', {});
    expect(atDesk.ok && atDesk.alerts.map((a) => a.waybill)).toEqual([handed[0]!.waybill, handed[1]!.waybill]);
    // A parcel scanned again at a desk (a return) shows its trace from the hub (tracking.timeline).
    const trace = await stations[1]!.t.station.core.call('tracking.timeline', { waybill: handed[0]!.waybill });
    expect(trace.ok && trace.timeline.handedOverAt).toBe(handed[0]!.handedOverAt);
    const unknown = await stations[1]!.t.station.core.call('tracking.timeline', { waybill: 'ZZ0000000000' });
    expect(unknown).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('gives outbound figures equal to the timetable’s, per carrier and day and per carrier and province', async () => {
    const r = await hub.call<OutboundStats>(
      tokens.get('A2')!,
      'GET',
      `/v1/stats/outbound?from=${T0 - H}&to=${T0 + 24 * H}&by=carrier,day;carrier,province`,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const all = handedOver();
    expect(r.body.total).toEqual(expected(all));
    const [byDay, byProvince] = r.body.groupings;
    for (const g of byDay!.groups) {
      expect(g.key.day).toBe('2026-11-24');
      expect(g.figures).toEqual(expected(all.filter((p) => p.carrier === g.key.carrier)));
    }
    expect(byDay!.groups.map((g) => g.key.carrier).sort()).toEqual([...new Set(all.map((p) => p.carrier))].sort());
    for (const g of byProvince!.groups)
      expect(g.figures).toEqual(
        expected(all.filter((p) => p.carrier === g.key.carrier && p.province === g.key.province)),
      );
    expect(byProvince!.groups.reduce((n, g) => n + g.figures.parcels, 0)).toBe(96);
    expect(r.body.total.missedCutoffs).toBe(47);
  });

  it('exports the same figures as CSV', async () => {
    const res = await fetch(
      `${hub.hub.url}/v1/stats/outbound?from=${T0 - H}&to=${T0 + 24 * H}&by=day&format=csv&lang=en`,
      {
        headers: { authorization: `Bearer ${tokens.get('A1')!}` },
      },
    );
    const text = await res.text();
    const [header, row] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header!.startsWith('Handover date,Parcels handed over,Label → handover median (h)')).toBe(true);
    expect(row!.startsWith('2026-11-24,96,')).toBe(true);
  });
});
