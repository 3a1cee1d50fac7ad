// Public shapes of the fake WeChat server. The order type is exactly the `order` object that
// /channels/ec/order/get returns (wechat-api.md §2.2), so a test builds what the hub will read.
import type { ApiLimits } from './limits.js';

export interface FakeApp {
  appid: string;
  secret: string;
  kind: 'channels' | 'miniprogram';
  /** Message-push settings of a Channels shop: pushes are then encrypted and signed (wechat-api-2.md §10). */
  push?: { token: string; encodingAesKey: string };
}

export interface FakeWechatOptions {
  apps: FakeApp[];
  /**
   * Per-API rate limits and daily quotas (wechat-api.md §5; limits.ts), merged over DEFAULT_LIMITS
   * path by path; `false` turns every limit off.
   */
  limits?: ApiLimits | false;
  host?: string;
  port?: number;
  /** Milliseconds; default Date.now. Every time the fake writes or compares uses this clock. */
  now?: () => number;
  tokenTtlS?: number;
  /**
   * How long the previous /cgi-bin/token token keeps working after a new one is fetched (§1.1: "keeps
   * the old and new tokens both valid for about 5 minutes"). Default 300; 0 makes rotation bite at once.
   */
  cgiTokenOverlapS?: number;
  /** Mini-program payments are "not found" (10060001) for this long after they are added (§3.1 / C5). Default 0. */
  paymentIndexDelayMs?: number;
  /** Channels product stock (wechat-api-2.md §4, stock.ts). */
  stock?: {
    /** An update of one SKU sooner than this after its previous accepted one answers 10020112. Default 100. */
    minIntervalMs?: number;
    /** When the platform takes units off for an order (UNCONFIRMED in the spec). Default 'order' (placement). */
    decrementsAt?: 'order' | 'payment' | 'never';
  };
}

export type Fault =
  | { path: string; kind: 'errcode'; errcode: number; errmsg?: string; times?: number }
  | { path: string; kind: 'slow'; delayMs: number; times?: number }
  | { path: string; kind: 'drop'; times?: number }
  | { path: string; kind: 'drop-after'; times?: number };

export interface CallRecord {
  path: string;
  /** The parsed JSON body (the query parameters for GET /cgi-bin/token). */
  body: unknown;
  /** The errcode answered; -1 for a `drop` fault, which answers nothing. */
  errcode: number;
  at: number;
  dropped: boolean;
}

/** One change of a Channels SKU's stock figure, in the order they happened. */
export interface FakeStockChange {
  productId: string;
  skuId: string;
  before: number;
  after: number;
  /** seed: set by the test (the shop backend); update: stock/update; order: taken for an order; cancel: given back. */
  cause: 'seed' | 'update' | 'order' | 'cancel';
  orderId: string | null;
  /** Fake clock, ms. */
  at: number;
}

export interface FakeProduct {
  product_id: string;
  sku_id: string;
  sku_code: string;
  title: string;
  price_fen: number;
  /** Grams; not part of the WeChat order, kept for callers that compute expected parcel weights. */
  weight?: number;
}

export interface FakeProductInfo {
  product_id: string;
  sku_id: string;
  sku_cnt: number;
  sku_code: string;
  title: string;
  thumb_img: string;
  sku_attrs: { attr_key: string; attr_value: string }[];
  sale_price: number;
  market_price: number;
  real_price: number;
  on_aftersale_sku_cnt: number;
  finish_aftersale_sku_cnt: number;
  delivery_deadline: number;
}

export interface FakeShippedProduct {
  product_id: string;
  sku_id: string;
  product_cnt: number;
}

/** One entry of `delivery_info.delivery_product_info[]`: a package that took effect via delivery/send. */
export interface FakePackage {
  waybill_id: string;
  delivery_id: string;
  delivery_name: string;
  delivery_time: number;
  deliver_type: number;
  product_infos: FakeShippedProduct[];
}

export interface FakeAddress {
  user_name: string;
  postal_code: string;
  province_name: string;
  city_name: string;
  county_name: string;
  detail_info: string;
  national_code: string;
  house_number: string;
  tel_number: string;
}

export interface FakeChannelsOrder {
  /** A 19-digit id above 2^53: always a string here and in every JSON answer (§2.2). */
  order_id: string;
  status: number;
  create_time: number;
  update_time: number;
  openid: string;
  unionid: string;
  order_detail: {
    product_infos: FakeProductInfo[];
    pay_info: {
      payment_method: number;
      prepay_id: string;
      prepay_time: number;
      pay_time: number;
      transaction_id: string;
    };
    price_info: {
      product_price: number;
      order_price: number;
      freight: number;
      discounted_price: number;
      is_discounted: boolean;
      original_order_price: number;
      /** Misspelled in the real API (§2.2); kept so a client reading it is tested against the real name. */
      merchant_receieve_price: number;
    };
    ext_info: {
      customer_notes: string;
      merchant_notes: string;
      confirm_receipt_time: number;
      finder_id: string;
      live_id: string;
      order_scene: number;
    };
    delivery_info: {
      address_info: FakeAddress;
      deliver_method: number;
      delivery_product_info: FakePackage[];
      ship_done_time: number;
      address_under_review: boolean;
      address_apply_time: number;
      use_tel_number: number;
      hash_code: string;
      ewaybill_order_code: string;
    };
  };
  aftersale_detail: {
    on_aftersale_order_cnt: number;
    aftersale_order_list: { aftersale_order_id: string; status: number }[];
  };
}

/** A mini-program WeChat Pay payment (§3.2 get_order `order`). */
export interface FakePayment {
  transaction_id: string;
  mchid: string;
  out_trade_no: string;
  openid: string;
  paid_amount: number;
  description?: string;
  /** Unix seconds; default the fake clock at addPayment. */
  pay_time?: number;
  /** Refunded payments answer 10060004 to uploads and order_state 5 to get_order. */
  refunded?: boolean;
}

export interface FakeShippingItem {
  tracking_no: string;
  express_company: string;
  item_desc: string;
  contact?: { consignor_contact?: string; receiver_contact?: string };
}

/** An upload_shipping_info call that took effect. */
export interface FakeUpload {
  transaction_id: string;
  logistics_type: number;
  delivery_mode: number;
  is_all_delivered: boolean;
  shipping_list: FakeShippingItem[];
  upload_time: string;
  /** True when this upload used the payment's one re-ship (§3.1). */
  reship: boolean;
  /** Fake clock (ms) when it took effect. */
  at: number;
}
