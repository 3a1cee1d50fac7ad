// The stock publisher (README "Allocation and publishing"): after the ledger moves
// (`ctx.stockChanged`), wait `stock.publish.debounceMs` for more moves, recompute the channel
// shares of the SKUs that moved (bundles of them too), keep the targets, serve the hub-read
// channels at once and hand Channels shops to their senders (stock-publish-wechat.ts). Every
// `FULL_PASS_MS` all SKUs are recomputed: sales velocity shifts dynamic shares without a movement,
// and a SKU the hub could not place in a shop earlier may be known now.
import type { HubContext } from '../context.js';
import { readShares, salesBySku, type SalesBySku } from '../services/stock-targets.js';
import { servedChannels, wechatChannels } from '../services/stock-wechat.js';
import type { PublishedRow } from '../store/stock-publish-types.js';
import type { HubTx } from '../store/types.js';
import { LeasedLoop } from './leased-loop.js';
import type { WechatApps } from './wechat-apps.js';
import { WechatStockSender } from './stock-publish-wechat.js';

const FULL_PASS_MS = 30_000;
/** Sales velocity is read again at most this often (it moves over days, not seconds). */
const SALES_TTL_MS = 60_000;

export class StockPublisher {
  private readonly loop: LeasedLoop;
  private readonly senders: WechatStockSender[] = [];
  private dirty = new Set<string>();
  private lastFull = Number.NEGATIVE_INFINITY;
  private debounce: NodeJS.Timeout | null = null;
  private sales: { at: number; bySku: SalesBySku } | null = null;
  /** component SKU → bundles made of it; rebuilt on every full pass. */
  private bundlesOf = new Map<string, string[]>();

  constructor(
    private readonly ctx: HubContext,
    apps: WechatApps,
  ) {
    for (const channel of wechatChannels(ctx.config)) {
      const api = apps.channels(channel.shopId);
      if (api) this.senders.push(new WechatStockSender(ctx, channel, api));
    }
    for (const c of ctx.config.stock.channels)
      if (c.kind === 'channels_shop' && !this.senders.some((s) => s.channelId === c.id))
        ctx.warn('stock publish: channel has no configured Channels shop; nothing is published for it', {
          channel: c.id,
          shopId: c.shopId ?? null,
        });
    this.loop = new LeasedLoop(
      ctx.leases,
      'stock-shares',
      () => this.round(),
      () => Math.max(1, this.lastFull + FULL_PASS_MS - ctx.now()),
      (err) => ctx.warn('stock publish: computing shares failed', { error: String(err) }),
    );
  }

  async start(): Promise<void> {
    const lost = await this.ctx.store.tx((t) => t.stockPublish.recoverInFlight());
    if (lost > 0)
      this.ctx.log('stock publish: updates left in flight at shutdown; WeChat figures are read again', { lost });
    for (const s of this.senders) s.start();
    this.loop.start();
  }

  /** Stock of these SKUs moved (after the commit): recompute them once the moves settle. */
  changed(skus: readonly string[]): void {
    for (const sku of skus) this.dirty.add(sku);
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.loop.kick();
    }, this.ctx.config.stock.publish.debounceMs);
  }

  async stop(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
    await this.loop.stop();
    await Promise.all(this.senders.map((s) => s.stop()));
  }

  private async round(): Promise<void> {
    const now = this.ctx.now();
    const full = now - this.lastFull >= FULL_PASS_MS;
    const skus = full ? null : this.withBundles(this.dirty);
    this.dirty = new Set();
    if (full) this.lastFull = now;
    if (skus !== null && skus.length === 0) return;
    const { config } = this.ctx;
    const served = servedChannels(config).map((c) => c.id);
    const toWechat = new Set(this.senders.map((s) => s.channelId));
    const changedFor = await this.ctx.store.tx(async (t) => {
      if (!this.sales || full || now - this.sales.at >= SALES_TTL_MS)
        this.sales = { at: now, bySku: await salesBySku(t, config.stock, now) };
      if (full) this.bundlesOf = await bundleIndex(t);
      const shares = await readShares(t, config.stock, skus, this.sales.bySku);
      const before = new Map<string, PublishedRow>();
      for (const r of await t.stockPublish.rows(skus ?? shares.map((s) => s.level.sku)))
        before.set(`${r.channel}\t${r.sku}`, r);
      const targets: { channel: string; sku: string; target: number }[] = [];
      const serve: { channel: string; sku: string; qty: number }[] = [];
      const offer = new Map<string, string[]>();
      for (const { level, allocation } of shares)
        for (const c of allocation.channels) {
          const row = before.get(`${c.channel}\t${level.sku}`);
          if (served.includes(c.channel)) {
            if (row?.sent !== c.published) serve.push({ channel: c.channel, sku: level.sku, qty: c.published });
          } else if (toWechat.has(c.channel)) {
            if (row?.target !== c.published) targets.push({ channel: c.channel, sku: level.sku, target: c.published });
            // Every SKU WeChat does not show its target for yet: on a full pass that includes one
            // whose WeChat id was unknown before.
            if (!row || row.target !== c.published || row.sent !== c.published)
              offer.set(c.channel, [...(offer.get(c.channel) ?? []), level.sku]);
          }
        }
      await t.stockPublish.setTargets(targets);
      await t.stockPublish.serve(serve, now);
      return offer;
    });
    for (const s of this.senders) s.offer(changedFor.get(s.channelId) ?? []);
  }

  private withBundles(skus: Set<string>): string[] {
    const out = new Set(skus);
    for (const sku of skus) for (const bundle of this.bundlesOf.get(sku) ?? []) out.add(bundle);
    return [...out];
  }
}

async function bundleIndex(t: HubTx): Promise<Map<string, string[]>> {
  const products = await t.products.all();
  const skuOf = new Map(products.map((p) => [p.id, p.sku]));
  const out = new Map<string, string[]>();
  for (const p of products)
    for (const c of p.components) {
      const part = skuOf.get(c.productId);
      if (part) out.set(part, [...(out.get(part) ?? []), p.sku]);
    }
  return out;
}
