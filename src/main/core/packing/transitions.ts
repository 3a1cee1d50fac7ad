// The packing state machine as one table (DESIGN §2): state × input → next state + effects.
//
//   idle → verifying → weighing → labeling → done, plus exception, held and cancelled.
//
// `idle` is the desk with no pack open; every other state is a pack's, recorded on its row. The desk
// asks `transition()` before it changes a pack's state and runs the row's effects (machine.ts); an
// input a state has no row for is not taken in that state. The table is pure data so each row has its
// own test (test/unit/core/transitions.test.ts).
import type { PackState } from '../../../contract/entities.js';

export type PackInput =
  /** An order scan (or a supervisor's release of a held or flagged order) with no pack open. */
  | 'order_opened'
  /** A scanned unit that belongs to the open parcel. */
  | 'item'
  /** A quantity barcode (QTY-n) for the next item scan. */
  | 'qty'
  /** A packaging barcode: box or bag changed, so the weight window moves. */
  | 'packaging'
  /** Every line of the open parcel is scanned. */
  | 'parcel_ready'
  /** CMD-NEXT: the packer closes a part parcel (split parcel) to weigh it now. */
  | 'next'
  /** A stable weight inside the window (or a supervisor override), with lines left for more parcels. */
  | 'weight_in'
  /** The same, for the parcel that completes the order. */
  | 'last_weight_in'
  /** A stable weight outside the window: likely a missing or extra item. */
  | 'weight_out'
  /** CMD-CANCEL, or the packer acknowledged an intercept raised on the order being packed. */
  | 'cancel'
  /** CMD-HOLD and a reason code. */
  | 'hold'
  /** Every label of the completed pack is out of the printer. */
  | 'labels_out';

export type PackEffect =
  /** Create the pack row, its lines and pack.started; the pack becomes the desk's open pack. */
  | 'open'
  /** Write state, parcel number, packaging and measured weight to the pack row. */
  | 'persist'
  /** Forget the last measured weight: a fresh reading is wanted for this parcel. */
  | 'await_weight'
  /** Record weight.exception (only when entering the exception, not on every re-weigh). */
  | 'weight_exception'
  /** The closed parcel was not the last one: number the next parcel and say so. */
  | 'next_parcel'
  /** End the pack as completed (pack.completed); the desk is free for the next order. */
  | 'complete'
  /** End the pack as cancelled (pack.cancelled); the order goes back to the open queue. */
  | 'cancel'
  /** End the pack as held (order.held). */
  | 'hold'
  /** Record the new state on the (already ended) pack row. */
  | 'record_state'
  /** Completion chime, after commit. */
  | 'chime'
  /** Error buzz, after commit (a scale reading has no scan feedback to carry it). */
  | 'buzz';

/** A desk state: no pack (`idle`), or the open or last pack's state. */
export type DeskState = PackState;

export interface Transition {
  from: DeskState;
  on: PackInput;
  to: DeskState;
  effects: readonly PackEffect[];
}

/** Pack states an open pack may be cancelled or held in. */
const OPEN_STATES = ['verifying', 'weighing', 'exception'] as const;

export const TRANSITIONS: readonly Transition[] = [
  { from: 'idle', on: 'order_opened', to: 'verifying', effects: ['open'] },

  { from: 'verifying', on: 'item', to: 'verifying', effects: [] },
  { from: 'verifying', on: 'qty', to: 'verifying', effects: [] },
  { from: 'verifying', on: 'packaging', to: 'verifying', effects: ['persist'] },
  { from: 'verifying', on: 'parcel_ready', to: 'weighing', effects: ['await_weight', 'persist'] },
  { from: 'verifying', on: 'next', to: 'weighing', effects: ['await_weight', 'persist'] },

  // After CMD-NEXT closed a part parcel, units still fit in it until it is weighed.
  { from: 'weighing', on: 'item', to: 'weighing', effects: [] },
  { from: 'weighing', on: 'packaging', to: 'weighing', effects: ['persist'] },
  { from: 'weighing', on: 'parcel_ready', to: 'weighing', effects: ['await_weight', 'persist'] },
  { from: 'weighing', on: 'weight_in', to: 'verifying', effects: ['next_parcel', 'persist', 'chime'] },
  { from: 'weighing', on: 'last_weight_in', to: 'labeling', effects: ['complete', 'chime'] },
  { from: 'weighing', on: 'weight_out', to: 'exception', effects: ['weight_exception', 'persist', 'buzz'] },

  // The packer fixed the parcel and put it back, or a supervisor overrode the weight.
  { from: 'exception', on: 'weight_in', to: 'verifying', effects: ['next_parcel', 'persist', 'chime'] },
  { from: 'exception', on: 'last_weight_in', to: 'labeling', effects: ['complete', 'chime'] },
  { from: 'exception', on: 'weight_out', to: 'exception', effects: ['persist', 'buzz'] },

  ...OPEN_STATES.flatMap((from): Transition[] => [
    { from, on: 'cancel', to: 'cancelled', effects: ['cancel'] },
    { from, on: 'hold', to: 'held', effects: ['hold'] },
  ]),

  { from: 'labeling', on: 'labels_out', to: 'done', effects: ['record_state'] },
];

const byKey = new Map(TRANSITIONS.map((t) => [`${t.from}|${t.on}`, t]));

/** The row for `input` in `state`; null when that state does not take that input. */
export function transition(state: DeskState, input: PackInput): Transition | null {
  return byKey.get(`${state}|${input}`) ?? null;
}

export function accepts(state: DeskState, input: PackInput): boolean {
  return byKey.has(`${state}|${input}`);
}
