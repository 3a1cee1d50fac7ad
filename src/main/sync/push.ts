// Records the hub's answer to one push in one transaction: accepted events are sent, rejected ones
// move to the dead letters with the hub's reason (they will never be accepted, so they must not
// block the queue), and exceptions the hub found while applying them are kept for the supervisor.
import type { Db } from '../../base/node/sqlite/open.js';
import type { PushResponse } from '../../contract/sync.js';
import type { OutboxRow, SyncStore } from './store.js';

export interface PushOutcome {
  accepted: number;
  rejected: number;
  /** The batch's first event was settled. If not, re-sending it unchanged would loop forever. */
  progressed: boolean;
}

export function pushBatch(
  db: Db,
  store: SyncStore,
  rows: readonly OutboxRow[],
  res: PushResponse,
  at: number,
): PushOutcome {
  // Only ids of this batch count: a confused hub must not settle events it was never sent.
  const inBatch = new Set(rows.map((r) => r.id));
  return db.transaction(() => {
    let accepted = 0;
    let rejected = 0;
    const settled = new Set<string>();
    for (const id of res.accepted) {
      if (!inBatch.has(id)) continue;
      if (store.markSent(id, at)) accepted++;
      settled.add(id);
    }
    for (const r of res.rejected) {
      if (!inBatch.has(r.id) || settled.has(r.id)) continue;
      if (store.deadLetter(r.id, r.reason, at)) rejected++;
      settled.add(r.id);
    }
    for (const e of res.exceptions) store.addException(e, 'hub', at);
    const first = rows[0];
    return { accepted, rejected, progressed: first !== undefined && settled.has(first.id) };
  })();
}
