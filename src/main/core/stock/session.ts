// An open stock session at the desk: reading it, summing its scans into event lines, and the steps
// every mode shares (enter, add a scan, undo, cancel). The modes (receiving.ts, count.ts,
// returns.ts) decide what a scan means; this file keeps the session's rows.
import { newId } from '../../../base/ids.js';
import type { Product } from '../../../contract/entities.js';
import { STOCK_LIMITS, type StockLineView, type StockMode } from '../../../contract/stock-desk.js';
import { notice, packerId, type DeskContext, type Outcome } from '../packing/context.js';
import type { StockScanRow, StockSessionRow } from '../store/stock-desk.js';

export interface OpenSession {
  row: StockSessionRow;
  scans: StockScanRow[];
}

export const ok = (detail: string): Outcome => ({ verdict: 'command', sound: 'good', detail });

export function openSession(ctx: DeskContext): OpenSession | null {
  const row = ctx.stores.stock.open();
  return row ? { row, scans: ctx.stores.stock.scans(row.id) } : null;
}

/** The session's scans summed per SKU (returns: per SKU and condition), in first-scanned order. */
export function sumLines(scans: readonly StockScanRow[]): StockLineView[] {
  const out = new Map<string, StockLineView>();
  for (const s of scans) {
    const key = `${s.sku}\u0000${s.condition ?? ''}`;
    const line = out.get(key);
    if (line) line.qty += s.qty;
    else out.set(key, { sku: s.sku, title: s.title, qty: s.qty, condition: s.condition });
  }
  return [...out.values()];
}

/** A command barcode (CMD-RECEIVE, CMD-COUNT, CMD-RETURN) opens a mode at a free desk. */
export function enterStockMode(ctx: DeskContext, mode: StockMode, command: string): Outcome {
  const { rt } = ctx;
  if (rt.pack) {
    notice(ctx, 'warn', 'finish_pack_first', { command });
    return { verdict: 'command_rejected', sound: 'error', detail: command };
  }
  if (rt.alert || rt.prompt) {
    notice(ctx, 'warn', 'command_not_now', { command });
    return { verdict: 'command_rejected', sound: 'error', detail: command };
  }
  if (!rt.packer && ctx.config.packing.requireLogin) {
    notice(ctx, 'warn', 'login_required');
    return { verdict: 'login_required', sound: 'error' };
  }
  const now = ctx.clock.now();
  ctx.stores.stock.start({
    id: newId(now),
    mode,
    packerId: packerId(ctx),
    location: null,
    reference: null,
    startedAt: now,
  });
  rt.qty = null;
  rt.lastPackId = null;
  notice(ctx, 'info', 'stock_mode', { mode });
  return ok(command);
}

/**
 * One scanned product into the session, times the quantity set before it (CMD-QTY-n or a typed
 * number). Refused, with nothing added, when the session's event would pass its pinned limits.
 */
export function addScan(ctx: DeskContext, s: OpenSession, product: Product): Outcome | null {
  const qty = ctx.rt.qty ?? 1;
  const limits = STOCK_LIMITS[s.row.mode];
  const total = s.scans.filter((x) => x.sku === product.sku).reduce((n, x) => n + x.qty, 0) + qty;
  const skus = new Set(s.scans.map((x) => x.sku)).add(product.sku);
  if (total > limits.lineQty || skus.size > limits.lines) {
    ctx.rt.qty = null;
    notice(ctx, 'warn', 'stock_limit', {
      sku: product.sku,
      max: total > limits.lineQty ? limits.lineQty : limits.lines,
    });
    return { verdict: 'command_rejected', sound: 'error', productId: product.id, qty };
  }
  ctx.rt.qty = null;
  ctx.stores.stock.addScan(s.row.id, {
    sku: product.sku,
    productId: product.id,
    title: product.title,
    qty,
    at: ctx.clock.now(),
  });
  return null;
}

/** A product counted into a receiving or count session, told with its running total. */
export function countProduct(ctx: DeskContext, s: OpenSession, product: Product): Outcome {
  const qty = ctx.rt.qty ?? 1;
  const refused = addScan(ctx, s, product);
  if (refused) return refused;
  notice(ctx, 'success', 'stock_added', {
    sku: product.sku,
    title: product.title,
    qty,
    total: unitsOf(ctx, s.row.id, product.sku),
  });
  return { verdict: 'stock_item', sound: 'good', productId: product.id, qty };
}

/** Units of `sku` in the session after the last scan (the notice's running total). */
export function unitsOf(ctx: DeskContext, sessionId: string, sku: string): number {
  return ctx.stores.stock
    .scans(sessionId)
    .filter((x) => x.sku === sku)
    .reduce((n, x) => n + x.qty, 0);
}

/** CMD-UNDO: the last scan comes off (a mis-scan is corrected without starting over). */
export function undoLast(ctx: DeskContext, s: OpenSession): Outcome {
  const last = s.scans.at(-1);
  if (!last || s.row.awaitingApproval) {
    notice(ctx, 'warn', 'command_not_now', { command: 'UNDO' });
    return { verdict: 'command_rejected', sound: 'error', detail: 'UNDO' };
  }
  ctx.stores.stock.removeScan(s.row.id, last.seq);
  notice(ctx, 'info', 'stock_undone', { sku: last.sku, qty: last.qty });
  return ok('UNDO');
}

/** CMD-CANCEL: backs out of the supervisor step, else leaves the mode; nothing is sent. */
export function cancelSession(ctx: DeskContext, s: OpenSession): Outcome {
  if (s.row.awaitingApproval) {
    ctx.stores.stock.update(s.row.id, { awaitingApproval: false });
    notice(ctx, 'info', 'stock_approval_cancelled');
    return ok('CANCEL');
  }
  ctx.stores.stock.end(s.row.id, 'cancelled', ctx.clock.now(), null);
  ctx.rt.qty = null;
  notice(ctx, 'info', 'stock_cancelled', { mode: s.row.mode });
  return ok('CANCEL');
}

/** Nothing scanned yet: FINISH has nothing to send. */
export function refuseEmpty(ctx: DeskContext, s: OpenSession): Outcome | null {
  if (s.scans.length > 0) return null;
  notice(ctx, 'warn', 'stock_nothing', { mode: s.row.mode });
  return { verdict: 'command_rejected', sound: 'error', detail: 'FINISH' };
}

/** Closes the session with the id of the one event it sent. */
export function finishSession(ctx: DeskContext, s: OpenSession, eventId: string): void {
  ctx.stores.stock.end(s.row.id, 'finished', ctx.clock.now(), eventId);
  ctx.rt.qty = null;
  const units = s.scans.reduce((n, x) => n + x.qty, 0);
  notice(ctx, 'success', 'stock_sent', { mode: s.row.mode, lines: sumLines(s.scans).length, units });
}
