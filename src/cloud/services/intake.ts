// Order intake for mini-program and official-account shops: the merchant's backend posts the order
// with its WeChat Pay keys (needed later for upload_shipping_info, spec §3.1). An order posted with
// status "unpaid" only reserves stock (services/stock-unpaid.ts) and reaches the desks once paid.
import { z } from 'zod';
import { MAX_EVENT_AT, MIN_EVENT_AT } from '../../contract/events.js';
import { hubOrderSchema, MAX_LINE_QTY, MAX_ORDER_LINES, MAX_PRICE_FEN, MAX_VALUE_FEN } from '../../contract/sync.js';
import { fieldProblems } from '../../contract/validation.js';
import type { Product } from '../../contract/entities.js';
import type { HubContext } from '../context.js';
import type { HubTx } from '../store/types.js';
import { upsertOrder, type IncomingOrder } from './orders.js';
import { holdUnpaidOrder } from './stock-unpaid.js';

export const intakeSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'the merchant order number (4–64 letters, digits, _ or -)'),
    channel: z.enum(['mini_program', 'official_account']),
    recipientName: z.string().min(1).max(200),
    recipientPhone: z.string().min(4).max(64),
    address: z
      .object({
        province: z.string().min(1).max(64),
        city: z.string().min(1).max(64),
        district: z.string().max(64).default(''),
        detail: z.string().min(1).max(500),
      })
      .strict(),
    remark: z.string().max(2000).default(''),
    /** The buyer's note (买家备注), when it is not already the remark. */
    note: z.string().max(2000).optional(),
    /** 商家备注: shown to the packer, never printed on the label. */
    merchantNote: z.string().max(2000).optional(),
    /** 礼物留言 of a gift order. */
    giftNote: z.string().max(2000).optional(),
    paidAt: z.number().int().min(MIN_EVENT_AT).max(MAX_EVENT_AT).nullable().default(null),
    lines: z
      .array(
        z
          .object({
            sku: z.string().min(1).max(128),
            qty: z.number().int().min(1).max(MAX_LINE_QTY),
            priceFen: z.number().int().min(0).max(MAX_PRICE_FEN),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_ORDER_LINES)
      // Each line is exact; their sum must be too (and fit the contract's order value).
      .refine((lines) => lines.reduce((n, l) => n + l.qty * l.priceFen, 0) <= MAX_VALUE_FEN, {
        error: `a total of Σ qty × priceFen ≤ ${MAX_VALUE_FEN} fen`,
      }),
    payment: z
      .object({
        appId: z.string().min(1),
        transactionId: z.string().nullable().default(null),
        mchid: z.string().nullable().default(null),
        outTradeNo: z.string().nullable().default(null),
        payerOpenid: z.string().min(1),
        /** A combined payment (合单支付): its mchid and out_trade_no, and the ids of every order it paid. */
        combined: z
          .object({
            mchid: z.string().min(1),
            outTradeNo: z.string().min(1),
            orderIds: z.array(z.string().min(1)).min(2).max(50),
          })
          .strict()
          .nullable()
          .default(null),
      })
      .strict()
      .refine(
        (p) => p.transactionId || (p.mchid && p.outTradeNo),
        'payment needs transactionId, or mchid and outTradeNo',
      ),
    cancelled: z.boolean().default(false),
    /**
     * unpaid: reserve its stock for stock.unpaidReleaseMin, do not send it to the desks yet; post it
     * again as paid to go ahead. Absent: paid (as every order was before there was a choice).
     */
    status: z.enum(['paid', 'unpaid']).default('paid'),
    /** The stock channel it sells from (an id in stock.channels), when not the payment's app. */
    stockChannel: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .optional(),
  })
  .strict();
export type IntakeOrder = z.infer<typeof intakeSchema>;

export type IntakeAnswer =
  | { id: string; changed: boolean; version: number }
  | { id: string; unpaid: true; reservedUntil: number | null }
  | { error: string };

export async function intakeOrder(ctx: HubContext, o: IntakeOrder): Promise<IntakeAnswer> {
  return intakeConfigProblem(ctx, o) ?? ctx.store.tx((t) => applyIntake(ctx, t, o));
}

/** What the hub's configuration refuses before any unit of work (the stock channel must be one it knows). */
export function intakeConfigProblem(ctx: HubContext, o: IntakeOrder): { error: string } | undefined {
  const channels = ctx.config.stock.channels.map((c) => c.id);
  if (o.stockChannel !== undefined && !channels.includes(o.stockChannel))
    return {
      error: `stockChannel: expected one of the hub's stock.channels (${channels.join(', ') || 'none configured'}), got "${o.stockChannel}"`,
    };
  return undefined;
}

/**
 * One order's intake inside a unit of work the caller runs, so several orders can share one
 * (services/intake-batcher.ts). Call intakeConfigProblem first.
 */
export async function applyIntake(ctx: HubContext, t: HubTx, o: IntakeOrder): Promise<IntakeAnswer> {
  const products = new Map<string, Product>();
  for (const l of o.lines) {
    const p = await t.products.bySku(l.sku);
    if (!p) break;
    products.set(l.sku, p);
  }
  const now = ctx.now();
  const incoming = intakeIncoming(o, products, now);
  if ('error' in incoming) return incoming;
  const stock = { config: ctx.config.stock, stockChannel: o.stockChannel };
  if (o.status === 'unpaid') return holdUnpaidOrder(t, incoming, stock, now);
  const { changed, row } = await upsertOrder(t, incoming, now, stock);
  return { id: o.id, changed, version: row?.version ?? 1 };
}

/**
 * The order as the hub stores it, checked as the stations will read it; `products` by SKU (a line
 * whose SKU is missing is refused). No unit of work: a batch builds all its orders from one look-up.
 */
export function intakeIncoming(
  o: IntakeOrder,
  products: ReadonlyMap<string, Product>,
  now: number,
): IncomingOrder | { error: string } {
  const lines = [];
  for (const [i, l] of o.lines.entries()) {
    const p = products.get(l.sku);
    if (!p) return { error: `lines[${i}].sku: expected a known product SKU, got "${l.sku}" (import products first)` };
    lines.push({ lineNo: i + 1, productId: p.id, sku: p.sku, title: p.title, qty: l.qty, priceFen: l.priceFen });
  }
  const order: IncomingOrder['order'] = {
    id: o.id,
    channel: o.channel,
    status: o.cancelled ? 'cancelled' : 'open',
    pickSlip: null,
    recipientName: o.recipientName,
    recipientPhone: o.recipientPhone,
    address: {
      province: o.address.province,
      city: o.address.city,
      district: o.address.district,
      detail: o.address.detail,
    },
    remark: o.remark,
    ...intakeNotes(o),
    // The payer: orders of one buyer and address may be packed together (合单).
    buyerId: o.payment.payerOpenid,
    flags: [],
    holdReason: null,
    valueFen: lines.reduce((n, l) => n + l.priceFen * l.qty, 0),
    paidAt: o.paidAt,
    updatedAt: now,
    lines,
  };
  // What stations will read: refused here rather than stored and stalling their pulls.
  const checked = hubOrderSchema.safeParse({ ...order, version: 1, preassigned: null });
  if (!checked.success)
    return {
      error: fieldProblems(checked.error, order)
        .map((p) => `order.${p.message}`)
        .join('; '),
    };
  return { order, source: 'intake', shopId: o.payment.appId, wechatLines: [], payment: o.payment };
}

/**
 * Notes apart for the desk when the merchant sent any of note, merchantNote, giftNote (`note`, else
 * the remark, is the buyer's); an order posted without them is stored exactly as before.
 */
export function intakeNotes(o: Pick<IntakeOrder, 'remark' | 'note' | 'merchantNote' | 'giftNote'>): {
  notes?: { buyer: string; merchant: string; gift: string };
} {
  if (o.note === undefined && o.merchantNote === undefined && o.giftNote === undefined) return {};
  const notes = {
    buyer: (o.note ?? o.remark).trim(),
    merchant: (o.merchantNote ?? '').trim(),
    gift: (o.giftNote ?? '').trim(),
  };
  return notes.buyer || notes.merchant || notes.gift ? { notes } : {};
}
