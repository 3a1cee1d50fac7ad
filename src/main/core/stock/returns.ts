// Returns (退货入库): the returned parcel's waybill or order id first (looked up in this station's
// orders), then each item followed by CMD-GOOD or CMD-DAMAGED; CMD-FINISH sends one
// return.received event. Items the order did not have, or more than it had, raise the packing alerts.
import type { Order, PackLine, Product } from '../../../contract/entities.js';
import type { ReturnCondition, ReturnOrderLineView } from '../../../contract/stock-desk.js';
import { readWaybill, type NormalizedScan } from '../../../domain/barcode/index.js';
import { expandPackLines } from '../../../domain/packing/rules.js';
import { notice, packerId, type DeskContext, type Outcome } from '../packing/context.js';
import { raiseError } from '../packing/items.js';
import { addScan, finishSession, refuseEmpty, sumLines, type OpenSession } from './session.js';

/** What the order had, per product (bundles as the components that come back). */
function returnable(ctx: DeskContext, order: Order): PackLine[] {
  try {
    return expandPackLines(order.lines, (id) => ctx.stores.catalog.get(id));
  } catch {
    return []; // a line whose product this station does not know: nothing to check against
  }
}

export function returnOrderLines(ctx: DeskContext, s: OpenSession): ReturnOrderLineView[] {
  const order = s.row.orderId ? ctx.stores.orders.get(s.row.orderId) : undefined;
  if (!order) return [];
  return returnable(ctx, order).map((l) => ({
    sku: l.sku,
    title: l.title,
    ordered: l.expected,
    returned: s.scans.filter((x) => x.productId === l.productId).reduce((n, x) => n + x.qty, 0),
  }));
}

function scanParcel(ctx: DeskContext, s: OpenSession, scan: NormalizedScan, product: Product | undefined): Outcome {
  const waybill = readWaybill(scan);
  const order =
    ctx.stores.orders.findByScan(scan.text) ?? (waybill ? ctx.stores.orders.findByScan(waybill.waybill) : undefined);
  if (order) {
    const byWaybill = order.id !== scan.text.toUpperCase() && order.id !== scan.text && order.pickSlip !== scan.text;
    ctx.stores.stock.update(s.row.id, {
      orderId: order.id,
      waybill: byWaybill ? (waybill?.waybill ?? scan.text) : null,
    });
    notice(ctx, 'info', 'stock_return_order', { orderId: order.id });
    return { verdict: 'order_opened', sound: 'good', detail: order.id };
  }
  if (waybill) {
    // A parcel this station never saw (packed elsewhere, or long ago): the hub matches the waybill.
    ctx.stores.stock.update(s.row.id, { waybill: waybill.waybill });
    notice(ctx, 'warn', 'stock_return_unknown_order', { waybill: waybill.waybill });
    return { verdict: 'order_unknown', sound: 'good', detail: waybill.waybill };
  }
  if (product) {
    notice(ctx, 'warn', 'stock_parcel_first');
    return { verdict: 'no_order', sound: 'error', productId: product.id };
  }
  raiseError(ctx, 'unknown_code', { code: scan.text, reason: scan.gs1Error ?? '' });
  return { verdict: 'unknown_code', sound: 'error', detail: scan.gs1Error };
}

/** An item of the parcel: checked against its order, then waits for good or damaged. */
function scanReturnItem(ctx: DeskContext, s: OpenSession, product: Product): Outcome {
  const qty = ctx.rt.qty ?? 1;
  const order = s.row.orderId ? ctx.stores.orders.get(s.row.orderId) : undefined;
  if (order) {
    const line = returnable(ctx, order).find((l) => l.productId === product.id);
    if (!line) {
      ctx.rt.qty = null;
      raiseError(ctx, 'wrong_item', { title: product.title, sku: product.sku, orderId: order.id });
      if (ctx.rt.alert) ctx.rt.alert.orderId = order.id;
      return { verdict: 'wrong_item', sound: 'error', productId: product.id, qty };
    }
    const returned = s.scans.filter((x) => x.productId === product.id).reduce((n, x) => n + x.qty, 0);
    if (returned + qty > line.expected) {
      ctx.rt.qty = null;
      raiseError(ctx, 'over_scan', {
        title: product.title,
        sku: product.sku,
        expected: line.expected,
        scanned: returned,
        adding: qty,
      });
      if (ctx.rt.alert) ctx.rt.alert.orderId = order.id;
      return { verdict: 'over_scan', sound: 'error', productId: product.id, qty };
    }
  }
  const refused = addScan(ctx, s, product);
  if (refused) return refused;
  notice(ctx, 'info', 'stock_choose_condition', { sku: product.sku, title: product.title, qty });
  return { verdict: 'stock_item', sound: 'good', productId: product.id, qty };
}

export function scanReturns(
  ctx: DeskContext,
  s: OpenSession,
  scan: NormalizedScan,
  product: Product | undefined,
): Outcome {
  if (!s.row.orderId && !s.row.waybill) return scanParcel(ctx, s, scan, product);
  const pending = s.scans.find((x) => x.condition === null);
  if (pending) {
    notice(ctx, 'warn', 'stock_condition_first', { sku: pending.sku });
    return { verdict: 'blocked', sound: 'error', detail: 'condition' };
  }
  if (product) return scanReturnItem(ctx, s, product);
  raiseError(ctx, 'unknown_code', { code: scan.text, reason: scan.gs1Error ?? '' });
  return { verdict: 'unknown_code', sound: 'error', detail: scan.gs1Error };
}

/** CMD-GOOD / CMD-DAMAGED: the condition of the item scanned last. */
export function chooseCondition(ctx: DeskContext, s: OpenSession, condition: ReturnCondition): Outcome {
  const pending = s.scans.find((x) => x.condition === null);
  const command = condition === 'good' ? 'GOOD' : 'DAMAGED';
  if (!pending) {
    notice(ctx, 'warn', 'command_not_now', { command });
    return { verdict: 'command_rejected', sound: 'error', detail: command };
  }
  ctx.stores.stock.setCondition(s.row.id, pending.seq, condition);
  notice(ctx, 'success', 'stock_condition', { sku: pending.sku, qty: pending.qty, condition });
  return { verdict: 'command', sound: 'good', detail: command };
}

export function finishReturn(ctx: DeskContext, s: OpenSession): Outcome {
  const pending = s.scans.find((x) => x.condition === null);
  if (pending) {
    notice(ctx, 'warn', 'stock_condition_first', { sku: pending.sku });
    return { verdict: 'command_rejected', sound: 'error', detail: 'FINISH' };
  }
  const empty = refuseEmpty(ctx, s);
  if (empty) return empty;
  const eventId = ctx.stores.outbox.append(
    'return.received',
    {
      returnId: s.row.id,
      orderId: s.row.orderId,
      waybill: s.row.waybill,
      // Without a station setting the hub puts good units at its own stock.location.
      ...(ctx.config.stock.location ? { location: ctx.config.stock.location } : {}),
      lines: sumLines(s.scans).map((l) => ({ sku: l.sku, qty: l.qty, condition: l.condition ?? 'good' })),
    },
    packerId(ctx),
  );
  finishSession(ctx, s, eventId);
  return { verdict: 'command', sound: 'good', detail: 'FINISH' };
}
