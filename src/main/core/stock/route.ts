// What a scan means while a stock session is open: the session takes every scan (packing waits
// until it is finished or cancelled). Commands first, then badges, then — unless an alert waits for
// CMD-ACK — the mode's own scans.
import { parseCommand, parsePackaging, parseReason, type Command } from '../../../contract/commands.js';
import type { NormalizedScan } from '../../../domain/barcode/index.js';
import { notice, packerId, type DeskContext, type Outcome } from '../packing/context.js';
import { findProduct } from '../packing/find-product.js';
import { approveCount, scanCount, submitCount } from './count.js';
import { finishReceiving, scanReceiving } from './receiving.js';
import { chooseCondition, finishReturn, scanReturns } from './returns.js';
import { cancelSession, ok, openSession, undoLast, type OpenSession } from './session.js';

const notNow = (ctx: DeskContext, command: string): Outcome => {
  notice(ctx, 'warn', 'command_not_now', { command });
  return { verdict: 'command_rejected', sound: 'error', detail: command };
};

function acknowledge(ctx: DeskContext): Outcome {
  const alert = ctx.rt.alert;
  if (!alert) return notNow(ctx, 'ACK');
  ctx.stores.outbox.append(
    'alert.acknowledged',
    { code: alert.code, orderId: alert.orderId, packId: null },
    packerId(ctx),
  );
  ctx.rt.alert = null;
  notice(ctx, 'info', 'alert_acknowledged', { code: alert.code });
  return ok('ACK');
}

function finish(ctx: DeskContext, s: OpenSession): Outcome {
  switch (s.row.mode) {
    case 'receiving':
      return finishReceiving(ctx, s);
    case 'count':
      return s.row.awaitingApproval ? notNow(ctx, 'FINISH') : submitCount(ctx, s);
    case 'returns':
      return finishReturn(ctx, s);
  }
}

function runStockCommand(ctx: DeskContext, s: OpenSession, cmd: Command): Outcome {
  if (cmd.name === 'ACK') return acknowledge(ctx);
  if (ctx.rt.alert) return { verdict: 'blocked', sound: 'error', detail: ctx.rt.alert.code };
  switch (cmd.name) {
    case 'QTY':
      ctx.rt.qty = cmd.qty;
      notice(ctx, 'info', 'qty_set', { qty: cmd.qty });
      return ok(`QTY-${cmd.qty}`);
    case 'FINISH':
      return finish(ctx, s);
    case 'UNDO':
      return undoLast(ctx, s);
    case 'CANCEL':
      return cancelSession(ctx, s);
    case 'GOOD':
    case 'DAMAGED':
      return s.row.mode === 'returns'
        ? chooseCondition(ctx, s, cmd.name === 'GOOD' ? 'good' : 'damaged')
        : notNow(ctx, cmd.name);
    default:
      return notNow(ctx, cmd.name);
  }
}

/**
 * A number typed at the keyboard (the screen sends it as `QTY-n` text, see StockScreen) sets the
 * next scan's quantity like CMD-QTY-n, up to the sheet's limit.
 */
function typedQuantity(text: string): number | null {
  const m = /^QTY-(\d{1,7})$/.exec(text.toUpperCase());
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? n : null;
}

/** The session's answer to a scan, or null when no session is open (packing routes it). */
export function routeStockScan(ctx: DeskContext, scan: NormalizedScan): Outcome | null {
  const s = openSession(ctx);
  if (!s) return null;
  const text = scan.text;

  const cmd = parseCommand(text);
  if (cmd?.name === 'INVALID') {
    const typed = typedQuantity(text.slice('CMD-'.length));
    if (typed !== null && !ctx.rt.alert) return runStockCommand(ctx, s, { name: 'QTY', qty: typed });
    if (typed !== null) notice(ctx, 'warn', 'command_not_now', { command: text });
    else notice(ctx, 'warn', 'unknown_command', { code: text });
    return { verdict: 'command_rejected', sound: 'error', detail: text };
  }
  if (cmd) return runStockCommand(ctx, s, cmd);
  if (parseReason(text) || parsePackaging(text) !== null) return notNow(ctx, text);

  const badge = ctx.stores.packers.findByBadge(text);
  if (badge) {
    if (s.row.awaitingApproval && !ctx.rt.alert) return approveCount(ctx, s, badge);
    return notNow(ctx, 'BADGE');
  }
  if (ctx.rt.alert) return { verdict: 'blocked', sound: 'error', detail: ctx.rt.alert.code };
  if (s.row.awaitingApproval) {
    notice(ctx, 'warn', 'stock_approval_needed', { location: s.row.location ?? '' });
    return { verdict: 'blocked', sound: 'error', detail: 'approval' };
  }

  const product = findProduct(ctx, scan);
  switch (s.row.mode) {
    case 'receiving':
      return scanReceiving(ctx, s, scan, product);
    case 'count':
      return scanCount(ctx, s, scan, product);
    case 'returns':
      return scanReturns(ctx, s, scan, product);
  }
}
