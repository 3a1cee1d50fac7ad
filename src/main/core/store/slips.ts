// Packing slips waiting for the slip printer, and the ones it printed: one row per completed pack,
// written in the pack's completing transaction so a crash can neither lose nor double a slip.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { SlipModel } from '../../../contract/slip.js';

export type SlipStatus = 'queued' | 'printed' | 'uncertain';

export interface SlipRow {
  packId: string;
  orderId: string;
  model: SlipModel;
  status: SlipStatus;
  error: string | null;
  printedAt: number | null;
}

type DbRow = {
  pack_id: string;
  order_id: string;
  model: string;
  status: SlipStatus;
  error: string | null;
  printed_at: number | null;
};
const row = (r: DbRow): SlipRow => ({
  packId: r.pack_id,
  orderId: r.order_id,
  model: JSON.parse(r.model) as SlipModel,
  status: r.status,
  error: r.error,
  printedAt: r.printed_at,
});

export class SlipStore {
  constructor(private readonly db: Db) {}

  /** Queues the slip of a completed pack; a pack has one slip, so a second call changes nothing. */
  queue(model: SlipModel, at: number): void {
    this.db
      .prepare(
        `INSERT INTO slips (pack_id, order_id, model, status, created_at) VALUES (?, ?, ?, 'queued', ?)
         ON CONFLICT(pack_id) DO NOTHING`,
      )
      .run(model.packId, model.orderId, JSON.stringify(model), at);
  }

  queued(limit = 20): SlipRow[] {
    return (
      this.db
        .prepare("SELECT * FROM slips WHERE status = 'queued' ORDER BY created_at, pack_id LIMIT ?")
        .all(limit) as DbRow[]
    ).map(row);
  }

  get(packId: string): SlipRow | undefined {
    const r = this.db.prepare('SELECT * FROM slips WHERE pack_id = ?').get(packId) as DbRow | undefined;
    return r ? row(r) : undefined;
  }

  markPrinted(packId: string, at: number): void {
    this.db
      .prepare("UPDATE slips SET status = 'printed', printed_at = ?, error = NULL WHERE pack_id = ?")
      .run(at, packId);
  }

  /** A printer fault: stays queued with the reason; the queue tries again when the printer is ready. */
  markError(packId: string, error: string): void {
    this.db.prepare('UPDATE slips SET error = ? WHERE pack_id = ?').run(error, packId);
  }

  /** Interrupted mid-send before: it may be out, so it is not sent again (a slip is no label to reprint). */
  markUncertain(packId: string, detail: string): void {
    this.db.prepare("UPDATE slips SET status = 'uncertain', error = ? WHERE pack_id = ?").run(detail, packId);
  }
}
