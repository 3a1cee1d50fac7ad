// Receiving (收货): a location label or a PO first, then products (each scan +1, times a quantity set
// before it); CMD-FINISH sends one stock.received event.
import { DEFAULT_STOCK_LOCATION, MAX_REFERENCE, parseLocation } from '../../../contract/stock-desk.js';
import type { Product } from '../../../contract/entities.js';
import type { NormalizedScan } from '../../../domain/barcode/index.js';
import { notice, packerId, type DeskContext, type Outcome } from '../packing/context.js';
import { raiseError } from '../packing/items.js';
import { countProduct, finishSession, refuseEmpty, sumLines, type OpenSession } from './session.js';

export function scanReceiving(
  ctx: DeskContext,
  s: OpenSession,
  scan: NormalizedScan,
  product: Product | undefined,
): Outcome {
  const location = parseLocation(scan.text);
  if (location) {
    ctx.stores.stock.update(s.row.id, { location });
    notice(ctx, 'info', 'stock_location', { location });
    return { verdict: 'command', sound: 'good', detail: `location:${location}` };
  }
  if (product) {
    if (!s.row.location && !s.row.reference) {
      notice(ctx, 'warn', 'stock_target_first');
      return { verdict: 'command_rejected', sound: 'error', productId: product.id };
    }
    return countProduct(ctx, s, product);
  }
  // Before the first product any other code is the PO or delivery note the goods came with.
  if (s.scans.length === 0 && scan.text.length <= MAX_REFERENCE) {
    ctx.stores.stock.update(s.row.id, { reference: scan.text });
    notice(ctx, 'info', 'stock_reference', { reference: scan.text });
    return { verdict: 'command', sound: 'good', detail: `reference:${scan.text}` };
  }
  raiseError(ctx, 'unknown_code', { code: scan.text, reason: scan.gs1Error ?? '' });
  return { verdict: 'unknown_code', sound: 'error', detail: scan.gs1Error };
}

export function finishReceiving(ctx: DeskContext, s: OpenSession): Outcome {
  const empty = refuseEmpty(ctx, s);
  if (empty) return empty;
  const eventId = ctx.stores.outbox.append(
    'stock.received',
    {
      receiptId: s.row.id,
      location: s.row.location ?? ctx.config.stock.location ?? DEFAULT_STOCK_LOCATION,
      reference: s.row.reference,
      lines: sumLines(s.scans).map((l) => ({ sku: l.sku, qty: l.qty })),
    },
    packerId(ctx),
  );
  finishSession(ctx, s, eventId);
  return { verdict: 'command', sound: 'good', detail: 'FINISH' };
}
