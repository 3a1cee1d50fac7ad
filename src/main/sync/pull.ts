// Applies one pull response: everything in it and the new cursor in ONE desk transaction, so a crash
// (or a thrown error) either keeps all of it or none — a response is never applied twice or skipped.
// The desk transaction also restores the desk's memory on failure and notifies the UI after commit.
import { newId } from '../../base/ids.js';
import type { PullResponse } from '../../contract/sync.js';
import type { Desk } from '../core/packing/desk.js';
import type { DeskContext } from '../core/packing/context.js';
import { applyOrderUpdate } from '../core/packing/orders.js';
import { assignPendingWaybills } from '../core/labels/assign.js';
import { mergeOrder } from './merge.js';
import type { SyncStore } from './store.js';
import { ROUTING_KEY, stationCarriers } from '../core/packing/carrier.js';

export interface PullSummary {
  cursor: number;
  orders: number;
  staleOrders: number;
  products: number;
  packers: number;
  routing: boolean;
  waybills: number;
  exceptions: number;
}

export function applyPull(desk: Desk, store: SyncStore, res: PullResponse, receivedAt: number): PullSummary {
  return desk.transact(
    (ctx) => {
      const alertBefore = ctx.rt.alert;
      const summary: PullSummary = {
        cursor: res.cursor,
        orders: 0,
        staleOrders: 0,
        products: res.products.length,
        packers: res.packers.length,
        routing: res.routing !== null,
        waybills: 0,
        exceptions: 0,
      };
      // Products first: order lines reference them.
      if (res.products.length > 0) ctx.stores.catalog.upsert(res.products);
      if (res.packers.length > 0) ctx.stores.packers.upsert(res.packers);
      if (res.routing) ctx.stores.desk.set(ROUTING_KEY, res.routing);
      for (const incoming of res.orders) {
        if (applyHubOrder(ctx, store, incoming, receivedAt)) summary.orders++;
        else summary.staleOrders++;
      }
      const carriers = new Set<string>();
      for (const batch of res.waybills) {
        if (store.batchApplied(batch.batchId)) continue;
        // INSERT OR IGNORE by (carrier, number): a number already in the pool is not added twice.
        const { added } = ctx.stores.pool.add(batch.carrier, batch.numbers, ctx.clock.now());
        store.recordBatch(batch.batchId, batch.carrier, batch.numbers.length, added, receivedAt);
        summary.waybills += added;
        carriers.add(batch.carrier);
      }
      // Parcels that waited for a number (label.pending) get one now, like a manual import.
      for (const carrier of carriers) assignPendingWaybills(ctx, carrier);
      for (const e of res.exceptions) store.addException(e, 'hub', receivedAt);
      summary.exceptions = res.exceptions.length;
      store.setCursor(res.cursor);
      // An order cancelled or changed under the packer's hands: the same sound as a scanned intercept.
      if (ctx.rt.alert !== alertBefore && ctx.rt.alert?.kind === 'intercept') ctx.effects.sounds.push('intercept');
      return summary;
    },
    false,
    (s) => s.orders + s.products + s.packers + s.waybills + s.exceptions > 0 || s.routing,
  );
}

/** Returns false for a stale copy (an older or equal version than the last one applied). */
function applyHubOrder(
  ctx: DeskContext,
  store: SyncStore,
  incoming: PullResponse['orders'][number],
  receivedAt: number,
): boolean {
  const local = ctx.stores.orders.get(incoming.id);
  const pack = ctx.rt.pack;
  const merged = mergeOrder({
    incoming,
    local,
    known: store.hubOrder(incoming.id),
    packingHere: pack?.order.id === incoming.id,
    hasParcels: local !== undefined && ctx.stores.orders.parceledItems(incoming.id).size > 0,
  });
  if (merged.kind === 'stale') return false;
  store.setHubOrder(incoming);
  applyOrderUpdate(ctx, merged.order);
  if (merged.labelConflict) {
    const exception = {
      id: newId(ctx.clock.now()),
      orderId: incoming.id,
      stationId: ctx.stationId,
      kind: 'address_changed_after_label' as const,
      detail: merged.labelConflict,
      at: ctx.clock.now(),
    };
    store.addException(exception, 'station', receivedAt);
  }
  return true;
}

/** Free numbers per carrier the station may print with (config carriers and routed ones), for `pool=`. */
export function poolCounts(ctx: DeskContext): Record<string, number> {
  return ctx.stores.pool.counts(stationCarriers(ctx));
}
