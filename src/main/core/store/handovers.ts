// Courier handover (交接) at the desk: batches, the waybills this station handed over, the parcels it
// packed, and the hub's last word on the carrier's parcels from other desks (migration 0014).
import type { Db } from '../../../base/node/sqlite/open.js';
import type { HandoverExpected } from '../../../contract/handover-wire.js';
import type { HandoverSlip } from '../../../domain/handover/slip.js';

export type HandoverPrintStatus = 'queued' | 'printed' | 'uncertain';

export interface HandoverBatch {
  batchId: string;
  carrier: string | null;
  courier: string | null;
  packerId: string | null;
  openedAt: number;
  closedAt: number | null;
  missing: string[] | null;
  missingFrom: 'hub' | 'desk' | null;
  slip: HandoverSlip | null;
  printStatus: HandoverPrintStatus | null;
  printError: string | null;
}

export interface HandoverScan {
  waybill: string;
  batchId: string;
  carrier: string;
  orderId: string | null;
  parcelId: string | null;
  at: number;
}

/** A waybill as the hub described it (handover_remote). */
export interface RemoteParcel {
  waybill: string;
  carrier: string;
  state: 'due' | 'handed_over' | 'blocked';
  orderId: string | null;
  parcelId: string | null;
  stationId: string | null;
  detail: string | null;
  packedAt: number | null;
  fetchedAt: number;
}

type BatchRow = {
  batch_id: string;
  carrier: string | null;
  courier: string | null;
  packer_id: string | null;
  opened_at: number;
  closed_at: number | null;
  missing: string | null;
  missing_from: 'hub' | 'desk' | null;
  slip: string | null;
  print_status: HandoverPrintStatus | null;
  print_error: string | null;
};

const batch = (r: BatchRow): HandoverBatch => ({
  batchId: r.batch_id,
  carrier: r.carrier,
  courier: r.courier,
  packerId: r.packer_id,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  missing: r.missing === null ? null : (JSON.parse(r.missing) as string[]),
  missingFrom: r.missing_from,
  slip: r.slip === null ? null : (JSON.parse(r.slip) as HandoverSlip),
  printStatus: r.print_status,
  printError: r.print_error,
});

type ScanRow = {
  waybill: string;
  batch_id: string;
  carrier: string;
  order_id: string | null;
  parcel_id: string | null;
  at: number;
};
const scan = (r: ScanRow): HandoverScan => ({
  waybill: r.waybill,
  batchId: r.batch_id,
  carrier: r.carrier,
  orderId: r.order_id,
  parcelId: r.parcel_id,
  at: r.at,
});

export class HandoverStore {
  constructor(private readonly db: Db) {}

  open(): HandoverBatch | null {
    const r = this.db.prepare('SELECT * FROM handover_batches WHERE closed_at IS NULL').get() as BatchRow | undefined;
    return r ? batch(r) : null;
  }

  get(batchId: string): HandoverBatch | null {
    const r = this.db.prepare('SELECT * FROM handover_batches WHERE batch_id = ?').get(batchId) as BatchRow | undefined;
    return r ? batch(r) : null;
  }

  lastClosed(): HandoverBatch | null {
    const r = this.db
      .prepare('SELECT * FROM handover_batches WHERE closed_at IS NOT NULL ORDER BY closed_at DESC, rowid DESC LIMIT 1')
      .get() as BatchRow | undefined;
    return r ? batch(r) : null;
  }

  openBatch(b: {
    batchId: string;
    carrier: string;
    courier: string | null;
    packerId: string | null;
    at: number;
  }): void {
    this.db
      .prepare('INSERT INTO handover_batches (batch_id, carrier, courier, packer_id, opened_at) VALUES (?, ?, ?, ?, ?)')
      .run(b.batchId, b.carrier, b.courier, b.packerId, b.at);
  }

  /** The open batch has no parcels yet: another courier or carrier takes it over. */
  setCarrier(batchId: string, carrier: string, courier: string | null): void {
    this.db
      .prepare('UPDATE handover_batches SET carrier = ?, courier = ? WHERE batch_id = ?')
      .run(carrier, courier, batchId);
  }

  /** An empty batch left behind (HND-EXIT before any parcel): nothing to keep. */
  drop(batchId: string): void {
    this.db.prepare('DELETE FROM handover_batches WHERE batch_id = ?').run(batchId);
  }

  close(batchId: string, at: number, missing: string[], missingFrom: 'hub' | 'desk', slip: HandoverSlip): void {
    this.db
      .prepare(
        `UPDATE handover_batches SET closed_at = ?, missing = ?, missing_from = ?, slip = ?, print_status = 'queued'
          WHERE batch_id = ?`,
      )
      .run(at, JSON.stringify(missing), missingFrom, JSON.stringify(slip), batchId);
  }

  addScan(s: HandoverScan): void {
    this.db
      .prepare(
        'INSERT INTO handover_scans (waybill, batch_id, carrier, order_id, parcel_id, at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(s.waybill, s.batchId, s.carrier, s.orderId, s.parcelId, s.at);
  }

  scanOf(waybill: string): HandoverScan | null {
    const r = this.db.prepare('SELECT * FROM handover_scans WHERE waybill = ?').get(waybill) as ScanRow | undefined;
    return r ? scan(r) : null;
  }

  /** Newest first. */
  scans(batchId: string): HandoverScan[] {
    return (
      this.db
        .prepare('SELECT * FROM handover_scans WHERE batch_id = ? ORDER BY at DESC, rowid DESC')
        .all(batchId) as ScanRow[]
    ).map(scan);
  }

  /** The parcel this station packed under `waybill`, with its order's status. */
  packedParcel(waybill: string): { parcelId: string; orderId: string; carrier: string; orderStatus: string } | null {
    const r = this.db
      .prepare(
        `SELECT p.id AS parcelId, p.order_id AS orderId, p.carrier AS carrier, o.status AS orderStatus
           FROM parcels p JOIN orders o ON o.id = p.order_id WHERE p.waybill = ?`,
      )
      .get(waybill) as { parcelId: string; orderId: string; carrier: string; orderStatus: string } | undefined;
    return r ?? null;
  }

  /** Hub exceptions that keep a packed parcel of the order from leaving (cancelled after packing, packed twice). */
  blockingException(orderId: string): string | null {
    const r = this.db
      .prepare(
        `SELECT kind FROM hub_exceptions WHERE order_id = ? AND kind IN ('cancelled_while_packed', 'packed_twice', 'address_changed_after_label')
          ORDER BY at DESC LIMIT 1`,
      )
      .pluck()
      .get(orderId) as string | undefined;
    return r ?? null;
  }

  /** Waybills of parcels this station packed for `carrier` in [from, to). */
  packedBetween(carrier: string, from: number, to: number): string[] {
    return this.db
      .prepare(
        `SELECT waybill FROM parcels WHERE carrier = ? AND created_at >= ? AND created_at < ? AND waybill IS NOT NULL
          ORDER BY created_at, waybill`,
      )
      .pluck()
      .all(carrier, from, to) as string[];
  }

  /** Waybills this station handed over for `carrier` in [from, to). */
  handedOverBetween(carrier: string, from: number, to: number): string[] {
    return this.db
      .prepare('SELECT waybill FROM handover_scans WHERE carrier = ? AND at >= ? AND at < ?')
      .pluck()
      .all(carrier, from, to) as string[];
  }

  /** Replaces what the hub said of `carrier`'s parcels with its latest answer. */
  replaceRemote(expected: HandoverExpected, at: number): void {
    const del = this.db.prepare('DELETE FROM handover_remote WHERE carrier = ?');
    const ins = this.db.prepare(
      `INSERT OR REPLACE INTO handover_remote (waybill, carrier, state, order_id, parcel_id, station_id, detail, packed_at, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const fetched = this.db.prepare(
      'INSERT INTO handover_remote_fetch (carrier, fetched_at) VALUES (?, ?) ON CONFLICT(carrier) DO UPDATE SET fetched_at = excluded.fetched_at',
    );
    this.db.transaction(() => {
      del.run(expected.carrier);
      fetched.run(expected.carrier, at);
      const c = expected.carrier;
      for (const d of expected.due)
        ins.run(d.waybill, c, 'due', d.orderId, d.parcelId, d.stationId, null, d.packedAt, at);
      for (const h of expected.handedOver)
        ins.run(h.waybill, c, 'handed_over', h.orderId, null, h.stationId, h.batchId, h.at, at);
      for (const b of expected.blocked) ins.run(b.waybill, c, 'blocked', b.orderId, null, null, b.detail, null, at);
    })();
  }

  remote(waybill: string): RemoteParcel | null {
    const r = this.db.prepare('SELECT * FROM handover_remote WHERE waybill = ?').get(waybill) as
      | {
          waybill: string;
          carrier: string;
          state: RemoteParcel['state'];
          order_id: string | null;
          parcel_id: string | null;
          station_id: string | null;
          detail: string | null;
          packed_at: number | null;
          fetched_at: number;
        }
      | undefined;
    return r
      ? {
          waybill: r.waybill,
          carrier: r.carrier,
          state: r.state,
          orderId: r.order_id,
          parcelId: r.parcel_id,
          stationId: r.station_id,
          detail: r.detail,
          packedAt: r.packed_at,
          fetchedAt: r.fetched_at,
        }
      : null;
  }

  /** Waybills the hub last said were packed for `carrier` in [from, to) and not handed over, and when it said so. */
  remoteDue(carrier: string, from: number, to: number): { waybills: string[]; fetchedAt: number | null } {
    const waybills = this.db
      .prepare(
        `SELECT waybill FROM handover_remote WHERE carrier = ? AND state = 'due' AND packed_at >= ? AND packed_at < ?
          ORDER BY packed_at, waybill`,
      )
      .pluck()
      .all(carrier, from, to) as string[];
    const fetchedAt = this.db
      .prepare('SELECT fetched_at FROM handover_remote_fetch WHERE carrier = ?')
      .pluck()
      .get(carrier) as number | undefined;
    return { waybills, fetchedAt: fetchedAt ?? null };
  }

  queuedPrints(limit = 10): HandoverBatch[] {
    return (
      this.db
        .prepare("SELECT * FROM handover_batches WHERE print_status = 'queued' ORDER BY closed_at, batch_id LIMIT ?")
        .all(limit) as BatchRow[]
    ).map(batch);
  }

  markPrinted(batchId: string): void {
    this.db
      .prepare("UPDATE handover_batches SET print_status = 'printed', print_error = NULL WHERE batch_id = ?")
      .run(batchId);
  }

  markPrintError(batchId: string, error: string): void {
    this.db.prepare('UPDATE handover_batches SET print_error = ? WHERE batch_id = ?').run(error, batchId);
  }

  markUncertain(batchId: string, detail: string): void {
    this.db
      .prepare("UPDATE handover_batches SET print_status = 'uncertain', print_error = ? WHERE batch_id = ?")
      .run(detail, batchId);
  }
}
