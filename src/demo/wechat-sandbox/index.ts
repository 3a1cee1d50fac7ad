// A fake api.weixin.qq.com for tests and benchmarks, written from shared/specs/wechat-api.md. It
// keeps the rules a sync client can get wrong (token rotation, paging, the shipping and upload error
// codes) and lets a test break the network on purpose (faults) and look at what took effect.
import { Ewaybills } from './ewaybill.js';
import { generateChannelsOrders, type GenerateOptions } from './generate.js';
import { MiniProgram } from './miniprogram.js';
import { ChannelsOrders } from './orders.js';
import { pushEnvelope, pushJson, pushXml, securePush, sendPush, type PushEvent, type PushResult } from './push.js';
import { buildRoutes } from './routes.js';
import { Faults, WxHttpServer } from './server.js';
import { TokenStore } from './tokens.js';
import type {
  CallRecord,
  FakeChannelsOrder,
  FakePackage,
  FakePayment,
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
  FakeUpload,
  FakeWechatOptions,
  Fault,
} from './types.js';
export type { ChannelsOrderInput, GenerateOptions } from './generate.js';
export type { PushEvent, PushResult } from './push.js';
export { buildChannelsOrder } from './generate.js';
export { CARRIERS } from './delivery.js';

export class FakeWechat {
  private readonly now: () => number;
  private readonly tokens: TokenStore;
  private readonly orders: ChannelsOrders;
  private readonly mini: MiniProgram;
  private readonly faults = new Faults();
  private readonly log: CallRecord[] = [];
  private readonly server: WxHttpServer;

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
    const routes = buildRoutes({
      tokens: this.tokens,
      orders: this.orders,
      ewaybills: new Ewaybills(this.orders),
      mini: this.mini,
      nowS,
    });
    this.server = new WxHttpServer(routes, this.tokens, this.faults, this.log, this.now);
  }

  /** Resolves with the base URL to use instead of https://api.weixin.qq.com. */
  listen(): Promise<string> {
    return this.server.listen(this.opts.host ?? '127.0.0.1', this.opts.port ?? 0);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  // --- data

  addChannelsOrder(order: FakeChannelsOrder): void {
    this.orders.add(order);
  }

  /** Generates a deterministic batch (see generate.ts), adds every order and returns copies. */
  generateChannelsOrders(opts: GenerateOptions): FakeChannelsOrder[] {
    // Generating twice (deterministic) is cheaper than deep-copying a 100,000-order batch.
    for (const o of generateChannelsOrders(opts)) this.orders.adopt(o);
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
    patch(order);
    this.orders.touch(order);
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

  miniprogramShipments(transactionId: string): FakeUpload[] {
    return this.mini.uploads(transactionId);
  }

  calls(path?: string): CallRecord[] {
    return this.log.filter((c) => path === undefined || c.path === path).map((c) => ({ ...c }));
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
}
