// Count (盘点): a location label, then every unit on it by scanning; CMD-FINISH asks for a
// supervisor's badge, and that scan sends one stock.counted event with the supervisor as approver.
// The hub books counted − on hand at that location as the adjustment.
import type { Packer, Product } from '../../../contract/entities.js';
import { parseLocation } from '../../../contract/stock-desk.js';
import type { NormalizedScan } from '../../../domain/barcode/index.js';
import { notice, packerId, type DeskContext, type Outcome } from '../packing/context.js';
import { raiseError } from '../packing/items.js';
import { countProduct, finishSession, refuseEmpty, sumLines, type OpenSession } from './session.js';

export function scanCount(
  ctx: DeskContext,
  s: OpenSession,
  scan: NormalizedScan,
  product: Product | undefined,
): Outcome {
  const location = parseLocation(scan.text);
  if (location) {
    // One count is one location: moving on takes CMD-FINISH (or CMD-CANCEL) first.
    if (s.scans.length > 0 && location !== s.row.location) {
      notice(ctx, 'warn', 'stock_location_locked', { location: s.row.location ?? '' });
      return { verdict: 'command_rejected', sound: 'error', detail: `location:${location}` };
    }
    ctx.stores.stock.update(s.row.id, { location });
    notice(ctx, 'info', 'stock_location', { location });
    return { verdict: 'command', sound: 'good', detail: `location:${location}` };
  }
  if (!s.row.location) {
    notice(ctx, 'warn', 'stock_location_first');
    return { verdict: 'command_rejected', sound: 'error', productId: product?.id ?? null };
  }
  if (product) {
    return countProduct(ctx, s, product);
  }
  raiseError(ctx, 'unknown_code', { code: scan.text, reason: scan.gs1Error ?? '' });
  return { verdict: 'unknown_code', sound: 'error', detail: scan.gs1Error };
}

/** CMD-FINISH: the count waits for a supervisor's badge. */
export function submitCount(ctx: DeskContext, s: OpenSession): Outcome {
  const empty = refuseEmpty(ctx, s);
  if (empty) return empty;
  ctx.stores.stock.update(s.row.id, { awaitingApproval: true });
  notice(ctx, 'info', 'stock_approval_needed', { location: s.row.location ?? '' });
  return { verdict: 'command', sound: 'good', detail: 'FINISH' };
}

/** A badge while the count waits: a supervisor's approves and sends it; anyone else's is refused. */
export function approveCount(ctx: DeskContext, s: OpenSession, badge: Packer): Outcome {
  if (badge.role !== 'supervisor') {
    notice(ctx, 'warn', 'not_supervisor', { name: badge.name });
    return { verdict: 'blocked', sound: 'error', detail: 'badge' };
  }
  const eventId = ctx.stores.outbox.append(
    'stock.counted',
    {
      countId: s.row.id,
      location: s.row.location ?? '',
      lines: sumLines(s.scans).map((l) => ({ sku: l.sku, counted: l.qty })),
      approvedBy: badge.id,
      startedAt: s.row.startedAt,
    },
    packerId(ctx),
  );
  finishSession(ctx, s, eventId);
  return { verdict: 'supervisor', sound: 'good', detail: `count:${badge.id}` };
}
