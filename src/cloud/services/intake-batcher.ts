// Group commit for order intake: on a sale day the merchant's backend posts hundreds of orders a
// second, one per request. Each unit of work pays a lock and a commit (on PostgreSQL, round trips
// under the hub-wide advisory lock), so orders that arrive while one unit of work runs are applied
// together in the next. Every request still gets its own answer, exactly as if posted alone. A
// batch costs a fixed number of statements: its products and known ids in one look-up each, its new
// orders in one insert (and one feed insert); only what needs more (a re-post, an unpaid order, the
// stock ledger) goes order by order.
import type { Product } from '../../contract/entities.js';
import type { HubContext } from '../context.js';
import type { HubOrderRow, HubTx } from '../store/types.js';
import { orderHash } from './orders.js';
import { applyIntake, intakeConfigProblem, intakeIncoming, type IntakeAnswer, type IntakeOrder } from './intake.js';

/**
 * Orders waiting beyond this go to the next batch. A batch's cost is nearly fixed, so a busy hub
 * takes large ones; the bound keeps one unit of work (and the hub-wide lock) short.
 */
export const INTAKE_BATCH_MAX = 500;

export interface IntakeBatcher {
  /** Stores the order (once per id, as intakeOrder) in the next batch; resolves with its own answer. */
  submit(order: IntakeOrder): Promise<IntakeAnswer>;
}

interface Waiting {
  order: IntakeOrder;
  resolve(answer: IntakeAnswer): void;
  reject(err: unknown): void;
}

export function intakeBatcher(ctx: HubContext, maxBatch = INTAKE_BATCH_MAX): IntakeBatcher {
  let pending: Waiting[] = [];
  let running = false;
  let scheduled = false;

  // One batch at a time: while it runs, new orders gather for the next (at most a tick of delay
  // when the hub is idle, none added under load).
  const kick = (): void => {
    if (running || scheduled || pending.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      running = true;
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      void applyBatch(ctx, batch).finally(() => {
        running = false;
        kick();
      });
    });
  };

  return {
    submit(order) {
      const refused = intakeConfigProblem(ctx, order);
      if (refused) return Promise.resolve(refused);
      return new Promise<IntakeAnswer>((resolve, reject) => {
        pending.push({ order, resolve, reject });
        kick();
      });
    },
  };
}

async function applyBatch(ctx: HubContext, batch: Waiting[]): Promise<void> {
  let answers: IntakeAnswer[] | undefined;
  try {
    answers = await ctx.store.tx((t) =>
      applyTogether(
        ctx,
        t,
        batch.map((w) => w.order),
      ),
    );
  } catch (err) {
    // Rolled back whole: below, each order again in its own unit of work, so one order that
    // throws fails only its own request.
    if (batch.length === 1) {
      batch[0]?.reject(err);
      return;
    }
  }
  if (answers) {
    for (const [i, w] of batch.entries()) w.resolve(answers[i] as IntakeAnswer);
    return;
  }
  for (const w of batch) {
    try {
      w.resolve(await ctx.store.tx((t) => applyIntake(ctx, t, w.order)));
    } catch (err) {
      w.reject(err);
    }
  }
}

/**
 * The batch's answers, each as if its order were posted alone after the ones before it. An id's
 * first post that is new to the hub, paid, without the stock ledger, is one row and one feed row:
 * those are stored together first. Everything else (later posts of an id, unpaid orders, the
 * ledger's reservations) follows order by order. Orders of different ids touch nothing in common
 * then, so only each id's own order of posts matters, and that is kept.
 */
async function applyTogether(ctx: HubContext, t: HubTx, orders: readonly IntakeOrder[]): Promise<IntakeAnswer[]> {
  const products = await t.products.bySkus(orders.flatMap((o) => o.lines.map((l) => l.sku)));
  const seen = await t.orders.known(orders.map((o) => o.id));
  const answers: (IntakeAnswer | undefined)[] = [];
  const fresh: Omit<HubOrderRow, 'version' | 'packedBy' | 'packedAt'>[] = [];
  /** Where each id of `fresh` stands in the batch. */
  const freshAt = new Map<string, number>();
  const now = ctx.now();
  for (const [i, o] of orders.entries()) {
    const first = !seen.has(o.id);
    seen.add(o.id);
    if (!first || o.status === 'unpaid' || ctx.config.stock.enabled) continue;
    const incoming = intakeIncoming(o, products, now);
    if ('error' in incoming) {
      answers[i] = incoming;
      continue;
    }
    fresh.push({
      ...incoming.order,
      preassigned: null,
      source: incoming.source,
      shopId: incoming.shopId,
      wechatLines: incoming.wechatLines,
      payment: incoming.payment,
      contentHash: orderHash(incoming.order),
    });
    freshAt.set(o.id, i);
  }
  const stored = new Set(await t.orders.insertNew(fresh));
  const tm = withProducts(t, products);
  for (const [i, o] of orders.entries()) {
    if (answers[i]) continue;
    const alone = freshAt.get(o.id) === i && stored.has(o.id);
    answers[i] = alone ? { id: o.id, changed: true, version: 1 } : await applyIntake(ctx, tm, o);
  }
  return answers as IntakeAnswer[];
}

/** The batch's products answer its look-ups by SKU (intake never changes products). */
function withProducts(t: HubTx, products: ReadonlyMap<string, Product>): HubTx {
  const bySku: HubTx['products']['bySku'] = (sku) => products.get(sku) ?? t.products.bySku(sku);
  return { ...t, products: { ...t.products, bySku } };
}
