// The packing loop end to end inside the core: login, order, items, weighing, label, done.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O, P } from '../../helpers/fixtures.js';

let t: TestStation;
beforeEach(async () => {
  t = await makeStation();
});
afterEach(async () => {
  await t.close();
});

const snap = () => t.station.services.snapshot();

describe('login', () => {
  it('refuses orders until a packer badge is scanned, then logs in and out by badge', () => {
    expect(t.scan(O.clean).verdict).toBe('login_required');
    expect(snap().notice?.code).toBe('login_required');
    expect(t.scan('BADGE-P01').verdict).toBe('login');
    expect(snap().packer?.id).toBe('P01');
    expect(t.scan('badge-p01').verdict).toBe('logout'); // badges match case-insensitively
    expect(snap().packer).toBeNull();
    t.scan('BADGE-P01');
    expect(t.scan('BADGE-P02').verdict).toBe('login');
    expect(snap().packer?.id).toBe('P02');
    const types = t.outbox().map((e) => e.type);
    expect(types.filter((x) => x === 'packer.login')).toHaveLength(3);
    expect(types.filter((x) => x === 'packer.logout')).toHaveLength(2);
  });

  it("records the login and the logout scans as the packer's own (stats see no one else at the desk)", () => {
    t.scan(O.clean);
    t.scan('BADGE-P01');
    t.scan('CMD-LOGOUT');
    const scans = t.db.prepare('SELECT code, verdict, packer_id AS packer FROM scans ORDER BY at, rowid').all();
    expect(scans).toEqual([
      { code: O.clean, verdict: 'login_required', packer: null },
      { code: 'BADGE-P01', verdict: 'login', packer: 'P01' },
      { code: 'CMD-LOGOUT', verdict: 'logout', packer: 'P01' },
    ]);
    const outbox = t.db
      .prepare(
        "SELECT json_extract(payload, '$.verdict') AS verdict, packer_id AS packer FROM outbox WHERE type = 'scan.recorded' ORDER BY seq",
      )
      .all();
    expect(outbox).toEqual([
      { verdict: 'login_required', packer: null },
      { verdict: 'login', packer: 'P01' },
      { verdict: 'logout', packer: 'P01' },
    ]);
  });

  it('CMD-LOGOUT is refused mid-pack and works after', () => {
    t.scan('BADGE-P01');
    t.scan(O.clean);
    expect(t.scan('CMD-LOGOUT').verdict).toBe('command_rejected');
    expect(snap().notice?.code).toBe('finish_pack_first');
    t.scan('CMD-CANCEL');
    expect(t.scan('CMD-LOGOUT').verdict).toBe('logout');
  });
});

describe('order scan', () => {
  beforeEach(() => {
    t.scan('BADGE-P01');
  });

  it('opens a pack by order id with packaging and carrier from the categories', () => {
    expect(t.scan(O.clean)).toMatchObject({ verdict: 'order_opened', sound: 'good' });
    const pack = snap().pack;
    expect(pack?.state).toBe('verifying');
    expect(pack?.order.id).toBe(O.clean);
    expect(pack?.lines.map((l) => [l.productId, l.expected, l.scanned])).toEqual([
      [P.tshirt, 2, 0],
      [P.earbuds, 1, 0],
    ]);
    expect(pack?.packaging).toEqual({ code: 'POLY-BAG', tareG: 20 });
    expect(pack?.carrier).toBe('YTO');
    const row = t.db.prepare('SELECT status FROM orders WHERE id = ?').get(O.clean) as { status: string };
    expect(row.status).toBe('packing');
    expect(t.outbox().find((e) => e.type === 'pack.started')?.payload).toMatchObject({ orderId: O.clean, units: 3 });
  });

  it('opens by pick-slip code, case-insensitively', () => {
    expect(t.scan('ps-0002').verdict).toBe('order_opened');
    expect(snap().pack?.order.id).toBe(O.vase);
    expect(snap().pack?.packaging.code).toBe('CARTON5-BUBBLE');
    expect(snap().pack?.carrier).toBe('SF');
  });

  it('expands bundles into components and picks the valuable rules', () => {
    t.scan(O.bundle);
    const pack = snap().pack;
    expect(pack?.lines.map((l) => [l.productId, l.expected, l.bundleTitle])).toEqual([
      [P.cleanser, 1, '护肤套装'],
      [P.toner, 1, '护肤套装'],
      [P.bangle, 1, null],
    ]);
    expect(pack?.packaging.code).toBe('CARTON-SEAL');
  });

  it('an unknown order or a product scanned first gives a notice, not a pack', () => {
    expect(t.scan('3799999999999999999').verdict).toBe('order_unknown');
    expect(snap().notice?.code).toBe('unknown_order');
    expect(t.scan(BARCODE.vase).verdict).toBe('no_order');
    expect(snap().notice?.code).toBe('scan_order_first');
    expect(snap().pack).toBeNull();
    expect(snap().alert).toBeNull();
  });
});

describe('item verification', () => {
  beforeEach(() => {
    t.scan('BADGE-P01');
    t.scan(O.clean);
  });

  it('counts repeated scans per line and moves to weighing when all are verified', () => {
    expect(t.scan(BARCODE.tshirt)).toMatchObject({ verdict: 'item_ok', sound: 'good' });
    expect(snap().pack?.lines[0]?.scanned).toBe(1);
    t.scan(BARCODE.tshirt);
    expect(snap().pack?.state).toBe('verifying');
    t.scan(BARCODE.earbuds);
    expect(snap().pack?.state).toBe('weighing');
    expect(snap().pack?.weight).toEqual({ expectedG: 640, toleranceG: 32, minG: 608, maxG: 672 });
  });

  it('matches AIM-prefixed EAN, GTIN-14 case codes, GS1 element strings and SKU codes', () => {
    expect(t.scan(`]E0${BARCODE.tshirt}`).verdict).toBe('item_ok');
    expect(t.scan(`]C1${'01'}${BARCODE.tshirtCase}17261231\x1D10LOT7`).verdict).toBe('item_ok');
    expect(t.scan('sku-ear').verdict).toBe('item_ok');
    expect(snap().pack?.state).toBe('weighing');
  });

  it('a quantity command multiplies the next item scan', () => {
    expect(t.scan('CMD-QTY-2').verdict).toBe('command');
    expect(snap().pack?.qtyMultiplier).toBe(2);
    expect(t.scan(BARCODE.tshirt)).toMatchObject({ verdict: 'item_ok' });
    expect(snap().pack?.lines[0]?.scanned).toBe(2);
    expect(snap().pack?.qtyMultiplier).toBeNull();
    const row = t.db.prepare("SELECT qty FROM scans WHERE verdict = 'item_ok'").get() as { qty: number };
    expect(row.qty).toBe(2);
  });

  it('a wrong item raises a sticky red alert that only CMD-ACK clears', () => {
    expect(t.scan(BARCODE.vase)).toMatchObject({ verdict: 'wrong_item', sound: 'error' });
    expect(snap().alert).toMatchObject({
      kind: 'error',
      code: 'wrong_item',
      clearBy: 'ack',
      params: { title: '玻璃花瓶' },
    });
    // Everything else is blocked while the alert stands, and is not counted.
    expect(t.scan(BARCODE.tshirt).verdict).toBe('blocked');
    expect(snap().pack?.lines[0]?.scanned).toBe(0);
    expect(t.scan('CMD-ACK').verdict).toBe('command');
    expect(snap().alert).toBeNull();
    expect(t.scan(BARCODE.tshirt).verdict).toBe('item_ok');
    const events = t.outbox().map((e) => e.type);
    expect(events).toContain('alert.acknowledged');
  });

  it('unknown codes, bad check digits and over-scans are errors', () => {
    expect(t.scan(BARCODE.notInCatalog).verdict).toBe('unknown_code');
    t.scan('CMD-ACK');
    const bad = BARCODE.tshirt.slice(0, 12) + String((Number(BARCODE.tshirt[12]) + 1) % 10);
    expect(t.scan(bad).verdict).toBe('bad_check_digit');
    expect(snap().alert?.code).toBe('bad_check_digit');
    t.scan('CMD-ACK');
    t.scan(BARCODE.earbuds);
    expect(t.scan(BARCODE.earbuds)).toMatchObject({ verdict: 'over_scan', sound: 'error' });
    expect(snap().alert).toMatchObject({ code: 'over_scan', params: { expected: 1, scanned: 1 } });
    expect(snap().pack?.lines[1]?.scanned).toBe(1);
    const errors = t.db
      .prepare("SELECT verdict FROM scans WHERE verdict IN ('unknown_code','bad_check_digit','over_scan') ORDER BY id")
      .pluck()
      .all();
    expect(errors).toEqual(['unknown_code', 'bad_check_digit', 'over_scan']);
  });

  it('another order scanned mid-pack is an error; the same order is ignored', () => {
    expect(t.scan(O.vase).verdict).toBe('pack_in_progress');
    expect(snap().alert?.code).toBe('pack_in_progress');
    t.scan('CMD-ACK');
    expect(t.scan(O.clean)).toMatchObject({ verdict: 'pack_in_progress', sound: 'none' });
    expect(snap().alert).toBeNull();
  });

  it('a packaging code changes the packaging and its tare', () => {
    expect(t.scan('PKG-CARTON').verdict).toBe('packaging');
    expect(snap().pack?.packaging).toEqual({ code: 'CARTON', tareG: 150 });
    expect(t.scan('PKG-NOPE').verdict).toBe('command_rejected');
    expect(snap().notice?.code).toBe('unknown_packaging');
  });

  it('unknown command codes are rejected with a notice', () => {
    expect(t.scan('CMD-FLY').verdict).toBe('command_rejected');
    expect(snap().notice).toMatchObject({ code: 'unknown_command', params: { code: 'CMD-FLY' } });
  });
});
