// Applies one pull page in ONE desk transaction with its new cursor, so a crash keeps all of it or
// none — a page is never applied twice or skipped. Inside it, each row applies in its own savepoint:
// a row this station cannot apply (out of contract, or refused by its own tables) is rolled back
// alone and quarantined (recorded, reported to the hub, counted for the supervisor), and the rest of
// the page applies. A pull never stalls on one row: one bad row at the hub must not stop every desk.
//
// Order within a page: cancellations and holds first (a cancelled order must reach the desk even when
// the rest of the page is trouble), then products (plain before bundles), packers, routing, the other
// orders, waybills and exceptions.
import type { z } from 'zod';
import { newId } from '../../base/ids.js';
import type { QuarantineKind } from '../../contract/events.js';
import {
  CLAIM_LOST_KINDS,
  hubExceptionSchema,
  hubOrderSchema,
  packerSchema,
  productSchema,
  routingTableSchema,
  waybillBatchSchema,
  type HubOrder,
  type PullPage,
} from '../../contract/sync.js';
import { fieldProblems } from '../../contract/validation.js';
import type { Desk } from '../core/packing/desk.js';
import type { Upstream } from '../core/packing/upstream.js';
import { mergeOrder } from './merge.js';
import type { SyncStore } from './store.js';

export interface PullSummary {
  cursor: number;
  orders: number;
  staleOrders: number;
  products: number;
  packers: number;
  routing: boolean;
  waybills: number;
  exceptions: number;
  /** Rows of this page set aside (their ids are in the quarantine table). */
  quarantined: number;
}

interface Row<T> {
  value: T;
  raw: unknown;
  ref: string;
}

/** The row's own id as text, for naming it before it is known to be valid. */
function refOf(kind: QuarantineKind, raw: unknown): string {
  const r = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const id = kind === 'waybills' ? r.batchId : kind === 'routing' ? r.version : r.id;
  const text = typeof id === 'string' || typeof id === 'number' ? String(id) : '?';
  return text.slice(0, 128) || '?';
}

/**
 * Errors that are not about the row (the disk is full, the database is locked or corrupt): the page
 * must not be consumed, so they undo it and the pull is tried again.
 */
function aboutTheStation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && code.startsWith('SQLITE_') && !/^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code)
  );
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

class PageApplier {
  readonly summary: PullSummary;

  constructor(
    private readonly up: Upstream,
    private readonly desk: Desk,
    private readonly store: SyncStore,
    private readonly cursor: number,
    private readonly receivedAt: number,
  ) {
    this.summary = {
      cursor,
      orders: 0,
      staleOrders: 0,
      products: 0,
      packers: 0,
      routing: false,
      waybills: 0,
      exceptions: 0,
      quarantined: 0,
    };
  }

  /** Rows that meet the contract; the others are quarantined with the fields that do not. */
  parse<T>(kind: QuarantineKind, rows: readonly unknown[], schema: z.ZodType<T>): Row<T>[] {
    const out: Row<T>[] = [];
    for (const raw of rows) {
      const ref = refOf(kind, raw);
      const r = schema.safeParse(raw);
      if (r.success) out.push({ value: r.data, raw, ref });
      else
        this.quarantine(
          kind,
          ref,
          raw,
          fieldProblems(r.error, raw)
            .map((p) => p.message)
            .join('; '),
        );
    }
    return out;
  }

  /** Applies one row in its own savepoint; null when it was quarantined instead. */
  attempt<T>(kind: QuarantineKind, row: Row<unknown>, fn: () => T): { value: T } | null {
    let value: T;
    try {
      value = this.up.isolated(fn);
    } catch (err) {
      if (aboutTheStation(err)) throw err;
      this.quarantine(kind, row.ref, row.raw, messageOf(err));
      return null;
    }
    // A corrected copy applied: what was set aside for this row is settled.
    this.store.quarantine.resolve(kind, row.ref, this.up.now());
    return { value };
  }

  apply(kind: QuarantineKind, row: Row<unknown>, fn: () => void): boolean {
    return this.attempt(kind, row, fn) !== null;
  }

  quarantine(kind: QuarantineKind, ref: string, raw: unknown, why: string): void {
    const id = newId(this.up.now());
    const reason = why.slice(0, 2000) || 'not applied';
    const at = this.up.now();
    this.store.quarantine.add({ id, kind, ref, cursor: this.cursor, reason, row: raw, at });
    const about = kind === 'order' ? ref : `${kind}:${ref}`;
    const detail = `${kind} ${ref} from the hub was set aside: ${reason}`;
    // The desk's own list shows it at once; the hub records it under the same id (no duplicate back).
    this.store.addException(
      { id, orderId: about, stationId: this.up.stationId, kind: 'sync_quarantined', detail, at },
      'station',
      this.receivedAt,
    );
    this.desk.outbox.append('sync.quarantined', { quarantineId: id, kind, ref, reason, cursor: this.cursor }, null);
    this.summary.quarantined++;
  }

  order(row: Row<HubOrder>): void {
    const applied = this.attempt('order', row, () => applyHubOrder(this.up, this.store, row.value, this.receivedAt));
    if (applied?.value === true) this.summary.orders++;
    else if (applied) this.summary.staleOrders++;
  }

  /** Orders set aside earlier (a product they need was missing, say): tried again once products came. */
  retryOrders(): void {
    for (const q of this.store.quarantine.retryable('order')) {
      const raw: unknown = JSON.parse(q.row ?? 'null');
      const r = hubOrderSchema.safeParse(raw);
      if (!r.success) continue;
      try {
        this.up.isolated(() => applyHubOrder(this.up, this.store, r.data, this.receivedAt));
      } catch (err) {
        if (aboutTheStation(err)) throw err;
        continue; // still not applicable: it stays quarantined, with its first reason
      }
      this.store.quarantine.resolveOne(q.id, this.up.now());
    }
  }
}

export function applyPull(desk: Desk, store: SyncStore, res: PullPage, receivedAt: number): PullSummary {
  return desk.applyUpstream(
    (up) => {
      const page = new PageApplier(up, desk, store, res.cursor, receivedAt);
      const s = page.summary;
      const orders = latestCopies(page.parse('order', res.orders, hubOrderSchema));
      const stops = orders.filter((o) => o.value.status === 'cancelled' || o.value.status === 'held');
      for (const o of stops) page.order(o);

      // Plain products first: a bundle's components must be there before it.
      const products = page.parse('product', res.products, productSchema);
      products.sort((a, b) => Number(a.value.components.length > 0) - Number(b.value.components.length > 0));
      for (const p of products) if (page.apply('product', p, () => up.products([p.value]))) s.products++;

      for (const p of page.parse('packer', res.packers, packerSchema))
        if (page.apply('packer', p, () => up.packers([p.value]))) s.packers++;
      const routing = res.routing === null || res.routing === undefined ? [] : [res.routing];
      for (const r of page.parse('routing', routing, routingTableSchema))
        if (page.apply('routing', r, () => up.routing(r.value))) s.routing = true;

      for (const o of orders) if (!stops.includes(o)) page.order(o);
      if (s.products > 0) page.retryOrders();

      const carriers = new Set<string>();
      for (const b of page.parse('waybills', res.waybills, waybillBatchSchema)) {
        const batch = b.value;
        if (store.batchApplied(batch.batchId)) continue;
        const added = page.attempt('waybills', b, () => {
          // INSERT OR IGNORE by (carrier, number): a number already in the pool is not added twice.
          const n = up.addWaybills(batch.carrier, batch.numbers);
          store.recordBatch(batch.batchId, batch.carrier, batch.numbers.length, n, receivedAt);
          return n;
        });
        if (!added) continue;
        s.waybills += added.value;
        carriers.add(batch.carrier);
      }
      // Parcels that waited for a number (label.pending) get one now, like a manual import.
      for (const carrier of carriers) up.assignPending(carrier);
      for (const e of page.parse('exception', res.exceptions, hubExceptionSchema))
        if (page.apply('exception', e, () => store.addException(e.value, 'hub', receivedAt))) {
          s.exceptions++;
          if (CLAIM_LOST_KINDS.includes(e.value.kind)) up.claimLost(e.value.orderId);
        }
      store.setCursor(res.cursor);
      return s;
    },
    (s) => s.orders + s.products + s.packers + s.waybills + s.exceptions + s.quarantined > 0 || s.routing,
  );
}

/**
 * The newest copy of each order in the page (a page may carry several; the older ones are stale
 * anyway), so taking cancellations first cannot let an older cancel overtake a newer copy.
 */
function latestCopies(rows: Row<HubOrder>[]): Row<HubOrder>[] {
  const latest = new Map<string, Row<HubOrder>>();
  for (const r of rows) {
    const seen = latest.get(r.value.id);
    if (!seen || r.value.version > seen.value.version) latest.set(r.value.id, r);
  }
  return rows.filter((r) => latest.get(r.value.id) === r);
}

/** Returns false for a stale copy (an older or equal version than the last one applied). */
function applyHubOrder(up: Upstream, store: SyncStore, incoming: HubOrder, receivedAt: number): boolean {
  const local = up.order(incoming.id);
  const merged = mergeOrder({
    incoming,
    local,
    known: store.hubOrder(incoming.id),
    packingHere: up.packingOrderId() === incoming.id,
    hasParcels: local !== undefined && up.hasParcels(incoming.id),
  });
  if (merged.kind === 'stale') return false;
  store.setHubOrder(incoming);
  up.applyOrder(merged.order);
  // 子母单 children (and JD's renumbered labels) come with the order once WeChat issued them.
  if (incoming.subWaybills?.length) up.subWaybills(incoming.id, incoming.subWaybills);
  if (merged.labelConflict) {
    const exception = {
      id: newId(up.now()),
      orderId: incoming.id,
      stationId: up.stationId,
      kind: 'address_changed_after_label' as const,
      detail: merged.labelConflict,
      at: up.now(),
    };
    store.addException(exception, 'station', receivedAt);
  }
  return true;
}
