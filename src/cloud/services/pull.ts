// What a station gets when it pulls: the entities behind the change-feed rows after its cursor (each
// in its current state), its own waybill batches and exceptions, and a pool top-up allocated on the
// way. Long-poll: with nothing new, the request waits (up to `wait`) for the feed to grow.
import type { Product } from '../../contract/entities.js';
import type { PullResponse, RoutingTable } from '../../contract/sync.js';
import { newId } from '../../base/ids.js';
import type { FeedNotifier } from '../notifier.js';
import type { HubStore, HubTx } from '../store/types.js';

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

/** A pull response whose orders are still the stored JSON texts (spliced by pullJson). */
export type PullResult = Omit<PullResponse, 'orders'> & { orderWires: string[] };

export function pullJson(r: PullResult): string {
  const { orderWires, ...rest } = r;
  const head = JSON.stringify({ ...rest, orders: [] });
  // head ends with ..."orders":[]} — splice the stored order texts into that array.
  const at = head.lastIndexOf('"orders":[]');
  return `${head.slice(0, at)}"orders":[${orderWires.join(',')}]${head.slice(at + '"orders":[]'.length)}`;
}

async function assemble(t: HubTx, req: PullRequest, deps: PullDeps): Promise<PullResult> {
  const rows = await t.feed.since(req.cursor, req.stationId, req.limit + 1);
  const more = rows.length > req.limit;
  const page = rows.slice(0, req.limit);
  const seen = new Set<string>();
  const out: PullResponse = {
    cursor: page.at(-1)?.seq ?? req.cursor,
    more,
    orders: [],
    products: [],
    packers: [],
    routing: null,
    waybills: [],
    exceptions: [],
    serverTime: deps.now(),
  };
  const orderIds: string[] = [];
  // Newest first so each entity is sent once, in its latest state.
  for (const row of [...page].reverse()) {
    const key = `${row.kind}:${row.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    switch (row.kind) {
      case 'order':
        orderIds.push(row.ref);
        break;
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
        if (b && b.stationId === req.stationId)
          out.waybills.push({ batchId: b.batchId, carrier: b.carrier, numbers: b.numbers });
        break;
      }
      case 'exception': {
        const e = await t.exceptions.get(row.ref);
        if (e) out.exceptions.push(e);
        break;
      }
    }
  }
  // Oldest first keeps a station's view easy to reason about (it applies the page in one transaction).
  orderIds.reverse();
  out.products.sort((a: Product, b: Product) => a.id - b.id);
  const wires = await t.orders.wires(orderIds);
  const { orders: _none, ...rest } = out;
  return { ...rest, orderWires: orderIds.flatMap((id) => wires.get(id) ?? []) };
}

export async function pull(req: PullRequest, deps: PullDeps, signal?: AbortSignal): Promise<PullResult> {
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
    if (!empty || until - deps.now() <= 0 || signal?.aborted || deps.notifier.closed) {
      waiter.cancel();
      return res;
    }
    await waiter.done;
  }
}
