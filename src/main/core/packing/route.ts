// What a scan means right now. Order of questions: commands and reason/packaging codes, badges,
// then — unless an alert or a prompt is waiting — orders and items.
import { parseCommand, parsePackaging, parseReason } from '../../../contract/commands.js';
import { barcodeKey, type NormalizedScan } from '../../../domain/barcode/index.js';
import { notice, type DeskContext, type Outcome } from './context.js';
import { runBadge, runCommand, runPackaging, runReason } from './commands.js';
import { raiseError, scanItem } from './items.js';
import { scanOrder } from './orders.js';
import { accepts } from './transitions.js';

export function routeScan(ctx: DeskContext, scan: NormalizedScan): Outcome {
  const { rt, stores } = ctx;
  const text = scan.text;

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
  const product = stores.catalog.findByKey(scan.gtin14 ?? barcodeKey(text));
  if (pack && accepts(pack.state, 'item')) {
    if (product) return { ...scanItem(ctx, pack, product), productId: product.id };
    const order = stores.orders.findByScan(text);
    if (order?.id === pack.order.id) return { verdict: 'pack_in_progress', sound: 'none', detail: 'same order' };
    if (order) {
      raiseError(ctx, 'pack_in_progress', { orderId: pack.order.id, scanned: order.id });
      return { verdict: 'pack_in_progress', sound: 'error', detail: order.id };
    }
    if (scan.checkDigitError) {
      raiseError(ctx, 'bad_check_digit', { code: text });
      return { verdict: 'bad_check_digit', sound: 'error' };
    }
    raiseError(ctx, 'unknown_code', { code: text, reason: scan.gs1Error ?? '' });
    return { verdict: 'unknown_code', sound: 'error', detail: scan.gs1Error };
  }

  const order = stores.orders.findByScan(text);
  if (order) return scanOrder(ctx, order);
  if (product) {
    notice(ctx, 'warn', 'scan_order_first', { title: product.title });
    return { verdict: 'no_order', sound: 'error', productId: product.id };
  }
  notice(ctx, 'warn', 'unknown_order', { code: text });
  return { verdict: 'order_unknown', sound: 'error' };
}
