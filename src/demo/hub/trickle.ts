// What keeps the demo alive: every tick the sandbox shop takes one more paid order, and every
// `cancelEvery`-th tick a buyer cancels an order that is still waiting to ship, so a newcomer at the
// desk sees new orders arrive and a cancelled one intercepted. Each change is pushed to the hub the
// way WeChat's message push does (§2.8); the hub's periodic pull would find it anyway.
import { mixSeed, Rng } from '../../base/prng.js';
import type { Product } from '../../contract/entities.js';
import { generateOrders } from '../data/generator.js';
import type { DemoCatalog } from '../data/types.js';
import type { FakeWechat, PushEvent } from '../wechat-sandbox/index.js';
import { toChannelsOrder } from './sandbox-orders.js';

/** WeChat status 20: paid, waiting for shipment (§2.3). */
const WAITING_TO_SHIP = 20;
const CANCELLED = 250;

export interface TrickleOptions {
  fake: FakeWechat;
  catalog: DemoCatalog;
  seed: number;
  /** Generator index of the next new order (continues after the initial backlog). */
  nextIndex: number;
  now: () => number;
  /** Tells the hub about a change (the sandbox's message push). */
  push: (event: PushEvent) => Promise<void>;
  /** Cancel an open order on every n-th tick; 0 never. */
  cancelEvery: number;
  /**
   * Only orders paid at or after this (Unix seconds: when the demo began) are ever cancelled: a
   * buyer who just ordered changes their mind, and the starting backlog stays packable.
   */
  cancelPaidSinceS: number;
}

export interface TickResult {
  added: string;
  cancelled: string | null;
}

export class DemoTrickle {
  private readonly productsById: Map<number, Product>;
  private readonly rng: Rng;
  private ticks = 0;
  nextIndex: number;

  constructor(private readonly opts: TrickleOptions) {
    this.productsById = new Map(opts.catalog.products.map((p) => [p.id, p]));
    this.nextIndex = opts.nextIndex;
    this.rng = new Rng(mixSeed(opts.seed, 0xca11 + opts.nextIndex));
  }

  async tick(): Promise<TickResult> {
    this.ticks += 1;
    const added = this.addOrder();
    await this.opts.push({
      Event: 'channels_ec_order_pay',
      order_id: added,
      extra: { pay_time: Math.floor(this.opts.now() / 1000) },
    });
    let cancelled: string | null = null;
    if (this.opts.cancelEvery > 0 && this.ticks % this.opts.cancelEvery === 0) {
      cancelled = this.cancelOne(added);
      if (cancelled)
        await this.opts.push({ Event: 'channels_ec_order_cancel', order_id: cancelled, extra: { cancel_type: 1 } });
    }
    return { added, cancelled };
  }

  /** A fresh order from the generator's stream, paid just now and open whatever its generated case. */
  private addOrder(): string {
    const now = this.opts.now();
    const [generated] = generateOrders(this.opts.seed, this.opts.catalog, 1, { startIndex: this.nextIndex++ });
    if (!generated) throw new Error('the demo generator produced no order');
    const order = { ...generated, status: 'open' as const, holdReason: null, paidAt: now, updatedAt: now };
    this.opts.fake.addChannelsOrder(toChannelsOrder(order, this.productsById));
    return order.id;
  }

  /** A buyer cancels a recent order that has not shipped yet (never the one that just came in). */
  private cancelOne(except: string): string | null {
    const open = this.opts.fake
      .channelsOrderList()
      .filter(
        (o) =>
          o.status === WAITING_TO_SHIP &&
          o.order_id !== except &&
          o.order_detail.pay_info.pay_time >= this.opts.cancelPaidSinceS,
      )
      .map((o) => o.order_id)
      .sort();
    if (open.length === 0) return null;
    const id = this.rng.pick(open);
    this.opts.fake.setOrderStatus(id, CANCELLED);
    return id;
  }
}
