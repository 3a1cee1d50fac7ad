// Runs the transition table (transitions.ts) against the desk: looks up the row for the pack's state
// and the input, moves the pack to the row's state and runs the row's effects, in the caller's
// transaction. The steps (orders.ts, items.ts, commands.ts, weighing.ts) decide which input a scan or
// a reading is; only this file changes a pack's state.
import type { WeightWindow } from '../../../contract/station.js';
import { notice, packerId, persistPack, type ActivePack, type DeskContext } from './context.js';
import { endPack, openPack, type EndDetail } from './lifecycle.js';
import { transition, type PackEffect, type PackInput } from './transitions.js';
import type { PackStore } from '../store/packs.js';

export interface InputDetail extends EndDetail {
  /** For weight_out: what the scale read and the window it missed. */
  weight?: { grams: number; window: WeightWindow };
}

type Run = (ctx: DeskContext, pack: ActivePack, detail: InputDetail) => void;

const RUN: Record<PackEffect, Run> = {
  open: (ctx, pack) => openPack(ctx, pack),
  persist: (ctx, pack) => persistPack(ctx, pack),
  await_weight: (_ctx, pack) => {
    pack.measuredG = null;
  },
  weight_exception: (ctx, pack, d) => {
    const w = d.weight;
    if (!w) throw new Error('weight_exception needs the reading and its window');
    ctx.stores.outbox.append(
      'weight.exception',
      {
        packId: pack.id,
        orderId: pack.order.id,
        parcelNo: pack.parcelNo,
        weightG: w.grams,
        expectedG: w.window.expectedG,
        toleranceG: w.window.toleranceG,
      },
      packerId(ctx),
    );
  },
  next_parcel: (ctx, pack) => {
    pack.parcelNo += 1;
    pack.measuredG = null;
    notice(ctx, 'success', 'parcel_closed', { parcelNo: pack.parcelNo - 1 });
  },
  complete: (ctx, pack, d) => {
    // "Parcel 1 closed; fill the next one" is no instruction once the last parcel is in: a done
    // screen says done, never two things at once (issue 12 §2).
    if (ctx.rt.notice?.code === 'parcel_closed') ctx.rt.notice = null;
    endPack(ctx, pack, pack.state, d);
  },
  cancel: (ctx, pack, d) => endPack(ctx, pack, pack.state, d),
  hold: (ctx, pack, d) => endPack(ctx, pack, pack.state, d),
  record_state: (ctx, pack) => ctx.stores.packs.setState(pack.id, pack.state),
  chime: (ctx) => {
    ctx.effects.sounds.push('done');
  },
  buzz: (ctx) => {
    ctx.effects.sounds.push('error');
  },
};

/**
 * Feeds `input` to the pack: false (and nothing changes) when its state has no row for it. An open
 * pack starts in `idle` (the desk's state before it opens).
 */
export function advance(ctx: DeskContext, pack: ActivePack, input: PackInput, detail: InputDetail = {}): boolean {
  const row = transition(pack.state, input);
  if (!row) return false;
  pack.state = row.to;
  for (const effect of row.effects) RUN[effect](ctx, pack, detail);
  return true;
}

/**
 * A pack that ended (labeling) moves on without the desk, from the print queue: only rows whose one
 * effect is `record_state` apply. False when the pack's state has no row for the input.
 */
export function advanceEnded(packs: PackStore, packId: string, input: PackInput): boolean {
  const row = packs.get(packId);
  const next = row ? transition(row.state, input) : null;
  if (!next || next.effects.some((e) => e !== 'record_state')) return false;
  packs.setState(packId, next.to);
  return true;
}
