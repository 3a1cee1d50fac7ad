// The PostgreSQL core repositories (stations, catalog, packers, orders, feed, events, claims) answer
// exactly as their SQLite twins: the same calls on a fresh SQLite store and a fresh PostgreSQL
// schema, every answer compared, ties and text order included. Runs only with PACKDESK_TEST_PG_URL.
import { describe, it, vi } from 'vitest';
import type { Product } from '../../../src/contract/entities.js';
import type { StoredEvent } from '../../../src/cloud/store/types.js';
import { orderRow, PG_URL, storePairPerTest } from '../../helpers/store-pair.js';

vi.setConfig({ testTimeout: 30_000 });

const product = (id: number, sku: string, title = `item ${id}`): Product => ({
  id,
  sku,
  title,
  category: 'general',
  unitWeightG: 100,
  priceFen: 990,
  barcodes: [`690${id}`],
  components: [],
});

const event = (
  id: string,
  type: string,
  at: number,
  payload: Record<string, unknown>,
  stationId = 'A',
): StoredEvent => ({
  id,
  stationId,
  type,
  at,
  packerId: 'P1',
  payload,
});

const station = (id: string, createdAt: number) => ({
  id,
  name: `desk ${id}`,
  layout: 'u_shaped' as const,
  tokenHash: `hash-${id}`,
  createdAt,
  revokedAt: null,
  lastSeenAt: null,
});

describe.runIf(PG_URL)('PostgreSQL core repositories match SQLite', () => {
  const s = storePairPerTest();

  it('stations: tokens, revocation, reports and layout periods', async () => {
    await s.same('add', async (t) => {
      // Upper case sorts before lower case in byte order (SQLite's), not in most locales.
      await t.stations.add(station('b-desk', 2_000));
      await t.stations.add(station('A-desk', 1_000));
      await t.stations.add(station('a-desk', 1_000));
    });
    await s.same('list', (t) => t.stations.list());
    await s.same('get', (t) => t.stations.get('a-desk'));
    await s.same('get unknown', (t) => t.stations.get('nope'));
    await s.same('byTokenHash', (t) => t.stations.byTokenHash('hash-b-desk'));
    await s.same('touch', async (t) => {
      await t.stations.touch('a-desk', 5_000);
      return t.stations.get('a-desk');
    });
    await s.same('revoke', async (t) => [
      await t.stations.revoke('a-desk', 6_000),
      await t.stations.revoke('a-desk', 7_000),
      await t.stations.revoke('nope', 7_000),
      await t.stations.get('a-desk'),
    ]);
    await s.same('setToken lifts the revocation', async (t) => {
      await t.stations.setToken('a-desk', 'hash-new');
      return [await t.stations.get('a-desk'), await t.stations.byTokenHash('hash-a-desk')];
    });
    await s.same('report', async (t) => {
      const none = await t.stations.report('a-desk');
      await t.stations.setReport('a-desk', {
        layout: 'u_shaped',
        layoutSince: 1_000,
        queueDepth: 3,
        pendingLabels: 1,
        faults: [{ role: 'scale', state: 'offline', detail: null }],
      });
      return [none, await t.stations.report('a-desk'), await t.stations.report('nope')];
    });
    await s.same('layout periods, ties at the same time', async (t) => {
      await t.stations.setLayout('a-desk', 'straight', 3_000);
      await t.stations.setLayout('A-desk', 'straight', 3_000);
      await t.stations.setLayout('a-desk', 'u_shaped', 3_000);
      await t.stations.correctLayout('a-desk', 'straight');
      return [
        await t.stations.layoutPeriods(),
        await t.stations.layoutHistory('a-desk'),
        await t.stations.get('a-desk'),
      ];
    });
  });

  it('products and packers: changes reach the feed, unchanged rows only when resent', async () => {
    await s.same('upsert', (t) => t.products.upsert([product(2, 'SKU-B'), product(1, 'SKU-A')], { at: 1_000 }));
    await s.same('upsert unchanged and changed', (t) =>
      t.products.upsert([product(1, 'SKU-A'), product(2, 'SKU-B', 'renamed')], { at: 2_000 }),
    );
    await s.same('resend', (t) => t.products.upsert([product(1, 'SKU-A')], { at: 3_000, resend: true }));
    await s.same('get, bySku, all, nextId', async (t) => [
      await t.products.get(2),
      await t.products.get(9),
      await t.products.bySku('SKU-A'),
      await t.products.bySku('nope'),
      [...(await t.products.bySkus(['SKU-B', 'nope', 'SKU-A', 'SKU-B'])).entries()].sort(),
      await t.products.all(),
      await t.products.nextId(),
    ]);
    await s.same('remove', async (t) => [await t.products.remove(2), await t.products.remove(2)]);
    await s.same('packers', async (t) => {
      await t.packers.upsert([
        { id: 'p2', name: 'Wang', badge: 'B2', role: 'packer' },
        { id: 'P1', name: 'Li', badge: 'B1', role: 'supervisor' },
      ]);
      await t.packers.upsert([{ id: 'p2', name: 'Wang', badge: 'B2', role: 'packer' }]);
      return t.packers.all();
    });
    await s.same('feed', async (t) => [
      await t.feed.since(0, 'A', 100),
      await t.feed.since(2, 'A', 2),
      await t.feed.head(),
    ]);
  });

  it('orders: versions, rewrites, stock hints and wires; the feed per station', async () => {
    await s.same('upsert', async (t) => [
      await t.orders.upsert(orderRow('o1', 'shop1')),
      await t.orders.upsert(orderRow('o2', null)),
      await t.orders.upsert(orderRow('o1', 'shop1')),
      await t.orders.upsert({ ...orderRow('o1', 'shop1'), contentHash: 'changed', remark: 'ring first' }),
    ]);
    await s.same('rewrites', async (t) => {
      await t.orders.setStatus('o1', 'held', 'address check', 2_000);
      await t.orders.setStatus('nope', 'held', null, 2_000);
      await t.orders.markPacked('o1', 'A', 3_000);
      await t.orders.markPacked('o1', 'B', 4_000);
      await t.orders.setPreassigned('o2', { carrier: 'SF', waybill: null } as never);
      await t.orders.setSubWaybills('o2', [{ parcelNo: 2, waybill: 'SF2' }] as never);
      return [await t.orders.get('o1'), await t.orders.get('o2'), await t.orders.get('nope'), await t.orders.count()];
    });
    await s.same('stock hints', async (t) => {
      await t.orders.upsert({
        ...orderRow('o3', 'shop1'),
        lines: [
          { lineNo: 1, productId: 1, sku: 'SKU-A', title: 'a', qty: 1, priceFen: 100 },
          { lineNo: 2, productId: 2, sku: 'SKU-B', title: 'b', qty: 2, priceFen: 100, stockHint: 'short' },
        ],
      });
      await t.orders.setStockHints('o3', new Map([[1, 'last_unit']]));
      return t.orders.get('o3');
    });
    await s.same('insertNew: new ids at version 1 with their feed rows, stored ones left alone', async (t) => [
      await t.orders.insertNew([
        orderRow('o5', 'shop1'),
        { ...orderRow('o1', 'shop1'), remark: 'ignored' },
        orderRow('o4', null),
      ]),
      await t.orders.insertNew([]),
      [...(await t.orders.known(['o4', 'nope', 'o1', 'o5']))].sort(),
      await t.orders.get('o1'),
      await t.orders.get('o4'),
      await t.feed.since(0, 'A', 100),
    ]);
    await s.same('wires', async (t) => [...(await t.orders.wires(['o3', 'o1', 'nope'])).entries()].sort());
    await s.same('station feed', async (t) => {
      await t.feed.append('waybills', 'batch-1', 'A');
      await t.feed.append('routing', 'all', null);
      await t.feed.appendMany('order', ['o4', 'o1'], null);
      await t.feed.appendMany('waybills', ['batch-2'], 'B');
      await t.feed.appendMany('order', [], null);
      return [await t.feed.since(0, 'A', 100), await t.feed.since(0, 'B', 100), await t.feed.head()];
    });
  });

  it('events: re-sends ignored, ranges, tail, payloads and the last login', async () => {
    await s.same('insertIfNew', async (t) => [
      await t.events.insertIfNew(event('e3', 'pack.started', 2_000, { packId: 'k1', paidAt: 1_700_000_000_123 }), 9),
      await t.events.insertIfNew(event('e1', 'packer.login', 1_000, {}), 9),
      await t.events.insertIfNew(event('e2', 'scan.recorded', 2_000, { verdict: 'ok', qty: 2.5 }), 9),
      await t.events.insertIfNew(event('e4', 'packer.logout', 1_000, {}), 9),
      await t.events.insertIfNew(event('e5', 'label.printed', 3_000, { packId: 'k1', reprint: true }, 'B'), 9),
      await t.events.insertIfNew(event('e1', 'packer.login', 1_000, {}), 10),
    ]);
    await s.same('stationOf and count', async (t) => [
      await t.events.stationOf('e5'),
      await t.events.stationOf('nope'),
      await t.events.count(),
    ]);
    await s.same('range', (t) => t.events.range(1_000, 3_000));
    await s.same('tail', async (t) => [
      await t.events.tail(0, 0, 2),
      await t.events.tail(2, 2_000, 10),
      await t.events.tail(5, 0, 10),
    ]);
    await s.same('withPayload', async (t) => [
      await t.events.withPayload(['scan.recorded', 'pack.started'], 0, 10_000),
      await t.events.withPayload([], 0, 10_000),
    ]);
    await s.same('lastLogin', async (t) => [await t.events.lastLogin('A'), await t.events.lastLogin('B')]);
  });

  it('claims: set, touch by the same pack only, release, remove, oldest first', async () => {
    await s.same('set', async (t) => {
      await t.claims.set('o2', 'A', 'k2', 2_000);
      await t.claims.set('o1', 'B', 'k1', 1_000);
      await t.claims.set('o3', 'A', 'k3', 2_000);
      await t.claims.set('o2', 'B', 'k9', 1_500);
    });
    await s.same('touch', async (t) => {
      await t.claims.touch('o1', 'other-pack', 9_000);
      await t.claims.touch('o3', 'k3', 500);
      return [await t.claims.get('o1'), await t.claims.get('o3'), await t.claims.get('nope')];
    });
    await s.same('list', (t) => t.claims.list(10));
    await s.same('release and remove', async (t) => {
      await t.claims.release('o1', 'other-pack');
      await t.claims.release('o3', 'k3');
      return [await t.claims.remove('o2'), await t.claims.remove('o2'), await t.claims.list(1)];
    });
  });
});
