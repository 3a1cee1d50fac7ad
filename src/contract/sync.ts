// The hub ⇄ station sync wire format (HTTP, JSON, under /v1, bearer token per station).
//
//   GET  /v1/sync/hello                         → Hello
//   GET  /v1/sync/pull?cursor=N&wait=S&limit=L  → PullResponse   (long-poll: held up to S s when empty)
//   POST /v1/sync/events   PushRequest          → PushResponse   (applied idempotently by event id)
//   POST /v1/sync/claims   ClaimRequest         → ClaimResponse  (409 when another station holds it)
//
// Errors use the core envelope {code, message, retryable} with HTTP 400/401/404/409/5xx.
import { z } from 'zod';
import { CATEGORIES, CHANNELS, LAYOUTS, ORDER_FLAGS } from './entities.js';

export const SYNC_API_VERSION = 1;
export const MAX_PUSH_EVENTS = 500;
export const MAX_PULL_WAIT_S = 30;

const address = z.object({ province: z.string(), city: z.string(), district: z.string(), detail: z.string() });

const orderLine = z.object({
  lineNo: z.number().int().min(1),
  productId: z.number().int(),
  sku: z.string(),
  title: z.string(),
  qty: z.number().int().min(1),
  priceFen: z.number().int(),
});

/**
 * An order as the hub hands it to stations. `status` is the upstream view (open, held, cancelled,
 * shipped); `version` grows with every upstream change so a station can ignore stale copies.
 */
export const hubOrderSchema = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  status: z.enum(['open', 'held', 'cancelled', 'shipped']),
  pickSlip: z.string().nullable(),
  recipientName: z.string(),
  recipientPhone: z.string(),
  address,
  remark: z.string(),
  flags: z.array(z.enum(ORDER_FLAGS)),
  holdReason: z.string().nullable(),
  valueFen: z.number().int(),
  paidAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
  lines: z.array(orderLine),
  version: z.number().int().min(1),
  /** E-waybill shops: the hub took a number for the order's first parcel in advance. */
  preassigned: z.object({ carrier: z.string(), waybill: z.string() }).nullable(),
});
export type HubOrder = z.infer<typeof hubOrderSchema>;

export const productSchema = z.object({
  id: z.number().int(),
  sku: z.string(),
  title: z.string(),
  category: z.enum(CATEGORIES),
  unitWeightG: z.number().int().min(0),
  priceFen: z.number().int(),
  barcodes: z.array(z.string()),
  components: z.array(z.object({ productId: z.number().int(), qty: z.number().int().min(1) })),
});

export const packerSchema = z.object({
  id: z.string(),
  name: z.string(),
  badge: z.string(),
  role: z.enum(['packer', 'supervisor']),
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
] as const;
export const hubExceptionSchema = z.object({
  id: z.string(),
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

/** Outbox events as the station stores them (src/contract/events.ts), validated loosely on the wire. */
export const wireEventSchema = z.object({
  id: z.string().uuid(),
  type: z.string().min(1),
  at: z.number().int(),
  stationId: z.string(),
  packerId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export const pushRequestSchema = z.object({ events: z.array(wireEventSchema).min(1).max(MAX_PUSH_EVENTS) });
export const pushResponseSchema = z.object({
  /** Applied now or already applied before (a re-send): the station may mark them sent. */
  accepted: z.array(z.string()),
  /** Refused for good (unknown type, invalid payload): the station marks them and moves on. */
  rejected: z.array(z.object({ id: z.string(), reason: z.string() })),
  exceptions: z.array(hubExceptionSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const claimRequestSchema = z.object({ orderId: z.string(), packId: z.string() });
export const claimResponseSchema = z.object({
  ok: z.boolean(),
  /** When ok is false: who holds it. */
  heldBy: z.string().nullable(),
});
export type ClaimResponse = z.infer<typeof claimResponseSchema>;
