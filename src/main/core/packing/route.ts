// What a scan means right now. Order of questions: commands and reason/packaging codes, badges,
// then — unless an alert or a prompt is waiting — orders and items.
import { parseCommand, parsePackaging, parseReason } from '../../../contract/commands.js';
import { readWaybill, type NormalizedScan } from '../../../domain/barcode/index.js';
import { notice, type DeskContext, type Outcome } from './context.js';
import { runBadge, runCommand, runPackaging, runReason } from './commands.js';
import { raiseError, scanItem } from './items.js';
import { scanOrder } from './orders.js';
import { accepts } from './transitions.js';
import { scanInsert } from './inserts.js';
import { findProduct } from './find-product.js';
import { routeStockScan } from '../stock/route.js';
import { routeHandover } from '../handover/route.js';

export function routeScan(ctx: DeskContext, scan: NormalizedScan): Outcome {
  const { rt, stores } = ctx;
  const text = scan.text;
  // A stock session (receiving, count, returns) takes every scan until it is finished or cancelled.
  const stock = routeStockScan(ctx, scan);
  if (stock) return stock;
  // Handover mode (交接): HND-START enters it; in it every scan is a courier's or a parcel's.
  const handover = routeHandover(ctx, scan);
  if (handover) return handover;

  const cmd = parseCommand(text);
  if (cmd) {
    if (cmd.name === 'INVALID') {
      notice(ctx, 'warn', 'unknown_command', { code: text });
      return { verdict: 'command_rejected', sound: 'error', detail: text };
    }
    return runCommand(ctx, cmd);
  }
  const reason = parseReason(text);
  if (reason) return runReason(ctx, reason.purpose, reason.reason);
  const packaging = parsePackaging(text);
  if (packaging !== null) return runPackaging(ctx, packaging);

  const badge = stores.packers.findByBadge(text);
  if (badge) return runBadge(ctx, badge);

  if (rt.alert || rt.prompt)
    return { verdict: 'blocked', sound: 'error', detail: rt.alert?.code ?? rt.prompt?.kind ?? null };

  if (!rt.packer && ctx.config.packing.requireLogin) {
    notice(ctx, 'warn', 'login_required');
    return { verdict: 'login_required', sound: 'error' };
  }

  const pack = rt.pack;
  const product = findProduct(ctx, scan);
  const waybill = readWaybill(scan);
  if (pack && accepts(pack.state, 'item')) {
    const insert = scanInsert(ctx, pack, scan);
    if (insert) return insert;
    if (product) return { ...scanItem(ctx, pack, product), productId: product.id };
    const order = stores.orders.findByScan(text) ?? (waybill ? stores.orders.findByScan(waybill.waybill) : undefined);
    if (order?.id === pack.order.id) return { verdict: 'pack_in_progress', sound: 'none', detail: 'same order' };
    if (order) {
      raiseError(ctx, 'pack_in_progress', { orderId: pack.order.id, scanned: order.id });
      return { verdict: 'pack_in_progress', sound: 'error', detail: order.id };
    }
    // A carrier label's barcode (the second one on a JD label, a waybill lying on the bench) is not
    // an item: say so and carry on, rather than a check-digit or unknown-code alert to acknowledge.
    if (waybill) {
      notice(ctx, 'warn', 'waybill_ignored', { code: text, carrier: waybill.carriers.join('/') });
      return { verdict: 'waybill', sound: 'error', detail: waybill.carriers.join('/') };
    }
    if (scan.checkDigitError) {
      raiseError(ctx, 'bad_check_digit', { code: text });
      return { verdict: 'bad_check_digit', sound: 'error' };
    }
    raiseError(ctx, 'unknown_code', { code: text, reason: scan.gs1Error ?? '' });
    return { verdict: 'unknown_code', sound: 'error', detail: scan.gs1Error };
  }

  // A JD package code (`<waybill>-1-2-`) opens the order its waybill belongs to.
  const order = stores.orders.findByScan(text) ?? (waybill ? stores.orders.findByScan(waybill.waybill) : undefined);
  if (order) return scanOrder(ctx, order);
  if (product) {
    notice(ctx, 'warn', 'scan_order_first', { title: product.title });
    return { verdict: 'no_order', sound: 'error', productId: product.id };
  }
  if (waybill) {
    notice(ctx, 'warn', 'waybill_unknown', { code: text, carrier: waybill.carriers.join('/') });
    return { verdict: 'order_unknown', sound: 'error', detail: waybill.carriers.join('/') };
  }
  notice(ctx, 'warn', 'unknown_order', { code: text });
  return { verdict: 'order_unknown', sound: 'error' };
}
