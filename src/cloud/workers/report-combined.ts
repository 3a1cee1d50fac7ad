// Report-back for a mini-program combined payment (合单支付): its orders ship in one
// upload_combined_shipping_info, since a payment's shipping may be uploaded only once. One order of
// the payment leads (the smallest id): it waits until every order of the payment is packed with a
// waybill, sends for all of them and settles the others; the rest wait for it and are then done.
import { uploadCombinedShipping, type CombinedSubOrder } from '../wechat/miniprogram-combined.js';
import { outcomeForError, resolveOptions, type ReportOptions, type ReportOutcome } from '../wechat/report-common.js';
import type { WechatCaller } from '../wechat/index.js';
import type { HubContext } from '../context.js';
import type { HubOrderRow, PaymentRef, ShipmentRow } from '../store/types.js';

const WAIT_MS = 1_000;

interface Member {
  order: HubOrderRow;
  parcels: ShipmentRow[];
}

const ready = (m: Member) =>
  m.parcels.length > 0 && m.parcels.every((p) => p.waybill && !['packing', 'waiting_waybill'].includes(p.state));
const shipped = (m: Member) => m.parcels.length > 0 && m.parcels.every((p) => p.state === 'done');

export function orderKeyOf(p: PaymentRef) {
  return p.transactionId
    ? { kind: 'transaction' as const, transactionId: p.transactionId }
    : { kind: 'merchant' as const, mchid: p.mchid ?? '', outTradeNo: p.outTradeNo ?? '' };
}

export async function reportCombinedPayment(
  ctx: HubContext,
  app: WechatCaller,
  order: HubOrderRow,
  attempt: number,
  options: ReportOptions,
): Promise<ReportOutcome> {
  const combined = order.payment?.combined;
  if (!order.payment || !combined) throw new Error(`order ${order.id} has no combined payment`);
  const ids = [...new Set([order.id, ...combined.orderIds])].sort();
  const now = ctx.now();
  const members = await ctx.store.tx(async (t) => {
    const out: Member[] = [];
    for (const id of ids) {
      const o = await t.orders.get(id);
      if (o) out.push({ order: o, parcels: await t.shipments.forOrder(id) });
    }
    return out;
  });
  const leader = ids[0];
  if (order.id !== leader) {
    const lead = members.find((m) => m.order.id === leader);
    if (lead && shipped(lead))
      return { kind: 'done', verified: false, note: `uploaded with order ${leader} (combined payment)` };
    return {
      kind: 'stop_until',
      untilMs: now + WAIT_MS,
      reason: `shipped with order ${leader} of the combined payment`,
    };
  }
  const waiting = ids.filter((id) => !members.some((m) => m.order.id === id && (ready(m) || shipped(m))));
  if (waiting.length > 0)
    return {
      kind: 'stop_until',
      untilMs: now + WAIT_MS,
      reason: `combined payment: order(s) ${waiting.join(', ')} not packed yet`,
    };
  const mapping = ctx.config.wechat.miniPrograms.find((m) => m.appid === order.payment?.appId)?.carrierCodes ?? {};
  const subOrders: CombinedSubOrder[] = members.map((m) => ({
    orderKey: orderKeyOf(m.order.payment ?? order.payment!),
    isFinal: true,
    parcels: m.parcels.map((s) => ({
      expressCompany: mapping[s.carrier] ?? s.carrier,
      trackingNo: s.waybill ?? '',
      itemDesc: s.items
        .map((i) => `${m.order.lines.find((l) => l.productId === i.productId)?.title ?? i.sku}×${i.qty}`)
        .join(' '),
      receiverPhoneMasked: m.order.recipientPhone,
    })),
  }));
  try {
    await uploadCombinedShipping(app, {
      combinedKey: { mchid: combined.mchid, outTradeNo: combined.outTradeNo },
      payerOpenid: order.payment.payerOpenid,
      subOrders,
      uploadTime: new Date(now),
    });
  } catch (err) {
    return outcomeForError(err, attempt, resolveOptions(options));
  }
  // The other orders were shipped by this call: settled here, the leader's own by the caller.
  await ctx.store.tx(async (t) => {
    for (const m of members) {
      if (m.order.id === order.id) continue;
      for (const p of m.parcels)
        if (p.state !== 'done') await t.shipments.update(p.parcelId, { state: 'done', doneAt: now, uncertain: false });
      if (m.order.status !== 'shipped' && m.order.status !== 'cancelled')
        await t.orders.setStatus(m.order.id, 'shipped', null, now);
    }
  });
  return { kind: 'done', verified: false, note: `combined payment: ${ids.length} orders in one upload` };
}
