// Orders from WeChat Channels shops: a periodic incremental pull per shop (OrderPuller: 7-day
// windows, frozen paging, overlap re-scan, watermark after whole windows) and single-order
// re-fetches triggered by push events.
import { mapChannelsOrder, OrderPuller, type ChannelsApi, type WechatOrder } from '../wechat/index.js';
import type { ChannelsShopConfig } from '../config.js';
import type { HubContext } from '../context.js';
import type { Product } from '../../contract/entities.js';
import { upsertOrder } from '../services/orders.js';

async function ingest(ctx: HubContext, shopId: string, o: WechatOrder): Promise<void> {
  await ctx.store.tx(async (t) => {
    const bySku = new Map<string, Product>((await t.products.all()).map((p) => [p.sku, p]));
    const mapped = mapChannelsOrder(o, { productBySkuCode: (code) => bySku.get(code) });
    const existing = await t.orders.get(mapped.id);
    // Unpaid orders are not work yet; but an order a station already has must learn every change.
    if (!mapped.packable && !existing) return;
    const { packable: _p, wechatStatus: _s, updateTimeS: _u, lines, ...order } = mapped;
    await upsertOrder(
      t,
      {
        order: { ...order, lines: lines.map(({ wechat: _w, ...line }) => line) },
        source: 'channels',
        shopId,
        wechatLines: lines.map((l) => ({ lineNo: l.lineNo, productId: l.wechat.productId, skuId: l.wechat.skuId })),
        payment: null,
      },
      ctx.now(),
    );
  });
}

export class ChannelsPuller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly puller: OrderPuller;
  private stopped = false;

  constructor(
    private readonly ctx: HubContext,
    private readonly shop: ChannelsShopConfig,
    private readonly api: ChannelsApi,
  ) {
    this.puller = new OrderPuller({
      app: api,
      now: ctx.now,
      overlapS: shop.overlapS,
      initialLookbackS: shop.initialLookbackS,
      store: {
        load: () => ctx.store.tx((t) => t.wechat.watermark(shop.id)),
        save: (s) => ctx.store.tx((t) => t.wechat.setWatermark(shop.id, s)),
      },
    });
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.pullOnce().finally(() => {
        this.running = null;
        if (!this.stopped) this.timer = setTimeout(loop, this.shop.pullIntervalS * 1000);
      });
    };
    loop();
  }

  async pullOnce(): Promise<void> {
    try {
      const r = await this.puller.run((o) => ingest(this.ctx, this.shop.id, o));
      if (r.fetched > 0) this.ctx.log('orders pulled', { shop: this.shop.id, fetched: r.fetched, windows: r.windows });
    } catch (err) {
      this.ctx.log('order pull failed; next run re-scans from the watermark', {
        shop: this.shop.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  /** A push event said this order changed: read it now (the push itself is only a hint). */
  async refetch(orderId: string): Promise<void> {
    try {
      await ingest(this.ctx, this.shop.id, await this.api.getOrder(orderId));
    } catch (err) {
      this.ctx.log('order re-fetch failed; the next pull picks it up', {
        shop: this.shop.id,
        orderId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
