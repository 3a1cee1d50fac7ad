// The sync engine's tables (migrations 0002_sync, 0005_dead_letters): cursor, per-order hub versions,
// applied waybill batches, exceptions, dead letters, and the outbox columns it reads and marks. Writers run inside the caller's
// transaction, so what they record commits or rolls back with the change it describes.
import type { Db } from '../../base/node/sqlite/open.js';
import type { HubException, HubOrder } from '../../contract/sync.js';
import { QuarantineStore } from './quarantine-store.js';

export type HubOrderStatus = HubOrder['status'];

export interface HubOrderState {
  version: number;
  status: HubOrderStatus;
}

export interface OutboxRow {
  seq: number;
  id: string;
  type: string;
  at: number;
  packer_id: string | null;
  payload: string;
}

/** An event the hub refused for good (migration 0005_dead_letters), newest first in listings. */
export interface DeadLetter {
  seq: number;
  id: string;
  type: string;
  at: number;
  packerId: string | null;
  /** As stored in the outbox (JSON). */
  payload: string;
  reason: string;
  rejectedAt: number;
}

/** An exception as the supervisor sees it; `source` tells the hub's reports from the station's own. */
export interface StationException extends HubException {
  source: 'hub' | 'station';
  receivedAt: number;
}

/** A Channels e-waybill's data for WeChat's print component (wechat-api-2.md §1.5). */
export interface EwaybillPrint {
  waybill: string;
  ewaybillOrderId: string | null;
  printInfo: string;
  templateId: string | null;
  /**
   * A 子母单's labels by parcel (1 = parent) once WeChat issued the children, each with its own
   * print_info when the hub fetched one (the parent's only when renumbered, JD). Kept in the same
   * column: it comes with the order, like the rest.
   */
  labels?: { parcelNo: number; waybill: string; printInfo: string | null }[];
}

export class SyncStore {
  private readonly s;
  /** Rows of a pull set aside (src/main/sync/quarantine-store.ts). */
  readonly quarantine: QuarantineStore;

  constructor(db: Db) {
    this.quarantine = new QuarantineStore(db);
    this.s = {
      getState: db.prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?').pluck(),
      setState: db.prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      hubOrder: db.prepare<[string], HubOrderState>('SELECT version, status FROM hub_orders WHERE order_id = ?'),
      setHubOrder: db.prepare(
        `INSERT INTO hub_orders (order_id, version, status, preassigned_carrier, preassigned_waybill) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(order_id) DO UPDATE SET version = excluded.version, status = excluded.status,
           preassigned_carrier = excluded.preassigned_carrier, preassigned_waybill = excluded.preassigned_waybill`,
      ),
      preassigned: db.prepare<[string], { carrier: string; waybill: string }>(
        'SELECT preassigned_carrier AS carrier, preassigned_waybill AS waybill FROM hub_orders WHERE order_id = ? AND preassigned_waybill IS NOT NULL',
      ),
      setPrint: db.prepare('UPDATE hub_orders SET preassigned_print = ? WHERE order_id = ?'),
      print: db.prepare<[string], string | null>('SELECT preassigned_print FROM hub_orders WHERE order_id = ?').pluck(),
      batchSeen: db.prepare<[string], number>('SELECT 1 FROM hub_waybill_batches WHERE batch_id = ?').pluck(),
      addBatch: db.prepare(
        'INSERT INTO hub_waybill_batches (batch_id, carrier, numbers, added, applied_at) VALUES (?, ?, ?, ?, ?)',
      ),
      addException: db.prepare(
        `INSERT OR IGNORE INTO hub_exceptions (id, order_id, station_id, kind, detail, at, source, received_at)
         VALUES (@id, @orderId, @stationId, @kind, @detail, @at, @source, @receivedAt)`,
      ),
      exceptions: db.prepare<[number], StationException>(
        `SELECT id, order_id AS orderId, station_id AS stationId, kind, detail, at, source, received_at AS receivedAt
         FROM hub_exceptions ORDER BY at DESC, rowid DESC LIMIT ?`,
      ),
      unsent: db.prepare<[number], OutboxRow>(
        'SELECT seq, id, type, at, packer_id, payload FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?',
      ),
      markSent: db.prepare('UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL'),
      addDeadLetter: db.prepare(
        `INSERT INTO dead_letters (seq, id, type, at, packer_id, payload, reason, rejected_at)
         SELECT seq, id, type, at, packer_id, payload, ?, ? FROM outbox WHERE id = ?`,
      ),
      deadLetters: db.prepare<[number], DeadLetter>(
        `SELECT seq, id, type, at, packer_id AS packerId, payload, reason, rejected_at AS rejectedAt
         FROM dead_letters ORDER BY seq DESC LIMIT ?`,
      ),
      deadLetterCount: db.prepare<[], number>('SELECT count(*) FROM dead_letters').pluck(),
    };
  }

  /** Everything up to this hub sequence number has been applied here. */
  cursor(): number {
    const v = this.s.getState.get('cursor');
    return v === undefined ? 0 : Number(v);
  }

  setCursor(cursor: number): void {
    this.s.setState.run('cursor', String(cursor));
  }

  hubOrder(orderId: string): HubOrderState | undefined {
    return this.s.hubOrder.get(orderId);
  }

  setHubOrder(order: HubOrder): void {
    this.s.setHubOrder.run(
      order.id,
      order.version,
      order.status,
      order.preassigned?.carrier ?? null,
      order.preassigned?.waybill ?? null,
    );
    const pre = order.preassigned;
    this.s.setPrint.run(
      pre?.printInfo
        ? JSON.stringify({
            waybill: pre.waybill,
            ewaybillOrderId: pre.ewaybillOrderId ?? null,
            printInfo: pre.printInfo,
            templateId: pre.templateId ?? null,
            ...(order.subWaybills?.length
              ? {
                  labels: order.subWaybills.map((l) => ({
                    parcelNo: l.parcelNo,
                    waybill: l.waybill,
                    printInfo: l.printInfo ?? null,
                  })),
                }
              : {}),
          } satisfies EwaybillPrint)
        : null,
      order.id,
    );
  }

  /** WeChat's print data for the order's e-waybill, when the hub sent it (print component path). */
  ewaybillPrint(orderId: string): EwaybillPrint | null {
    const text = this.s.print.get(orderId);
    return text ? (JSON.parse(text) as EwaybillPrint) : null;
  }

  /** The number the hub took in advance for the order's first parcel (e-waybill shops). */
  preassigned(orderId: string): { carrier: string; waybill: string } | null {
    return this.s.preassigned.get(orderId) ?? null;
  }

  batchApplied(batchId: string): boolean {
    return this.s.batchSeen.get(batchId) !== undefined;
  }

  recordBatch(batchId: string, carrier: string, numbers: number, added: number, at: number): void {
    this.s.addBatch.run(batchId, carrier, numbers, added, at);
  }

  /** Idempotent by id: the hub may report the same exception on a pull and a push. */
  addException(e: HubException, source: 'hub' | 'station', receivedAt: number): void {
    this.s.addException.run({ ...e, source, receivedAt });
  }

  exceptions(limit = 200): StationException[] {
    return this.s.exceptions.all(limit);
  }

  unsent(limit: number): OutboxRow[] {
    return this.s.unsent.all(limit);
  }

  markSent(id: string, at: number): boolean {
    return this.s.markSent.run(at, id).changes > 0;
  }

  /** Settles an event the hub refused for good and keeps it, with the reason, in the dead letters. */
  deadLetter(id: string, reason: string, at: number): boolean {
    if (this.s.markSent.run(at, id).changes === 0) return false;
    this.s.addDeadLetter.run(reason, at, id);
    return true;
  }

  deadLetters(limit = 100): DeadLetter[] {
    return this.s.deadLetters.all(limit);
  }

  deadLetterCount(): number {
    return this.s.deadLetterCount.get() as number;
  }
}
