// Whether an order's needs can be reserved, all or nothing: a paid order either gets every unit it
// needs or none, so a short order does not lock units that a complete order could ship with.

export interface Shortage {
  sku: string;
  need: number;
  available: number;
}

export type ReserveDecision =
  | { ok: true; deltas: Map<string, number> }
  /** `releases`: units it holds and no longer needs go back even when the rest cannot be reserved. */
  | { ok: false; shortages: Shortage[]; releases: Map<string, number> };

/**
 * `needs`: units the order needs per SKU; `held`: what it has reserved already; `available`: what
 * the pool still has free. Only the difference is booked, so deciding again changes nothing.
 */
export function decideReservation(
  needs: ReadonlyMap<string, number>,
  held: ReadonlyMap<string, number>,
  available: (sku: string) => number,
): ReserveDecision {
  const deltas = new Map<string, number>();
  const shortages: Shortage[] = [];
  for (const [sku, need] of needs) {
    const more = need - (held.get(sku) ?? 0);
    if (more === 0) continue;
    const free = available(sku);
    if (more > 0 && free < more) shortages.push({ sku, need: more, available: Math.max(0, free) });
    deltas.set(sku, more);
  }
  // Reservations held for SKUs the order no longer has (a line removed) go back.
  for (const [sku, qty] of held) if (!needs.has(sku) && qty !== 0) deltas.set(sku, -qty);
  if (shortages.length === 0) return { ok: true, deltas };
  return { ok: false, shortages, releases: new Map([...deltas].filter(([, qty]) => qty < 0)) };
}

/** `last_unit` when the reservation took what was left of the SKU, `short` when it could not. */
export function stockHint(
  sku: string,
  decision: ReserveDecision,
  availableAfter: (sku: string) => number,
): 'last_unit' | 'short' | undefined {
  if (!decision.ok) return decision.shortages.some((s) => s.sku === sku) ? 'short' : undefined;
  return (decision.deltas.get(sku) ?? 0) > 0 && availableAfter(sku) === 0 ? 'last_unit' : undefined;
}
