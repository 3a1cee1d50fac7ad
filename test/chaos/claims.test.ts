// Claims between desks (hardening §4), real processes: a hub and two stations driven through their
// WebSocket API as a scanner would. Desk A opens an order and holds it (CMD-HOLD + reason): its claim
// is released at the hub and desk B packs the order. A supervisor releases desk A's claim on another
// order at the hub, and a third claim lapses (stations.claimTtlS) and is taken by desk B: each time
// desk A is told (a claim_lost notice).
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateCatalog } from '../../src/demo/data/generator.js';
import type { StationSnapshot } from '../../src/contract/station.js';
import { until } from '../helpers/hub.js';
import { adminClient, AUTO_SCALE, createFleet, intakeOrder } from '../helpers/fleet.js';

vi.setConfig({ testTimeout: 300_000 });
const ADMIN = 'chaos-admin-token-0123456789abcdef';
const TTL_S = 3;
const fleet = createFleet('packdesk-chaos-claims-');
afterAll(() => fleet.cleanup());

const catalog = generateCatalog(31);
const plain = catalog.products.filter((p) => p.components.length === 0 && p.barcodes.length > 0);
const admin = adminClient(ADMIN);

interface Claim {
  orderId: string;
  stationId: string;
  expired: boolean;
}

const startStation = (id: string, hubUrl: string, token: string) =>
  fleet.startStation(id, hubUrl, token, { pullWaitS: 2, scale: AUTO_SCALE });

describe('claims between two desks', () => {
  it('a hold frees the order for desk B; a supervisor release and a lapsed claim tell desk A', async () => {
    const hub = await fleet.startHub(
      fleet.writeHubConfig({ hub: { adminToken: ADMIN }, stations: { maxWaitS: 2, claimTtlS: TTL_S } }),
    );
    await admin(hub.url, 'POST', '/v1/admin/products', catalog.products);
    await admin(hub.url, 'POST', '/v1/admin/packers', catalog.packers);
    const product = plain[0];
    if (!product) throw new Error('the catalog has plain products');
    for (const id of ['MP-HOLD-1', 'MP-RELEASE-1', 'MP-LAPSE-1'])
      await admin(hub.url, 'POST', '/v1/orders', intakeOrder(id, product.sku));
    const claims = async () => (await admin<{ claims: Claim[] }>(hub.url, 'GET', '/v1/admin/claims')).claims;
    const tokens = await Promise.all(
      ['A', 'B'].map(
        async (id) => (await admin<{ token: string }>(hub.url, 'POST', '/v1/admin/stations', { id })).token,
      ),
    );
    const a = await startStation('A', hub.url, tokens[0] ?? '');
    const b = await startStation('B', hub.url, tokens[1] ?? '');
    for (const s of [a, b]) await until(async () => s.orderStatus('MP-LAPSE-1'), Boolean, 30_000, 'orders at the desk');
    const online = (s: typeof a) =>
      until(s.snapshot, (x: StationSnapshot) => x.sync.mode === 'online', 30_000, 'the desk online');
    await online(a);
    await online(b);
    expect(await a.scan('BADGE-P01')).toBe('login');
    expect(await b.scan('BADGE-P02')).toBe('login');

    // 1. Desk A opens the order and holds it: the hold releases its claim at the hub.
    expect(await a.scan('MP-HOLD-1')).toBe('order_opened');
    await until(claims, (l) => l.some((c) => c.orderId === 'MP-HOLD-1' && c.stationId === 'A'), 30_000, 'A claims');
    expect(await a.scan('CMD-HOLD')).toBe('command');
    expect(await a.scan('RSN-DAMAGED')).toBe('reason');
    await until(claims, (l) => !l.some((c) => c.orderId === 'MP-HOLD-1'), 30_000, 'the claim released by the hold');
    // Desk B hears of the hold, a supervisor releases the order at desk B, and B packs it.
    await until(
      async () => b.orderStatus('MP-HOLD-1'),
      (s) => s === 'held',
      30_000,
      'the hold at desk B',
    );
    expect(await b.scan('MP-HOLD-1')).toBe('order_intercepted');
    expect(await b.scan('BADGE-S01')).toBe('supervisor');
    await until(claims, (l) => l.some((c) => c.orderId === 'MP-HOLD-1' && c.stationId === 'B'), 30_000, 'B claims');
    expect(await b.scan(product.barcodes[0] ?? '')).toBe('item_ok');
    // Completed (its label waits for a waybill number: this hub hands out none).
    const packed = await until(
      b.snapshot,
      (s: StationSnapshot) => s.lastPack?.order.id === 'MP-HOLD-1' && ['labeling', 'done'].includes(s.lastPack.state),
      30_000,
      'the pack completed at desk B',
    );
    expect(packed.alert).toBeNull(); // never refused as claimed by A
    await until(
      () => admin<{ shipments: { stationId: string }[] }>(hub.url, 'GET', '/v1/admin/orders/MP-HOLD-1'),
      (o) => o.shipments.some((p) => p.stationId === 'B'),
      30_000,
      'desk B’s parcel at the hub',
    );

    // 2. Desk A opens another order; a supervisor releases its claim at the hub: desk A is told.
    expect(await a.scan('MP-RELEASE-1')).toBe('order_opened');
    await until(claims, (l) => l.some((c) => c.orderId === 'MP-RELEASE-1'), 30_000, 'A claims again');
    await admin(hub.url, 'DELETE', '/v1/admin/claims/MP-RELEASE-1');
    const told = await until(a.snapshot, (s: StationSnapshot) => s.notice?.code === 'claim_lost', 30_000, 'A told');
    expect(told.notice).toEqual({ level: 'warn', code: 'claim_lost', params: { orderId: 'MP-RELEASE-1' } });
    expect(told.exceptions.map((e) => e.kind)).toContain('claim_released');
    expect(await a.scan('CMD-CANCEL')).toBe('command');

    // 3. Desk A opens a third order and leaves it; the claim lapses and desk B takes the order over.
    expect(await a.scan('MP-LAPSE-1')).toBe('order_opened');
    await until(
      claims,
      (l) => l.some((c) => c.orderId === 'MP-LAPSE-1' && c.stationId === 'A' && c.expired),
      30_000,
      'the claim lapsed',
    );
    expect(await b.scan('MP-LAPSE-1')).toBe('order_opened');
    await until(claims, (l) => l.some((c) => c.orderId === 'MP-LAPSE-1' && c.stationId === 'B'), 30_000, 'B took it');
    const lapsed = await until(
      a.snapshot,
      (s: StationSnapshot) => s.notice?.code === 'claim_lost' && s.notice.params.orderId === 'MP-LAPSE-1',
      30_000,
      'A told of the lapse',
    );
    expect(lapsed.exceptions.map((e) => e.kind)).toContain('claimed_elsewhere');
    expect((await b.snapshot()).alert).toBeNull();
    expect(hub.output()).toContain('a lapsed claim was taken over');
  });
});
