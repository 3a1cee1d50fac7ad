// Courier handover across two desks and a hub: desk B hands over parcels packed at A and at B; the
// hub's list makes A's parcels known at B; B goes offline mid-batch, closes the batch (missing: the
// parcel A packed and nobody scanned) and, back online, delivers its handover events once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HandoverBatches, HandoverCutoffs, HandoverMissing } from '../../src/contract/handover-wire.js';
import { startTestHub, until, type TestHub } from '../helpers/hub.js';
import {
  drained,
  packShift,
  seedHub,
  startShiftStation,
  type ShiftStation,
  type StationPlan,
} from '../helpers/shift.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** 2026-11-23 08:00 in Shanghai. */
const T0 = Date.UTC(2026, 10, 23, 0);
const plan = (stationId: string, badge: string): StationPlan => ({
  stationId,
  layout: 'u_shaped',
  packer: { id: `P${stationId}`, name: `打包${stationId}`, badge },
  orders: 3,
  cycleS: 60,
  itemGapS: 5,
  toScaleS: 5,
  errors: [],
});
const A = plan('HA', 'BADGE-HA');
const B = plan('HB', 'BADGE-HB');

let hub: TestHub;
let a: ShiftStation;
let b: ShiftStation;
let tokenB: string;

const parcels = (s: ShiftStation) =>
  s.t.db.prepare('SELECT carrier, waybill FROM parcels ORDER BY created_at').all() as {
    carrier: string;
    waybill: string;
  }[];

beforeAll(async () => {
  // The hub's clock: 12:00 in Shanghai; every carrier's collection cut-off is 12:30.
  hub = await startTestHub({
    now: () => T0 + 4 * 3_600_000,
    config: { handover: { cutoffs: { SF: '12:30', ZTO: '12:30', JD: '12:30', YTO: '12:30' }, warnBeforeMin: 60 } },
  });
  const tokens = await seedHub(hub.admin, [A, B], T0 - 3_600_000);
  tokenB = tokens.get('HB')!;
  a = await startShiftStation(A, hub.hub.url, tokens.get('HA')!, T0);
  b = await startShiftStation(B, hub.hub.url, tokenB, T0);
  await Promise.all([packShift(a), packShift(b)]);
  await drained(a);
  await drained(b);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await hub?.close();
});

describe('handover with a hub and two desks', () => {
  it('hands over parcels from both desks, offline-capable, and lists the missing one', async () => {
    const fromA = parcels(a);
    const fromB = parcels(b);
    const carrier = fromA[0]!.carrier;
    expect([...fromA, ...fromB].every((p) => p.carrier === carrier)).toBe(true);
    const snap = () => b.t.station.services.snapshot();

    b.t.scan(B.packer.badge);
    expect(b.t.scan('HND-START').verdict).toBe('command');
    expect(b.t.scan(`HND-CARRIER-${carrier}`).verdict).toBe('command');
    // The hub's list arrives: A's parcels are expected here too.
    await until(
      async () => snap().handover?.open?.expected,
      (n) => n === 6,
      10_000,
      "the hub's list of the carrier's parcels at B",
    );

    // The link drops: the batch goes on from what B knows.
    await b.engine.stop();
    for (const p of [...fromB, fromA[0]!, fromA[1]!]) {
      b.t.clock.advance(3000);
      expect(b.t.scan(p.waybill).verdict, p.waybill).toBe('handover_scanned');
    }
    b.t.clock.advance(3000);
    expect(b.t.scan(fromA[0]!.waybill).verdict).toBe('handover_refused');
    expect(snap().alert?.code).toBe('handover_already_handed_over');
    b.t.scan('CMD-ACK');
    expect(b.t.scan('HND-CLOSE').verdict).toBe('command');
    expect(snap().handover?.lastClosed).toMatchObject({
      count: 5,
      missing: [fromA[2]!.waybill],
      missingFrom: 'hub',
    });
    expect(snap().sync.queueDepth).toBeGreaterThanOrEqual(6);

    // Back online: everything reaches the hub once.
    b.engine.start();
    await drained(b);
    const rows = await hub.hub.store.tx((t) => t.handovers.between(T0, T0 + 86_400_000));
    expect(rows.map((r) => r.waybill).sort()).toEqual([...fromB, fromA[0]!, fromA[1]!].map((p) => p.waybill).sort());
    expect(rows.every((r) => r.stationId === 'HB')).toBe(true);

    const missing = await hub.call<HandoverMissing>(
      tokenB,
      'GET',
      `/v1/handover/missing?carrier=${carrier}&day=2026-11-23`,
    );
    expect(missing.status).toBe(200);
    expect(missing.body.items.map((m) => [m.waybill, m.stationId])).toEqual([[fromA[2]!.waybill, 'HA']]);

    const batches = await hub.admin<HandoverBatches>(
      'GET',
      `/v1/admin/handover/batches?from=${T0}&to=${T0 + 86_400_000}`,
    );
    expect(batches.body.items).toHaveLength(1);
    expect(batches.body.items[0]).toMatchObject({ stationId: 'HB', carrier, count: 5, missing: [fromA[2]!.waybill] });

    // The supervisor's countdown: 30 minutes left, one parcel (A's third) will miss it.
    const cutoffs = await hub.call<HandoverCutoffs>(tokenB, 'GET', '/v1/handover/cutoffs');
    expect(cutoffs.body.items.find((c) => c.carrier === carrier)).toEqual({
      carrier,
      cutoff: '12:30',
      cutoffAt: T0 + 4.5 * 3_600_000,
      msLeft: 1_800_000,
      pending: 1,
      warn: true,
      passed: false,
    });

    const bad = await hub.call(tokenB, 'GET', '/v1/handover/missing?carrier=sf-x&day=2026-11-23');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/carrier: expected a carrier code/);
    expect((await hub.call(null, 'GET', `/v1/handover/missing?carrier=${carrier}`)).status).toBe(401);
  });
});
