// The PostgreSQL operations repositories answer exactly as their SQLite twins: the same calls on a
// fresh SQLite store and a fresh PostgreSQL schema, every answer compared (ties included, where
// SQLite falls back on rowid order). Runs only with PACKDESK_TEST_PG_URL.
import { describe, expect, it, vi } from 'vitest';
import type { ShipmentRow } from '../../../src/cloud/store/types.js';
import { orderRow, PG_URL, storePairPerTest } from '../../helpers/store-pair.js';
import { shipmentRow } from '../../helpers/shipment-row.js';

vi.setConfig({ testTimeout: 30_000 });

/** The tables of postgres/schema/ops.ts. */
const OPS_TABLES = [
  'shipments',
  'exceptions',
  'waybill_numbers',
  'waybill_batches',
  'wechat_tokens',
  'wechat_watermarks',
  'wechat_calls',
  'push_seen',
  'quota_stops',
  'settings',
  'ewaybills',
  'pack_parts',
  'early_waybills',
  'ewaybill_reprints',
  'video_hashes',
  'catalog_images',
  'handovers',
  'handover_batches',
  'tracking_parcels',
  'tracking_events',
  'tracking_notifications',
  'video_uploads',
  'video_upload_parts',
  'video_upload_codes',
  'ewaybill_cancels',
  'sub_print_retries',
  'disputes',
  'dispute_stills',
];

const parcel = (parcelId: string, orderId: string, patch: Partial<ShipmentRow> = {}): ShipmentRow =>
  shipmentRow(parcelId, orderId, { items: [{ productId: 1, sku: 'SKU-1', qty: 2 }], state: 'packing', ...patch });

describe.runIf(PG_URL)('PostgreSQL operations repositories match SQLite', () => {
  const s = storePairPerTest();

  it("has SQLite's tables: same columns, kinds of value, NULLs and keys, plus rowid where order needs it", async () => {
    for (const table of OPS_TABLES) {
      const { sqlite, pg } = await s.columns(table);
      expect(sqlite.length, `${table} on SQLite`).toBeGreaterThan(0);
      // A key column is NOT NULL on PostgreSQL whatever SQLite says (SQLite lets a TEXT key be NULL).
      const shape = (cols: typeof sqlite) =>
        cols.filter((c) => c.name !== 'rowid').map((c) => ({ ...c, notNull: c.pk > 0 || c.notNull }));
      expect(shape(pg), table).toStrictEqual(shape(sqlite));
      for (const extra of pg.filter((c) => c.name === 'rowid'))
        expect(extra, `${table}.rowid`).toStrictEqual({ name: 'rowid', kind: 'integer', notNull: true, pk: 0 });
    }
  });

  it('shipments: upsert, patches, due orders, states and handovers', async () => {
    await s.same('upsert', async (t) => {
      // Inserted out of key order, with ties on packed_at: SQLite breaks them by insertion order.
      await t.shipments.upsert(parcel('p3', 'o2', { packedAt: 2_000, state: 'pending', nextAt: 50 }));
      await t.shipments.upsert(parcel('p1', 'o1', { packedAt: 2_000, state: 'pending', nextAt: 70 }));
      await t.shipments.upsert(parcel('p2', 'o1', { parcelNo: 2, packedAt: 1_000, state: 'sending', nextAt: 40 }));
      await t.shipments.upsert(parcel('p0', 'o3', { packedAt: 2_000, state: 'failed', waybill: 'W0' }));
      await t.shipments.upsert(parcel('p4', 'o4', { packedAt: 500, state: 'pending', nextAt: 10_000 }));
    });
    await s.same('get', (t) => t.shipments.get('p1'));
    await s.same('get unknown', (t) => t.shipments.get('nope'));
    await s.same('forOrder', (t) => t.shipments.forOrder('o1'));
    await s.same('inStates', (t) => t.shipments.inStates(['pending', 'failed', 'sending'], 10));
    await s.same('inStates limited', (t) => t.shipments.inStates(['pending', 'failed'], 2));
    await s.same('inStates none', (t) => t.shipments.inStates([], 10));
    await s.same('dueOrders', (t) => t.shipments.dueOrders(100, 10));
    await s.same('dueOrders limited', (t) => t.shipments.dueOrders(100, 1));
    await s.same('update', async (t) => {
      await t.shipments.update('p1', {
        state: 'done',
        doneAt: 3_000,
        uncertain: true,
        items: [{ productId: 2, sku: 'SKU-2', qty: 1 }],
        lastErrcode: 0,
        lastRid: 'rid-1',
      });
      await t.shipments.update('p2', {});
      await t.shipments.update('p3', { state: 'done', doneAt: 3_000 });
      await t.shipments.update('p2', { state: 'done', doneAt: 2_500, uncertain: false });
      return [await t.shipments.get('p1'), await t.shipments.get('p2')];
    });
    await s.same('upsert over', async (t) => {
      await t.shipments.upsert(parcel('p0', 'o3', { packedAt: 2_000, state: 'conflict', waybill: 'W9', weightG: 7 }));
      return t.shipments.get('p0');
    });
    await s.same('counts', (t) => t.shipments.counts());
    await s.same('handovers', (t) => t.shipments.handovers(2_500, 3_001));
    await s.same('handovers none', (t) => t.shipments.handovers(0, 2_500));
    await s.same('handoversSince', (t) => t.shipments.handoversSince(0));
  });

  it('exceptions: once while open, per station, resolved by kind, listed in order', async () => {
    const ex = (id: string, orderId: string, stationId: string | null, at: number) => ({
      id,
      orderId,
      stationId,
      kind: 'packed_twice' as const,
      detail: `detail ${id}`,
      at,
    });
    await s.same('add', async (t) => [
      await t.exceptions.add(ex('e2', 'o1', 'A', 100)),
      await t.exceptions.add(ex('e1', 'o1', 'A', 100)),
      await t.exceptions.add(ex('e3', 'o1', null, 100)),
      await t.exceptions.add(ex('e4', 'o1', null, 90)),
      await t.exceptions.add(ex('e5', 'o2', 'B', 100)),
      await t.exceptions.add({ ...ex('e6', 'o1', 'A', 80), kind: 'shipment_failed' }),
      await t.feed.head(),
      await t.feed.since(0, 'A', 10),
    ]);
    await s.same('get', async (t) => [await t.exceptions.get('e2'), await t.exceptions.get('nope')]);
    await s.same('list all', (t) => t.exceptions.list({}));
    await s.same('list order', (t) => t.exceptions.list({ orderId: 'o1' }));
    await s.same('resolve', async (t) => [
      await t.exceptions.resolve('o1', ['packed_twice'], 500),
      await t.exceptions.resolve('o1', ['packed_twice'], 600),
      await t.exceptions.resolve('o2', [], 600),
    ]);
    await s.same('list open', (t) => t.exceptions.list({ orderId: 'o1', open: true }));
    await s.same('list resolved too', (t) => t.exceptions.list({ open: false }));
    await s.same('add after resolve', (t) => t.exceptions.add(ex('e7', 'o1', 'A', 700)));
  });

  it('waybills: numbers added once, allocated oldest first, used and counted', async () => {
    await s.same('addNumbers', async (t) => [
      await t.waybills.addNumbers('SF', ['SF3', 'SF1', 'SF2', 'SF1'], 100),
      await t.waybills.addNumbers('SF', ['SF0', 'SF2'], 50),
      await t.waybills.addNumbers('ZTO', ['Z1'], 100),
      await t.waybills.addNumbers('ZTO', [], 100),
    ]);
    await s.same('free', async (t) => [await t.waybills.free('SF'), await t.waybills.free('none')]);
    await s.same('allocate', async (t) => [
      await t.waybills.allocate('A', 'SF', 3, 'b1', 200),
      await t.waybills.allocate('A', 'ZTO', 5, 'b2', 200),
      await t.waybills.allocate('B', 'ZTO', 5, 'b3', 200),
      await t.feed.since(0, 'A', 10),
    ]);
    await s.same('batch', async (t) => [
      await t.waybills.batch('b1'),
      await t.waybills.batch('b3'),
      await t.waybills.batch('nope'),
    ]);
    await s.same('markUsed', async (t) => {
      await t.waybills.markUsed('SF', 'SF1', 'B');
      await t.waybills.markUsed('SF', 'SF3', 'B');
      await t.waybills.markUsed('SF', 'unknown', 'B');
      return [await t.waybills.heldBy('A'), await t.waybills.heldBy('B'), await t.waybills.free('SF')];
    });
  });

  it('wechat and settings: tokens, watermarks, call log, push keys, quota stops', async () => {
    await s.same('empty', async (t) => [
      await t.wechat.loadToken('app'),
      await t.wechat.watermark('shop'),
      await t.wechat.quotaStop('/p'),
      await t.settings.get('k'),
    ]);
    await s.same('writes', async (t) => {
      await t.wechat.saveToken('app', 't1', 1_000);
      await t.wechat.saveToken('app', 't2', 2_000);
      await t.wechat.setWatermark('shop', 10);
      await t.wechat.setWatermark('shop', 20);
      await t.wechat.setQuotaStop('/p', 5);
      await t.wechat.setQuotaStop('/p', 6);
      await t.settings.set('k', { a: [1, 'two'], b: null });
      await t.settings.set('n', 3);
      await t.settings.set('n', 4);
      const call = { request: '{}', httpStatus: 200, errmsg: null, rid: null, ms: 12, error: null };
      await t.wechat.logCall({ ...call, at: 100, appid: 'b', path: '/x', errcode: 0 });
      await t.wechat.logCall({ ...call, at: 110, appid: 'a', path: '/y', errcode: 45009 });
      await t.wechat.logCall({ ...call, at: 120, appid: 'a', path: '/y', errcode: null, httpStatus: null });
      await t.wechat.logCall({ ...call, at: 50, appid: 'a', path: '/old', errcode: 1 });
      return [
        await t.wechat.loadToken('app'),
        await t.wechat.watermark('shop'),
        await t.wechat.quotaStop('/p'),
        await t.settings.get('k'),
        await t.settings.get('n'),
        await t.wechat.callCounts(100),
        await t.wechat.callCounts(0),
      ];
    });
    await s.same('firstSeen', async (t) => [
      await t.wechat.firstSeen('k1', 1),
      await t.wechat.firstSeen('k1', 2),
      await t.wechat.firstSeen('k2', 2),
    ]);
  });

  it('ewaybills: kept per order; orders needing one come oldest first', async () => {
    await s.same('orders', async (t) => {
      for (const id of ['o9', 'o1', 'o5', 'o3', 'o7']) await t.orders.upsert(orderRow(id, 'shop'));
      await t.orders.upsert(orderRow('x1', 'other'));
      await t.orders.upsert(orderRow('o8', 'shop', 'held'));
      await t.orders.markPacked('o7', 'A', 100);
    });
    await s.same('upsert', async (t) => {
      const e = {
        orderId: 'o1',
        shopId: 'shop',
        ewaybillOrderId: null,
        carrier: 'SF',
        waybill: null,
        state: 'precreated' as const,
        attempts: 0,
        error: null,
        updatedAt: 10,
      };
      await t.ewaybills.upsert(e);
      await t.ewaybills.upsert({ ...e, orderId: 'o5', state: 'created', ewaybillOrderId: 'E5', waybill: 'W5' });
      await t.ewaybills.upsert({ ...e, orderId: 'o3', state: 'failed', attempts: 3, error: 'no' });
      await t.ewaybills.upsert({ ...e, attempts: 1, ewaybillOrderId: 'E1', updatedAt: 20 });
      return [await t.ewaybills.get('o1'), await t.ewaybills.get('o5'), await t.ewaybills.get('nope')];
    });
    await s.same('needing', async (t) => [
      await t.ewaybills.needing('shop', 3, 10),
      await t.ewaybills.needing('shop', 4, 10),
      await t.ewaybills.needing('shop', 4, 2),
      await t.ewaybills.needing('none', 4, 2),
    ]);
  });

  it('ewaybill cancels and sub-print retries: filed once final, due in order', async () => {
    await s.same('setup', async (t) => {
      for (const id of ['o4', 'o2', 'o3', 'o1', 'o5']) await t.orders.upsert(orderRow(id, 'shop'));
      for (const [i, id] of ['o4', 'o2', 'o3', 'o1', 'o5'].entries())
        await t.ewaybills.upsert({
          orderId: id,
          shopId: 'shop',
          ewaybillOrderId: `E-${id}`,
          carrier: 'SF',
          waybill: `W-${id}`,
          state: 'printed',
          attempts: 1,
          error: null,
          updatedAt: i,
        });
      await t.orders.setStatus('o4', 'cancelled', null, 10);
      await t.orders.setStatus('o2', 'shipped', null, 10);
      await t.orders.setStatus('o3', 'shipped', null, 10);
      await t.orders.setStatus('o1', 'cancelled', null, 10);
      // o2 shipped in its own parcel (kept); o3 in another order's parcel (not used); o1 cancelled after packing.
      await t.shipments.upsert(parcel('p2', 'o2', { waybill: 'W-o2' }));
      await t.shipments.upsert(parcel('p3', 'o3', { waybill: 'W-other' }));
      await t.shipments.upsert(parcel('p1', 'o1', { waybill: 'W-o1' }));
    });
    await s.same('fileFinished', async (t) => [
      await t.ewaybillCancels.fileFinished('shop', 100, 2),
      await t.ewaybillCancels.fileFinished('shop', 200, 10),
      await t.ewaybillCancels.fileFinished('shop', 300, 10),
    ]);
    await s.same('due', async (t) => [
      await t.ewaybillCancels.due('shop', 1_000, 10),
      await t.ewaybillCancels.due('shop', 150, 10),
      await t.ewaybillCancels.due('shop', 1_000, 1),
    ]);
    await s.same('forOrder', async (t) => {
      await t.ewaybillCancels.update('o4', { state: 'failed', attempts: 2, nextAt: 500, error: 'boom' });
      const out = [];
      for (const id of ['o4', 'o2', 'o3', 'o1', 'o5']) out.push(await t.ewaybillCancels.forOrder(id));
      return out;
    });
    await s.same('sub print retries', async (t) => {
      await t.subPrintRetries.add({ orderId: 'o2', waybill: 'S2', shopId: 'shop', nextAt: 10, error: 'e' });
      await t.subPrintRetries.add({ orderId: 'o1', waybill: 'S1', shopId: 'shop', nextAt: 10, error: null });
      await t.subPrintRetries.add({ orderId: 'o2', waybill: 'S2', shopId: 'shop', nextAt: 99, error: 'again' });
      await t.subPrintRetries.add({ orderId: 'o3', waybill: 'S3', shopId: 'other', nextAt: 0, error: null });
      const before = await t.subPrintRetries.due('shop', 10, 10);
      await t.subPrintRetries.update('o1', 'S1', { state: 'done', attempts: 1, nextAt: 10, error: null });
      return [before, await t.subPrintRetries.due('shop', 10, 10), await t.subPrintRetries.due('shop', 9, 10)];
    });
  });

  it('ewaybill reprints: once per label, due once the first print is known', async () => {
    await s.same('setup', async (t) => {
      await t.ewaybills.upsert({
        orderId: 'o1',
        shopId: 'shop',
        ewaybillOrderId: 'E1',
        carrier: 'SF',
        waybill: 'W1',
        state: 'created',
        attempts: 0,
        error: null,
        updatedAt: 0,
      });
      await t.ewaybillReprints.add({ labelId: 'l2', orderId: 'o1', waybill: 'W1', stationId: 'A', at: 5 });
      await t.ewaybillReprints.add({ labelId: 'l1', orderId: 'o1', waybill: 'W1', stationId: 'A', at: 5 });
      await t.ewaybillReprints.add({ labelId: 'l1', orderId: 'o1', waybill: 'W1', stationId: 'B', at: 9 });
      await t.ewaybillReprints.add({ labelId: 'l3', orderId: 'o1', waybill: 'OLD', stationId: 'A', at: 1 });
      return t.ewaybillReprints.due('shop', 100, 10);
    });
    await s.same('due when printed', async (t) => {
      const e = await t.ewaybills.get('o1');
      if (e) await t.ewaybills.upsert({ ...e, state: 'printed' });
      return [await t.ewaybillReprints.due('shop', 100, 10), await t.ewaybillReprints.due('shop', 100, 1)];
    });
    await s.same('update', async (t) => {
      await t.ewaybillReprints.update('l1', { state: 'pending', attempts: 1, nextAt: 200, error: 'later' });
      await t.ewaybillReprints.update('l2', { state: 'done', attempts: 1, nextAt: 0, error: null });
      return [
        await t.ewaybillReprints.due('shop', 100, 10),
        await t.ewaybillReprints.due('shop', 200, 10),
        await t.ewaybillReprints.forOrder('o1'),
        await t.ewaybillReprints.forOrder('none'),
      ];
    });
  });

  it('packs: parts watched from the first, overdue ones flagged, early waybills taken once', async () => {
    await s.same('seen', async (t) => {
      await t.packs.seen('k2', 'o2', 'A', 100);
      await t.packs.seen('k1', 'o1', 'A', 100);
      await t.packs.seen('k3', 'o3', 'B', 50);
      await t.packs.seen('k1', 'o9', 'Z', 1);
      await t.packs.seen('k4', 'o4', 'B', 300);
      return [await t.packs.get('k1'), await t.packs.get('nope'), await t.packs.waiting(200, 10)];
    });
    await s.same('progress', async (t) => {
      await t.packs.completed('k1', 2);
      await t.packs.done('k2', 150);
      await t.packs.done('k2', 170);
      await t.packs.flagOverdue('k3', 160);
      return [await t.packs.get('k1'), await t.packs.get('k2'), await t.packs.get('k3'), await t.packs.waiting(400, 1)];
    });
    await s.same('early waybills', async (t) => {
      await t.packs.keepWaybill('p1', 'W1', 10);
      await t.packs.keepWaybill('p1', 'W2', 20);
      return [await t.packs.takeWaybill('p1'), await t.packs.takeWaybill('p1'), await t.packs.takeWaybill('p2')];
    });
  });
});
