// Courier handover (交接): the desk mode's barcodes, its alerts and notices, and what the desk shows.
// No zod here: the renderer imports it (the hub's wire answers are in handover-wire.ts).

/**
 * Handover commands: HND-START enters handover mode, HND-EXIT goes back to packing, HND-CLOSE closes
 * the batch (prints the 交接单), HND-CARRIER-SF chooses the carrier when the courier has no badge.
 */
export const HANDOVER_PREFIX = 'HND-';
export const HANDOVER_START = 'HND-START';
export const HANDOVER_EXIT = 'HND-EXIT';
export const HANDOVER_CLOSE = 'HND-CLOSE';
export const CARRIER_CODE_PREFIX = 'HND-CARRIER-';

export function carrierCode(carrier: string): string {
  return `${CARRIER_CODE_PREFIX}${carrier.toUpperCase()}`;
}

export type HandoverCommand =
  { name: 'start' } | { name: 'exit' } | { name: 'close' } | { name: 'carrier'; carrier: string } | { name: 'invalid' };

export function parseHandoverCommand(code: string): HandoverCommand | null {
  const upper = code.toUpperCase();
  if (!upper.startsWith(HANDOVER_PREFIX)) return null;
  if (upper === HANDOVER_START) return { name: 'start' };
  if (upper === HANDOVER_EXIT) return { name: 'exit' };
  if (upper === HANDOVER_CLOSE) return { name: 'close' };
  if (upper.startsWith(CARRIER_CODE_PREFIX)) {
    const carrier = upper.slice(CARRIER_CODE_PREFIX.length);
    return /^[A-Z0-9]{1,32}$/.test(carrier) ? { name: 'carrier', carrier } : { name: 'invalid' };
  }
  return { name: 'invalid' };
}

/** A waybill scanned in handover mode and refused: a red alert, cleared by CMD-ACK (the parcel stays). */
export const HANDOVER_ALERTS = [
  /** No carrier yet: scan the courier's badge or a carrier barcode first. */
  'handover_no_carrier',
  'handover_wrong_carrier',
  /** In this batch, an earlier one at this desk, or (the hub says) at another desk. */
  'handover_already_handed_over',
  /** The order was cancelled or intercepted after packing: the parcel must not leave. */
  'handover_intercepted',
  'handover_unknown_waybill',
] as const;
export type HandoverAlertCode = (typeof HANDOVER_ALERTS)[number];

export interface HandoverAlertParams {
  handover_no_carrier: { waybill: string };
  /** carrier: the batch's; parcelCarrier: the parcel's. */
  handover_wrong_carrier: { waybill: string; carrier: string; parcelCarrier: string };
  /** batchId of the earlier handover, station: where (this desk's id for its own). */
  handover_already_handed_over: { waybill: string; batchId: string; station: string; at: number };
  /** reason: order_cancelled | cancelled_while_packed | packed_twice | held | conflict. */
  handover_intercepted: { waybill: string; orderId: string; reason: string };
  handover_unknown_waybill: { waybill: string; carrier: string };
}

export const HANDOVER_NOTICE_CODES = [
  'handover_mode',
  'handover_mode_left',
  'handover_carrier',
  'handover_scanned',
  'handover_closed',
  'handover_close_first',
  'handover_nothing_to_close',
  'handover_unknown_carrier',
] as const;

export interface HandoverNoticeParams {
  handover_mode: Record<string, never>;
  handover_mode_left: Record<string, never>;
  /** courier: the badge code, '' when chosen by a carrier barcode. */
  handover_carrier: { carrier: string; courier: string };
  handover_scanned: { waybill: string; count: number };
  handover_closed: { carrier: string; count: number; missing: number };
  /** A batch with parcels is open: close it (HND-CLOSE) before leaving or changing the carrier. */
  handover_close_first: { count: number };
  handover_nothing_to_close: Record<string, never>;
  handover_unknown_carrier: { carrier: string };
}

/** Scan verdicts of handover mode (scan.recorded): neither is a packer's packing error. */
export const HANDOVER_VERDICTS = ['handover_scanned', 'handover_refused'] as const;

/** The open batch and the last closed one, as the desk's handover screen shows them. */
export interface HandoverView {
  open: {
    batchId: string;
    carrier: string | null;
    courier: string | null;
    openedAt: number;
    /** Newest first. */
    waybills: { waybill: string; orderId: string | null; at: number }[];
    count: number;
    /** Parcels this desk knows were packed for the carrier today (the batch's target). */
    expected: number;
  } | null;
  lastClosed: {
    batchId: string;
    carrier: string;
    courier: string | null;
    closedAt: number;
    count: number;
    missing: string[];
    /** hub: every desk's parcels (the hub answered); desk: this desk's own (offline). */
    missingFrom: 'hub' | 'desk';
    print: 'queued' | 'printed' | 'uncertain' | 'error';
    printError: string | null;
  } | null;
}
