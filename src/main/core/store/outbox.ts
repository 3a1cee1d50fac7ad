// The outbox: append-only within the caller's transaction. Ids are random UUIDs, so the hub can apply
// each event exactly once no matter how often the station re-sends it.
import { newId } from '../../../base/ids.js';
import type { Db } from '../../../base/node/sqlite/open.js';
import {
  outboxEventSchema,
  type AnyOutboxEvent,
  type OutboxPayloads,
  type OutboxType,
} from '../../../contract/events.js';
import { formatProblems } from '../../../contract/validation.js';

export interface OutboxEventRow {
  id: string;
  type: string;
  at: number;
  packer_id: string | null;
  payload: string;
}

export class Outbox {
  private readonly insert;
  private readonly unsent;
  private readonly betweenStmt;
  private readonly listeners = new Set<() => void>();

  constructor(
    db: Db,
    private readonly stationId: string,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare('INSERT INTO outbox (id, type, at, packer_id, payload) VALUES (?, ?, ?, ?, ?)');
    this.unsent = db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck();
    this.betweenStmt = db.prepare<[number, number], OutboxEventRow>(
      'SELECT id, type, at, packer_id, payload FROM outbox WHERE at >= ? AND at < ? ORDER BY seq',
    );
  }

  /**
   * Must be called inside the transaction that makes the change the event describes. The event is
   * checked against the contract first: one the hub would refuse is a bug here, so it throws and the
   * change rolls back with it rather than being recorded without its event.
   */
  append<T extends OutboxType>(type: T, payload: OutboxPayloads[T], packerId: string | null, at = this.now()): string {
    const id = newId(at);
    const event = { id, type, at, stationId: this.stationId, packerId, payload };
    const checked = outboxEventSchema.safeParse(event);
    if (!checked.success) throw new Error(formatProblems(`outbox event ${type}`, checked.error, event));
    this.insert.run(id, type, at, packerId, JSON.stringify(payload));
    for (const l of this.listeners) l();
    return id;
  }

  /** Events stamped in [from, to), in the order they were written (the desk's own statistics). */
  between(from: number, to: number): OutboxEventRow[] {
    return this.betweenStmt.all(from, to);
  }

  pendingCount(): number {
    return this.unsent.get() as number;
  }

  /** Called after append (inside the transaction): the sync engine uses it as a wake-up hint only. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A stored row as the wire carries it. Rows are sent as stored, not re-checked: one the contract
   * no longer accepts (written by an older version) is the hub's to reject, by itself.
   */
  toEvent(row: { id: string; type: string; at: number; packer_id: string | null; payload: string }): AnyOutboxEvent {
    return {
      id: row.id,
      type: row.type,
      at: row.at,
      stationId: this.stationId,
      packerId: row.packer_id,
      payload: JSON.parse(row.payload) as unknown,
    } as AnyOutboxEvent;
  }
}
