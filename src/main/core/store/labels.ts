// Label rows (one per print, reprints included) and the per-carrier waybill pool.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { LabelModel } from '../../../contract/label.js';
import type { LabelStatus } from '../../../contract/station.js';

export interface LabelRow {
  id: string;
  parcel_id: string;
  status: LabelStatus;
  reprint: number;
  model: string | null;
  error: string | null;
  created_at: number;
  printed_at: number | null;
}

export interface LabelJobRow {
  id: string;
  status: LabelStatus;
  reprint: number;
  error: string | null;
  created_at: number;
  printed_at: number | null;
  waybill: string | null;
}

export class LabelStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO labels (id, parcel_id, status, reprint, model, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[string], LabelRow>('SELECT * FROM labels WHERE id = ?'),
      ofParcel: db.prepare<[string], LabelRow>('SELECT * FROM labels WHERE parcel_id = ? ORDER BY created_at, rowid'),
      printed: db.prepare('UPDATE labels SET status = ?, printed_at = ?, error = NULL WHERE id = ?'),
      error: db.prepare('UPDATE labels SET error = ? WHERE id = ?'),
      refuse: db.prepare("UPDATE labels SET status = 'failed', error = ? WHERE id = ?"),
      assign: db.prepare("UPDATE labels SET status = 'queued', model = ? WHERE id = ?"),
      revise: db.prepare('UPDATE labels SET model = ? WHERE id = ?'),
      queued: db.prepare<[], LabelRow>("SELECT * FROM labels WHERE status = 'queued' ORDER BY created_at, rowid"),
      pendingFor: db.prepare<[string], LabelRow & { order_id: string }>(
        `SELECT l.*, p.order_id FROM labels l JOIN parcels p ON p.id = l.parcel_id
         WHERE l.status = 'pending_waybill' AND p.carrier = ? ORDER BY l.created_at, l.rowid`,
      ),
      counts: db.prepare<[], { status: LabelStatus; n: number }>(
        "SELECT status, count(*) AS n FROM labels WHERE status IN ('pending_waybill', 'queued') GROUP BY status",
      ),
      jobs: db.prepare<[number], LabelJobRow>(
        `SELECT l.id, l.status, l.reprint, l.error, l.created_at, l.printed_at, p.waybill FROM labels l
         JOIN parcels p ON p.id = l.parcel_id ORDER BY l.created_at DESC, l.rowid DESC LIMIT ?`,
      ),
      unprintedOfPack: db
        .prepare<[string], number>(
          `SELECT count(*) FROM labels l JOIN parcels p ON p.id = l.parcel_id
           WHERE p.pack_id = ? AND l.status IN ('pending_waybill', 'queued')`,
        )
        .pluck(),
    };
  }

  /** The newest print jobs (label rows with their parcel's waybill), for the printer view. */
  jobs(limit: number): LabelJobRow[] {
    return this.s.jobs.all(limit);
  }

  /** Labels of the pack not out of the printer yet (queued, or waiting for a waybill number). */
  unprintedOfPack(packId: string): number {
    return this.s.unprintedOfPack.get(packId) ?? 0;
  }

  insert(
    id: string,
    parcelId: string,
    status: LabelStatus,
    reprint: boolean,
    model: LabelModel | null,
    at: number,
  ): void {
    this.s.insert.run(id, parcelId, status, reprint ? 1 : 0, model ? JSON.stringify(model) : null, at);
  }

  get(id: string): LabelRow | undefined {
    return this.s.get.get(id);
  }

  ofParcel(parcelId: string): LabelRow[] {
    return this.s.ofParcel.all(parcelId);
  }

  markPrinted(id: string, at: number): void {
    this.s.printed.run('printed', at, id);
  }

  markError(id: string, error: string): void {
    this.s.error.run(error, id);
  }

  /** A label that must not print (a masked receiver): failed, with the reason; the queue skips it. */
  refuse(id: string, error: string): void {
    this.s.refuse.run(error, id);
  }

  assignModel(id: string, model: LabelModel): void {
    this.s.assign.run(JSON.stringify(model), id);
  }

  /** The label as it will print now (an uncertain original goes out marked 补打); status unchanged. */
  reviseModel(id: string, model: LabelModel): void {
    this.s.revise.run(JSON.stringify(model), id);
  }

  queued(): LabelRow[] {
    return this.s.queued.all();
  }

  pendingFor(carrier: string) {
    return this.s.pendingFor.all(carrier);
  }

  counts(): { pending: number; queued: number } {
    const out = { pending: 0, queued: 0 };
    for (const r of this.s.counts.all()) {
      if (r.status === 'pending_waybill') out.pending = r.n;
      else if (r.status === 'queued') out.queued = r.n;
    }
    return out;
  }
}

export class WaybillPool {
  private readonly s;
  /** Free numbers per carrier; recomputed only after a take or an add (a rollback may undo either). */
  private cached: Map<string, number> | null = null;

  constructor(private readonly db: Db) {
    this.s = {
      take: db.prepare<[string], { waybill: string }>(
        'SELECT waybill FROM waybill_pool WHERE carrier = ? AND parcel_id IS NULL ORDER BY added_at, waybill LIMIT 1',
      ),
      use: db.prepare('UPDATE waybill_pool SET parcel_id = ?, used_at = ? WHERE carrier = ? AND waybill = ?'),
      add: db.prepare('INSERT OR IGNORE INTO waybill_pool (carrier, waybill, added_at) VALUES (?, ?, ?)'),
      counts: db.prepare<[], { carrier: string; n: number }>(
        'SELECT carrier, count(*) AS n FROM waybill_pool WHERE parcel_id IS NULL GROUP BY carrier',
      ),
    };
  }

  /** Takes the oldest free number for the carrier and binds it to the parcel; call inside a transaction. */
  take(carrier: string, parcelId: string, at: number): string | null {
    const row = this.s.take.get(carrier);
    if (!row) return null;
    this.cached = null;
    this.s.use.run(parcelId, at, carrier, row.waybill);
    return row.waybill;
  }

  add(carrier: string, numbers: readonly string[], at: number): { added: number; duplicates: number } {
    let added = 0;
    this.cached = null;
    this.db.transaction(() => {
      for (const n of numbers) added += this.s.add.run(carrier, n, at).changes;
    })();
    return { added, duplicates: numbers.length - added };
  }

  counts(carriers: readonly string[]): Record<string, number> {
    this.cached ??= new Map(this.s.counts.all().map((r) => [r.carrier, r.n]));
    const out: Record<string, number> = Object.fromEntries(carriers.map((c) => [c, 0]));
    for (const [carrier, n] of this.cached) out[carrier] = n;
    return out;
  }
}
