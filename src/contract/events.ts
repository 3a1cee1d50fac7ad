// Outbox events: the station's durable event log. Each is written in the same SQLite transaction as
// the state change it describes, carries a globally unique id, and is applied by the hub
// idempotently by that id. Statistics (stats module) are computed from these events alone.
//
// One zod schema per event type is the contract at both ends: the station's outbox validates an
// event before it appends it, the hub parses every pushed event with the same schema and rejects a
// bad one by itself. The TypeScript types are inferred from the schemas, so there is one source.
import { z } from 'zod';
import { CHANNELS, PACKER_ROLES } from './entities.js';
import { ALERT_CODES, SCAN_VERDICTS } from './station.js';

/** Event times (epoch ms): a clock outside these years is broken, and its times are not recorded. */
export const MIN_EVENT_AT = Date.UTC(2000, 0, 1);
export const MAX_EVENT_AT = Date.UTC(2100, 0, 1);
/** The heaviest parcel a packing bench weighs (grams); more is a misreading, not a parcel. */
export const MAX_PARCEL_G = 1_000_000;
/** A scanned code is at most this long (the serial scanner's line limit). */
export const MAX_SCAN_CODE = 4096;
/** The kinds of row a pull carries, as a quarantined one is named. */
export const QUARANTINE_KINDS = ['order', 'product', 'packer', 'routing', 'waybills', 'exception'] as const;
export type QuarantineKind = (typeof QUARANTINE_KINDS)[number];

const timestamp = z.number().int().min(MIN_EVENT_AT).max(MAX_EVENT_AT);
const id = z.string().min(1).max(128);
const packerId = z.string().min(1).max(64);
/** Reason codes (STOCK-SHORT, OTHER…) and other short words a packer or supervisor scanned. */
const reason = z.string().min(1).max(200);
const carrier = z.string().min(1).max(32);
const waybill = z.string().min(1).max(64);
const sku = z.string().max(128);
// z.number().int() accepts safe integers only (|n| < 2^53): counts stay exact in JSON and SQLite.
const count = z.number().int().nonnegative();
const parcelNo = z.number().int().min(1);
const productId = z.number().int().nonnegative();
const fen = z.number().int().nonnegative();
/** Scales may report fractions of a gram; expected weights and tolerances are whole grams. */
const grams = z.number().nonnegative().max(MAX_PARCEL_G);
const wholeGrams = z.number().int().nonnegative().max(MAX_PARCEL_G);

export const itemCountSchema = z.object({ productId, sku, qty: z.number().int().min(1) });
export type ItemCount = z.infer<typeof itemCountSchema>;

const weighed = z.object({
  packId: id,
  orderId: id,
  parcelNo,
  weightG: grams,
  expectedG: wholeGrams,
  toleranceG: wholeGrams,
});
export type WeightPayload = z.infer<typeof weighed>;

/** A stock location code at the desk (a shelf, a bay, "MAIN"). */
const stockLocation = z.string().min(1).max(32);
const stockSku = z.string().min(1).max(128);

/** The payload of each event type. A new type added here is known to the station and the hub. */
export const outboxPayloadSchemas = {
  'packer.login': z.object({ packerId, role: z.enum(PACKER_ROLES) }),
  'packer.logout': z.object({ packerId }),
  'order.intercepted': z.object({ orderId: id, reason: z.enum(ALERT_CODES), packId: id.nullable() }),
  'order.released': z.object({ orderId: id, supervisorId: packerId, was: z.enum(['flagged', 'held']) }),
  'order.held': z.object({ orderId: id, packId: id.nullable(), reason }),
  'alert.acknowledged': z.object({ code: z.enum(ALERT_CODES), orderId: id.nullable(), packId: id.nullable() }),
  'pack.started': z.object({
    packId: id,
    orderId: id,
    channel: z.enum(CHANNELS),
    units: count,
    lines: z.array(itemCountSchema),
    paidAt: timestamp.nullable(),
  }),
  'scan.recorded': z.object({
    scanId: count,
    packId: id.nullable(),
    orderId: id.nullable(),
    code: z.string().max(MAX_SCAN_CODE),
    verdict: z.enum(SCAN_VERDICTS),
    productId: productId.nullable(),
    qty: count,
    parcelNo: parcelNo.nullable(),
  }),
  'weight.exception': weighed,
  'weight.accepted': weighed.extend({
    override: z.object({ supervisorId: packerId, reason }).nullable(),
  }),
  'parcel.packed': z.object({
    parcelId: id,
    packId: id,
    orderId: id,
    parcelNo,
    carrier,
    waybill: waybill.nullable(),
    weightG: grams,
    packaging: z.string().min(1).max(64),
    valueFen: fen,
    /** Shipping cost from the routing table's rates (fen); null when the station has none. */
    costFen: fen.nullable(),
    items: z.array(itemCountSchema),
  }),
  'label.printed': z.object({
    labelId: id,
    parcelId: id,
    packId: id,
    orderId: id,
    waybill,
    /** A 补打 the packer asked for (a new label row); counted as a reprint in statistics. */
    reprint: z.boolean(),
    /**
     * The station was killed (or the link broke) while sending this label, so an earlier copy may be
     * out: this one was printed marked 补打 REPRINT. Not a packer's reprint. Absent = false.
     */
    uncertain: z.boolean().optional(),
    /**
     * Printed by WeChat's print component from the e-waybill's print_info (the component reported
     * success): the hub tells WeChat (order/print, re_print 1 for a reprint). Absent = Packdesk's own label.
     */
    printedBy: z.enum(['wechat_component']).optional(),
  }),
  'label.pending': z.object({ parcelId: id, orderId: id, carrier }),
  /** A parcel that waited for a number (label.pending) got one from the pool. */
  'parcel.waybill': z.object({ parcelId: id, orderId: id, carrier, waybill }),
  'pack.completed': z.object({
    packId: id,
    orderId: id,
    parcels: parcelNo,
    units: count,
    startedAt: timestamp,
    // By the wall clock, which may be stepped back while a pack is open: not bounded below.
    durationMs: z.number().int(),
  }),
  'pack.cancelled': z.object({
    packId: id,
    orderId: id,
    reason: z.enum(['command', 'order_cancelled', 'order_changed']),
  }),
  /**
   * A packing-video file (a parcel's clip or a still) was saved. Its SHA-256 is chained to the
   * previous file's (chainHash = sha256(prevHash + sha256 + name)), so the hub's copy of the chain
   * shows a file edited or removed at the station (README "Packing video", `packdesk video verify`).
   */
  'video.recorded': z.object({
    fileId: count,
    packId: id,
    orderId: id,
    waybill: waybill.nullable(),
    kind: z.enum(['clip', 'still']),
    cameraId: z.string().min(1).max(32),
    /** The file's name in the pack's folder (clip-top.mp4, still-3-scan-top.jpg). */
    name: z.string().min(1).max(128),
    bytes: count,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    chainHash: z.string().regex(/^[0-9a-f]{64}$/),
    startedAt: timestamp,
    endedAt: timestamp,
  }),
  /** A parcel's waybill scanned into a courier handover batch (交接) at the desk. */
  'handover.scanned': z.object({
    batchId: id,
    carrier,
    waybill,
    orderId: id.nullable(),
    parcelId: id.nullable(),
  }),
  /**
   * A handover batch closed (its 交接单 printed). `missing` = waybills packed for this carrier that
   * day and not scanned into any batch, as the desk knew them at closing.
   */
  'handover.closed': z.object({
    batchId: id,
    carrier,
    /** The courier's badge code or name; null when the carrier was chosen by command barcode. */
    courier: z.string().max(64).nullable(),
    openedAt: timestamp,
    count,
    waybills: z.array(waybill).max(5000),
    missing: z.array(waybill).max(5000),
  }),
  /**
   * Goods received at the desk (收货) against a location or a PO: the hub books one receipt movement
   * per line, keyed `<event id>:<line index>`, so a replayed event never receives twice.
   */
  'stock.received': z.object({
    receiptId: id,
    location: stockLocation,
    /** The PO or delivery note scanned, if any. */
    reference: z.string().max(64).nullable(),
    lines: z
      .array(z.object({ sku: stockSku, qty: z.number().int().min(1).max(100_000) }))
      .min(1)
      .max(500),
  }),
  /**
   * A count (盘点) of one location, approved by a supervisor's badge: the hub books the difference
   * (counted − on hand at that location when it applies the event) as an adjustment.
   */
  'stock.counted': z.object({
    countId: id,
    location: stockLocation,
    lines: z
      .array(z.object({ sku: stockSku, counted: z.number().int().min(0).max(1_000_000) }))
      .min(1)
      .max(2000),
    approvedBy: packerId,
    startedAt: timestamp,
  }),
  /** A returned parcel checked in (退货入库): good items go back to stock, damaged ones are written off. */
  'return.received': z.object({
    returnId: id,
    orderId: id.nullable(),
    waybill: waybill.nullable(),
    /** Where good units go back on the shelf (the station's stock.location); the hub's stock.location when absent. */
    location: stockLocation.optional(),
    lines: z
      .array(
        z.object({ sku: stockSku, qty: z.number().int().min(1).max(10_000), condition: z.enum(['good', 'damaged']) }),
      )
      .min(1)
      .max(500),
  }),
  /**
   * A row of a pull the station could not apply: it is quarantined there and the rest of the page
   * applied. The hub records it as a sync_quarantined exception under the same id.
   */
  'sync.quarantined': z.object({
    quarantineId: id,
    kind: z.enum(QUARANTINE_KINDS),
    /** The row's id (order id, product id…), or "?" when the row has none to read. */
    ref: z.string().min(1).max(128),
    reason: z.string().min(1).max(2000),
    /** The hub cursor of the page the row came in. */
    cursor: count,
  }),
};

export type OutboxType = keyof typeof outboxPayloadSchemas;
export type OutboxPayloads = { [T in OutboxType]: z.infer<(typeof outboxPayloadSchemas)[T]> };
export const OUTBOX_TYPES = Object.keys(outboxPayloadSchemas) as OutboxType[];

function eventSchema<T extends OutboxType>(type: T) {
  return z.object({
    id: z.uuid(),
    type: z.literal(type),
    at: timestamp,
    stationId: z.string().min(1).max(64),
    packerId: packerId.nullable(),
    payload: outboxPayloadSchemas[type],
  });
}
type EventSchemas = { [T in OutboxType]: ReturnType<typeof eventSchema<T>> };
type AnyEventSchema = EventSchemas[OutboxType];

const eventSchemas = Object.fromEntries(OUTBOX_TYPES.map((t) => [t, eventSchema(t)])) as EventSchemas;

/** Any outbox event, told apart by `type`; an unknown type fails at `type`, a bad field at its path. */
export const outboxEventSchema = z.discriminatedUnion(
  'type',
  Object.values(eventSchemas) as [AnyEventSchema, ...AnyEventSchema[]],
  { error: 'a known event type' },
);

export type OutboxEvent<T extends OutboxType = OutboxType> = z.infer<EventSchemas[T]>;

/** A discriminated union, handy for switch statements over events. */
export type AnyOutboxEvent = { [T in OutboxType]: OutboxEvent<T> }[OutboxType];
