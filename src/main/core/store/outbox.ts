// The outbox: append-only within the caller's transaction. Ids are random UUIDs, so the hub can apply
// each event exactly once no matter how often the station re-sends it.
import { newId } from '../../../base/ids.js';
import type { Db } from '../../../base/node/sqlite/open.js';
import type { AnyOutboxEvent, OutboxPayloads, OutboxType } from '../../../contract/events.js';

export class Outbox {
  private readonly insert;
  private readonly unsent;
  private readonly listeners = new Set<() => void>();

  constructor(
    db: Db,
    private readonly stationId: string,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare('INSERT INTO outbox (id, type, at, packer_id, payload) VALUES (?, ?, ?, ?, ?)');
    this.unsent = db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck();
  }

  /** Must be called inside the transaction that makes the change the event describes. */
  append<T extends OutboxType>(type: T, payload: OutboxPayloads[T], packerId: string | null, at = this.now()): string {
    const id = newId(at);
    this.insert.run(id, type, at, packerId, JSON.stringify(payload));
    for (const l of this.listeners) l();
    return id;
  }

  pendingCount(): number {
    return this.unsent.get() as number;
  }

  /** Called after append (inside the transaction): the sync engine uses it as a wake-up hint only. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  toEvent(row: { id: string; type: string; at: number; packer_id: string | null; payload: string }): AnyOutboxEvent {
    return {
      id: row.id,
      type: row.type,
      at: row.at,
      stationId: this.stationId,
      packerId: row.packer_id,
      payload: JSON.parse(row.payload),
    } as AnyOutboxEvent;
  }
}
