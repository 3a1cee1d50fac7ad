// Platform e-waybill (电子面单), wechat-api.md §2.7: precreate → create (takes the waybill number)
// → print → order/print (print done). Taking a number ships nothing; the hub must still call
// delivery/send (§2.7 [S12-notify_print]).
//
// Choices where the spec is silent or UNCONFIRMED:
//  * create on an id that already has a waybill answers 10025019 "already exists" (the spec's
//    idempotency signal, §2.7 and §7.7); the client reads the number back with biz/order/get.
//  * `status` in order/get uses this fake's own enum (the real one is UNCONFIRMED, §8):
//    0 pre-created, 1 waybill taken, 2 printed, 3 cancelled. A cancelled id stays taken: use a new one.
//  * account/get offers one account per e-waybill carrier: acct_id "ACCT_<code>", site "SITE_<code>".
import { type Body, WxError, formatError, isObject, reqString } from './wire.js';
import { CARRIERS } from './delivery.js';
import type { ChannelsOrders } from './orders.js';

interface WaybillOrder {
  id: string;
  delivery_id: string;
  ec_order_list: unknown[];
  sender: Body;
  receiver: Body;
  waybill_id: string;
  status: 0 | 1 | 2 | 3;
  print_count: number;
  /** 子母单 children (addsuborder), in the order they were issued. */
  children?: string[];
}

const SHOP_ID = 'fake_shop_1';
const EWAYBILL = CARRIERS.filter((c) => c.ewaybill);
const UINT64_MAX = 18_446_744_073_709_551_615n;

/** Carrier-shaped numbers: SF + 13 digits, ZTO 14 digits from 7, … (shape only, for label tests). */
const SHAPES: Record<string, (n: string) => string> = {
  SF: (n) => `SF${n.padStart(13, '0')}`,
  ZTO: (n) => `7${n.padStart(13, '0')}`,
  YTO: (n) => `YT${n.padStart(13, '0')}`,
  YUNDA: (n) => `4${n.padStart(14, '0')}`,
  JTSD: (n) => `JT${n.padStart(13, '0')}`,
  STO: (n) => `77${n.padStart(12, '0')}`,
  JD: (n) => `JDVA${n.padStart(11, '0')}`,
  EMS: (n) => `11${n.padStart(11, '0')}`,
};

export class Ewaybills {
  private readonly orders = new Map<string, WaybillOrder>();
  /** Trace steps per ewaybill_order_id, as order/get lists them in path_info (wechat-api-2.md §3.1). */
  private readonly paths = new Map<string, { status: number; desc: string; update_time: number }[]>();
  private seq = 0;

  constructor(private readonly channels: ChannelsOrders) {}

  deliveryGet(): Record<string, unknown> {
    return {
      shop_id: SHOP_ID,
      list: EWAYBILL.map(({ delivery_id, delivery_name }) => ({ delivery_id, delivery_name })),
    };
  }

  accountGet(body: Body): Record<string, unknown> {
    const only = body['delivery_id'];
    const list = EWAYBILL.filter((c) => only === undefined || c.delivery_id === only).map((c) => ({
      shop_id: SHOP_ID,
      acct_id: `ACCT_${c.delivery_id}`,
      acct_type: 0,
      delivery_id: c.delivery_id,
      status: 1,
      available: 10_000,
      site_info: { site_code: `SITE_${c.delivery_id}`, site_name: `${c.delivery_name}测试网点` },
    }));
    return { account_list: list, total_num: list.length };
  }

  precreate(body: Body): Record<string, unknown> {
    const order = this.validated(body, `${7_000_000_000_000_000_000n + BigInt(++this.seq)}`);
    this.orders.set(order.id, order);
    return { ewaybill_order_id: order.id };
  }

  create(body: Body): Record<string, unknown> {
    const id = uint64(body['ewaybill_order_id']);
    const known = this.orders.get(id);
    if (known && known.status !== 0)
      throw new WxError(10025019, 'ewaybill order already exists (waybill already taken)');
    // A self-chosen id is allowed (§2.7): then the create body must carry the full precreate payload.
    const order = known ?? this.validated(body, id);
    const deliveryId = body['delivery_id'];
    if (deliveryId !== undefined && deliveryId !== order.delivery_id)
      throw new WxError(10025012, 'delivery_id differs from the pre-created order');
    const n = String(++this.seq);
    order.waybill_id = (SHAPES[order.delivery_id] ?? ((x: string) => `${order.delivery_id}${x.padStart(12, '0')}`))(n);
    order.status = 1;
    this.orders.set(id, order);
    const answer: Record<string, unknown> = {
      ewaybill_order_id: id,
      waybill_id: order.waybill_id,
      delivery_error_msg: '',
      waybill_id_list: [order.waybill_id],
    };
    if (typeof body['template_id'] === 'string') answer['print_info'] = printInfo(order);
    return answer;
  }

  /**
   * print/get (wechat-api-2.md §1.5): the whole ticket, or with `sub_waybill_id` the label of one
   * 子母单 number — the parent's, a child's, or (JD) a renumbered base-seq-total label. A number this
   * ticket never issued is 1000003, the spec's "not found" for print/get (the exact code for an
   * unknown child is UNCONFIRMED).
   */
  printGet(body: Body): Record<string, unknown> {
    const order = this.taken(body);
    reqString(body, 'template_id');
    const sub = body['sub_waybill_id'];
    if (sub === undefined) return { print_info: printInfo(order) };
    if (typeof sub !== 'string' || sub === '') throw formatError('sub_waybill_id must be a non-empty string');
    const children = order.children ?? [];
    const labels = [order.waybill_id, ...children];
    // JD renumbers the parent's label too (base-1-total) once children exist.
    if (order.delivery_id === 'JD' && children.length > 0) labels.push(`${order.waybill_id}-1-${children.length + 1}`);
    if (!labels.includes(sub)) throw new WxError(1000003, `sub_waybill_id ${sub} not found in this ewaybill order`);
    return { print_info: printInfo(order, sub) };
  }

  /** Print done: the carrier now knows the parcel exists. */
  print(body: Body): Record<string, unknown> {
    const order = this.taken(body);
    const reprint = body['re_print'] ?? 0;
    if (reprint !== 0 && reprint !== 1) throw formatError('re_print must be 0 or 1');
    order.print_count += 1;
    order.status = 2;
    return {};
  }

  get(body: Body): Record<string, unknown> {
    const order = this.orders.get(uint64(body['ewaybill_order_id']));
    if (!order) throw new WxError(10025010, 'ewaybill order not found');
    const { id, delivery_id, waybill_id, status, ec_order_list, sender, receiver } = order;
    return {
      order_info: structuredClone({
        ewaybill_order_id: id,
        delivery_id,
        waybill_id,
        status,
        ec_order_list,
        sender,
        receiver,
        path_info: this.paths.get(id) ?? [],
      }),
    };
  }

  /** The ewaybill_order_id that holds this waybill number; undefined when none does. */
  byWaybill(waybillId: string): string | undefined {
    for (const o of this.orders.values()) if (o.waybill_id === waybillId) return o.id;
    return undefined;
  }

  /** A trace step for order/get's path_info. */
  addPath(ewaybillOrderId: string, step: { status: number; desc: string; update_time: number }): void {
    const list = this.paths.get(ewaybillOrderId) ?? [];
    list.push(step);
    this.paths.set(ewaybillOrderId, list);
  }

  cancel(body: Body): Record<string, unknown> {
    const order = this.taken(body);
    if (order.status === 3) throw new WxError(10025006, 'cancel failed: waybill already cancelled');
    order.status = 3;
    return {};
  }

  /**
   * 子母单 (wechat-api-2.md §5.2): `ewaybill_order_id` must be a JSON number (a string is 47001),
   * 1–300 children, only for the carriers that have them. The answer lists the new children only —
   * except JD, whose labels are base-seq-total: every label is renumbered and all are listed.
   */
  addSubOrder(body: Body): Record<string, unknown> {
    const raw = body['ewaybill_order_id'];
    const digits =
      isObject(raw) && typeof raw[UINT64_KEY] === 'string'
        ? raw[UINT64_KEY]
        : typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0
          ? String(raw)
          : null;
    if (digits === null || BigInt(digits) > UINT64_MAX)
      throw formatError('ewaybill_order_id must be a JSON number (uint64) for addsuborder');
    const order = this.orders.get(String(BigInt(digits)));
    if (!order || order.status === 0 || order.status === 3) throw new WxError(10025010, 'ewaybill order not found');
    if (!SUBORDER.has(order.delivery_id)) throw new WxError(10025102, `${order.delivery_id} has no 子母单`);
    if (reqString(body, 'waybill_id') !== order.waybill_id)
      throw new WxError(10025010, 'ewaybill order not found for this waybill_id');
    const qty = body['add_package_quantity'];
    if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > 300)
      throw formatError('add_package_quantity must be 1-300');
    const children = order.children ?? [];
    let list: string[];
    if (order.delivery_id === 'JD') {
      const total = 1 + children.length + qty;
      list = Array.from({ length: total }, (_, i) => `${order.waybill_id}-${i + 1}-${total}`);
      order.children = list.slice(1);
    } else {
      const shape = SHAPES[order.delivery_id] ?? ((x: string) => `${order.delivery_id}${x.padStart(12, '0')}`);
      list = Array.from({ length: qty }, () => shape(String(++this.seq)));
      order.children = [...children, ...list];
    }
    return { ewaybill_order_id: order.id, waybill_id: order.waybill_id, delivery_error_msg: '', waybill_id_list: list };
  }

  /** An id with a waybill taken; a waybill_id or delivery_id that is sent must match it. */
  private taken(body: Body): WaybillOrder {
    const order = this.orders.get(uint64(body['ewaybill_order_id']));
    if (!order || order.status === 0) throw new WxError(10025010, 'ewaybill order not found');
    for (const key of ['waybill_id', 'delivery_id'] as const) {
      const v = body[key];
      if (v !== undefined && v !== order[key]) throw new WxError(10025010, `ewaybill order not found for this ${key}`);
    }
    return order;
  }

  /** Precreate checks, codes 10025012–10025018 in the order §2.7 lists them. */
  private validated(body: Body, id: string): WaybillOrder {
    const deliveryId = body['delivery_id'];
    const c = EWAYBILL.find((x) => x.delivery_id === deliveryId);
    if (!c) throw new WxError(10025012, 'delivery_id invalid or not opened for e-waybill');
    const site = body['site_code'];
    if (site !== undefined && site !== `SITE_${c.delivery_id}`) throw new WxError(10025013, 'site_code invalid');
    const acct = body['ewaybill_acct_id'];
    if (acct !== undefined && acct !== `ACCT_${c.delivery_id}`) throw new WxError(10025014, 'ewaybill_acct_id invalid');
    const sender = body['sender'];
    if (!isObject(sender)) throw new WxError(10025015, 'sender invalid');
    const receiver = body['receiver'];
    if (!isObject(receiver)) throw new WxError(10025016, 'receiver invalid');
    const list = body['ec_order_list'];
    const dropShip = typeof body['ewaybill_order_code'] === 'string' && body['ewaybill_order_code'] !== '';
    if (!dropShip) {
      if (!Array.isArray(list) || list.length === 0)
        throw new WxError(10025017, 'ec_order_list or ewaybill_order_code required');
      for (const e of list) {
        const ecId = isObject(e) ? e['ec_order_id'] : undefined;
        if ((typeof ecId !== 'string' && typeof ecId !== 'number') || !this.channels.find(String(ecId)))
          throw new WxError(10025017, `ec_order_id ${String(ecId)} not found`);
      }
    }
    const shop = body['shop_id'];
    if (shop !== undefined && shop !== SHOP_ID) throw new WxError(10025018, 'shop_id invalid');
    return {
      id,
      delivery_id: c.delivery_id,
      ec_order_list: Array.isArray(list) ? structuredClone(list) : [],
      sender,
      receiver,
      waybill_id: '',
      status: 0,
      print_count: 0,
    };
  }
}

const SUBORDER = new Set(['SF', 'DBKD', 'JD', 'SXJD', 'YDKY', 'ANEKY']);
const UINT64_KEY = '$uint64';

/**
 * JSON.parse that keeps integers of 16+ digits (outside strings) exact, as `{"$uint64": "…"}`, so
 * addsuborder can tell a JSON number (what WeChat wants) from a string, beyond 2^53.
 */
export function parseUint64Numbers(text: string): unknown {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c !== undefined && /[-0-9]/.test(c)) {
      const start = i;
      while (i < text.length && /[-+0-9.eE]/.test(text[i] ?? '')) i++;
      const token = text.slice(start, i);
      if (/^\d{16,}$/.test(token)) {
        out += `${text.slice(copied, start)}{"${UINT64_KEY}":"${token}"}`;
        copied = i;
      }
    } else i++;
  }
  return JSON.parse(copied === 0 ? text : out + text.slice(copied)) as unknown;
}

/** §2.7: `ewaybill_order_id` is a uint64 carried as a string; anything else is 10025020. */
function uint64(v: unknown): string {
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v) || BigInt(v) > UINT64_MAX) {
    throw new WxError(10025020, 'ewaybill_order_id must be a uint64 passed as a string');
  }
  return String(BigInt(v));
}

/** Opaque to the client (the real one feeds WeChat's print component, shape UNCONFIRMED §8). */
function printInfo(o: WaybillOrder, label?: string): string {
  const sub =
    label === undefined || label === o.waybill_id ? {} : { waybill_id: label, parent_waybill_id: o.waybill_id };
  return Buffer.from(
    JSON.stringify({ waybill_id: o.waybill_id, delivery_id: o.delivery_id, receiver: o.receiver, ...sub }),
  ).toString('base64');
}
