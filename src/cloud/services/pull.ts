// What a station gets when it pulls: the entities behind the change-feed rows after its cursor (each
// in its current state), its own waybill batches and exceptions, and a pool top-up allocated on the
// way. Long-poll: with nothing new, the request waits (up to `wait`) for the feed to grow.
import type { Product } from '../../shared/domain.js';
import type { HubOrder, PullResponse, RoutingTable } from '../../shared/sync.js';
import { newId } from '../../main/ids.js';
import type { FeedNotifier } from '../notifier.js';
import type { HubOrderRow, HubStore, HubTx } from '../store/types.js';

export interface PullRequest {
  stationId: string;
  cursor: number;
  limit: number;
  waitMs: number;
  /** Free numbers per carrier as the station counts them (it may have used some offline). */
  pool: Record<string, number> | null;
}

export interface PullDeps {
  store: HubStore;
  notifier: FeedNotifier;
  poolTarget: number;
  carriers: () => Promise<string[]>;
  now: () => number;
}

export function toHubOrder(row: HubOrderRow): HubOrder {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    pickSlip: row.pickSlip,
    recipientName: row.recipientName,
    recipientPhone: row.recipientPhone,
    address: row.address,
    remark: row.remark,
    flags: row.flags,
    holdReason: row.holdReason,
    valueFen: row.valueFen,
    paidAt: row.paidAt,
    updatedAt: row.updatedAt,
    lines: row.lines,
    version: row.version,
    preassigned: row.preassigned,
  };
}

/** Tops the station's pool up to the target when it has fallen below half of it. */
async function topUp(t: HubTx, req: PullRequest, deps: PullDeps): Promise<void> {
  if (deps.poolTarget <= 0) return;
  const held = req.pool ?? (await t.waybills.heldBy(req.stationId));
  for (const carrier of await deps.carriers()) {
    const have = held[carrier] ?? 0;
    if (have >= deps.poolTarget / 2) continue;
    await t.waybills.allocate(req.stationId, carrier, deps.poolTarget - have, newId(deps.now()), deps.now());
  }
}

async function assemble(t: HubTx, req: PullRequest, deps: PullDeps): Promise<PullResponse> {
  const rows = await t.feed.since(req.cursor, req.stationId, req.limit + 1);
  const more = rows.length > req.limit;
  const page = rows.slice(0, req.limit);
  const seen = new Set<string>();
  const out: PullResponse = { cursor: page.at(-1)?.seq ?? req.cursor, more, orders: [], products: [], packers: [], routing: null, waybills: [], exceptions: [], serverTime: deps.now() };
  // Newest first so each entity is sent once, in its latest state.
  for (const row of [...page].reverse()) {
    const key = `${row.kind}:${row.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    switch (row.kind) {
      case 'order': {
        const o = await t.orders.get(row.ref);
        if (o) out.orders.push(toHubOrder(o));
        break;
      }
      case 'product': {
        const p = await t.products.get(Number(row.ref));
        if (p) out.products.push(p);
        break;
      }
      case 'packer':
        if (out.packers.length === 0) out.packers.push(...(await t.packers.all()));
        break;
      case 'routing':
        out.routing ??= await t.settings.get<RoutingTable>('routing');
        break;
      case 'waybills': {
        const b = await t.waybills.batch(row.ref);
        if (b && b.stationId === req.stationId) out.waybills.push({ batchId: b.batchId, carrier: b.carrier, numbers: b.numbers });
        break;
      }
      case 'exception': {
        const e = await t.exceptions.get(row.ref);
        if (e) out.exceptions.push(e);
        break;
      }
    }
  }
  // Products before the orders that use them does not matter to a station (it upserts both in one
  // transaction), but oldest-first keeps a station's view easy to reason about.
  out.orders.reverse();
  out.products.sort((a: Product, b: Product) => a.id - b.id);
  return out;
}

export async function pull(req: PullRequest, deps: PullDeps, signal?: AbortSignal): Promise<PullResponse> {
  const until = deps.now() + req.waitMs;
  let first = true;
  for (;;) {
    const waiter = deps.notifier.arm(Math.max(0, until - deps.now()), signal);
    const res = await deps.store.tx(async (t) => {
      if (first) await topUp(t, req, deps);
      await t.stations.touch(req.stationId, deps.now());
      return assemble(t, req, deps);
    });
    first = false;
    const empty = res.cursor === req.cursor;
    if (!empty || until - deps.now() <= 0 || signal?.aborted) {
      waiter.cancel();
      return res;
    }
    await waiter.done;
  }
}
