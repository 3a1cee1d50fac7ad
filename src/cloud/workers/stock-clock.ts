// The ledger's clock work: at start, orders stored before stock was turned on get their
// reservation (a batch per round, so pulls and pushes keep answering); then, a few times per
// stock.unpaidReleaseMin and at least every UNPAID_CHECK_MAX_MS, unpaid intake orders whose time
// ran out give their stock back (services/stock-orders.ts).
import type { HubContext } from '../context.js';
import { releaseUnpaid, settleUnsettledOrders } from '../services/stock-orders.js';
import { LeasedLoop } from './leased-loop.js';

const UNPAID_CHECK_MAX_MS = 5000;

export function stockClockLoop(ctx: HubContext): LeasedLoop {
  const stock = ctx.config.stock;
  const everyMs = Math.min(UNPAID_CHECK_MAX_MS, Math.max(250, (stock.unpaidReleaseMin * 60_000) / 4));
  /** Where the start-up settling got to; null once every earlier order is settled. */
  let settledUpTo: string | null = '';
  const loop: LeasedLoop = new LeasedLoop(
    ctx.leases,
    'stock-clock',
    async () => {
      if (settledUpTo !== null) {
        const from = settledUpTo;
        settledUpTo = await ctx.store.tx((t) => settleUnsettledOrders(t, stock, from, ctx.now()));
        if (settledUpTo !== null) loop.kick();
      }
      const released = await ctx.store.tx((t) => releaseUnpaid(t, stock, ctx.now()));
      if (released.length > 0) ctx.log('unpaid reservations released', { orders: released.length });
    },
    everyMs,
    (err) => ctx.warn('stock: settling orders or releasing unpaid reservations failed', { error: String(err) }),
  );
  return loop;
}
