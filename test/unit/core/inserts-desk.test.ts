// Inserts (赠品/插页) at the desk: a rule-matched insert blocks weighing until it is scanned (or
// confirmed with CMD-OK), survives a restart, and adds its weight to the parcel's window.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O, ean } from '../../helpers/fixtures.js';

const CARD = ean('690199900001');
const inserts = [
  // O.clean has SKU-TEE: the card goes in, confirmed by its own barcode.
  { id: 'GIFT-CARD', title: '感谢卡', barcode: CARD, skus: ['SKU-TEE'], weightG: 10 },
  // Every channels_shop order above ¥100 gets a flyer without a barcode (CMD-OK).
  { id: 'FLYER', title: '新品传单', channels: ['channels_shop' as const], minValueFen: 100_00 },
  // Never matches the fixtures: a live-room only rule.
  { id: 'LIVE-COUPON', title: '直播间优惠券', channels: ['live_room' as const] },
];

let t: TestStation;
let dir: string | null = null;
afterEach(async () => {
  await t.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const snap = () => t.station.services.snapshot();

function verifyClean() {
  t.scan(O.clean);
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.tshirt);
  t.scan(BARCODE.earbuds);
}

describe('inserts', () => {
  it('keeps the pack off the scale until every insert is confirmed, then weighs with the insert', async () => {
    t = await makeStation({ config: { packing: { inserts } } });
    t.scan('BADGE-P01');
    verifyClean();
    // O.clean is worth 2×¥20 + ¥80 = ¥120: card (SKU-TEE) and flyer (≥ ¥100), not the live coupon.
    expect(snap().pack?.inserts?.map((i) => [i.id, i.confirmed])).toEqual([
      ['GIFT-CARD', false],
      ['FLYER', false],
    ]);
    expect(snap().pack?.state).toBe('verifying');
    // A stable weight now does nothing: the pack is not at the scale.
    await t.weigh(650);
    expect(snap().pack?.state).toBe('verifying');
    expect(t.outbox().some((e) => e.type === 'weight.accepted')).toBe(false);
    t.lift();

    expect(t.scan(CARD)).toMatchObject({ verdict: 'item_ok', sound: 'good' });
    expect(snap().notice).toMatchObject({ code: 'insert_confirmed', params: { title: '感谢卡' } });
    expect(snap().pack?.state).toBe('verifying');
    // The card's barcode again changes nothing and raises no alert.
    expect(t.scan(CARD)).toMatchObject({ verdict: 'item_ok', sound: 'none' });
    expect(snap().alert).toBeNull();

    expect(t.scan('CMD-OK')).toMatchObject({ verdict: 'item_ok' });
    expect(snap().pack?.inserts?.every((i) => i.confirmed)).toBe(true);
    expect(snap().pack?.state).toBe('weighing');
    // 640 g of items + the 10 g card.
    expect(snap().pack?.weight?.expectedG).toBe(650);
    expect(t.scan('CMD-OK').verdict).toBe('command_rejected');

    await t.weigh(650);
    expect(t.outbox().some((e) => e.type === 'pack.completed')).toBe(true);
  });

  it('confirms inserts before the items too, and CMD-OK is refused when no insert waits', async () => {
    t = await makeStation({ config: { packing: { inserts } } });
    t.scan('BADGE-P01');
    expect(t.scan('CMD-OK').verdict).toBe('command_rejected');
    t.scan(O.clean);
    t.scan(CARD);
    t.scan('CMD-OK');
    t.scan(BARCODE.tshirt);
    t.scan(BARCODE.tshirt);
    expect(snap().pack?.state).toBe('verifying');
    t.scan(BARCODE.earbuds);
    expect(snap().pack?.state).toBe('weighing');
  });

  it('remembers confirmed inserts across a restart of the station', async () => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-inserts-'));
    const file = join(dir, 'station.db');
    t = await makeStation({ file, config: { packing: { inserts } } });
    t.scan('BADGE-P01');
    verifyClean();
    t.scan(CARD);
    await t.close();

    t = await makeStation({ file, config: { packing: { inserts } } });
    expect(snap().pack?.inserts?.map((i) => [i.id, i.confirmed, i.parcelNo])).toEqual([
      ['GIFT-CARD', true, 1],
      ['FLYER', false, null],
    ]);
    t.scan('CMD-OK');
    expect(snap().pack?.state).toBe('weighing');
  });

  it('adds nothing when no rule matches (the default config has none)', async () => {
    t = await makeStation();
    t.scan('BADGE-P01');
    verifyClean();
    expect(snap().pack?.inserts).toEqual([]);
    expect(snap().pack?.state).toBe('weighing');
  });
});

describe('barcodes at the desk', () => {
  it('matches a GS1-128 sent without a symbology prefix to the product', async () => {
    t = await makeStation();
    t.scan('BADGE-P01');
    t.scan(O.clean);
    expect(t.scan(`01${'0' + BARCODE.tshirt}`).verdict).toBe('item_ok');
    expect(t.scan(`01${'0' + BARCODE.tshirt}10LOT7`).verdict).toBe('item_ok');
  });

  it('ignores a carrier waybill scanned during a pack with a notice, not an alert', async () => {
    t = await makeStation();
    t.scan('BADGE-P01');
    t.scan(O.clean);
    // A 12-digit ZTO number would otherwise be a UPC-A with a wrong check digit.
    expect(t.scan('710000000009')).toMatchObject({ verdict: 'waybill', sound: 'error' });
    expect(snap().alert).toBeNull();
    expect(snap().notice).toMatchObject({ code: 'waybill_ignored', params: { carrier: 'ZTO' } });
    expect(t.scan('JDVA00012345678-1-2-').verdict).toBe('waybill');
    // Neither a waybill nor a GTIN: an unknown code, not a check-digit error.
    expect(t.scan('ABC-12345').verdict).toBe('unknown_code');
    expect(snap().alert?.code).toBe('unknown_code');
  });

  it('finds the order of a JD package code by its waybill, and names an unknown waybill', async () => {
    t = await makeStation();
    t.scan('BADGE-P01');
    t.station.services.stores.pool.add('JD', ['JDVA00012345678'], t.clock.now());
    t.scan(O.nuts); // food: JD
    t.scan(BARCODE.nuts);
    await t.weigh(860); // 600 g of nuts + 260 g vacuum pack with ice
    expect(snap().lastPack?.labels[0]?.waybill).toBe('JDVA00012345678');
    t.lift();
    // The second barcode of the JD label (package 1 of 1) finds the packed order: intercepted.
    expect(t.scan('JDVA00012345678-1-1-').verdict).toBe('order_intercepted');
    expect(snap().alert).toMatchObject({ code: 'order_packed', orderId: O.nuts });
    t.scan('CMD-ACK');
    const unknown = t.scan('JDVA00099999999-1-1-');
    expect(unknown.verdict).toBe('order_unknown');
    expect(snap().notice).toMatchObject({ code: 'waybill_unknown', params: { carrier: 'JD' } });
  });
});

describe('notes at the desk', () => {
  it('shows the notes of the open order, and a note the hub sends while packing at once', async () => {
    t = await makeStation();
    t.scan('BADGE-P01');
    t.scan(O.clean);
    expect(snap().pack?.order.notes).toBeUndefined();
    const order = t.station.services.stores.orders.get(O.clean);
    if (!order) throw new Error('fixture');
    const notes = { buyer: '', merchant: '', gift: '生日快乐' };
    t.station.services.desk.applyOrderUpdate({ ...order, status: 'open', notes });
    expect(snap().pack?.order.notes).toEqual(notes);
    expect(snap().alert).toBeNull();
  });
});
