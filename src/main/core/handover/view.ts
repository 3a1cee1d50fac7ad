// What the desk's handover screen shows: the open batch (newest parcel first) and the last closed
// one with its missing list and print status. Null outside handover mode.
import type { HandoverView } from '../../../contract/handover.js';
import { localDayStart } from '../../../base/time.js';
import type { DeskContext } from '../packing/context.js';
import { HandoverStore } from '../store/handovers.js';
import { inHandoverMode } from './route.js';

/** The screen lists this many of the open batch's parcels; the count covers all of them. */
const SHOWN = 50;
const DAY_MS = 86_400_000;

export function handoverView(ctx: DeskContext): HandoverView | null {
  if (!inHandoverMode(ctx)) return null;
  const store = new HandoverStore(ctx.db);
  const open = store.open();
  const closed = store.lastClosed();
  let openView: HandoverView['open'] = null;
  if (open) {
    const scans = store.scans(open.batchId);
    let expected = 0;
    if (open.carrier) {
      const from = localDayStart(ctx.clock.now(), ctx.config.station.timezone);
      const own = store.packedBetween(open.carrier, from, from + DAY_MS);
      const remote = store.remoteDue(open.carrier, from, from + DAY_MS).waybills;
      const handedHere = store.handedOverBetween(open.carrier, from, from + DAY_MS);
      expected = new Set([...own, ...remote, ...handedHere]).size;
    }
    openView = {
      batchId: open.batchId,
      carrier: open.carrier,
      courier: open.courier,
      openedAt: open.openedAt,
      waybills: scans.slice(0, SHOWN).map((s) => ({ waybill: s.waybill, orderId: s.orderId, at: s.at })),
      count: scans.length,
      expected,
    };
  }
  return {
    open: openView,
    lastClosed:
      closed && closed.carrier !== null && closed.closedAt !== null
        ? {
            batchId: closed.batchId,
            carrier: closed.carrier,
            courier: closed.courier,
            closedAt: closed.closedAt,
            count: closed.slip?.count ?? 0,
            missing: closed.missing ?? [],
            missingFrom: closed.missingFrom ?? 'desk',
            print: closed.printError && closed.printStatus === 'queued' ? 'error' : (closed.printStatus ?? 'queued'),
            printError: closed.printError,
          }
        : null,
  };
}
