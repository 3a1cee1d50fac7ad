// Group commit for order intake: on a sale day the merchant's backend posts hundreds of orders a
// second, one per request. Each unit of work pays a lock and a commit (on PostgreSQL, round trips
// under the hub-wide advisory lock), so orders that arrive while one unit of work runs are applied
// together in the next. Every request still gets its own answer, exactly as if posted alone.
import type { HubContext } from '../context.js';
import type { HubTx } from '../store/types.js';
import { applyIntake, intakeConfigProblem, type IntakeAnswer, type IntakeOrder } from './intake.js';

/** Enough to amortise the commit; small enough that a batch's unit of work stays short. */
export const INTAKE_BATCH_MAX = 200;

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
  if (batch.length > 1) {
    let answers: IntakeAnswer[] | undefined;
    try {
      answers = await ctx.store.tx(async (tx) => {
        const t = withProductMemo(tx);
        const out: IntakeAnswer[] = [];
        for (const w of batch) out.push(await applyIntake(ctx, t, w.order));
        return out;
      });
    } catch {
      // Rolled back whole: below, each order again in its own unit of work, so one order that
      // throws fails only its own request.
    }
    if (answers) {
      for (const [i, w] of batch.entries()) w.resolve(answers[i] as IntakeAnswer);
      return;
    }
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
 * A sale's orders share few SKUs: each is looked up once per batch, not once per line (a round trip
 * each on PostgreSQL). Safe because intake never changes products.
 */
function withProductMemo(t: HubTx): HubTx {
  const seen = new Map<string, ReturnType<HubTx['products']['bySku']>>();
  const bySku: HubTx['products']['bySku'] = (sku) => {
    let found = seen.get(sku);
    if (found === undefined) {
      found = t.products.bySku(sku);
      seen.set(sku, found);
    }
    return found;
  };
  return { ...t, products: { ...t.products, bySku } };
}
