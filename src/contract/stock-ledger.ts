// The stock ledger on the wire (hub HTTP, README "Stock"): movements, levels, alerts, and the admin
// requests that book movements, release short orders, define bundles and import stock CSV files.
import { z } from 'zod';

export const STOCK_MOVEMENT_KINDS = [
  'receipt',
  'reserve',
  'release',
  'ship',
  'return_good',
  'return_damaged',
  'adjust',
  'transfer',
] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/** The shared pool every channel sells from, unless a channel has a dedicated pool of its own. */
export const SHARED_POOL = 'shared';

/** The reason a paid order waits when its stock cannot be reserved. */
export const STOCK_SHORT_REASON = 'RSN-STOCK-SHORT';

const sku = z.string().min(1).max(128);
const location = z.string().min(1).max(32);
const key = z.string().min(1).max(256);

export const stockMovementSchema = z.object({
  /** Position in the ledger: `before` of the movements list pages by it. */
  seq: z.number().int().min(1),
  id: z.string().min(1),
  /** The cause (order line, parcel, event line, import line): a cause moves stock once. */
  key,
  sku,
  location,
  pool: z.string().min(1).max(32),
  kind: z.enum(STOCK_MOVEMENT_KINDS),
  /** Signed: + into on hand (receipt) or reserved (reserve), − out of it. */
  qty: z.number().int(),
  channel: z.string().nullable(),
  orderId: z.string().nullable(),
  ref: z.string().nullable(),
  at: z.number().int(),
  by: z.string().nullable(),
});
export type StockMovement = z.infer<typeof stockMovementSchema>;

export const stockLevelSchema = z.object({
  sku,
  name: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  /** Available units in each dedicated channel pool; the shared pool has the rest. */
  pools: z.record(z.string(), z.number().int()),
});
export const stockLevelsResponse = z.object({ items: z.array(stockLevelSchema) });
export type StockLevelItem = z.infer<typeof stockLevelSchema>;

export const stockMovementsResponse = z.object({
  items: z.array(stockMovementSchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  next: z.number().int().nullable(),
});

export const STOCK_ALERT_KINDS = ['short', 'low', 'oversold', 'negative'] as const;
export const stockAlertSchema = z.object({
  kind: z.enum(STOCK_ALERT_KINDS),
  sku,
  detail: z.string(),
  at: z.number().int(),
  orderIds: z.array(z.string()).optional(),
});
export type StockAlert = z.infer<typeof stockAlertSchema>;
export const stockAlertsResponse = z.object({ items: z.array(stockAlertSchema) });

/** POST /v1/admin/stock/movements: a movement booked by hand (idempotent by `key`). */
export const stockMovementRequest = z
  .object({
    kind: z.enum(['receipt', 'adjust', 'transfer', 'return_good', 'return_damaged']),
    sku,
    /** receipt, return_*, transfer: ≥ 1; adjust: signed, not 0. */
    qty: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((q) => q !== 0, 'a quantity other than 0'),
    location: location.optional(),
    /** transfer: the pool the units go to ("shared" or a channel id with a dedicated pool). */
    toPool: z.string().min(1).max(32).optional(),
    /** transfer: the location they go to (the same location when absent). */
    toLocation: location.optional(),
    /** transfer: the pool they come from ("shared" when absent). */
    fromPool: z.string().min(1).max(32).optional(),
    ref: z.string().max(200).optional(),
    key: key,
  })
  .strict()
  .refine((m) => m.kind === 'adjust' || m.qty > 0, { error: 'expected ≥ 1 for this kind', path: ['qty'] })
  .refine((m) => m.kind !== 'transfer' || m.toPool !== undefined || m.toLocation !== undefined, {
    error: 'a transfer needs toPool or toLocation',
    path: ['toPool'],
  });
export type StockMovementRequest = z.infer<typeof stockMovementRequest>;

/** The most movements one batch request books (one unit of work at the hub). */
export const MAX_MOVEMENT_BATCH = 500;
/** POST /v1/admin/stock/movements with `movements`: a batch booked in one unit of work, in order. */
export const stockMovementBatchRequest = z
  .object({ movements: z.array(stockMovementRequest).min(1).max(MAX_MOVEMENT_BATCH) })
  .strict()
  .refine((b) => new Set(b.movements.map((m) => m.key)).size === b.movements.length, {
    error: 'a different key for every movement of the batch',
    path: ['movements'],
  });
export const stockMovementBatchResponse = z.object({
  items: z.array(
    z.union([
      z.object({ key: z.string(), ok: z.literal(true), booked: z.boolean() }),
      z.object({ key: z.string(), ok: z.literal(false), status: z.number().int(), message: z.string() }),
    ]),
  ),
});

export const bundleRequest = z
  .object({
    components: z
      .array(z.object({ sku, qty: z.number().int().min(1).max(1000) }).strict())
      .min(1)
      .max(50),
  })
  .strict();
export const bundlesResponse = z.object({
  items: z.array(z.object({ sku, components: z.array(z.object({ sku, qty: z.number().int() })) })),
});

export const STOCK_IMPORT_MODES = ['opening', 'receipt'] as const;
export const stockImportRequest = z
  .object({
    csvBase64: z.string().min(1),
    mode: z.enum(STOCK_IMPORT_MODES).default('receipt'),
    mapping: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** GET /v1/stock/movements query: filters, newest first, `before` a ledger position from `next`. */
export const stockMovementsQuery = z
  .object({
    sku: sku.optional(),
    kind: z.enum(STOCK_MOVEMENT_KINDS).optional(),
    orderId: z.string().min(1).max(128).optional(),
    location: location.optional(),
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

/** GET /v1/stock query: one SKU (and its bundle components' figures) or every SKU, at one location or all. */
export const stockLevelsQuery = z.object({ sku: sku.optional(), location: location.optional() }).strict();
