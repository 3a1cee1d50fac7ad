// A pack's parts reach the hub in any order: its parcels (parcel.packed), their waybills (in the
// parcel, or later by parcel.waybill / label.printed) and pack.completed, which says how many parcels
// there are. A station sends them in the order it wrote them, but a dead-lettered or re-sent event, a
// second outbox after a restore or a hand-made push can change that. The pack's parcels are reported
// (one delivery_list) once every part is in, whatever came first; a pack still missing a part
// `reportBack.partsTimeoutS` after its first part arrived becomes a parts_missing exception, and the
// part that arrives after all still completes it.
import { newId } from '../../base/ids.js';
import type { HubException } from '../../contract/sync.js';
import type { HubContext } from '../context.js';
import type { HubTx, PackPartsRow, ShipmentRow } from '../store/types.js';
import { isSuborder } from './suborders.js';

const WAITING: readonly ShipmentRow['state'][] = ['packing', 'waiting_waybill'];

/** What is still missing, in words for the admin; null when nothing is. */
function missing(pack: PackPartsRow, parcels: readonly ShipmentRow[]): string | null {
  if (pack.parcels === null) return `pack.completed not received (${parcels.length} parcel(s) in)`;
  const numbers = new Set(parcels.map((p) => p.parcelNo));
  const absent = Array.from({ length: pack.parcels }, (_, i) => i + 1).filter((n) => !numbers.has(n));
  if (absent.length > 0) return `parcel(s) ${absent.join(', ')} of ${pack.parcels} not received`;
  const noWaybill = parcels.filter((p) => p.state === 'waiting_waybill').map((p) => p.parcelNo);
  if (noWaybill.length > 0) return `no waybill for parcel(s) ${noWaybill.join(', ')}`;
  return null;
}

/**
 * Releases the pack's parcels for report-back when every part is in: parcels with a waybill become
 * due, those without wait for it. Returns whether the pack is complete.
 */
export async function settlePack(t: HubTx, packId: string, now: number): Promise<boolean> {
  const pack = await t.packs.get(packId);
  if (!pack || pack.doneAt !== null) return pack !== undefined;
  const parcels = (await t.shipments.forOrder(pack.orderId)).filter((s) => s.packId === packId);
  if (pack.parcels === null || new Set(parcels.map((p) => p.parcelNo)).size < pack.parcels) return false;
  // A 子母单 is one package for WeChat: its parent waits with the children for their numbers.
  const together = parcels.some((p) => !p.waybill) && (await isSuborder(t, pack.orderId));
  for (const s of parcels) {
    if (s.state !== 'packing') continue;
    s.state = s.waybill && !together ? 'pending' : 'waiting_waybill';
    await t.shipments.update(s.parcelId, { state: s.state, nextAt: now });
  }
  if (parcels.some((s) => WAITING.includes(s.state))) return false;
  await t.packs.done(packId, now);
  // The part that was missing came after all: the exception about it is settled.
  if (pack.overdueAt !== null) await t.exceptions.resolve(pack.orderId, ['parts_missing'], now);
  return true;
}

/** A part arrived: the pack is watched from its first one. */
export async function notePart(
  t: HubTx,
  part: { packId: string; orderId: string; stationId: string },
  now: number,
): Promise<void> {
  await t.packs.seen(part.packId, part.orderId, part.stationId, now);
}

/**
 * A parcel's waybill (parcel.waybill, or the label printed with it). Before its parcel it is kept
 * for it; a parcel waiting for one takes it and the pack may be complete now.
 */
export async function parcelWaybill(
  t: HubTx,
  w: { parcelId: string; waybill: string },
  opts: { replace: boolean },
  now: number,
): Promise<void> {
  const s = await t.shipments.get(w.parcelId);
  if (!s) {
    await t.packs.keepWaybill(w.parcelId, w.waybill, now);
    return;
  }
  if (s.waybill && !opts.replace) return;
  await t.shipments.update(w.parcelId, {
    waybill: w.waybill,
    ...(s.state === 'waiting_waybill' ? { state: 'pending', nextAt: now } : {}),
  });
  await settlePack(t, s.packId, now);
}

/**
 * Packs still missing a part `timeoutMs` after their first one: each becomes a parts_missing
 * exception (once; shown to the admin and the station), logged as a warning. Returns how many.
 */
export async function flagOverdueParts(ctx: HubContext, timeoutMs: number): Promise<number> {
  const now = ctx.now();
  const raised = await ctx.store.tx(async (t) => {
    const out: HubException[] = [];
    for (const pack of await t.packs.waiting(now - timeoutMs, 100)) {
      // A pack an older hub left waiting may be complete already (its pack.completed came first).
      if (await settlePack(t, pack.packId, now)) continue;
      const parcels = (await t.shipments.forOrder(pack.orderId)).filter((s) => s.packId === pack.packId);
      const what = missing(pack, parcels) ?? 'not reportable';
      await t.packs.flagOverdue(pack.packId, now);
      const e = await t.exceptions.add({
        id: newId(now),
        orderId: pack.orderId,
        stationId: pack.stationId,
        kind: 'parts_missing',
        detail: `pack ${pack.packId} from ${pack.stationId}: ${what} after ${Math.round((now - pack.seenAt) / 1000)} s`,
        at: now,
      });
      if (e) out.push(e);
    }
    return out;
  });
  for (const e of raised)
    ctx.warn('shipment waits for a part that has not arrived', {
      orderId: e.orderId,
      stationId: e.stationId,
      detail: e.detail,
    });
  return raised.length;
}
