// HND-CLOSE: the batch is closed in one transaction with its handover.closed event and its 交接单
// (queued for the printer, printed after commit). Missing = parcels packed for the carrier today and
// not handed over: every desk's when the hub answered recently, else this desk's own.
import { localDateTime, localDayStart } from '../../../base/time.js';
import type { HandoverSlip } from '../../../domain/handover/slip.js';
import { notice, packerId, type DeskContext, type Outcome } from '../packing/context.js';
import type { HandoverBatch, HandoverStore } from '../store/handovers.js';
import { checkWaybill } from './checks.js';

/** The hub's list of the carrier's parcels counts as current for this long after it was fetched. */
export const REMOTE_FRESH_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
/** The pinned event carries at most this many waybills per list. */
export const MAX_LIST = 5000;

/** Waybills packed for `carrier` on the day of `at` (station time zone) that no batch took. */
export function missingParcels(
  ctx: DeskContext,
  store: HandoverStore,
  carrier: string,
  at: number,
): { missing: string[]; from: 'hub' | 'desk' } {
  const from = localDayStart(at, ctx.config.station.timezone);
  const own = store.packedBetween(carrier, from, from + DAY_MS);
  const remote = store.remoteDue(carrier, from, from + DAY_MS);
  const fresh = remote.fetchedAt !== null && at - remote.fetchedAt <= REMOTE_FRESH_MS;
  const candidates = new Set([...own, ...(fresh ? remote.waybills : [])]);
  // Handed over already, or stopped (cancelled after packing): not missing, the parcel is not due to leave.
  const missing = [...candidates].filter((w) => checkWaybill(store, ctx.stationId, carrier, w).ok);
  return { missing: missing.sort(), from: fresh ? 'hub' : 'desk' };
}

function slipOf(
  ctx: DeskContext,
  batch: HandoverBatch,
  carrier: string,
  waybills: string[],
  missing: number,
  at: number,
): HandoverSlip {
  const cfg = ctx.config;
  const tz = cfg.station.timezone;
  const packer = ctx.rt.packer;
  return {
    batchId: batch.batchId,
    title: cfg.handover.title,
    station: { id: ctx.stationId, name: cfg.station.name ?? ctx.stationId },
    carrier,
    carrierName: cfg.packing.carriers.names[carrier] ?? carrier,
    courier: batch.courier,
    packer: packer ? { id: packer.id, name: packer.name } : null,
    openedText: localDateTime(batch.openedAt, tz),
    closedText: localDateTime(at, tz),
    count: waybills.length,
    waybills,
    missing,
  };
}

export function closeBatch(ctx: DeskContext, store: HandoverStore): Outcome {
  const open = store.open();
  const scans = open ? store.scans(open.batchId) : [];
  if (!open?.carrier || scans.length === 0) {
    notice(ctx, 'warn', 'handover_nothing_to_close');
    return { verdict: 'command_rejected', sound: 'error', detail: 'HND-CLOSE' };
  }
  const at = ctx.clock.now();
  const carrier = open.carrier;
  const waybills = scans.map((s) => s.waybill).reverse(); // in scan order
  const { missing: all, from } = missingParcels(ctx, store, carrier, at);
  const missing = all.slice(0, MAX_LIST);
  store.close(open.batchId, at, missing, from, slipOf(ctx, open, carrier, waybills, missing.length, at));
  ctx.stores.outbox.append(
    'handover.closed',
    {
      batchId: open.batchId,
      carrier,
      courier: open.courier,
      openedAt: open.openedAt,
      count: waybills.length,
      waybills,
      missing,
    },
    packerId(ctx),
    at,
  );
  notice(ctx, missing.length > 0 ? 'warn' : 'success', 'handover_closed', {
    carrier,
    count: waybills.length,
    missing: missing.length,
  });
  return { verdict: 'command', sound: missing.length > 0 ? 'error' : 'done', detail: 'HND-CLOSE' };
}
