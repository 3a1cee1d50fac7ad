// Interceptions (拦截), hold and cancel, upstream changes mid-pack, crash recovery, rollback.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O, ORDERS } from '../../helpers/fixtures.js';

let t: TestStation;
afterEach(async () => {
  await t?.close();
});

async function loggedIn() {
  t = await makeStation();
  t.scan('BADGE-P01');
}
const snap = () => t.station.services.snapshot();
const orderStatus = (id: string) =>
  (t.db.prepare('SELECT status FROM orders WHERE id = ?').get(id) as { status: string }).status;

describe('interceptions', () => {
  it('a cancelled order is intercepted until CMD-ACK; no pack is opened', async () => {
    await loggedIn();
    expect(t.scan(O.cancelled)).toMatchObject({ verdict: 'order_intercepted', sound: 'intercept' });
    expect(snap().alert).toMatchObject({
      kind: 'intercept',
      code: 'order_cancelled',
      clearBy: 'ack',
      orderId: O.cancelled,
    });
    expect(snap().pack).toBeNull();
    expect(t.scan(O.clean).verdict).toBe('blocked');
    expect(t.scan('CMD-ACK').verdict).toBe('command');
    expect(snap().alert).toBeNull();
    expect(t.outbox().find((e) => e.type === 'order.intercepted')?.payload).toMatchObject({
      orderId: O.cancelled,
      reason: 'order_cancelled',
    });
  });

  it('an already packed order is intercepted, also when scanned by its waybill', async () => {
    await loggedIn();
    t.scan(O.vase);
    t.scan(BARCODE.vase);
    await t.weigh(1020);
    const waybill = snap().lastPack?.labels[0]?.waybill ?? '';
    expect(waybill).toMatch(/^SF/);
    expect(t.scan(waybill).verdict).toBe('order_intercepted');
    expect(snap().alert?.code).toBe('order_packed');
    t.scan('CMD-ACK');
    expect(t.scan(O.vase).verdict).toBe('order_intercepted');
  });

  it('a flagged order: CMD-ACK sets it aside, a supervisor badge releases it into a pack', async () => {
    await loggedIn();
    t.scan(O.flagged);
    expect(snap().alert).toMatchObject({
      code: 'order_flagged',
      clearBy: 'ack_or_supervisor',
      params: { flags: 'address_ambiguous' },
    });
    t.scan('CMD-ACK');
    expect(snap().pack).toBeNull();
    t.scan(O.flagged);
    expect(t.scan('BADGE-S01').verdict).toBe('supervisor');
    expect(snap().alert).toBeNull();
    expect(snap().pack?.order.id).toBe(O.flagged);
    expect(snap().pack?.order.flags).toEqual([]);
    expect(t.outbox().find((e) => e.type === 'order.released')?.payload).toEqual({
      orderId: O.flagged,
      supervisorId: 'S01',
      was: 'flagged',
    });
  });

  it('a held order is intercepted with its reason; a supervisor may release it', async () => {
    await loggedIn();
    t.scan(O.held);
    expect(snap().alert).toMatchObject({ code: 'order_held', params: { reason: 'STOCK-SHORT' } });
    t.scan('BADGE-S01');
    expect(snap().pack?.order.id).toBe(O.held);
    expect(orderStatus(O.held)).toBe('packing');
  });
});

describe('hold and cancel', () => {
  it('CMD-HOLD asks for a reason and holds the order', async () => {
    await loggedIn();
    t.scan(O.clean);
    t.scan(BARCODE.tshirt);
    expect(t.scan('CMD-HOLD').verdict).toBe('command');
    expect(snap().prompt).toEqual({ kind: 'reason', purpose: 'hold', supervisorId: null });
    expect(t.scan(BARCODE.tshirt).verdict).toBe('blocked'); // the prompt waits for a reason
    expect(t.scan('RSN-DAMAGED').verdict).toBe('reason');
    expect(snap().pack).toBeNull();
    expect(snap().lastPack?.state).toBe('held');
    expect(orderStatus(O.clean)).toBe('held');
    expect(t.outbox().find((e) => e.type === 'order.held')?.payload).toMatchObject({
      orderId: O.clean,
      reason: 'DAMAGED',
    });
  });

  it('CMD-CANCEL backs out of a prompt first, then cancels the pack and reopens the order', async () => {
    await loggedIn();
    t.scan(O.clean);
    t.scan('CMD-HOLD');
    t.scan('CMD-CANCEL');
    expect(snap().prompt).toBeNull();
    expect(snap().pack?.state).toBe('verifying');
    t.scan('CMD-CANCEL');
    expect(snap().pack).toBeNull();
    expect(orderStatus(O.clean)).toBe('open');
    expect(t.outbox().find((e) => e.type === 'pack.cancelled')?.payload).toMatchObject({
      orderId: O.clean,
      reason: 'command',
    });
    expect(t.scan(O.clean).verdict).toBe('order_opened'); // it can be packed again
  });

  it('commands that make no sense now are rejected with a notice', async () => {
    await loggedIn();
    for (const c of ['CMD-ACK', 'CMD-HOLD', 'CMD-OVERRIDE', 'CMD-NEXT', 'CMD-QTY-3', 'CMD-CANCEL', 'RSN-DAMAGED']) {
      expect(t.scan(c).verdict).toBe('command_rejected');
    }
    expect(t.scan('CMD-REPRINT').verdict).toBe('command_rejected');
    expect(snap().notice?.code).toBe('nothing_to_reprint');
  });
});

describe('upstream changes while packing', () => {
  it('an order cancelled at WeChat mid-pack is intercepted; CMD-ACK ends the pack', async () => {
    await loggedIn();
    t.scan(O.clean);
    t.scan(BARCODE.tshirt);
    const order = ORDERS.find((o) => o.id === O.clean);
    if (!order) throw new Error('fixture');
    t.station.services.desk.applyOrderUpdate({ ...order, status: 'cancelled' });
    expect(snap().alert).toMatchObject({ kind: 'intercept', code: 'order_cancelled', orderId: O.clean });
    expect(t.scan(BARCODE.tshirt).verdict).toBe('blocked');
    const packId = snap().pack?.packId;
    t.scan('CMD-ACK');
    expect(snap().pack).toBeNull();
    expect(orderStatus(O.clean)).toBe('cancelled');
    expect(t.outbox().find((e) => e.type === 'pack.cancelled')?.payload).toMatchObject({ reason: 'order_cancelled' });
    // The intercepted pack is recorded as cancelled, like one cancelled by CMD-CANCEL.
    expect(t.db.prepare('SELECT state, end_reason AS endReason FROM packs WHERE id = ?').get(packId)).toEqual({
      state: 'cancelled',
      endReason: 'cancelled',
    });
  });

  it('changed lines mid-pack are intercepted as order_changed', async () => {
    await loggedIn();
    t.scan(O.clean);
    const order = ORDERS.find((o) => o.id === O.clean);
    if (!order) throw new Error('fixture');
    t.station.services.desk.applyOrderUpdate({ ...order, lines: order.lines.slice(0, 1) });
    expect(snap().alert?.code).toBe('order_changed');
    t.scan('CMD-ACK');
    expect(t.outbox().find((e) => e.type === 'pack.cancelled')?.payload).toMatchObject({ reason: 'order_changed' });
    expect(t.scan(O.clean).verdict).toBe('order_opened');
    expect(snap().pack?.lines).toHaveLength(1);
  });
});

describe('durability', () => {
  it('a new process on the same file resumes the same pack with the same scans and alert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-'));
    const file = join(dir, 'station.db');
    try {
      t = await makeStation({ file });
      t.scan('BADGE-P01');
      t.scan(O.clean);
      t.scan(BARCODE.tshirt);
      t.scan(BARCODE.vase); // wrong item: alert open
      const before = snap();
      // No close(): the process "dies" here; a second station opens the same file.
      const second = await makeStation({ file });
      const after = second.station.services.snapshot();
      expect(after.pack?.packId).toBe(before.pack?.packId);
      expect(after.pack?.lines).toEqual(before.pack?.lines);
      expect(after.packer?.id).toBe('P01');
      expect(after.alert).toEqual(before.alert);
      expect(second.scan('CMD-ACK').verdict).toBe('command');
      expect(second.scan(BARCODE.tshirt).verdict).toBe('item_ok');
      await second.close();
      t.db.close();
      t = undefined as unknown as TestStation;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed transaction leaves memory and database as they were', async () => {
    await loggedIn();
    t.scan(O.clean);
    const outbox = t.station.services.stores.outbox;
    const original = outbox.append.bind(outbox);
    outbox.append = () => {
      throw new Error('disk full');
    };
    expect(() => t.scan(BARCODE.tshirt)).toThrow('disk full');
    outbox.append = original;
    expect(snap().pack?.lines[0]?.scanned).toBe(0);
    expect(t.db.prepare('SELECT scanned FROM pack_lines WHERE product_id = 2').pluck().get()).toBe(0);
    expect(t.scan(BARCODE.tshirt).verdict).toBe('item_ok');
    expect(snap().pack?.lines[0]?.scanned).toBe(1);
  });
});

describe('upstream hold while packing', () => {
  it('an order held upstream mid-pack stays held after the packer acknowledges', async () => {
    await loggedIn();
    t.scan(O.clean);
    const order = ORDERS.find((o) => o.id === O.clean);
    if (!order) throw new Error('fixture');
    t.station.services.desk.applyOrderUpdate({ ...order, status: 'held', holdReason: 'ADDRESS-REVIEW' });
    expect(snap().alert?.code).toBe('order_changed');
    t.scan('CMD-ACK');
    expect(snap().pack).toBeNull();
    expect(orderStatus(O.clean)).toBe('held');
    expect(t.scan(O.clean).verdict).toBe('order_intercepted');
    expect(snap().alert?.code).toBe('order_held');
  });
});
