// Which carrier takes a parcel: the hub's routing table when this station has one (rules by
// category, declared value, destination and weight, with the rate table's cost), else the station
// config's per-category default.
import { route } from '../../../domain/routing.js';
import { chooseCarrier } from '../../../domain/packing/rules.js';
import type { Category } from '../../../contract/entities.js';
import type { RoutingTable } from '../../../contract/sync.js';
import type { DeskContext } from './context.js';

/** desk_state key the sync engine stores the hub's routing table under. */
export const ROUTING_KEY = 'routing';

export interface CarrierChoice {
  carrier: string;
  /** From the rate table; null without one. */
  costFen: number | null;
}

export function routingTable(ctx: DeskContext): RoutingTable | null {
  return ctx.stores.desk.get<RoutingTable>(ROUTING_KEY);
}

export function pickCarrier(
  ctx: DeskContext,
  input: { categories: Category[]; valueFen: number; province: string; weightG: number },
): CarrierChoice {
  const table = routingTable(ctx);
  if (table) {
    const r = route(table, input);
    return { carrier: r.carrier, costFen: r.costFen };
  }
  const rules = ctx.config.packing;
  return { carrier: chooseCarrier(input.categories, rules.packaging.priority, rules.carriers), costFen: null };
}

/** Display names: the routing table's, then the station config's. */
export function carrierNames(ctx: DeskContext): Record<string, string> {
  return { ...ctx.config.packing.carriers.names, ...(routingTable(ctx)?.carrierNames ?? {}) };
}

/** Every carrier this station may print for: configured ones and any the routing table uses. */
export function stationCarriers(ctx: DeskContext): string[] {
  const carriers = new Set(Object.keys(carrierNames(ctx)));
  const table = routingTable(ctx);
  if (table) {
    carriers.add(table.defaultCarrier);
    for (const r of table.rules) carriers.add(r.carrier);
  }
  return [...carriers].sort();
}

/**
 * A waybill the hub took for this order in advance (WeChat e-waybill shops): the first parcel
 * prints with it, so the number WeChat issued for the order is the one on the box.
 */
export function preassignedWaybill(ctx: DeskContext, orderId: string): { carrier: string; waybill: string } | null {
  const pre = ctx.stores.sync.preassigned(orderId);
  // Once a parcel carries it (a repack after a cancelled multi-parcel pack), the pool takes over.
  return pre && !ctx.stores.packs.waybillUsed(pre.waybill) ? pre : null;
}
