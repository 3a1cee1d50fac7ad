// Mini-program shipping-info management (wechat-api.md §3): upload_shipping_info (§3.1) and
// get_order (§3.2). Field checks run before the payment lookup; state rules after it.
//
// Choices where the spec is silent, UNCONFIRMED or self-contradicting (§3.1 says both "calling on a
// completed payment counts as a re-ship" and "10060002 already fully shipped, cannot ship again"):
//  * Same content as the last effective upload (upload_time aside) → 10060023, checked first, so
//    a retried request is a harmless no-op.
//  * A re-ship is a change of delivery_mode or logistics_type; it replaces the shipping list and is
//    allowed once per payment, then 10060003.
//  * Any other upload on a completed payment → 10060002.
//  * upload_time not later than the previous effective upload → 10060014 (no code is documented).
//  * SF without a masked contact phone (last 4 digits visible) → 10060014 "bad parameter".
//  * tracking_no and express_company longer than 128 characters → 10060026 / 10060025.
//  * get_order's shipping_list[].upload_time is Unix seconds (the §General rule for times).
import { type Body, WxError, canonical, formatError, isObject } from './wire.js';
import type { FakePayment, FakeShippingItem, FakeUpload } from './types.js';

interface PaymentState {
  payment: FakePayment;
  addedAt: number;
  uploads: FakeUpload[];
  /** The shipping list get_order shows, with each entry's upload time. */
  shipping: { item: FakeShippingItem; uploadS: number }[];
  finished: boolean;
  finishCount: number;
  reshipUsed: boolean;
}

const MAX_PACKAGES = 15;
const MAX_DESC = 120;
const MAX_CODE = 128;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
/** A phone with stars in the middle and the last 4 digits in clear, e.g. 189****1234 (§3.1 SF rule). */
const MASKED_PHONE = /^\+?[\d -]*\*+\d{4}$/;

export class MiniProgram {
  private readonly payments = new Map<string, PaymentState>();

  constructor(
    private readonly now: () => number,
    private readonly indexDelayMs: number,
  ) {}

  add(payment: FakePayment): void {
    const known = this.payments.get(payment.transaction_id);
    const stored = { ...payment, pay_time: payment.pay_time ?? Math.floor(this.now() / 1000) };
    if (known) known.payment = stored;
    else
      this.payments.set(payment.transaction_id, {
        payment: stored,
        addedAt: this.now(),
        uploads: [],
        shipping: [],
        finished: false,
        finishCount: 0,
        reshipUsed: false,
      });
  }

  uploads(transactionId: string): FakeUpload[] {
    return structuredClone(this.payments.get(transactionId)?.uploads ?? []);
  }

  upload(body: Body): Record<string, unknown> {
    const key = body['order_key'];
    if (!isObject(key)) throw formatError('order_key must be an object');
    const lookup = orderKey(key);
    const logistics = body['logistics_type'];
    if (logistics !== 1 && logistics !== 2 && logistics !== 3 && logistics !== 4)
      throw new WxError(10060005, 'logistics_type invalid');
    const mode = body['delivery_mode'];
    if (mode !== 1 && mode !== 2) throw new WxError(268485224, 'delivery_mode invalid');
    const list = body['shipping_list'];
    const all = body['is_all_delivered'];
    if (mode === 1 && (!Array.isArray(list) || list.length !== 1))
      throw new WxError(268485228, 'UNIFIED_DELIVERY needs exactly one shipping_list entry');
    if (mode === 2) {
      if (logistics !== 1) throw new WxError(10060006, 'split delivery is only for express logistics');
      if (typeof all !== 'boolean') throw new WxError(10060007, 'is_all_delivered is required in split delivery');
    }
    if (!Array.isArray(list) || list.length === 0)
      throw new WxError(10060014, 'shipping_list must be a non-empty array');
    if (list.length > MAX_PACKAGES) throw new WxError(10060024, `shipping_list has more than ${MAX_PACKAGES} entries`);
    const items = list.map((e, i) => shippingItem(e, logistics === 1, `shipping_list[${i}]`));
    const uploadTime = body['upload_time'];
    const uploadMs = typeof uploadTime === 'string' && RFC3339.test(uploadTime) ? Date.parse(uploadTime) : NaN;
    if (typeof uploadTime !== 'string' || Number.isNaN(uploadMs))
      throw new WxError(268485216, 'upload_time must be RFC 3339, e.g. 2022-12-15T13:29:35.120+08:00');
    const payer = body['payer'];
    const openid = isObject(payer) ? payer['openid'] : undefined;
    if (typeof openid !== 'string' || openid === '') throw new WxError(10060014, 'payer.openid is required');

    const s = this.find(lookup);
    if (s.payment.openid !== openid) throw new WxError(10060031, 'payment does not belong to payer.openid');
    if (s.payment.refunded) throw new WxError(10060004, 'payment is not in a shippable state (refunded)');

    const isAll = mode === 1 || all === true;
    const content = canonical({ logistics, mode, isAll, items });
    const last = s.uploads[s.uploads.length - 1];
    if (
      last &&
      canonical({
        logistics: last.logistics_type,
        mode: last.delivery_mode,
        isAll: last.is_all_delivered,
        items: last.shipping_list,
      }) === content
    ) {
      throw new WxError(10060023, 'shipping info not updated (same content as before)');
    }
    const reship = !!last && (last.delivery_mode !== mode || last.logistics_type !== logistics);
    if (reship && s.reshipUsed) throw new WxError(10060003, 're-ship chance already used');
    if (!reship && s.finished) throw new WxError(10060002, 'payment already fully shipped, cannot ship again');
    if (last && uploadMs <= Date.parse(last.upload_time))
      throw new WxError(10060014, 'upload_time must be later than the previous upload');
    const kept = reship ? [] : s.shipping;
    if (kept.length + items.length > MAX_PACKAGES)
      throw new WxError(10060024, `more than ${MAX_PACKAGES} packages for this payment`);

    const uploadS = Math.floor(uploadMs / 1000);
    s.shipping = [...kept, ...items.map((item) => ({ item, uploadS }))];
    s.reshipUsed ||= reship;
    s.finished = isAll;
    if (isAll) s.finishCount = s.reshipUsed ? 2 : 1;
    s.uploads.push({
      transaction_id: s.payment.transaction_id,
      logistics_type: logistics,
      delivery_mode: mode,
      is_all_delivered: isAll,
      shipping_list: items,
      upload_time: uploadTime,
      reship,
      at: this.now(),
    });
    return {};
  }

  /** Whether `upload` would accept this body, without recording it (combined uploads check every sub-order first). */
  check(body: Body): void {
    const s = this.find(orderKey(isObject(body['order_key']) ? body['order_key'] : {}));
    const saved = structuredClone({
      shipping: s.shipping,
      uploads: s.uploads,
      reshipUsed: s.reshipUsed,
      finished: s.finished,
      finishCount: s.finishCount,
    });
    try {
      this.upload(body);
    } finally {
      Object.assign(s, saved);
    }
  }

  /** get_order names the merchant fields merchant_id / merchant_trade_no, unlike upload (§3.2). */
  getOrder(body: Body): Record<string, unknown> {
    const tid = body['transaction_id'];
    const mchid = body['merchant_id'];
    const tradeNo = body['merchant_trade_no'];
    let s: PaymentState;
    if (typeof tid === 'string' && tid !== '') s = this.find({ transactionId: tid });
    else if (typeof mchid === 'string' && mchid !== '' && typeof tradeNo === 'string' && tradeNo !== '')
      s = this.find({ mchid, outTradeNo: tradeNo });
    else if ('mchid' in body || 'out_trade_no' in body)
      throw formatError('use merchant_id + merchant_trade_no (not mchid/out_trade_no) or transaction_id');
    else throw formatError('transaction_id or merchant_id + merchant_trade_no is required');
    const p = s.payment;
    const last = s.uploads[s.uploads.length - 1];
    return {
      order: {
        transaction_id: p.transaction_id,
        merchant_id: p.mchid,
        merchant_trade_no: p.out_trade_no,
        description: p.description ?? '',
        paid_amount: p.paid_amount,
        openid: p.openid,
        trade_create_time: p.pay_time,
        pay_time: p.pay_time,
        in_complaint: false,
        order_state: p.refunded ? 5 : s.finished ? 2 : 1,
        shipping: {
          delivery_mode: last?.delivery_mode ?? 0,
          logistics_type: last?.logistics_type ?? 0,
          finish_shipping: s.finished,
          finish_shipping_count: s.finishCount,
          shipping_list: s.shipping.map(({ item, uploadS }) => ({
            tracking_no: item.tracking_no,
            express_company: item.express_company,
            goods_desc: item.item_desc,
            upload_time: uploadS,
            ...(item.contact ? { contact: item.contact } : {}),
          })),
        },
      },
    };
  }

  /** 10060001 also while the payment is not indexed yet, the real race right after paying (C5). */
  private find(key: { transactionId: string } | { mchid: string; outTradeNo: string }): PaymentState {
    const s =
      'transactionId' in key
        ? this.payments.get(key.transactionId)
        : [...this.payments.values()].find(
            (x) => x.payment.mchid === key.mchid && x.payment.out_trade_no === key.outTradeNo,
          );
    if (!s || this.now() - s.addedAt < this.indexDelayMs) throw new WxError(10060001, 'payment not found');
    return s;
  }
}

function orderKey(key: Body): { transactionId: string } | { mchid: string; outTradeNo: string } {
  const type = key['order_number_type'];
  const given = (k: string) => (typeof key[k] === 'string' && key[k] !== '' ? key[k] : null);
  if (type === 2) {
    const transactionId = given('transaction_id');
    if (!transactionId) throw new WxError(268485195, 'order_key.transaction_id is required for order_number_type 2');
    return { transactionId };
  }
  if (type !== 1) throw new WxError(268485194, 'order_key.order_number_type must be 1 or 2');
  const mchid = given('mchid');
  if (!mchid) throw new WxError(268485196, 'order_key.mchid is required for order_number_type 1');
  const outTradeNo = given('out_trade_no');
  if (!outTradeNo) throw new WxError(268485197, 'order_key.out_trade_no is required for order_number_type 1');
  return { mchid, outTradeNo };
}

function shippingItem(raw: unknown, express: boolean, where: string): FakeShippingItem {
  if (!isObject(raw)) throw formatError(`${where} must be an object`);
  const desc = raw['item_desc'];
  if (desc === undefined || desc === null) throw new WxError(10060020, `${where}.item_desc is missing`);
  if (typeof desc !== 'string' || desc.trim() === '') throw new WxError(10060008, `${where}.item_desc is empty`);
  if ([...desc].length > MAX_DESC)
    throw new WxError(10060009, `${where}.item_desc is longer than ${MAX_DESC} characters`);
  const text = (k: string) => (typeof raw[k] === 'string' ? raw[k] : '');
  const tracking = text('tracking_no');
  const company = text('express_company');
  if (express && company === '') throw new WxError(268485227, `${where}.express_company is empty`);
  if (express && tracking === '') throw new WxError(268485226, `${where}.tracking_no is empty`);
  if (company.length > MAX_CODE) throw new WxError(10060025, `${where}.express_company is too long`);
  if (tracking.length > MAX_CODE) throw new WxError(10060026, `${where}.tracking_no is too long`);
  const item: FakeShippingItem = { tracking_no: tracking, express_company: company, item_desc: desc };
  const contact = raw['contact'];
  if (contact !== undefined && !isObject(contact)) throw formatError(`${where}.contact must be an object`);
  if (contact) {
    const phones = (['consignor_contact', 'receiver_contact'] as const).filter(
      (k) => typeof contact[k] === 'string' && contact[k] !== '',
    );
    item.contact = Object.fromEntries(phones.map((k) => [k, contact[k] as string]));
  }
  if (express && company === 'SF') {
    const phones = Object.values(item.contact ?? {});
    if (phones.length === 0 || !phones.every((p) => MASKED_PHONE.test(p))) {
      throw new WxError(
        10060014,
        `${where}.contact: SF needs the consignor or receiver phone masked with the last 4 digits shown, e.g. 189****1234`,
      );
    }
  }
  return item;
}
