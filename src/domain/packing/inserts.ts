// Inserts (赠品/插页): extra things a pack must carry — a gift card above an order amount, a manual
// with a SKU, a flyer for live-room orders. A rule table in the station config decides which; the
// packer confirms each by scanning it before the parcel is weighed. Pure: the desk keeps the state.
import type { Channel, Order } from '../../contract/entities.js';
import type { InsertView } from '../../contract/station.js';
import { barcodeKey } from '../barcode/gtin.js';
import type { NormalizedScan } from '../barcode/types.js';

export interface InsertRule {
  /** Code of the insert (GIFT-CARD); also what the pack remembers confirmations by. */
  id: string;
  title: string;
  /** The insert's own barcode; absent: the packer confirms it with CMD-OK. */
  barcode?: string | undefined;
  /** Conditions, all that are given must hold: any of these SKUs in the order… */
  skus?: string[] | undefined;
  /** …the order value (fen) at least this… */
  minValueFen?: number | undefined;
  /** …and the order came through one of these channels. */
  channels?: Channel[] | undefined;
  /** Grams the insert adds to the parcel's expected weight. */
  weightG?: number | undefined;
}

/** The inserts `order` gets, in rule order, none confirmed. A rule with no condition matches every order. */
export function insertsFor(
  rules: readonly InsertRule[],
  order: Pick<Order, 'lines' | 'valueFen' | 'channel'>,
): InsertView[] {
  const skus = new Set(order.lines.map((l) => l.sku.toUpperCase()));
  return rules
    .filter(
      (r) =>
        (r.skus === undefined || r.skus.some((s) => skus.has(s.toUpperCase()))) &&
        (r.minValueFen === undefined || order.valueFen >= r.minValueFen) &&
        (r.channels === undefined || r.channels.includes(order.channel)),
    )
    .map((r) => ({
      id: r.id,
      title: r.title,
      barcode: r.barcode ?? null,
      weightG: r.weightG ?? 0,
      confirmed: false,
      parcelNo: null,
    }));
}

/** The first unconfirmed insert whose barcode the scan carries (compared as product keys are). */
export function insertScanned(inserts: readonly InsertView[], scan: NormalizedScan): InsertView | null {
  const keys = new Set([scan.gtin14, scan.altGtin14, barcodeKey(scan.text)].filter((k) => k));
  return inserts.find((i) => !i.confirmed && i.barcode !== null && keys.has(barcodeKey(i.barcode))) ?? null;
}

/** True when `scan` is the barcode of one of the inserts, confirmed or not. */
export function isInsertCode(inserts: readonly InsertView[], scan: NormalizedScan): boolean {
  const keys = new Set([scan.gtin14, scan.altGtin14, barcodeKey(scan.text)].filter((k) => k));
  return inserts.some((i) => i.barcode !== null && keys.has(barcodeKey(i.barcode)));
}
