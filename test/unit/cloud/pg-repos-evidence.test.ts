// The PostgreSQL repositories of video evidence, disputes, handover, tracking and catalog images
// answer exactly as their SQLite twins (same calls on both stores, every answer compared, blobs
// included). Runs only with PACKDESK_TEST_PG_URL.
import { describe, it, vi } from 'vitest';
import type { ShipmentRow } from '../../../src/cloud/store/types.js';
import type { TrackingParcelRow } from '../../../src/cloud/store/tracking-types.js';
import type { VideoUploadRow } from '../../../src/cloud/store/video-types.js';
import type { TrackingEvent } from '../../../src/contract/tracking.js';
import { orderRow, PG_URL, storePairPerTest } from '../../helpers/store-pair.js';
import { shipmentRow } from '../../helpers/shipment-row.js';

vi.setConfig({ testTimeout: 30_000 });

const bytes = (text: string) => Buffer.from(`\u0000\u00ff${text}\u0001`, 'latin1');

const shipment = (parcelId: string, orderId: string, patch: Partial<ShipmentRow>): ShipmentRow =>
  shipmentRow(parcelId, orderId, { weightG: 300, ...patch });

function upload(id: string, patch: Partial<VideoUploadRow> = {}): VideoUploadRow {
  return {
    id,
    stationId: 'A',
    packId: 'k1',
    name: `${id}.mp4`,
    fileId: 1,
    orderId: 'o1',
    kind: 'clip',
    bytes: 5_000_000_000,
    sha256: `sha-${id}`,
    partBytes: 1_048_576,
    path: null,
    createdAt: 10,
    completedAt: null,
    ...patch,
  };
}

function trackedParcel(waybill: string, patch: Partial<TrackingParcelRow> = {}): TrackingParcelRow {
  return {
    waybill,
    carrier: 'SF',
    orderId: `o-${waybill}`,
    provider: 'wechat',
    shopId: 'shop',
    ewaybillOrderId: `E-${waybill}`,
    handedOverAt: 100,
    state: null,
    since: null,
    collectedAt: null,
    outForDeliveryAt: null,
    deliveredAt: null,
    returnStartedAt: null,
    lastScanAt: null,
    exceptionDetail: null,
    subscribedAt: null,
    subscribeError: null,
    subscribeAttempts: 0,
    nextSubscribeAt: 0,
    pulledAt: null,
    createdAt: 100,
    ...patch,
  };
}

function scan(waybill: string, at: number, state: TrackingEvent['state'] = 'in_transit'): TrackingEvent {
  return { waybill, carrier: 'SF', state, at, place: '杭州', detail: `scan at ${at}`, source: 'wechat_push' };
}

describe.runIf(PG_URL)('PostgreSQL evidence, handover and tracking repositories match SQLite', () => {
  const s = storePairPerTest();

  it('video hashes and uploads: resumable parts, codes, completed files by code and pack', async () => {
    await s.same('hashes', async (t) => {
      const h = {
        stationId: 'B',
        fileId: 2,
        packId: 'k1',
        orderId: 'o1',
        waybill: null,
        kind: 'clip' as const,
        name: 'u1.mp4',
        bytes: 3,
        sha256: 'h2',
        prevHash: 'p',
        chainHash: 'c',
        at: 5,
      };
      await t.videoHashes.add(h);
      await t.videoHashes.add({ ...h, stationId: 'A', fileId: 1, sha256: 'h1', waybill: 'W1' });
      await t.videoHashes.add({ ...h, sha256: 'changed' });
      await t.videoHashes.add({ ...h, stationId: 'A', fileId: 3, name: 'still.jpg', kind: 'still', sha256: 'h3' });
      return [await t.videoHashes.forOrder('o1'), await t.videoHashes.forOrder('none')];
    });
    await s.same('create', async (t) => {
      await t.videoUploads.create(upload('u1'), ['o1', 'W1', 'o1']);
      await t.videoUploads.create(upload('u2', { name: 'still.jpg', kind: 'still', fileId: 3 }), ['o1']);
      await t.videoUploads.create(upload('u3', { packId: 'k2', fileId: null, kind: 'manifest' }), ['o1', 'W1']);
      return [
        await t.videoUploads.find('A', 'k1', 'u1.mp4'),
        await t.videoUploads.find('A', 'k1', 'nope'),
        await t.videoUploads.get('u2'),
        await t.videoUploads.get('nope'),
        await t.videoUploads.codes('u1'),
      ];
    });
    await s.same('parts', async (t) => {
      await t.videoUploads.addPart('u1', 1, 10, 's1');
      await t.videoUploads.addPart('u1', 0, 10, 's0');
      await t.videoUploads.addPart('u1', 1, 12, 's1b');
      const first = await t.videoUploads.parts('u1');
      await t.videoUploads.restart('u1', { bytes: 20, sha256: 'new', partBytes: 10, fileId: 4, at: 30 });
      await t.videoUploads.addPart('u1', 0, 10, 'n0');
      return [first, await t.videoUploads.parts('u1'), await t.videoUploads.get('u1')];
    });
    await s.same('complete', async (t) => {
      await t.videoUploads.complete('u1', '/data/u1.mp4', 40);
      await t.videoUploads.complete('u2', '/data/u2.jpg', 41);
      await t.videoUploads.complete('u3', '/data/u3.json', 42);
      return [
        await t.videoUploads.parts('u1'),
        await t.videoUploads.byCode('o1'),
        await t.videoUploads.byCode('W1'),
        await t.videoUploads.byCode('none'),
        await t.videoUploads.byPack('A', 'k1'),
      ];
    });
    await s.same('recorded', async (t) => [
      await t.videoUploads.recordedSha('A', 1),
      await t.videoUploads.recordedSha('A', 99),
      await t.videoUploads.recordedByName('A', 'k1'),
      await t.videoUploads.recordedByName('Z', 'k1'),
    ]);
  });

  it('disputes: cases upserted, proof stills kept until sent', async () => {
    const base = {
      caseId: 'c2',
      shopId: 'shop',
      orderId: 'o1',
      stationId: 'A',
      complaintId: 'cp',
      type: 'refund',
      reason: 'broken',
      wechatStatus: 'open',
      createdAt: 10,
    };
    await s.same('upsert', async (t) => {
      await t.disputes.upsert(base);
      await t.disputes.upsert({ ...base, caseId: 'c1' });
      await t.disputes.upsert({ ...base, caseId: 'c3', createdAt: 5 });
      await t.disputes.upsert({ ...base, wechatStatus: 'merchant_proof', createdAt: 20, orderId: 'ignored' });
      return [await t.disputes.get('c2'), await t.disputes.get('nope'), await t.disputes.forStation('A', 10)];
    });
    await s.same('proof', async (t) => {
      await t.disputes.setProof('c1', [{ name: 'a.jpg', contentType: 'image/jpeg', bytes: bytes('a') }], 'sup', 30);
      await t.disputes.setProof(
        'c2',
        [
          { name: 'b.jpg', contentType: 'image/jpeg', bytes: bytes('b') },
          { name: 'c.png', contentType: 'image/png', bytes: bytes('c') },
        ],
        'sup',
        30,
      );
      await t.disputes.setProof('c2', [{ name: 'd.jpg', contentType: 'image/jpeg', bytes: bytes('d') }], 'boss', 31);
      return [await t.disputes.stills('c2'), await t.disputes.ready(10), await t.disputes.ready(1)];
    });
    await s.same('finish', async (t) => {
      await t.disputes.finish('c1', { state: 'sent', mediaIds: ['m1', 'm2'] }, 40);
      await t.disputes.finish('c2', { state: 'failed', error: 'errcode 1' }, 41);
      return [
        await t.disputes.get('c1'),
        await t.disputes.get('c2'),
        await t.disputes.stills('c1'),
        await t.disputes.stills('c2'),
        await t.disputes.ready(10),
        await t.disputes.forStation('A', 2),
      ];
    });
  });

  it('handovers: first batch wins, closed batches, parcels due and blocked', async () => {
    await s.same('setup', async (t) => {
      await t.orders.upsert(orderRow('o1', 'shop'));
      await t.orders.upsert(orderRow('o2', 'shop'));
      await t.orders.setStatus('o2', 'cancelled', null, 5);
      await t.shipments.upsert(shipment('p1', 'o1', { waybill: 'W1', packedAt: 100 }));
      await t.shipments.upsert(shipment('p2', 'o2', { waybill: 'W2', packedAt: 100 }));
      await t.shipments.upsert(shipment('p3', 'o3', { waybill: 'W3', packedAt: 90, state: 'conflict' }));
      await t.shipments.upsert(shipment('p4', 'o4', { waybill: 'W4', packedAt: 110, carrier: 'ZTO' }));
      await t.shipments.upsert(shipment('p5', 'o5', { waybill: null, packedAt: 100 }));
      // The same waybill on two parcels, packed at the same ms: the first row wins a tie.
      await t.shipments.upsert(shipment('p7', 'o7', { waybill: 'W7', packedAt: 120, state: 'conflict' }));
      await t.shipments.upsert(shipment('p6', 'o6', { waybill: 'W7', packedAt: 120 }));
    });
    await s.same('add', async (t) => {
      const h = { waybill: 'W1', carrier: 'SF', orderId: 'o1', parcelId: 'p1', stationId: 'A', batchId: 'b1' };
      return [
        await t.handovers.add({ ...h, handedOverAt: 200 }),
        await t.handovers.add({ ...h, batchId: 'b2', handedOverAt: 300 }),
        await t.handovers.add({ ...h, waybill: 'W9', orderId: null, parcelId: null, handedOverAt: 200 }),
        await t.handovers.get('W1'),
        await t.handovers.get('nope'),
        await t.handovers.between(200, 201),
      ];
    });
    await s.same('batches', async (t) => {
      const b = {
        stationId: 'A',
        carrier: 'SF',
        courier: null,
        openedAt: 150,
        count: 1,
        waybills: ['W1'],
        missing: ['W2'],
      };
      await t.handovers.addBatch({ ...b, batchId: 'b2', closedAt: 250 });
      await t.handovers.addBatch({ ...b, batchId: 'b1', closedAt: 250, courier: '张三' });
      await t.handovers.addBatch({ ...b, batchId: 'b3', closedAt: 240 });
      await t.handovers.addBatch({ ...b, batchId: 'b1', closedAt: 999, waybills: [] });
      return [
        await t.handovers.batches(0, 1_000, 10),
        await t.handovers.batches(0, 1_000, 1),
        await t.handovers.batches(0, 245, 10),
      ];
    });
    await s.same('due and blocked', async (t) => [
      await t.handovers.notHandedOver(null, 0, 1_000),
      await t.handovers.notHandedOver('SF', 0, 1_000),
      await t.handovers.notHandedOver('SF', 100, 101),
      await t.handovers.blocked('SF', 0, 1_000),
      await t.handovers.parcelOf('W7'),
      await t.handovers.parcelOf('W3'),
      await t.handovers.parcelOf('nope'),
    ]);
  });

  it('tracking: parcels replaced whole, events kept once, subscriptions, pulls and notifications', async () => {
    await s.same('parcels', async (t) => {
      await t.tracking.putParcel(trackedParcel('W2', { createdAt: 100 }));
      await t.tracking.putParcel(trackedParcel('W1', { createdAt: 100, provider: 'kuaidi100', ewaybillOrderId: null }));
      await t.tracking.putParcel(trackedParcel('W3', { handedOverAt: null, pulledAt: 50 }));
      await t.tracking.putParcel(trackedParcel('W4', { deliveredAt: 500, state: 'delivered', since: 500 }));
      await t.tracking.putParcel(
        trackedParcel('W2', { createdAt: 100, state: 'collected', since: 150, lastScanAt: 150 }),
      );
      return [
        await t.tracking.parcel('W2'),
        await t.tracking.parcel('nope'),
        await t.tracking.undelivered(10),
        await t.tracking.undelivered(1),
        await t.tracking.handedOverBetween(100, 101),
        await t.tracking.dueSubscriptions('kuaidi100', 0, 10),
        await t.tracking.duePulls(60, 10),
        await t.tracking.duePulls(10, 10),
      ];
    });
    await s.same('events', async (t) => [
      await t.tracking.addEvents(
        [
          { key: 'k2', event: scan('W2', 200) },
          { key: 'k1', event: scan('W2', 200, 'collected') },
          { key: 'k0', event: scan('W2', 100) },
          { key: 'k1', event: scan('W2', 300) },
        ],
        1_000,
      ),
      await t.tracking.addEvents([{ key: 'k2', event: scan('W2', 999) }], 2_000),
      await t.tracking.addEvents([], 2_000),
      await t.tracking.events('W2'),
      await t.tracking.events('nope'),
    ]);
    await s.same('notifications', async (t) => {
      const n = { waybill: 'W2', state: 'due' as const, errcode: null, error: null, at: 100, doneAt: null };
      const added = [
        await t.tracking.addNotification({ ...n, orderId: 'o2', kind: 'shipped' }),
        await t.tracking.addNotification({ ...n, orderId: 'o2', kind: 'out_for_delivery' }),
        await t.tracking.addNotification({ ...n, orderId: 'o1', kind: 'shipped' }),
        await t.tracking.addNotification({ ...n, orderId: 'o2', kind: 'shipped', at: 5 }),
        await t.tracking.addNotification({ ...n, orderId: 'o3', kind: 'exception', at: 50 }),
      ];
      const due = await t.tracking.dueNotifications(10);
      await t.tracking.finishNotification('o2', 'shipped', {
        state: 'failed',
        errcode: 43101,
        error: 'refused',
        doneAt: 7,
      });
      return [
        added,
        due,
        await t.tracking.dueNotifications(2),
        await t.tracking.notifications('o2'),
        await t.tracking.notifications('none'),
      ];
    });
  });

  it('catalog images: once per sha256, the latest copy of a URL', async () => {
    await s.same('images', async (t) => {
      const img = { contentType: 'image/png', sourceUrl: 'https://x/a.png' };
      await t.catalogImages.add({ ...img, sha256: 'b', bytes: bytes('b'), at: 10 });
      await t.catalogImages.add({ ...img, sha256: 'a', bytes: bytes('a'), at: 10 });
      await t.catalogImages.add({ ...img, sha256: 'b', bytes: bytes('other'), at: 99, sourceUrl: 'https://y' });
      await t.catalogImages.add({ ...img, sha256: 'c', bytes: Buffer.alloc(0), at: 5, contentType: 'image/jpeg' });
      return [
        await t.catalogImages.get('b'),
        await t.catalogImages.get('c'),
        await t.catalogImages.get('nope'),
        await t.catalogImages.bySource('https://x/a.png'),
        await t.catalogImages.bySource('https://y'),
      ];
    });
  });
});
