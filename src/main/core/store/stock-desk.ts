// The desk's stock sessions (receiving, count, returns) and their scans. At most one session is
// open per station; everything a scan changes is written in the desk's transaction, so a restart
// resumes the session exactly where the last committed scan left it.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { ReturnCondition, StockMode } from '../../../contract/stock-desk.js';

export interface StockSessionRow {
  id: string;
  mode: StockMode;
  packerId: string | null;
  location: string | null;
  reference: string | null;
  orderId: string | null;
  waybill: string | null;
  awaitingApproval: boolean;
  startedAt: number;
}

export interface StockScanRow {
  seq: number;
  sku: string;
  productId: number;
  title: string;
  qty: number;
  condition: ReturnCondition | null;
  at: number;
}

type SessionFields = Partial<
  Pick<StockSessionRow, 'location' | 'reference' | 'orderId' | 'waybill' | 'awaitingApproval'>
>;

export class StockDeskStore {
  private readonly openStmt;
  private readonly insertSession;
  private readonly endStmt;
  private readonly scansStmt;
  private readonly insertScan;
  private readonly deleteScan;
  private readonly conditionStmt;

  constructor(private readonly db: Db) {
    this.openStmt = db.prepare<[], Record<string, unknown>>(
      `SELECT id, mode, packer_id, location, reference, order_id, waybill, awaiting_approval, started_at
       FROM stock_sessions WHERE status = 'open' ORDER BY started_at DESC LIMIT 1`,
    );
    this.insertSession = db.prepare(
      `INSERT INTO stock_sessions (id, mode, packer_id, location, reference, started_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.endStmt = db.prepare(`UPDATE stock_sessions SET status = ?, ended_at = ?, event_id = ? WHERE id = ?`);
    this.scansStmt = db.prepare<[string], Record<string, unknown>>(
      `SELECT seq, sku, product_id, title, qty, condition, at FROM stock_session_scans WHERE session_id = ? ORDER BY seq`,
    );
    this.insertScan = db.prepare(
      `INSERT INTO stock_session_scans (session_id, seq, sku, product_id, title, qty, condition, at)
       VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM stock_session_scans WHERE session_id = ?), ?, ?, ?, ?, NULL, ?)`,
    );
    this.deleteScan = db.prepare('DELETE FROM stock_session_scans WHERE session_id = ? AND seq = ?');
    this.conditionStmt = db.prepare('UPDATE stock_session_scans SET condition = ? WHERE session_id = ? AND seq = ?');
  }

  /** The station's open session, if any. */
  open(): StockSessionRow | null {
    const r = this.openStmt.get();
    if (!r) return null;
    return {
      id: r.id as string,
      mode: r.mode as StockMode,
      packerId: r.packer_id as string | null,
      location: r.location as string | null,
      reference: r.reference as string | null,
      orderId: r.order_id as string | null,
      waybill: r.waybill as string | null,
      awaitingApproval: r.awaiting_approval === 1,
      startedAt: r.started_at as number,
    };
  }

  start(s: Pick<StockSessionRow, 'id' | 'mode' | 'packerId' | 'location' | 'reference' | 'startedAt'>): void {
    this.insertSession.run(s.id, s.mode, s.packerId, s.location, s.reference, s.startedAt);
  }

  /** Sets the named fields of a session; the others stay. */
  update(id: string, fields: SessionFields): void {
    const columns: Record<keyof SessionFields, string> = {
      location: 'location',
      reference: 'reference',
      orderId: 'order_id',
      waybill: 'waybill',
      awaitingApproval: 'awaiting_approval',
    };
    for (const [key, value] of Object.entries(fields) as [keyof SessionFields, unknown][]) {
      const v = typeof value === 'boolean' ? Number(value) : value;
      this.db.prepare(`UPDATE stock_sessions SET ${columns[key]} = ? WHERE id = ?`).run(v, id);
    }
  }

  /** Ends a session: finished (with the id of the event it sent) or cancelled. */
  end(id: string, status: 'finished' | 'cancelled', at: number, eventId: string | null): void {
    this.endStmt.run(status, at, eventId, id);
  }

  scans(sessionId: string): StockScanRow[] {
    return this.scansStmt.all(sessionId).map((r) => ({
      seq: r.seq as number,
      sku: r.sku as string,
      productId: r.product_id as number,
      title: r.title as string,
      qty: r.qty as number,
      condition: r.condition as ReturnCondition | null,
      at: r.at as number,
    }));
  }

  addScan(sessionId: string, scan: Pick<StockScanRow, 'sku' | 'productId' | 'title' | 'qty' | 'at'>): void {
    this.insertScan.run(sessionId, sessionId, scan.sku, scan.productId, scan.title, scan.qty, scan.at);
  }

  removeScan(sessionId: string, seq: number): void {
    this.deleteScan.run(sessionId, seq);
  }

  setCondition(sessionId: string, seq: number, condition: ReturnCondition): void {
    this.conditionStmt.run(condition, sessionId, seq);
  }
}
