// What the hub may change at the desk, inside one desk transaction (src/main/sync/pull.ts applies a
// pull through it). The sync engine decides what an upstream copy means (merge.ts); the desk applies
// it, so an order cancelled under the packer's hands is intercepted like any other (orders.ts).
import type { Order, Packer, Product } from '../../../contract/entities.js';
import type { RoutingTable } from '../../../contract/sync.js';
import { assignPendingWaybills } from '../labels/assign.js';
import { applySubWaybills } from '../labels/sub-waybills.js';
import type { SubWaybill } from '../../../contract/multi-parcel.js';
import { ROUTING_KEY } from './carrier.js';
import { cloneRuntime, notice, type DeskContext } from './context.js';
import { applyOrderUpdate } from './orders.js';

export interface Upstream {
  readonly stationId: string;
  now(): number;
  products(list: readonly Product[]): void;
  packers(list: readonly Packer[]): void;
  routing(table: RoutingTable): void;
  /** The station's copy of an order. */
  order(id: string): Order | undefined;
  /** Parcels of the order were already closed (their labels carry what the order said then). */
  hasParcels(orderId: string): boolean;
  /** The order of the pack open at this desk, if any. */
  packingOrderId(): string | null;
  /** Writes the merged order; a change to the order being packed intercepts the pack. */
  applyOrder(order: Order): void;
  /** Adds numbers to the pool; returns how many were new. */
  addWaybills(carrier: string, numbers: readonly string[]): number;
  /** Gives new numbers to parcels whose labels waited for one; returns how many labels were queued. */
  assignPending(carrier: string): number;
  /** The hub gave this desk's claim on the order away (lapsed and taken, or a supervisor's release). */
  claimLost(orderId: string): void;
  /** A 子母单's labels by parcel arrived with the order: child labels queued, renumbered ones reprinted. */
  subWaybills(orderId: string, subs: readonly SubWaybill[]): number;
  /**
   * Runs `fn` in a savepoint: when it throws, its writes and what it changed in the desk's memory
   * are undone alone, the rest of the transaction stands, and the error is rethrown. A pull applies
   * each row this way, so one row the station cannot store does not undo the page.
   */
  isolated<T>(fn: () => T): T;
}

export function upstreamOf(ctx: DeskContext): Upstream {
  const { stores } = ctx;
  return {
    stationId: ctx.stationId,
    now: () => ctx.clock.now(),
    products: (list) => stores.catalog.upsert(list),
    packers: (list) => stores.packers.upsert(list),
    routing: (table) => stores.desk.set(ROUTING_KEY, table),
    order: (id) => stores.orders.get(id),
    hasParcels: (orderId) => stores.orders.parceledItems(orderId).size > 0,
    packingOrderId: () => ctx.rt.pack?.order.id ?? null,
    applyOrder: (order) => applyOrderUpdate(ctx, order),
    addWaybills: (carrier, numbers) => stores.pool.add(carrier, numbers, ctx.clock.now()).added,
    assignPending: (carrier) => assignPendingWaybills(ctx, carrier),
    claimLost: (orderId) => notice(ctx, 'warn', 'claim_lost', { orderId }),
    subWaybills: (orderId, subs) => applySubWaybills(ctx, orderId, subs),
    isolated: (fn) => {
      const rt = cloneRuntime(ctx.rt);
      const effects = { print: [...ctx.effects.print], sounds: [...ctx.effects.sounds] };
      try {
        // Nested in the desk's transaction, better-sqlite3 makes this a SAVEPOINT.
        return ctx.db.transaction(fn)();
      } catch (err) {
        ctx.rt = rt;
        ctx.effects = effects;
        throw err;
      }
    },
  };
}
