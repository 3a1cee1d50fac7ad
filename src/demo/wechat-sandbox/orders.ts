// Channels shop orders: the store, /channels/ec/order/list/get (wechat-api.md §2.1) and
// /channels/ec/order/get (§2.2).
import { randomBytes } from 'node:crypto';
import { type Body, WxError, canonical, compareIds, formatError, isObject, reqString } from './wire.js';
import type { FakeChannelsOrder } from './types.js';

const SEVEN_DAYS_S = 7 * 86_400;
/** §2.1: page_size max 100; the SDK default when omitted is 10 [K2]. */
const MAX_PAGE = 100;
const DEFAULT_PAGE = 10;

interface Cursor {
  /** The page request that issued this key, minus next_key: the next page must repeat it exactly (606006). */
  params: string;
  afterUpdate: number;
  afterId: string;
}

interface Range {
  start: number;
  end: number;
}

export class ChannelsOrders {
  private readonly orders = new Map<string, FakeChannelsOrder>();
  private readonly cursors = new Map<string, Cursor>();
  /** Bumped by every add and change, so a paging loop over a quiet store reuses one sorted listing. */
  private version = 0;
  private sorted: { key: string; list: FakeChannelsOrder[] } | null = null;
  /** Orders list/get does not show yet (Unix s they appear), as a lagging list index would. */
  private readonly unlisted = new Map<string, number>();

  constructor(private readonly nowS: () => number) {}

  add(order: FakeChannelsOrder): void {
    this.adopt(structuredClone(order));
  }

  /** Stores `order` itself, skipping the copy: only for objects nobody else holds (fresh batches). */
  adopt(order: FakeChannelsOrder): void {
    if (!/^\d+$/.test(order.order_id))
      throw new TypeError(`order_id must be a digit string, got ${JSON.stringify(order.order_id)}`);
    this.orders.set(order.order_id, order);
    this.version += 1;
  }

  /** The live record (mutated by shipping); callers outside the fake get clones. */
  find(orderId: string): FakeChannelsOrder | undefined {
    return this.orders.get(orderId);
  }

  /** Every order, live records (callers outside the fake get clones). */
  all(): FakeChannelsOrder[] {
    return [...this.orders.values()];
  }

  require(orderId: string): FakeChannelsOrder {
    const o = this.orders.get(orderId);
    if (!o) throw new RangeError(`fake-wechat: no channels order ${orderId}`);
    return o;
  }

  /**
   * Any change moves update_time forward — strictly, even with a frozen test clock — so an
   * update_time_range poll sees it (§7.2 relies on update_time).
   */
  touch(order: FakeChannelsOrder): void {
    order.update_time = Math.max(this.nowS(), order.update_time + 1);
    this.version += 1;
  }

  /** list/get leaves `orderId` out until `untilS` (order/get still finds it): a late list index. */
  delayListing(orderId: string, untilS: number): void {
    this.require(orderId);
    this.unlisted.set(orderId, untilS);
    this.version += 1;
  }

  private listed(o: FakeChannelsOrder): boolean {
    const until = this.unlisted.get(o.order_id);
    return until === undefined || this.nowS() >= until;
  }

  list(body: Body): Record<string, unknown> {
    const create = readRange(body, 'create_time_range');
    const update = readRange(body, 'update_time_range');
    if (!create && !update) throw formatError('create_time_range or update_time_range is required');
    const status = body['status'];
    if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status)))
      throw formatError('status must be an integer');
    const openid = body['openid'];
    if (openid !== undefined && typeof openid !== 'string') throw formatError('openid must be a string');
    const pageSize = body['page_size'] ?? DEFAULT_PAGE;
    if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
      throw formatError(`page_size must be an integer 1..${MAX_PAGE}`);
    }

    const { next_key: nextKey, ...rest } = body;
    if (nextKey !== undefined && typeof nextKey !== 'string') throw formatError('next_key must be a string');
    const params = canonical(rest);
    const after = nextKey ? this.cursors.get(nextKey) : undefined;
    // C2: every filter must be identical to the request that produced the key (compared as canonical
    // JSON: key order does not matter, every value and every present/absent field does).
    if (nextKey && (!after || after.params !== params))
      throw new WxError(606006, 'next_key invalid: request params differ from the previous page');

    // Ranges include both ends (ordering and edges are UNCONFIRMED, §8); a client that re-scans with
    // overlap (§7.2) is right either way.
    const inRange = (t: number, r: Range | null) => !r || (t >= r.start && t <= r.end);
    const hiddenNow = [...this.unlisted].filter(([, until]) => this.nowS() < until).length;
    const cacheKey = `${this.version}|${hiddenNow}|${canonical({ create, update, status, openid })}`;
    if (this.sorted?.key !== cacheKey) {
      const list = [...this.orders.values()]
        .filter((o) => this.listed(o) && inRange(o.create_time, create) && inRange(o.update_time, update))
        .filter((o) => (status === undefined || o.status === status) && (openid === undefined || o.openid === openid))
        .sort((a, b) => a.update_time - b.update_time || compareIds(a.order_id, b.order_id));
      this.sorted = { key: cacheKey, list };
    }
    const matching = this.sorted.list;
    // A keyset cursor, not an offset: an order updated mid-loop moves to a later position (or out of
    // the range), as a live listing would.
    const from = after ? firstAfter(matching, after) : 0;
    const page = matching.slice(from, from + pageSize);
    const last = page[page.length - 1];
    const key = randomBytes(12).toString('base64url');
    this.cursors.set(key, {
      params,
      afterUpdate: last ? last.update_time : (after?.afterUpdate ?? -1),
      afterId: last ? last.order_id : (after?.afterId ?? ''),
    });
    return {
      order_id_list: page.map((o) => o.order_id),
      next_key: key,
      has_more: from + page.length < matching.length,
    };
  }

  get(body: Body): Record<string, unknown> {
    const orderId = reqString(body, 'order_id');
    const esi = body['encode_sensitive_info'];
    if (esi !== undefined && typeof esi !== 'boolean') throw formatError('encode_sensitive_info must be a boolean');
    const order = this.orders.get(orderId);
    if (!order) throw new WxError(100002, 'order not found');
    // Masked either way: encode_sensitive_info=false does not unmask (§2.2, C3).
    // The live record: the server serializes the answer before anything else can run.
    return { order };
  }
}

/** Index of the first order after the cursor in a listing sorted by (update_time, order_id). */
function firstAfter(list: FakeChannelsOrder[], c: Cursor): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const o = list[mid] as FakeChannelsOrder;
    if (o.update_time < c.afterUpdate || (o.update_time === c.afterUpdate && compareIds(o.order_id, c.afterId) <= 0))
      lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function readRange(body: Body, key: string): Range | null {
  const v = body[key];
  if (v === undefined) return null;
  if (!isObject(v)) throw formatError(`${key} must be an object {start_time, end_time}`);
  const { start_time: start, end_time: end } = v;
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) {
    throw formatError(`${key}.start_time and ${key}.end_time must be integer seconds`);
  }
  if (end < start) throw formatError(`${key}.end_time is before start_time`);
  if (end - start > SEVEN_DAYS_S)
    throw formatError(`${key} spans ${end - start} s; the limit is 7 days (${SEVEN_DAYS_S} s)`);
  return { start, end };
}
