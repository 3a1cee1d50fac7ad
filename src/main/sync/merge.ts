// Merge rules for an upstream order copy against the station's own (DESIGN §3: conflicts become
// explicit exceptions, never silent overwrites). Pure: the caller reads the inputs and applies the
// result in its transaction.
//
//   * a copy whose version is not newer than the last applied one is ignored;
//   * the station owns `packing`, `packed` and a hold a packer put on the order;
//   * upstream `cancelled` always wins (at the desk, applyOrderUpdate intercepts the pack);
//   * upstream `open` never reopens a locally packing or packed order;
//   * upstream `shipped` marks a not-yet-packed order shipped; upstream `held` holds it;
//   * a new recipient, address or lines on a packed order keep what the label says and raise
//     `address_changed_after_label`.
import type { Order, OrderStatus } from '../../contract/entities.js';
import type { HubOrder } from '../../contract/sync.js';
import type { HubOrderState } from './store.js';

export interface MergeInput {
  incoming: HubOrder;
  /** The station's copy, if it has one. */
  local: Order | undefined;
  /** The last upstream copy applied here, if any. */
  known: HubOrderState | undefined;
  /** The order is open in a pack at this desk right now. */
  packingHere: boolean;
  /** Parcels of this order already closed (their labels carry the old address). */
  hasParcels: boolean;
}

export type MergeResult = { kind: 'stale' } | { kind: 'apply'; order: Order; labelConflict: string | null };

export function mergeOrder(m: MergeInput): MergeResult {
  const { incoming, local, known } = m;
  if (known && incoming.version <= known.version) return { kind: 'stale' };
  const upstream = toOrder(incoming);
  if (!local) return { kind: 'apply', order: upstream, labelConflict: null };

  const changed = labelFieldsChanged(local, upstream);
  const status = mergedStatus(m, local.status);
  const stationKeeps = status === local.status && stationOwned(m, local.status);
  const holdReason = stationKeeps ? local.holdReason : upstream.holdReason;

  if (local.status === 'packed' || local.status === 'shipped') {
    // The parcel on the shelf carries the printed label: keep what it says, tell the supervisor.
    const order: Order = { ...upstream, status, holdReason, ...labelFields(local) };
    const labelConflict = changed && status !== 'cancelled' ? conflictText(local, upstream, incoming.version) : null;
    return { kind: 'apply', order, labelConflict };
  }
  // Mid-pack the desk compares the new lines with the pack's and intercepts (applyOrderUpdate);
  // a parcel closed earlier in this pack already went out with the old address, though.
  const labelConflict =
    changed && m.hasParcels && status !== 'cancelled' ? conflictText(local, upstream, incoming.version) : null;
  return { kind: 'apply', order: { ...upstream, status, holdReason }, labelConflict };
}

function mergedStatus(m: MergeInput, local: OrderStatus): OrderStatus {
  const up = m.incoming.status;
  if (up === 'cancelled') return 'cancelled';
  if (local === 'packing') {
    // applyOrderUpdate turns an upstream hold on the pack's order into an intercept (and keeps the
    // pack's status on the row); anything else leaves the pack alone.
    return m.packingHere && up === 'held' ? 'held' : 'packing';
  }
  // The hub reported the shipment to WeChat: the desk shows the order as shipped (已发货).
  if (local === 'packed') return up === 'shipped' ? 'shipped' : 'packed';
  // Packed here and reported: nothing upstream short of a cancellation takes that back.
  if (local === 'shipped' && m.hasParcels) return 'shipped';
  if (up === 'shipped') return 'shipped';
  if (local === 'held' && stationOwned(m, local)) return 'held';
  return up;
}

/** A hold is the station's when the last upstream copy (if any) did not say held. */
function stationOwned(m: MergeInput, local: OrderStatus): boolean {
  if (local === 'packing' || local === 'packed') return true;
  return local === 'held' && m.known?.status !== 'held';
}

export function toOrder(h: HubOrder): Order {
  return {
    id: h.id,
    channel: h.channel,
    status: h.status,
    pickSlip: h.pickSlip,
    recipientName: h.recipientName,
    recipientPhone: h.recipientPhone,
    address: { ...h.address },
    remark: h.remark,
    ...(h.notes ? { notes: { ...h.notes } } : {}),
    ...(h.buyerId ? { buyerId: h.buyerId } : {}),
    flags: [...h.flags],
    holdReason: h.holdReason,
    valueFen: h.valueFen,
    paidAt: h.paidAt,
    updatedAt: h.updatedAt,
    lines: h.lines.map((l) => ({ ...l })),
  };
}

function labelFields(o: Order): Pick<Order, 'recipientName' | 'recipientPhone' | 'address' | 'lines'> {
  return {
    recipientName: o.recipientName,
    recipientPhone: o.recipientPhone,
    address: { ...o.address },
    lines: o.lines.map((l) => ({ ...l })),
  };
}

const addressKey = (o: Order) =>
  JSON.stringify([
    o.recipientName,
    o.recipientPhone,
    o.address.province,
    o.address.city,
    o.address.district,
    o.address.detail,
  ]);
const linesKey = (o: Order) =>
  o.lines
    .map((l) => `${l.productId}x${l.qty}`)
    .sort()
    .join(',');

function labelFieldsChanged(a: Order, b: Order): boolean {
  return addressKey(a) !== addressKey(b) || linesKey(a) !== linesKey(b);
}

function conflictText(local: Order, upstream: Order, version: number): string {
  const what = [
    addressKey(local) !== addressKey(upstream) ? 'recipient/address' : null,
    linesKey(local) !== linesKey(upstream) ? 'lines' : null,
  ]
    .filter(Boolean)
    .join(' and ');
  const to = upstream.address;
  return `upstream changed the ${what} (version ${version}) after the label was printed; now: ${upstream.recipientName} ${to.province}${to.city}${to.district}${to.detail}`;
}
