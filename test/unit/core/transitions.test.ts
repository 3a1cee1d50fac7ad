// The packing state machine, one row at a time (src/main/core/packing/transitions.ts): each row of
// the table gets a test that brings a real desk into the row's state, feeds the row's input and checks
// the next state and the row's effects. A last test proves every row has its test here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRANSITIONS, transition, type PackInput } from '../../../src/main/core/packing/transitions.js';
import type { PackState } from '../../../src/contract/entities.js';
import type { Sound } from '../../../src/contract/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';
import { makeStation, type TestStation } from '../../helpers/station.js';

let t: TestStation;
let sounds: Sound[];
beforeEach(async () => {
  t = await makeStation();
  sounds = [];
  t.station.core.on('effect.sound', ({ sound }) => sounds.push(sound));
  t.scan('BADGE-P01');
});
afterEach(async () => {
  await t.close();
});

const snap = () => t.station.services.snapshot();
const packRow = (id: string) =>
  t.db.prepare('SELECT state, end_reason AS endReason FROM packs WHERE id = ?').get(id) as {
    state: PackState;
    endReason: string | null;
  };
const events = (type: string) => t.outbox().filter((e) => e.type === type);
const expectedG = () => snap().pack?.weight?.expectedG ?? 0;

/** O.clean is T恤×2 + 耳机×1. */
function verifying(): string {
  expect(t.scan(O.clean).verdict).toBe('order_opened');
  expect(snap().pack?.state).toBe('verifying');
  return snap().pack!.packId;
}

function weighing(): string {
  const id = verifying();
  for (const code of [BARCODE.tshirt, BARCODE.tshirt, BARCODE.earbuds]) expect(t.scan(code).verdict).toBe('item_ok');
  expect(snap().pack?.state).toBe('weighing');
  return id;
}

/**
 * A part parcel closed with CMD-NEXT after one T-shirt: more parcels follow. A Channels order may
 * not split a SKU (split rules), so the order is an official-account one here.
 */
function weighingPart(): string {
  const order = t.station.services.stores.orders.get(O.clean);
  if (order) t.station.services.stores.orders.upsert([{ ...order, channel: 'official_account' }]);
  const id = verifying();
  t.scan(BARCODE.tshirt);
  expect(t.scan('CMD-NEXT').verdict).toBe('command');
  expect(snap().pack?.state).toBe('weighing');
  return id;
}

async function exception(part = false): Promise<string> {
  const id = part ? weighingPart() : weighing();
  await t.weigh(expectedG() + 900);
  expect(snap().pack?.state).toBe('exception');
  t.lift();
  sounds = [];
  return id;
}

async function labeling(): Promise<string> {
  const id = weighing();
  t.printer.setPaperOut(true);
  await t.weigh(expectedG());
  expect(snap().lastPack?.state).toBe('labeling');
  return id;
}

/** Each row's test: reach `from`, feed `on`, check what the row says happens. */
const ROW_TESTS: Record<string, () => Promise<void>> = {
  'idle|order_opened': async () => {
    expect(snap().pack).toBeNull();
    const id = verifying();
    expect(packRow(id)).toEqual({ state: 'verifying', endReason: null });
    expect(events('pack.started')).toHaveLength(1);
  },

  'verifying|item': async () => {
    verifying();
    expect(t.scan(BARCODE.tshirt).verdict).toBe('item_ok');
    expect(snap().pack).toMatchObject({ state: 'verifying', parcelUnits: 1 });
  },

  'verifying|qty': async () => {
    verifying();
    expect(t.scan('CMD-QTY-2').verdict).toBe('command');
    expect(snap().pack).toMatchObject({ state: 'verifying', qtyMultiplier: 2 });
  },

  'verifying|packaging': async () => {
    const id = verifying();
    expect(t.scan('PKG-CARTON').verdict).toBe('packaging');
    expect(snap().pack).toMatchObject({ state: 'verifying', packaging: { code: 'CARTON' } });
    expect(t.db.prepare('SELECT packaging FROM packs WHERE id = ?').pluck().get(id)).toBe('CARTON');
  },

  'verifying|parcel_ready': async () => {
    const id = weighing();
    expect(packRow(id).state).toBe('weighing');
    expect(snap().pack?.measuredG).toBeNull();
  },

  'verifying|next': async () => {
    const id = weighingPart();
    expect(packRow(id).state).toBe('weighing');
    expect(snap().pack?.parcelUnits).toBe(1);
  },

  'weighing|item': async () => {
    weighingPart();
    expect(t.scan(BARCODE.earbuds).verdict).toBe('item_ok');
    expect(snap().pack).toMatchObject({ state: 'weighing', parcelUnits: 2 });
  },

  'weighing|packaging': async () => {
    weighing();
    expect(t.scan('PKG-CARTON').verdict).toBe('packaging');
    expect(snap().pack).toMatchObject({ state: 'weighing', packaging: { code: 'CARTON' } });
  },

  'weighing|parcel_ready': async () => {
    const id = weighingPart();
    t.scan(BARCODE.tshirt);
    expect(t.scan(BARCODE.earbuds).verdict).toBe('item_ok'); // the last line: the parcel is ready again
    expect(snap().pack).toMatchObject({ state: 'weighing', parcelUnits: 3, measuredG: null });
    expect(packRow(id).state).toBe('weighing');
  },

  'weighing|weight_in': async () => {
    const id = weighingPart();
    await t.weigh(expectedG());
    expect(snap().pack).toMatchObject({ state: 'verifying', parcelNo: 2 });
    expect(snap().notice?.code).toBe('parcel_closed');
    expect(packRow(id).state).toBe('verifying');
    expect(sounds).toEqual(['done']);
  },

  'weighing|last_weight_in': async () => {
    const id = await labeling();
    expect(snap().pack).toBeNull();
    expect(packRow(id)).toEqual({ state: 'labeling', endReason: 'completed' });
    expect(events('pack.completed')).toHaveLength(1);
    expect(sounds).toEqual(['done']);
  },

  'weighing|weight_out': async () => {
    const id = weighing();
    await t.weigh(expectedG() + 900);
    expect(snap().pack?.state).toBe('exception');
    expect(packRow(id).state).toBe('exception');
    expect(events('weight.exception')).toHaveLength(1);
    expect(sounds).toEqual(['error']);
  },

  'exception|weight_in': async () => {
    const id = await exception(true);
    await t.weigh(expectedG());
    expect(snap().pack).toMatchObject({ state: 'verifying', parcelNo: 2 });
    expect(packRow(id).state).toBe('verifying');
    expect(sounds).toEqual(['done']);
  },

  'exception|last_weight_in': async () => {
    const id = await exception();
    await t.weigh(expectedG());
    expect(snap().pack).toBeNull();
    expect(packRow(id).endReason).toBe('completed');
    expect(sounds).toEqual(['done']);
  },

  'exception|weight_out': async () => {
    const id = await exception();
    await t.weigh(expectedG() + 800);
    expect(snap().pack?.state).toBe('exception');
    expect(packRow(id).state).toBe('exception');
    // Recorded when the exception starts, not on every re-weigh; the buzz sounds each time.
    expect(events('weight.exception')).toHaveLength(1);
    expect(sounds).toEqual(['error']);
  },

  'verifying|cancel': async () => {
    const id = verifying();
    expect(t.scan('CMD-CANCEL').verdict).toBe('command');
    expect(packRow(id)).toEqual({ state: 'cancelled', endReason: 'cancelled' });
    expect(events('pack.cancelled')).toHaveLength(1);
  },

  'weighing|cancel': async () => {
    const id = weighing();
    expect(t.scan('CMD-CANCEL').verdict).toBe('command');
    expect(packRow(id)).toEqual({ state: 'cancelled', endReason: 'cancelled' });
  },

  'exception|cancel': async () => {
    const id = await exception();
    expect(t.scan('CMD-CANCEL').verdict).toBe('command');
    expect(snap().alert).toBeNull();
    expect(packRow(id)).toEqual({ state: 'cancelled', endReason: 'cancelled' });
  },

  'verifying|hold': async () => {
    const id = verifying();
    t.scan('CMD-HOLD');
    expect(t.scan('RSN-DAMAGED').verdict).toBe('reason');
    expect(packRow(id)).toEqual({ state: 'held', endReason: 'held' });
    expect(snap().lastPack?.state).toBe('held');
  },

  'weighing|hold': async () => {
    const id = weighing();
    t.scan('CMD-HOLD');
    expect(t.scan('RSN-STOCK-SHORT').verdict).toBe('reason');
    expect(packRow(id)).toEqual({ state: 'held', endReason: 'held' });
  },

  'exception|hold': async () => {
    const id = await exception();
    t.scan('CMD-HOLD');
    expect(t.scan('RSN-OTHER').verdict).toBe('reason');
    expect(packRow(id)).toEqual({ state: 'held', endReason: 'held' });
  },

  'labeling|labels_out': async () => {
    const id = await labeling();
    t.printer.setPaperOut(false);
    await t.settle();
    await t.station.services.printQueue.kick();
    expect(packRow(id)).toEqual({ state: 'done', endReason: 'completed' });
    expect(snap().lastPack?.state).toBe('done');
  },
};

describe('the packing transition table', () => {
  for (const row of TRANSITIONS) {
    const key = `${row.from}|${row.on}`;
    it(`${row.from} × ${row.on} → ${row.to} [${row.effects.join(', ')}]`, async () => {
      expect(transition(row.from, row.on)).toBe(row);
      const test = ROW_TESTS[key];
      expect(test, `no test for row ${key}`).toBeDefined();
      await test!();
    });
  }

  it('has one row per state and input, and a test for each', () => {
    const keys = TRANSITIONS.map((r) => `${r.from}|${r.on}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(ROW_TESTS).sort()).toEqual([...keys].sort());
  });

  it('an input a state has no row for is not taken', () => {
    const none: [PackState, PackInput][] = [
      ['verifying', 'weight_in'],
      ['weighing', 'next'],
      ['labeling', 'cancel'],
      ['done', 'labels_out'],
      ['held', 'order_opened'],
    ];
    for (const [state, input] of none) expect(transition(state, input)).toBeNull();
    // So CMD-NEXT while the parcel waits for the scale is refused.
    weighing();
    expect(t.scan('CMD-NEXT').verdict).toBe('command_rejected');
  });
});

describe('sounds', () => {
  it('scan.feedback carries the scans only; the chime of a weighed parcel is its own effect.sound', async () => {
    const feedback: { verdict: string; sound: Sound; scanId: number }[] = [];
    t.station.core.on('scan.feedback', (f) => feedback.push(f));
    weighing();
    expect(feedback.map((f) => f.verdict)).toEqual(['order_opened', 'item_ok', 'item_ok', 'item_ok']);
    await t.weigh(expectedG());
    expect(feedback).toHaveLength(4); // a reading is no scan
    expect(sounds).toEqual(['done']);
    expect(feedback.every((f) => f.scanId > 0)).toBe(true);
  });
});
