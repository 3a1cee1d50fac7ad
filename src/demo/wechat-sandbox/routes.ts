// Every path the fake answers, with the wechat-api.md section it implements.
import { companyList, deliverySend } from './delivery.js';
import { COMBINED_PATH, combinedUpload } from './combined.js';
import { parseUint64Numbers, type Ewaybills } from './ewaybill.js';
import type { MiniProgram } from './miniprogram.js';
import type { ChannelsOrders } from './orders.js';
import type { ChannelsStock } from './stock.js';
import type { Route } from './server.js';
import type { TokenStore } from './tokens.js';
import type { SubscribeMessages } from './subscribe.js';
import { parseMultipart, type AfterSales } from './aftersale.js';
import type { ApiLimiter } from './limits.js';

export interface Domains {
  tokens: TokenStore;
  orders: ChannelsOrders;
  ewaybills: Ewaybills;
  mini: MiniProgram;
  stock: ChannelsStock;
  subscribe: SubscribeMessages;
  afterSales: AfterSales;
  limits: ApiLimiter;
  nowS: () => number;
}

const EWAYBILL = '/channels/ec/logistics/ewaybill/biz';

export function buildRoutes(d: Domains): Map<string, Route> {
  const channels = (handle: Route['handle']): Route => ({ auth: 'channels', method: 'POST', handle });
  const miniprogram = (handle: Route['handle']): Route => ({ auth: 'miniprogram', method: 'POST', handle });
  return new Map<string, Route>([
    // §1.1 / §1.2
    ['/cgi-bin/token', { auth: 'none', method: 'GET', bare: true, handle: (q) => d.tokens.cgiToken(q) }],
    ['/cgi-bin/stable_token', { auth: 'none', method: 'POST', bare: true, handle: (b) => d.tokens.stableToken(b) }],
    // §5: per-API quotas, readable and resettable with either app's token.
    ['/cgi-bin/openapi/quota/get', { auth: 'any', method: 'POST', handle: (b) => d.limits.quotaGet(b) }],
    ['/cgi-bin/openapi/quota/clear', { auth: 'any', method: 'POST', handle: (b) => d.limits.quotaClear(b) }],
    // §2.1, §2.2
    ['/channels/ec/order/list/get', channels((b) => d.orders.list(b))],
    ['/channels/ec/order/get', channels((b) => d.orders.get(b))],
    // §2.4, §2.5 (new list, and the legacy one with the same answer)
    ['/channels/ec/order/delivery/send', channels((b) => deliverySend(d.orders, d.nowS(), b))],
    ['/channels/ec/order/deliverycompanylist/new/get', channels(companyList)],
    ['/channels/ec/order/deliverycompanylist/get', channels(() => companyList({}))],
    // §2.7
    [`${EWAYBILL}/delivery/get`, channels(() => d.ewaybills.deliveryGet())],
    [`${EWAYBILL}/account/get`, channels((b) => d.ewaybills.accountGet(b))],
    [`${EWAYBILL}/order/precreate`, channels((b) => d.ewaybills.precreate(b))],
    [`${EWAYBILL}/order/create`, channels((b) => d.ewaybills.create(b))],
    [`${EWAYBILL}/print/get`, channels((b) => d.ewaybills.printGet(b))],
    [`${EWAYBILL}/order/print`, channels((b) => d.ewaybills.print(b))],
    [`${EWAYBILL}/order/get`, channels((b) => d.ewaybills.get(b))],
    [`${EWAYBILL}/order/cancel`, channels((b) => d.ewaybills.cancel(b))],
    // wechat-api-2.md §5.2: ewaybill_order_id is a JSON number here, read from the body text.
    [`${EWAYBILL}/order/addsuborder`, { ...channels((b) => d.ewaybills.addSubOrder(b)), parse: parseUint64Numbers }],
    // wechat-api-2.md §4
    ['/channels/ec/product/stock/get', channels((b) => d.stock.get(b))],
    ['/channels/ec/product/stock/batchget', channels((b) => d.stock.batchGet(b))],
    ['/channels/ec/product/stock/update', channels((b) => d.stock.update(b))],
    // wechat-api-2.md §6; the upload and the proof are UNCONFIRMED paths (SDK zsmhub/wx-channels-sdk).
    ['/channels/ec/aftersale/getaftersaleorder', channels((b) => d.afterSales.get(b))],
    ['/channels/ec/basics/img/upload', { ...channels((b) => d.afterSales.uploadImage(b)), parse: parseMultipart }],
    ['/channels/ec/aftersale/addcomplaintproof', channels((b) => d.afterSales.addComplaintProof(b))],
    // §3.1, §3.2
    ['/wxa/sec/order/upload_shipping_info', miniprogram((b) => d.mini.upload(b))],
    // §3.2 / wechat-api-2.md §5.3: one payment, several sub-orders.
    [COMBINED_PATH, miniprogram((b) => combinedUpload(d.mini, b))],
    ['/wxa/sec/order/get_order', miniprogram((b) => d.mini.getOrder(b))],
    // wechat-api-2.md §3.4: buyer notifications.
    ['/cgi-bin/message/subscribe/send', miniprogram((b) => d.subscribe.send(b))],
  ]);
}
