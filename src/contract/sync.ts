// The hub ⇄ station sync wire format (HTTP, JSON, under /v1, bearer token per station).
//
//   GET  /v1/sync/hello                         → Hello
//   GET  /v1/sync/pull?cursor=N&wait=S&limit=L  → PullResponse   (long-poll: held up to S s when empty)
//   POST /v1/sync/events   PushRequest          → PushResponse   (applied idempotently by event id)
//   POST /v1/sync/claims   ClaimRequest         → ClaimResponse  (409 when another station holds it)
//
// Errors use the core envelope {code, message, retryable} with HTTP 400/401/404/409/5xx.
import { z } from 'zod';
import { CATEGORIES, CHANNELS, LAYOUTS, ORDER_FLAGS, PACKER_ROLES } from './entities.js';
import { MAX_EVENT_AT, MAX_PARCEL_G, MIN_EVENT_AT, type AnyOutboxEvent } from './events.js';

export const SYNC_API_VERSION = 1;
export const MAX_PUSH_EVENTS = 500;
export const MAX_PULL_WAIT_S = 30;

// Bounds of the rows the hub hands out. Every integer stays exact in JSON, in SQLite and in a sum of
// lines (qty × price of every line of the largest order stays below 2^53), and a row a station
// could not store is refused at the hub's door instead of stalling every desk's pull.
/** The most a unit may cost: ¥100,000,000. */
export const MAX_PRICE_FEN = 10_000_000_000;
export const MAX_LINE_QTY = 100_000;
export const MAX_ORDER_LINES = 1000;
/** An order's value; MAX_LINE_QTY × MAX_PRICE_FEN for one line, far below 2^53 ≈ 9.007e15. */
export const MAX_VALUE_FEN = 1_000_000_000_000_000;
export const MAX_BARCODES = 50;
export const MAX_COMPONENTS = 50;
/**
 * A SKU code: no spaces or list separators (CSV cells list skus with | ; , *), so the station's
 * lookup key (barcodeKey: trimmed, upper-cased) is the code itself upper-cased.
 */
export const SKU_PATTERN = /^[^\s|;*×,，；]{1,64}$/;
/** A barcode or alias as scanned: no spaces or control characters. */
export const BARCODE_PATTERN = /^[^\s\p{C}]{1,64}$/u;

const text = (max: number) => z.string().max(max);
const timestamp = z.number().int().min(MIN_EVENT_AT).max(MAX_EVENT_AT);
const rowId = z.number().int().min(1);
const address = z.object({ province: text(64), city: text(64), district: text(64), detail: text(500) });

const orderLine = z.object({
  lineNo: z
    .number()
    .int()
    .min(1)
    .max(MAX_ORDER_LINES * 10),
  /** 0: a WeChat line whose sku_code is not in the catalog (the order is held UNKNOWN-SKU). */
  productId: z.number().int().min(0),
  sku: text(128),
  title: text(500),
  qty: z.number().int().min(1).max(MAX_LINE_QTY),
  priceFen: z.number().int().min(0).max(MAX_PRICE_FEN),
  /** Stock at the hub when the line was reserved: the last unit(s) of the SKU, or not enough. */
  stockHint: z.enum(['last_unit', 'short']).optional(),
});

/** print_info seen so far is a few kB (base64 of a JSON label description); 64 kB leaves room. */
export const MAX_PRINT_INFO = 65_536;

/**
 * An order as the hub hands it to stations. `status` is the upstream view (open, held, cancelled,
 * shipped); `version` grows with every upstream change so a station can ignore stale copies.
 */
export const hubOrderSchema = z.object({
  id: z.string().min(1).max(128),
  channel: z.enum(CHANNELS),
  status: z.enum(['open', 'held', 'cancelled', 'shipped']),
  pickSlip: z.string().min(1).max(128).nullable(),
  recipientName: text(200),
  recipientPhone: text(64),
  address,
  remark: text(2000),
  flags: z.array(z.enum(ORDER_FLAGS)).max(ORDER_FLAGS.length),
  holdReason: text(2000).nullable(),
  valueFen: z.number().int().min(0).max(MAX_VALUE_FEN),
  paidAt: timestamp.nullable(),
  updatedAt: timestamp,
  lines: z.array(orderLine).max(MAX_ORDER_LINES),
  version: z.number().int().min(1),
  /** E-waybill shops: the hub took a number for the order's first parcel in advance. */
  /** Buyer, merchant and gift notes apart; absent from older hubs and from orders without any. */
  notes: z.object({ buyer: text(2000), merchant: text(2000), gift: text(2000) }).optional(),
  preassigned: z
    .object({
      carrier: z.string().min(1).max(32),
      waybill: z.string().min(1).max(64),
      /** WeChat's ewaybill_order_id (a uint64 in a string). */
      ewaybillOrderId: z.string().min(1).max(32).optional(),
      /**
       * WeChat's print_info for the print component (wechat-api-2.md §1.5), fetched in advance so a
       * desk offline from the hub still prints. Opaque; bounded so one order cannot bloat a pull.
       */
      printInfo: z.string().min(1).max(MAX_PRINT_INFO).optional(),
      /** The template it was fetched with ("single" or a template id, §1.4). */
      templateId: z.string().min(1).max(64).optional(),
    })
    .nullable(),
  /** Who bought (Channels openid, the mini-program payer): the desk offers to merge (合单) their open orders. */
  buyerId: z.string().min(1).max(128).nullable().optional(),
  /** A 子母单's labels by parcel (1 = parent), once WeChat issued the children (multi-parcel.ts). */
  subWaybills: z
    .array(
      z.object({
        parcelNo: z.number().int().min(1).max(301),
        waybill: z.string().min(1).max(64),
        /** WeChat's print_info for this label (print/get with sub_waybill_id), like preassigned.printInfo. */
        printInfo: z.string().min(1).max(MAX_PRINT_INFO).optional(),
      }),
    )
    .max(301)
    .optional(),
});
export type HubOrder = z.infer<typeof hubOrderSchema>;

/** A cached product photo: its bytes' sha256 (lower-case hex) and their image/* content type. */
export const productImageSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256'),
  contentType: z.string().regex(/^image\/[a-z0-9.+-]{1,40}$/, 'an image/* content type'),
});
export type ProductImage = z.infer<typeof productImageSchema>;

export const productSchema = z
  .object({
    id: rowId,
    sku: z.string().regex(SKU_PATTERN, 'a sku of up to 64 characters without spaces or | ; , *'),
    title: z.string().min(1).max(200),
    category: z.enum(CATEGORIES),
    unitWeightG: z.number().int().min(0).max(MAX_PARCEL_G),
    priceFen: z.number().int().min(0).max(MAX_PRICE_FEN),
    barcodes: z
      .array(z.string().regex(BARCODE_PATTERN, 'a barcode of up to 64 characters without spaces'))
      .max(MAX_BARCODES),
    components: z
      .array(z.object({ productId: rowId, qty: z.number().int().min(1).max(MAX_LINE_QTY) }))
      .max(MAX_COMPONENTS),
    /**
     * The product photo the hub cached (GET /v1/catalog/images/:sha256), never the source URL:
     * stations may not reach WeChat's CDN. Absent or null: no photo (payloads from before it parse).
     */
    image: productImageSchema.nullable().optional(),
  })
  .refine((p) => p.components.every((c) => c.productId !== p.id), {
    error: 'components other than the bundle itself',
    path: ['components'],
  });

export const packerSchema = z.object({
  id: z.string(),
  name: z.string(),
  badge: z.string(),
  role: z.enum(PACKER_ROLES),
});

/** Carrier routing (src/domain/routing.ts evaluates it); replaces the station's per-category table. */
export const routingRuleSchema = z.object({
  carrier: z.string(),
  categories: z.array(z.enum(CATEGORIES)).optional(),
  provinces: z.array(z.string()).optional(),
  minValueFen: z.number().int().optional(),
  maxValueFen: z.number().int().optional(),
  minWeightG: z.number().int().optional(),
  maxWeightG: z.number().int().optional(),
});
export const rateSchema = z.object({
  /** Zone name → first-weight price (fen, up to firstWeightG) and price per additional kg (fen). */
  zones: z.record(z.string(), z.object({ firstFen: z.number().int(), additionalPerKgFen: z.number().int() })),
  firstWeightG: z.number().int().min(1),
  /** Destination province → zone name; provinces not listed use `defaultZone`. */
  provinceZones: z.record(z.string(), z.string()),
  defaultZone: z.string(),
});
export const routingTableSchema = z.object({
  version: z.number().int(),
  rules: z.array(routingRuleSchema),
  defaultCarrier: z.string(),
  rates: z.record(z.string(), rateSchema),
  carrierNames: z.record(z.string(), z.string()),
});
export type RoutingTable = z.infer<typeof routingTableSchema>;
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const HUB_EXCEPTION_KINDS = [
  'cancelled_while_packed',
  'packed_twice',
  'address_changed_after_label',
  'claimed_elsewhere',
  'shipment_failed',
  /** A row of a pull the station could not apply: it is quarantined there, the rest of the page applied. */
  'sync_quarantined',
  /** A pack's parcels cannot be reported: pack.completed, a parcel or a waybill never reached the hub. */
  'parts_missing',
  /** A supervisor released the station's claim on the order at the hub. */
  'claim_released',
] as const;
/**
 * Told to the station that lost its claim on an order: taken by another station after it expired
 * (claimed_elsewhere) or released by a supervisor. The desk shows a claim_lost notice.
 */
export const CLAIM_LOST_KINDS: readonly HubException['kind'][] = ['claimed_elsewhere', 'claim_released'];
export const hubExceptionSchema = z.object({
  id: z.string(),
  /** The order it is about; a quarantined row that is not an order is named `<kind>:<ref>` (product:12). */
  orderId: z.string(),
  stationId: z.string().nullable(),
  kind: z.enum(HUB_EXCEPTION_KINDS),
  detail: z.string(),
  at: z.number().int(),
});
export type HubException = z.infer<typeof hubExceptionSchema>;

export const waybillBatchSchema = z.object({ batchId: z.string(), carrier: z.string(), numbers: z.array(z.string()) });

export const helloSchema = z.object({
  stationId: z.string(),
  layout: z.enum(LAYOUTS).nullable(),
  serverTime: z.number().int(),
  apiVersion: z.literal(SYNC_API_VERSION),
});
export type Hello = z.infer<typeof helloSchema>;

/**
 * What a station tells the hub about itself on every pull (query parameters `layout`, `queue`,
 * `pending`, `faults` = `role:state:detail;…`), for the supervisor's tiles and the layout history.
 */
export interface StationReport {
  layout: (typeof LAYOUTS)[number];
  /** When the station took that layout, by its own clock (its layout history). */
  layoutSince: number | null;
  queueDepth: number;
  pendingLabels: number;
  faults: { role: string; state: string; detail: string | null }[];
  /** Events the hub refused for good, kept in the station's dead letters; absent from older stations. */
  deadLetters?: number;
}

export function encodeFaults(faults: StationReport['faults']): string {
  return faults.map((f) => [f.role, f.state, f.detail ?? ''].map((x) => x.replace(/[;:]/g, ' ')).join(':')).join(';');
}

export function decodeFaults(text: string): StationReport['faults'] {
  return text
    .split(';')
    .filter(Boolean)
    .map((part) => {
      const [role = '', state = '', detail = ''] = part.split(':');
      return { role, state, detail: detail || null };
    });
}

/** Free waybill numbers per carrier, `SF:120,ZTO:80` on the wire. */
export function encodePool(pool: Record<string, number>): string {
  return Object.entries(pool)
    .map(([carrier, free]) => `${carrier}:${free}`)
    .join(',');
}

export function decodePool(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [carrier, n] = part.split(':');
    if (carrier && n !== undefined && /^\d{1,15}$/.test(n)) out[carrier] = Number(n);
  }
  return out;
}

export interface PullQuery {
  cursor: number;
  /** Seconds the hub may hold an empty answer (long-poll). */
  wait: number;
  limit: number;
  /** Free numbers per carrier, so the hub can top the pool up; absent: the hub does not. */
  pool: Record<string, number> | null;
  /** What the station keeps per carrier. */
  poolTarget: number | null;
  report: StationReport | null;
}

/** GET /v1/sync/pull's query string, as the station writes it. */
export function encodePullQuery(q: PullQuery): URLSearchParams {
  const out = new URLSearchParams({ cursor: String(q.cursor), wait: String(q.wait), limit: String(q.limit) });
  const pool = q.pool ? encodePool(q.pool) : '';
  if (pool) out.set('pool', pool);
  if (q.poolTarget !== null) out.set('poolTarget', String(q.poolTarget));
  if (q.report) {
    out.set('layout', q.report.layout);
    if (q.report.layoutSince !== null) out.set('layoutSince', String(q.report.layoutSince));
    out.set('queue', String(q.report.queueDepth));
    out.set('pending', String(q.report.pendingLabels));
    out.set('faults', encodeFaults(q.report.faults));
    if (q.report.deadLetters !== undefined) out.set('dead', String(q.report.deadLetters));
  }
  return out;
}

const wholeNumber = z
  .string()
  .regex(/^\d{1,15}$/, 'a whole number ≥ 0')
  .transform(Number);
/** The station's report: taken when it reads well, else ignored; it never makes a pull fail. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * GET /v1/sync/pull's query string, as the hub reads it (everything is text on the wire). Paging
 * must be right or the pull is refused; the pool and the report are hints and are dropped when not.
 */
export const pullQuerySchema = z
  .object({
    cursor: wholeNumber.default(0),
    wait: z
      .string()
      .regex(/^\d{1,6}(\.\d{1,3})?$/, `seconds 0–${MAX_PULL_WAIT_S}`)
      .transform(Number)
      .default(0),
    limit: wholeNumber.default(1000),
    pool: lenient(z.string().min(1).max(4000).transform(decodePool)),
    poolTarget: lenient(wholeNumber),
    layout: lenient(z.enum(LAYOUTS)),
    layoutSince: lenient(wholeNumber),
    queue: lenient(wholeNumber),
    pending: lenient(wholeNumber),
    faults: lenient(z.string().max(4000).transform(decodeFaults)),
    dead: lenient(wholeNumber),
  })
  .transform((q): PullQuery => ({
    cursor: q.cursor,
    wait: q.wait,
    limit: q.limit,
    pool: q.pool ?? null,
    poolTarget: q.poolTarget ?? null,
    report: q.layout
      ? {
          layout: q.layout,
          layoutSince: q.layoutSince ? q.layoutSince : null,
          queueDepth: q.queue ?? 0,
          pendingLabels: q.pending ?? 0,
          faults: q.faults ?? [],
          ...(q.dead === undefined ? {} : { deadLetters: q.dead }),
        }
      : null,
  }));

export const pullResponseSchema = z.object({
  /** Pass back as `cursor` next time; everything up to it has been handed out. */
  cursor: z.number().int().min(0),
  /** More changes are waiting beyond `limit`: pull again at once. */
  more: z.boolean(),
  orders: z.array(hubOrderSchema),
  products: z.array(productSchema),
  packers: z.array(packerSchema),
  routing: routingTableSchema.nullable(),
  waybills: z.array(waybillBatchSchema),
  exceptions: z.array(hubExceptionSchema),
  serverTime: z.number().int(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/**
 * A pull as the station reads it: the page itself must be right (cursor, more, lists) or the pull
 * is refused, but each row is checked by itself as it is applied (src/main/sync/pull.ts), so a row
 * out of contract is quarantined there instead of stalling the desk's pull for good.
 */
export const pullPageSchema = pullResponseSchema.extend({
  orders: z.array(z.unknown()),
  products: z.array(z.unknown()),
  packers: z.array(z.unknown()),
  routing: z.unknown(),
  waybills: z.array(z.unknown()),
  exceptions: z.array(z.unknown()),
});
export type PullPage = z.infer<typeof pullPageSchema>;

/**
 * A push batch. Each event is parsed by itself with outboxEventSchema (src/contract/events.ts), so a
 * bad event is answered as rejected with its reason while the rest of the batch applies; only an
 * event without an id to answer by makes the whole request a 400.
 */
export const pushRequestSchema = z.object({
  events: z
    .array(z.looseObject({ id: z.string().min(1).max(128) }))
    .min(1)
    .max(MAX_PUSH_EVENTS),
});
export interface PushRequest {
  events: AnyOutboxEvent[];
}
export const pushResponseSchema = z.object({
  /** Applied now or already applied before (a re-send): the station may mark them sent. */
  accepted: z.array(z.string()),
  /** Refused for good (unknown type, a field out of contract): the station dead-letters them and goes on. */
  rejected: z.array(z.object({ id: z.string(), reason: z.string() })),
  exceptions: z.array(hubExceptionSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const claimRequestSchema = z.object({ orderId: z.string().min(1).max(128), packId: z.string().min(1).max(128) });
export type ClaimRequest = z.infer<typeof claimRequestSchema>;
export const claimResponseSchema = z.object({
  ok: z.boolean(),
  /** When ok is false: who holds it. */
  heldBy: z.string().nullable(),
});
export type ClaimResponse = z.infer<typeof claimResponseSchema>;
