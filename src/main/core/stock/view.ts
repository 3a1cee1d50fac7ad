// What the stock screen shows of the open session.
import type { StockSessionView } from '../../../contract/stock-desk.js';
import type { DeskContext } from '../packing/context.js';
import { returnOrderLines } from './returns.js';
import { openSession, sumLines, type OpenSession } from './session.js';

function step(s: OpenSession): StockSessionView['step'] {
  const r = s.row;
  if (r.awaitingApproval) return 'approval';
  if (r.mode === 'receiving') return r.location || r.reference ? 'items' : 'target';
  if (r.mode === 'count') return r.location ? 'items' : 'location';
  if (!r.orderId && !r.waybill) return 'parcel';
  return s.scans.some((x) => x.condition === null) ? 'condition' : 'items';
}

export function stockView(ctx: DeskContext): StockSessionView | null {
  const s = openSession(ctx);
  if (!s) return null;
  const r = s.row;
  return {
    id: r.id,
    mode: r.mode,
    step: step(s),
    location: r.location,
    reference: r.reference,
    orderId: r.orderId,
    waybill: r.waybill,
    orderLines: r.mode === 'returns' ? returnOrderLines(ctx, s) : [],
    lines: sumLines(s.scans),
    units: s.scans.reduce((n, x) => n + x.qty, 0),
    lastSku: s.scans.at(-1)?.sku ?? null,
    qtyMultiplier: ctx.rt.qty,
    startedAt: r.startedAt,
  };
}
