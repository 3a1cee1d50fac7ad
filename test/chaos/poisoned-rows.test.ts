// One bad row must never stop every desk. Real processes: a hub and two stations. Poison of every
// kind is forced into the hub's database directly — past its now-validating door, as an older hub or
// a bad migration would leave it — then an order being packed at desk A is cancelled. Both desks must
// keep pulling (the good order sent after the poison arrives), quarantine each poisoned row (counted
// for the supervisor, reported to the hub), and the cancelled order is intercepted at the desk.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateCatalog } from '../../src/demo/data/generator.js';
import type { StationSnapshot } from '../../src/contract/station.js';
import { until } from '../helpers/hub.js';
import { adminClient, createFleet, intakeOrder } from '../helpers/fleet.js';
import { openHubTables } from '../helpers/hub-tables.js';

vi.setConfig({ testTimeout: 300_000 });
const ADMIN = 'chaos-admin-token-0123456789abcdef';
const fleet = createFleet('packdesk-chaos-poison-');
afterAll(() => fleet.cleanup());

const catalog = generateCatalog(23);
const plain = catalog.products.filter((p) => p.components.length === 0 && p.barcodes.length > 0);
const admin = adminClient(ADMIN);
const intake = (id: string, sku: string, cancelled = false) => intakeOrder(id, sku, { cancelled });

/** Rows no door lets in any more, written straight into the hub's tables with their feed entries. */
async function poisonHub(hubData: string): Promise<number> {
  const db = await openHubTables(hubData);
  try {
    const [a, b] = plain;
    if (!a || !b) throw new Error('the catalog has plain products');
    const product = (id: number, over: Record<string, unknown>) => ({
      id,
      sku: `POISON-${id}`,
      title: '毒',
      category: 'general',
      unitWeightG: 100,
      priceFen: 100,
      barcodes: [],
      components: [],
      ...over,
    });
    const poison = [
      product(90001, { sku: a.sku.toLowerCase() }), // differs only in letter case
      product(90002, { sku: b.barcodes[0] }), // another product's barcode
      product(90003, { barcodes: [a.barcodes[0]] }), // a barcode on two products
      product(90004, { category: 'weapons' }),
      product(90005, { unitWeightG: -5 }),
    ];
    const insert = (id: number, sku: string, body: string) =>
      db.run('INSERT INTO products (id, sku, body, updated_at) VALUES (?, ?, ?, 0)', [id, sku, body]);
    const feed = (kind: string, ref: string) =>
      db.run('INSERT INTO feed (kind, ref, station_id) VALUES (?, ?, NULL)', [kind, ref]);
    for (const p of poison) {
      await insert(p.id, p.sku, JSON.stringify(p));
      await feed('product', String(p.id));
    }
    // A 20-digit weight, as a CSV once let through: JSON keeps the digits, no desk can.
    const heavy = JSON.stringify(product(90006, {})).replace('"unitWeightG":100', '"unitWeightG":12345678901234567890');
    await insert(90006, 'POISON-90006', heavy);
    await feed('product', '90006');
    // An order whose qty × price is above 2^53, copied from a real one.
    const model = await db.get<{ body: string; wire: string }>("SELECT body, wire FROM orders WHERE id = 'MP-GOOD-1'");
    if (!model) throw new Error('the hub has the order MP-GOOD-1');
    const wire = JSON.parse(model.wire) as { id: string; lines: { qty: number; priceFen: number }[] };
    wire.id = 'MP-POISON-1';
    wire.lines = wire.lines.map((l) => ({ ...l, qty: 2 ** 40, priceFen: 2 ** 20 }));
    await db.run(
      `INSERT INTO orders (id, source, shop_id, status, version, content_hash, body, wire, updated_at)
       VALUES (?, 'intake', NULL, 'open', 1, 'poison', ?, ?, 0)`,
      [wire.id, model.body.replace('MP-GOOD-1', wire.id), JSON.stringify(wire)],
    );
    await feed('order', wire.id);
    return poison.length + 2;
  } finally {
    await db.close();
  }
}

describe('poisoned rows at the hub', () => {
  it('both desks keep pulling, quarantine each bad row, and the cancelled order is intercepted', async () => {
    const hub = await fleet.startHub(fleet.writeHubConfig({ hub: { adminToken: ADMIN }, stations: { maxWaitS: 2 } }));
    await admin(hub.url, 'POST', '/v1/admin/products', catalog.products);
    await admin(hub.url, 'POST', '/v1/admin/packers', catalog.packers);
    const sku = plain[2]?.sku ?? '';
    await admin(hub.url, 'POST', '/v1/orders', intake('MP-GOOD-1', sku));
    await admin(hub.url, 'POST', '/v1/orders', intake('MP-CANCEL-1', sku));
    const tokens = await Promise.all(
      ['A', 'B'].map(
        async (id) => (await admin<{ token: string }>(hub.url, 'POST', '/v1/admin/stations', { id })).token,
      ),
    );
    const a = await fleet.startStation('A', hub.url, tokens[0] ?? '');
    const b = await fleet.startStation('B', hub.url, tokens[1] ?? '');
    for (const s of [a, b]) await until(async () => s.hasOrder('MP-CANCEL-1'), Boolean, 30_000, 'orders at the desk');

    // Desk A starts packing the order that will be cancelled.
    await a.ws.call('scan.submit', { code: 'BADGE-P01', source: 'api' });
    expect((await a.ws.call('scan.submit', { code: 'MP-CANCEL-1', source: 'api' })).verdict).toBe('order_opened');

    const poisoned = await poisonHub(fleet.hubData);
    await admin(hub.url, 'POST', '/v1/orders', intake('MP-CANCEL-1', sku, true));
    await admin(hub.url, 'POST', '/v1/orders', intake('MP-AFTER-1', sku));

    // Both desks got past the poison: the order sent after it arrived, the cancellation applied.
    for (const s of [a, b]) {
      await until(async () => s.hasOrder('MP-AFTER-1'), Boolean, 30_000, 'the order sent after the poison');
      expect(s.hasOrder('MP-CANCEL-1', 'cancelled')).toBe(true);
      const snap = await until(
        () => s.ws.call('station.snapshot', {}),
        (x: StationSnapshot) => x.sync.quarantined === poisoned,
        30_000,
        'each poisoned row quarantined',
      );
      expect(snap.sync.mode).toBe('online');
      expect(snap.exceptions.filter((e) => e.kind === 'sync_quarantined').length).toBeGreaterThan(0);
    }
    // Desk A: the pack of the cancelled order is intercepted, by scan-acknowledged alert.
    const atA = await a.ws.call('station.snapshot', {});
    expect(atA.alert).toMatchObject({ kind: 'intercept', code: 'order_cancelled', orderId: 'MP-CANCEL-1' });
    // Desk B: scanning the cancelled order intercepts it.
    await b.ws.call('scan.submit', { code: 'BADGE-P02', source: 'api' });
    expect((await b.ws.call('scan.submit', { code: 'MP-CANCEL-1', source: 'api' })).verdict).toBe('order_intercepted');

    // The hub heard of every quarantine from both desks (sync exceptions for the admin).
    await until(
      () => admin<{ kind: string; stationId: string }[]>(hub.url, 'GET', '/v1/admin/exceptions'),
      (list) =>
        ['A', 'B'].every(
          (id) => list.filter((e) => e.kind === 'sync_quarantined' && e.stationId === id).length === poisoned,
        ),
      30_000,
      'quarantines reported to the hub',
    );
  });
});
