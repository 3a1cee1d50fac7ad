// Order intake for mini-program and official-account shops: the merchant's backend posts the order
// with its WeChat Pay keys (needed later for upload_shipping_info, spec §3.1).
import { z } from 'zod';
import type { HubContext } from '../context.js';
import { upsertOrder } from './orders.js';

export const intakeSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'the merchant order number (4–64 letters, digits, _ or -)'),
    channel: z.enum(['mini_program', 'official_account']),
    recipientName: z.string().min(1),
    recipientPhone: z.string().min(4),
    address: z
      .object({
        province: z.string().min(1),
        city: z.string().min(1),
        district: z.string().default(''),
        detail: z.string().min(1),
      })
      .strict(),
    remark: z.string().default(''),
    paidAt: z.number().int().nullable().default(null),
    lines: z
      .array(
        z.object({ sku: z.string().min(1), qty: z.number().int().min(1), priceFen: z.number().int().min(0) }).strict(),
      )
      .min(1),
    payment: z
      .object({
        appId: z.string().min(1),
        transactionId: z.string().nullable().default(null),
        mchid: z.string().nullable().default(null),
        outTradeNo: z.string().nullable().default(null),
        payerOpenid: z.string().min(1),
      })
      .strict()
      .refine(
        (p) => p.transactionId || (p.mchid && p.outTradeNo),
        'payment needs transactionId, or mchid and outTradeNo',
      ),
    cancelled: z.boolean().default(false),
  })
  .strict();
export type IntakeOrder = z.infer<typeof intakeSchema>;

export async function intakeOrder(
  ctx: HubContext,
  o: IntakeOrder,
): Promise<{ id: string; changed: boolean; version: number } | { error: string }> {
  return ctx.store.tx(async (t) => {
    const lines = [];
    for (const [i, l] of o.lines.entries()) {
      const p = await t.products.bySku(l.sku);
      if (!p) return { error: `lines[${i}].sku: expected a known product SKU, got "${l.sku}" (import products first)` };
      lines.push({ lineNo: i + 1, productId: p.id, sku: p.sku, title: p.title, qty: l.qty, priceFen: l.priceFen });
    }
    const now = ctx.now();
    const { changed, row } = await upsertOrder(
      t,
      {
        order: {
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
          flags: [],
          holdReason: null,
          valueFen: lines.reduce((n, l) => n + l.priceFen * l.qty, 0),
          paidAt: o.paidAt,
          updatedAt: now,
          lines,
        },
        source: 'intake',
        shopId: o.payment.appId,
        wechatLines: [],
        payment: o.payment,
      },
      now,
    );
    return { id: o.id, changed, version: row?.version ?? 1 };
  });
}
