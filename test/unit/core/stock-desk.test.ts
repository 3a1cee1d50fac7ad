// Stock modes at the desk (issue 13 §3): receiving, count and returns by scanner alone. Each finished
// session is one outbox event in the pinned shape; unknown codes and wrong items raise the packing
// alerts; an open session survives a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';

let t: TestStation;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'packdesk-stock-desk-'));
  t = await makeStation({ file: join(dir, 'station.db') });
  t.scan('BADGE-P01');
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const snap = () => t.station.services.snapshot();
const ofType = (type: string) => t.outbox().filter((e) => e.type === type);
const scanAll = (...codes: string[]) => codes.map((c) => t.scan(c).verdict);

describe('receiving (收货)', () => {
  it('a location, products ×1 and ×qty, finish → one stock.received', () => {
    expect(scanAll('CMD-RECEIVE')).toEqual(['command']);
    expect(snap().stock).toMatchObject({ mode: 'receiving', step: 'target' });
    // A product before the location or PO is refused without an alert.
    expect(scanAll(BARCODE.vase)).toEqual(['command_rejected']);
    expect(snap().notice?.code).toBe('stock_target_first');
    scanAll('LOC-A-01', BARCODE.vase, BARCODE.vase, 'CMD-QTY-12', BARCODE.tshirt, 'CMD-QTY-30', BARCODE.vase);
    expect(snap().stock).toMatchObject({
      step: 'items',
      location: 'A-01',
      units: 44,
      lastSku: 'SKU-VASE',
      lines: [
        { sku: 'SKU-VASE', qty: 32, condition: null },
        { sku: 'SKU-TEE', qty: 12, condition: null },
      ],
    });
    expect(snap().notice).toMatchObject({ code: 'stock_added', params: { sku: 'SKU-VASE', qty: 30, total: 32 } });
    expect(scanAll('CMD-FINISH')).toEqual(['command']);
    expect(snap().stock).toBeNull();
    expect(snap().notice).toMatchObject({ code: 'stock_sent', params: { mode: 'receiving', lines: 2, units: 44 } });
    const events = ofType('stock.received');
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      location: 'A-01',
      reference: null,
      lines: [
        { sku: 'SKU-VASE', qty: 32 },
        { sku: 'SKU-TEE', qty: 12 },
      ],
    });
    // Counted goods are not packed units: their scans are recorded apart from packing's item_ok.
    const verdicts = ofType('scan.recorded').map((e) => e.payload.verdict);
    expect(verdicts.filter((v) => v === 'stock_item')).toHaveLength(4);
    expect(verdicts).not.toContain('item_ok');
    // FINISH again outside a session: refused, nothing more sent.
    expect(scanAll('CMD-FINISH')).toEqual(['command_rejected']);
    expect(ofType('stock.received')).toHaveLength(1);
  });

  it('a PO instead of a location books to the default location; a typed quantity multiplies', () => {
    scanAll('CMD-RECEIVE', 'PO-2026-0042', 'CMD-QTY-1500', BARCODE.nuts, BARCODE.nuts, 'CMD-FINISH');
    expect(ofType('stock.received')[0]?.payload).toMatchObject({
      location: 'MAIN',
      reference: 'PO-2026-0042',
      lines: [{ sku: 'SKU-NUTS', qty: 1501 }],
    });
  });

  it("the station's stock.location is where a PO-only receipt and a return go; a scanned label still wins", async () => {
    const here = await makeStation({ config: { stock: { location: 'DOCK-2' } } });
    try {
      here.scan('BADGE-P01');
      const codes = ['CMD-RECEIVE', 'PO-7', BARCODE.nuts, 'CMD-FINISH', 'CMD-RECEIVE', 'LOC-A-01', BARCODE.nuts];
      for (const code of [...codes, 'CMD-FINISH', 'CMD-RETURN', O.clean, BARCODE.tshirt, 'CMD-GOOD', 'CMD-FINISH'])
        here.scan(code);
      const sent = here.outbox();
      expect(sent.filter((e) => e.type === 'stock.received').map((e) => e.payload.location)).toEqual([
        'DOCK-2',
        'A-01',
      ]);
      expect(sent.find((e) => e.type === 'return.received')?.payload).toMatchObject({ location: 'DOCK-2' });
    } finally {
      await here.close();
    }
    // Without the setting a return names no location: the hub puts it at its own stock.location.
    scanAll('CMD-RETURN', O.clean, BARCODE.tshirt, 'CMD-GOOD', 'CMD-FINISH');
    expect(ofType('return.received')[0]?.payload).not.toHaveProperty('location');
  });

  it('an unknown code after the first product is a red alert; CMD-ACK clears it and the session goes on', () => {
    scanAll('CMD-RECEIVE', 'LOC-B-02', BARCODE.vase);
    expect(scanAll(BARCODE.notInCatalog)).toEqual(['unknown_code']);
    expect(snap().alert).toMatchObject({ kind: 'error', code: 'unknown_code', clearBy: 'ack' });
    expect(scanAll(BARCODE.vase)).toEqual(['blocked']);
    expect(scanAll('CMD-ACK')).toEqual(['command']);
    expect(snap().alert).toBeNull();
    scanAll(BARCODE.vase, 'CMD-FINISH');
    expect(ofType('stock.received')[0]?.payload).toMatchObject({ lines: [{ sku: 'SKU-VASE', qty: 2 }] });
    expect(ofType('alert.acknowledged')).toHaveLength(1);
  });

  it('CMD-UNDO takes the last scan off; CMD-CANCEL leaves without sending', () => {
    scanAll('CMD-RECEIVE', 'LOC-A-01', BARCODE.vase, 'CMD-QTY-5', BARCODE.tshirt, 'CMD-UNDO');
    expect(snap().stock?.lines).toEqual([{ sku: 'SKU-VASE', title: '玻璃花瓶', qty: 1, condition: null }]);
    expect(snap().notice).toMatchObject({ code: 'stock_undone', params: { sku: 'SKU-TEE', qty: 5 } });
    expect(scanAll('CMD-CANCEL')).toEqual(['command']);
    expect(snap().stock).toBeNull();
    expect(ofType('stock.received')).toHaveLength(0);
    // Packing works again at once.
    expect(scanAll(O.vase)).toEqual(['order_opened']);
  });

  it('finish with nothing scanned is refused', () => {
    scanAll('CMD-RECEIVE', 'LOC-A-01');
    expect(scanAll('CMD-FINISH')).toEqual(['command_rejected']);
    expect(snap().notice?.code).toBe('stock_nothing');
  });

  it('cannot start during a pack, nor without a packer when login is required', async () => {
    scanAll(O.vase);
    expect(scanAll('CMD-RECEIVE')).toEqual(['command_rejected']);
    expect(snap().notice?.code).toBe('finish_pack_first');
    scanAll('CMD-CANCEL', 'CMD-LOGOUT');
    const other = await makeStation({ config: { packing: { requireLogin: true } } });
    try {
      expect(other.scan('CMD-RECEIVE').verdict).toBe('login_required');
    } finally {
      await other.close();
    }
  });

  it('refuses a quantity the event could not carry', () => {
    scanAll('CMD-RECEIVE', 'LOC-A-01', 'CMD-QTY-100000', BARCODE.vase);
    expect(scanAll(BARCODE.vase)).toEqual(['command_rejected']);
    expect(snap().notice).toMatchObject({ code: 'stock_limit', params: { sku: 'SKU-VASE', max: 100_000 } });
    expect(snap().stock?.units).toBe(100_000);
  });
});

describe('count (盘点)', () => {
  it('location first, count by scanning, a supervisor badge approves → one stock.counted', () => {
    scanAll('CMD-COUNT');
    expect(snap().stock).toMatchObject({ mode: 'count', step: 'location' });
    expect(scanAll(BARCODE.vase)).toEqual(['command_rejected']);
    expect(snap().notice?.code).toBe('stock_location_first');
    scanAll('LOC-C-03', BARCODE.vase, BARCODE.vase, 'CMD-QTY-4', BARCODE.bangle);
    // Another location while counting this one is refused.
    expect(scanAll('LOC-C-04')).toEqual(['command_rejected']);
    expect(scanAll('CMD-FINISH')).toEqual(['command']);
    expect(snap().stock?.step).toBe('approval');
    // A packer's badge does not approve; a product scan waits.
    expect(scanAll('BADGE-P02')).toEqual(['blocked']);
    expect(snap().notice?.code).toBe('not_supervisor');
    expect(scanAll(BARCODE.vase)).toEqual(['blocked']);
    expect(ofType('stock.counted')).toHaveLength(0);
    expect(scanAll('BADGE-S01')).toEqual(['supervisor']);
    expect(snap().stock).toBeNull();
    const events = ofType('stock.counted');
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      location: 'C-03',
      approvedBy: 'S01',
      lines: [
        { sku: 'SKU-VASE', counted: 2 },
        { sku: 'SKU-BANGLE', counted: 4 },
      ],
    });
    expect(typeof events[0]?.payload.startedAt).toBe('number');
    // The packer stays logged in; the supervisor's badge did not log anyone in or out.
    expect(snap().packer?.id).toBe('P01');
  });

  it('CMD-CANCEL at the approval step goes back to counting', () => {
    scanAll('CMD-COUNT', 'LOC-C-03', BARCODE.vase, 'CMD-FINISH', 'CMD-CANCEL');
    expect(snap().stock?.step).toBe('items');
    scanAll(BARCODE.vase, 'CMD-FINISH', 'BADGE-S01');
    expect(ofType('stock.counted')[0]?.payload).toMatchObject({ lines: [{ sku: 'SKU-VASE', counted: 2 }] });
  });
});

describe('returns (退货入库)', () => {
  it('order id, items with good/damaged, finish → one return.received', () => {
    scanAll('CMD-RETURN');
    expect(snap().stock?.step).toBe('parcel');
    expect(scanAll(BARCODE.tshirt)).toEqual(['no_order']);
    expect(scanAll(O.clean)).toEqual(['order_opened']);
    expect(snap().stock).toMatchObject({
      orderId: O.clean,
      orderLines: [
        { sku: 'SKU-TEE', ordered: 2, returned: 0 },
        { sku: 'SKU-EAR', ordered: 1, returned: 0 },
      ],
    });
    scanAll(BARCODE.tshirt);
    expect(snap().stock?.step).toBe('condition');
    // The next item waits for the condition of this one.
    expect(scanAll(BARCODE.tshirt)).toEqual(['blocked']);
    expect(snap().notice?.code).toBe('stock_condition_first');
    expect(scanAll('CMD-FINISH')).toEqual(['command_rejected']);
    scanAll('CMD-GOOD', BARCODE.tshirt, 'CMD-DAMAGED', BARCODE.earbuds, 'CMD-GOOD');
    expect(snap().stock?.orderLines).toEqual([
      { sku: 'SKU-TEE', title: '纯棉T恤 白色 L', ordered: 2, returned: 2 },
      { sku: 'SKU-EAR', title: '蓝牙耳机', ordered: 1, returned: 1 },
    ]);
    scanAll('CMD-FINISH');
    const events = ofType('return.received');
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      orderId: O.clean,
      waybill: null,
      lines: [
        { sku: 'SKU-TEE', qty: 1, condition: 'good' },
        { sku: 'SKU-TEE', qty: 1, condition: 'damaged' },
        { sku: 'SKU-EAR', qty: 1, condition: 'good' },
      ],
    });
  });

  it('a wrong item and one too many raise the packing alerts, naming the order', () => {
    scanAll('CMD-RETURN', O.vase);
    expect(scanAll(BARCODE.nuts)).toEqual(['wrong_item']);
    expect(snap().alert).toMatchObject({ code: 'wrong_item', orderId: O.vase, params: { sku: 'SKU-NUTS' } });
    scanAll('CMD-ACK', BARCODE.vase, 'CMD-GOOD');
    expect(scanAll(BARCODE.vase)).toEqual(['over_scan']);
    expect(snap().alert).toMatchObject({ code: 'over_scan', params: { expected: 1, scanned: 1, adding: 1 } });
    scanAll('CMD-ACK', 'CMD-FINISH');
    expect(ofType('return.received')[0]?.payload).toMatchObject({
      lines: [{ sku: 'SKU-VASE', qty: 1, condition: 'good' }],
    });
  });

  it('a bundle order takes back its components', () => {
    scanAll('CMD-RETURN', O.bundle, BARCODE.cleanser, 'CMD-DAMAGED', BARCODE.bangle, 'CMD-GOOD', 'CMD-FINISH');
    expect(ofType('return.received')[0]?.payload).toMatchObject({
      orderId: O.bundle,
      lines: [
        { sku: 'SKU-CLEANSER', qty: 1, condition: 'damaged' },
        { sku: 'SKU-BANGLE', qty: 1, condition: 'good' },
      ],
    });
  });

  it('a waybill this station never packed is taken as it is; an unknown code is a red alert', () => {
    scanAll('CMD-RETURN');
    expect(scanAll('HELLO-WORLD')).toEqual(['unknown_code']);
    scanAll('CMD-ACK');
    expect(scanAll('SF1234567890123')).toEqual(['order_unknown']);
    expect(snap().stock).toMatchObject({ orderId: null, waybill: 'SF1234567890123', step: 'items' });
    scanAll(BARCODE.nuts, 'CMD-GOOD', 'CMD-FINISH');
    expect(ofType('return.received')[0]?.payload).toMatchObject({
      orderId: null,
      waybill: 'SF1234567890123',
      lines: [{ sku: 'SKU-NUTS', qty: 1, condition: 'good' }],
    });
  });
});

describe('a session across a restart', () => {
  it('comes back with its scans, quantity and alert; finishing sends one event', async () => {
    scanAll('CMD-COUNT', 'LOC-D-01', BARCODE.vase, 'CMD-QTY-3');
    await t.close();
    t = await makeStation({ file: join(dir, 'station.db') });
    expect(snap().stock).toMatchObject({ mode: 'count', location: 'D-01', units: 1 });
    scanAll(BARCODE.vase, 'CMD-FINISH');
    await t.close();
    t = await makeStation({ file: join(dir, 'station.db') });
    expect(snap().stock?.step).toBe('approval');
    scanAll('BADGE-S01');
    expect(ofType('stock.counted')).toHaveLength(1);
    expect(ofType('stock.counted')[0]?.payload).toMatchObject({ lines: [{ sku: 'SKU-VASE', counted: 4 }] });
  });
});

describe('stock hints on the pack screen', () => {
  it('a line the hub marked short or last unit carries the hint; others do not', () => {
    const stores = t.station.services.stores;
    const order = stores.orders.get(O.clean);
    if (!order) throw new Error('fixture order missing');
    stores.orders.upsert([
      { ...order, lines: order.lines.map((l, i) => (i === 0 ? { ...l, stockHint: 'last_unit' } : l)) },
    ]);
    expect(stores.orders.get(O.clean)?.lines.map((l) => l.stockHint)).toEqual(['last_unit', undefined]);
    scanAll(O.clean);
    const lines = snap().pack?.lines ?? [];
    expect(lines.map((l) => [l.sku, l.stockHint])).toEqual([
      ['SKU-TEE', 'last_unit'],
      ['SKU-EAR', undefined],
    ]);
    expect('stockHint' in (lines[1] ?? {})).toBe(false);
  });
});
