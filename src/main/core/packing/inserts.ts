// Inserts at the desk: which ones the open pack needs (station config `packing.inserts`, so the
// desk decides offline), confirming them by scan or CMD-OK, and keeping the confirmations across a
// restart (desk_state `inserts`, written in the scan's transaction). An unconfirmed insert keeps the
// pack from the scale (allVerified in context.ts).
import type { Order } from '../../../contract/entities.js';
import type { InsertView } from '../../../contract/station.js';
import type { NormalizedScan } from '../../../domain/barcode/index.js';
import { insertScanned, insertsFor, isInsertCode } from '../../../domain/packing/inserts.js';
import type { StationConfig } from '../../config/schema.js';
import { allVerified, notice, type ActivePack, type DeskContext, type Outcome, type Stores } from './context.js';
import { advance } from './machine.js';

/** desk_state key: the open pack's confirmed inserts. */
const KEY = 'inserts';

interface Saved {
  packId: string;
  confirmed: { id: string; parcelNo: number }[];
}

/** The inserts a pack opening on `order` needs, none confirmed. */
export function openInserts(config: StationConfig, order: Order): InsertView[] {
  return insertsFor(config.packing.inserts, order);
}

/** After a restart: the open pack's inserts with the confirmations it had. */
export function restoreInserts(stores: Stores, config: StationConfig, order: Order, packId: string): InsertView[] {
  const saved = stores.desk.get<Saved>(KEY);
  const done = new Map(saved?.packId === packId ? saved.confirmed.map((c) => [c.id, c.parcelNo]) : []);
  return openInserts(config, order).map((i) => {
    const parcelNo = done.get(i.id);
    return parcelNo === undefined ? i : { ...i, confirmed: true, parcelNo };
  });
}

/** Grams of the inserts confirmed into the parcel being filled (its expected weight grows by them). */
export function insertWeightG(pack: ActivePack): number {
  return (pack.inserts ?? []).filter((i) => i.parcelNo === pack.parcelNo).reduce((g, i) => g + i.weightG, 0);
}

function confirm(ctx: DeskContext, pack: ActivePack, insert: InsertView): Outcome {
  // A new array, never a change in place: a rolled-back transaction restores the old one.
  pack.inserts = (pack.inserts ?? []).map((i) =>
    i.id === insert.id ? { ...i, confirmed: true, parcelNo: pack.parcelNo } : i,
  );
  const confirmed = pack.inserts.filter((i) => i.confirmed).map((i) => ({ id: i.id, parcelNo: i.parcelNo ?? 1 }));
  ctx.stores.desk.set(KEY, { packId: pack.id, confirmed } satisfies Saved);
  notice(ctx, 'success', 'insert_confirmed', { title: insert.title });
  if (allVerified(pack)) advance(ctx, pack, 'parcel_ready');
  return { verdict: 'item_ok', sound: 'good', detail: `insert:${insert.id}` };
}

/**
 * The scan is an unconfirmed insert's barcode: confirm it. The barcode of one already confirmed is
 * said to be so (a second card is not an error worth an alert). null when it is no insert's.
 */
export function scanInsert(ctx: DeskContext, pack: ActivePack, scan: NormalizedScan): Outcome | null {
  const inserts = pack.inserts ?? [];
  const insert = insertScanned(inserts, scan);
  if (insert) return confirm(ctx, pack, insert);
  if (!isInsertCode(inserts, scan)) return null;
  const title = inserts.find((i) => i.confirmed)?.title ?? '';
  notice(ctx, 'info', 'insert_confirmed', { title });
  return { verdict: 'item_ok', sound: 'none', detail: 'insert already confirmed' };
}

/** CMD-OK: confirms the first insert that has no barcode. null when none is waiting. */
export function confirmInsertByCommand(ctx: DeskContext, pack: ActivePack | null): Outcome | null {
  const insert = pack?.inserts?.find((i) => !i.confirmed && i.barcode === null);
  return pack && insert ? confirm(ctx, pack, insert) : null;
}
