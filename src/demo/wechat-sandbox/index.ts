// A fake api.weixin.qq.com for tests and benchmarks, written from shared/specs/wechat-api.md. It
// keeps the rules a sync client can get wrong (token rotation, paging, the shipping and upload error
// codes) and lets a test break the network on purpose (faults) and look at what took effect.
import { Ewaybills } from './ewaybill.js';
import { generateChannelsOrders, type GenerateOptions } from './generate.js';
import { MiniProgram } from './miniprogram.js';
import { ChannelsOrders } from './orders.js';
import { pushEnvelope, pushJson, pushXml, securePush, sendPush, type PushEvent, type PushResult } from './push.js';
import { buildRoutes } from './routes.js';
import {
  AfterSales,
  afterSalePushJson,
  type FakeAfterSale,
  type ReceivedImage,
  type ReceivedProof,
} from './aftersale.js';
import { Faults, WxHttpServer } from './server.js';
import { ApiLimiter, DEFAULT_LIMITS, type ApiUsage } from './limits.js';
import { ChannelsStock } from './stock.js';
import { TokenStore } from './tokens.js';
import { SubscribeMessages, type SentMessage } from './subscribe.js';
import { pathInfoItem, pathPushJson, type PathStep } from './path-push.js';
import type {
  CallRecord,
  FakeChannelsOrder,
  FakePackage,
  FakePayment,
  FakeStockChange,
  FakeUpload,
  FakeWechatOptions,
  Fault,
} from './types.js';

export type {
  CallRecord,
  FakeAddress,
  FakeApp,
  FakeChannelsOrder,
  FakePackage,
  FakePayment,
  FakeProduct,
  FakeProductInfo,
  FakeShippedProduct,
  FakeShippingItem,
  FakeStockChange,
  FakeUpload,
  FakeWechatOptions,
  Fault,
} from './types.js';
export { STOCK_ERR } from './stock.js';
export type { ChannelsOrderInput, GenerateOptions } from './generate.js';
export type { PushEvent, PushResult } from './push.js';
export type { SentMessage } from './subscribe.js';
export type { PathStep } from './path-push.js';
export type { FakeAfterSale, ReceivedImage, ReceivedProof } from './aftersale.js';
export { buildChannelsOrder } from './generate.js';
export { CARRIERS } from './delivery.js';
export { DEFAULT_LIMITS } from './limits.js';
export type { ApiLimit, ApiLimits, ApiUsage } from './limits.js';

export class FakeWechat {
  private readonly now: () => number;
  private readonly tokens: TokenStore;
  private readonly orders: ChannelsOrders;
  private readonly mini: MiniProgram;
  private readonly ewaybills: Ewaybills;
  private readonly subscribe = new SubscribeMessages();
  private readonly afterSales = new AfterSales();
  private readonly stock: ChannelsStock;
  private readonly faults = new Faults();
  private readonly log: CallRecord[] = [];
  private readonly server: WxHttpServer;
  private readonly limiter: ApiLimiter;

  constructor(private readonly opts: FakeWechatOptions) {
    const appids = opts.apps.map((a) => a.appid);
    if (new Set(appids).size !== appids.length) throw new RangeError('fake-wechat: duplicate appid');
    this.now = opts.now ?? Date.now;
    const nowS = () => Math.floor(this.now() / 1000);
    this.tokens = new TokenStore({
      apps: opts.apps,
      now: this.now,
      ttlMs: (opts.tokenTtlS ?? 7200) * 1000,
      cgiOverlapMs: (opts.cgiTokenOverlapS ?? 300) * 1000,
    });
    this.orders = new ChannelsOrders(nowS);
    this.mini = new MiniProgram(this.now, opts.paymentIndexDelayMs ?? 0);
    this.stock = new ChannelsStock(this.now, opts.stock);
    this.ewaybills = new Ewaybills(this.orders);
    this.limiter = new ApiLimiter(opts.limits === false ? {} : { ...DEFAULT_LIMITS, ...opts.limits }, this.now);
    const routes = buildRoutes({
      tokens: this.tokens,
      orders: this.orders,
      ewaybills: this.ewaybills,
      mini: this.mini,
      subscribe: this.subscribe,
      afterSales: this.afterSales,
      stock: this.stock,
      limits: this.limiter,
      nowS,
    });
    this.server = new WxHttpServer(routes, this.tokens, this.faults, this.log, this.now, this.limiter);
  }

  /** Resolves with the base URL to use instead of https://api.weixin.qq.com. */
  listen(): Promise<string> {
    return this.server.listen(this.opts.host ?? '127.0.0.1', this.opts.port ?? 0);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  // --- data

  /** A buyer placed this order: the shop's stock of its SKUs goes down (stock.ts). */
  addChannelsOrder(order: FakeChannelsOrder): void {
    const before = this.orders.find(order.order_id)?.status ?? null;
    this.orders.add(order);
    this.stock.orderChanged(this.orders.require(order.order_id), before);
  }

  /** Generates a deterministic batch (see generate.ts), adds every order and returns copies. */
  generateChannelsOrders(opts: GenerateOptions): FakeChannelsOrder[] {
    // Generating twice (deterministic) is cheaper than deep-copying a 100,000-order batch.
    for (const o of generateChannelsOrders(opts)) {
      this.orders.adopt(o);
      this.stock.orderChanged(o, null);
    }
    return generateChannelsOrders(opts);
  }

  /** list/get leaves the order out until `untilMs` (order/get still returns it): WeChat's list index lagging. */
  delayListing(orderId: string, untilMs: number): void {
    this.orders.delayListing(orderId, Math.floor(untilMs / 1000));
  }

  setOrderStatus(orderId: string, status: number): void {
    this.updateOrder(orderId, (o) => {
      o.status = status;
    });
  }

  updateOrder(orderId: string, patch: (o: FakeChannelsOrder) => void): void {
    const order = this.orders.require(orderId);
    const before = order.status;
    patch(order);
    this.orders.touch(order);
    this.stock.orderChanged(order, before);
  }

  /** The merchant sets a SKU's stock in the shop backend (the SKU then exists for the stock API). */
  setStock(productId: string, skuId: string, num: number): void {
    this.stock.set(productId, skuId, num);
  }

  /** Adding a payment again replaces its data (e.g. `refunded: true`) and keeps its shipping state. */
  addPayment(p: FakePayment): void {
    this.mini.add(p);
  }

  inject(fault: Fault): void {
    this.faults.inject(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Every token issued so far answers 42001; the next normal stable_token call issues a new one. */
  expireTokens(): void {
    this.tokens.expireAll();
  }

  // --- inspection

  channelsShipments(orderId: string): FakePackage[] {
    return structuredClone(this.orders.find(orderId)?.order_detail.delivery_info.delivery_product_info ?? []);
  }

  /** A copy of the order as order/get would return it now. */
  channelsOrder(orderId: string): FakeChannelsOrder | undefined {
    const o = this.orders.find(orderId);
    return o && structuredClone(o);
  }

  /** Copies of every Channels order, e.g. to keep the sandbox's state across restarts. */
  channelsOrderList(): FakeChannelsOrder[] {
    return this.orders.all().map((o) => structuredClone(o));
  }

  /** The shop's stock figure of a SKU now; undefined when the shop has no stock for it. */
  stockOf(productId: string, skuId: string): number | undefined {
    return this.stock.find(productId, skuId);
  }

  /** Every change of every SKU's stock, oldest first, with the fake clock's time. */
  stockChanges(): FakeStockChange[] {
    return this.stock.history();
  }

  miniprogramShipments(transactionId: string): FakeUpload[] {
    return this.mini.uploads(transactionId);
  }

  calls(path?: string): CallRecord[] {
    return this.log.filter((c) => path === undefined || c.path === path).map((c) => ({ ...c }));
  }

  /** Calls admitted and refused (45011, 45009) per limited API, beside its limits. */
  apiUsage(): ApiUsage[] {
    return this.limiter.usage();
  }

  forceRefreshCount(): number {
    return this.tokens.forceRefreshCount();
  }

  /**
   * Sends an order push (§2.8) as WeChat would; FromUserName is the order's buyer when the order is
   * known. A Channels app with push settings sends it encrypted and signed (the only mode production
   * allows, wechat-api-2.md §10); `format` then only applies to apps without them.
   */
  async pushEvent(url: string, event: PushEvent, format: 'json' | 'xml', appid?: string): Promise<PushResult> {
    const buyer = this.orders.find(event.order_id)?.openid ?? 'o_fake_buyer';
    const createTime = Math.floor(this.now() / 1000);
    const env = pushEnvelope(event, buyer, createTime);
    const app = this.opts.apps.find((a) => a.kind === 'channels' && (appid === undefined || a.appid === appid));
    if (app?.push) {
      const secure = securePush({ ...app.push, appid: app.appid }, pushJson(env), createTime);
      return sendPush(`${url}${url.includes('?') ? '&' : '?'}${secure.query}`, secure.body, 'json');
    }
    return sendPush(url, format === 'json' ? pushJson(env) : pushXml(env), format);
  }

  // --- after-sale disputes (wechat-api-2.md §6)

  /**
   * A buyer opens an after-sale case: getaftersaleorder knows it, the order's aftersale_detail lists
   * it, and with `url` it is pushed as channels_ec_aftersale_update (encrypted for a shop with push
   * settings).
   */
  async openAfterSale(url: string | null, c: FakeAfterSale, appid?: string): Promise<PushResult | null> {
    this.afterSales.add(c);
    this.updateOrder(c.order_id, (o) => {
      o.aftersale_detail.on_aftersale_order_cnt += 1;
      o.aftersale_detail.aftersale_order_list.push({ aftersale_order_id: c.after_sale_order_id, status: 1 });
    });
    if (url === null) return null;
    const createTime = Math.floor(this.now() / 1000);
    const buyer = this.orders.find(c.order_id)?.openid ?? 'o_fake_buyer';
    const message = afterSalePushJson(c, buyer, createTime);
    const app = this.opts.apps.find((a) => a.kind === 'channels' && (appid === undefined || a.appid === appid));
    if (!app?.push) return sendPush(url, message, 'json');
    const secure = securePush({ ...app.push, appid: app.appid }, message, createTime);
    return sendPush(`${url}${url.includes('?') ? '&' : '?'}${secure.query}`, secure.body, 'json');
  }

  /** Images received by the (UNCONFIRMED) proof image upload, in order. */
  proofImages(): ReceivedImage[] {
    return this.afterSales.receivedImages();
  }

  /** addcomplaintproof calls received, in order. */
  complaintProofs(): ReceivedProof[] {
    return this.afterSales.receivedProofs();
  }

  // --- tracking and buyer notifications (wechat-api-2.md §3)

  /** The ewaybill_order_id WeChat issued this waybill under, if any. */
  ewaybillOrderOf(waybillId: string): string | undefined {
    return this.ewaybills.byWaybill(waybillId);
  }

  /**
   * A trace step of a WeChat e-waybill: kept for order/get's path_info and, with `url`, pushed as
   * `ewaybill_push_path` the way production does (encrypted and signed for a shop with push settings).
   */
  async pushPath(url: string | null, step: PathStep, appid?: string): Promise<PushResult | null> {
    this.ewaybills.addPath(step.ewaybillOrderId, pathInfoItem(step));
    if (url === null) return null;
    const createTime = Math.floor(this.now() / 1000);
    const message = pathPushJson(step, createTime);
    const app = this.opts.apps.find((a) => a.kind === 'channels' && (appid === undefined || a.appid === appid));
    if (!app?.push) return sendPush(url, message, 'json');
    const secure = securePush({ ...app.push, appid: app.appid }, message, createTime);
    return sendPush(`${url}${url.includes('?') ? '&' : '?'}${secure.query}`, secure.body, 'json');
  }

  /** The buyer allowed `times` subscribe messages of this template (one consent = one send, §3.4). */
  consentSubscribe(openid: string, templateId: string, times = 1): void {
    this.subscribe.consent(openid, templateId, times);
  }

  /** Subscribe messages WeChat accepted, oldest first. */
  subscribeMessages(openid?: string): SentMessage[] {
    return this.subscribe.sent(openid);
  }
}
