// Channels report-back: delivery/send for one order's packages, wechat-api.md §2.4 and §7.4.
// delivery/send has no idempotency key, so "did it already happen?" is always answered by reading
// the order's delivery_product_info and looking for our waybill ids.
import type { DeliveryPackage, WechatOrder } from './channels.js';
import { WechatError } from './errors.js';
import { CANCELLED_STATUSES, SHIPPED_STATUSES } from './order-schema.js';
import {
  AFTERSALE_RETRY_MS,
  failed,
  outcomeForError,
  readOr,
  resolveOptions,
  type ReportOptions,
  type ReportOutcome,
  type ResolvedOptions,
} from './report-common.js';

export interface ChannelsReportApi {
  getOrder(id: string): Promise<WechatOrder>;
  sendDelivery(orderId: string, packages: DeliveryPackage[]): Promise<void>;
}

export interface ChannelsReportInput {
  orderId: string;
  packages: DeliveryPackage[];
  /** 0 on the first try. */
  attempt: number;
  /** The previous attempt may have reached WeChat (timeout, dropped connection, crash mid-call). */
  uncertain: boolean;
}

interface Shipment {
  status: number;
  /** Our packages whose waybill is not yet in delivery_product_info. */
  missing: DeliveryPackage[];
}

export async function reportChannels(
  api: ChannelsReportApi,
  input: ChannelsReportInput,
  options: ReportOptions = {},
): Promise<ReportOutcome> {
  const o = resolveOptions(options);
  if (input.packages.length === 0) throw new RangeError(`reportChannels ${input.orderId}: no packages`);
  let toSend = input.packages;

  if (input.uncertain || input.attempt > 0) {
    const read = await readShipment(api, input, o);
    if ('outcome' in read) return read.outcome;
    const s = read.value;
    // Ours first: an order cancelled after it shipped (200, every item refunded) was still reported.
    if (s.missing.length === 0)
      return { kind: 'done', verified: true, note: 'already shipped: our waybills are on the order' };
    const blocked = blockedBy(s, input.orderId);
    if (blocked) return blocked;
    // Re-send only what is not there: a second send of a shipped package is refused (109000,
    // UNCONFIRMED §7.4) and would fail the packages that are still missing with it.
    toSend = s.missing;
  }

  try {
    await api.sendDelivery(input.orderId, toSend);
    return { kind: 'done', verified: false };
  } catch (err) {
    return afterSendError(api, input, err, o);
  }
}

async function afterSendError(
  api: ChannelsReportApi,
  input: ChannelsReportInput,
  err: unknown,
  o: ResolvedOptions,
): Promise<ReportOutcome> {
  if (!(err instanceof WechatError)) return outcomeForError(err, input.attempt, o);
  switch (err.errcode) {
    // 109001 fully shipped, 109000 "already shipped / wrong quantity", 101100 status forbids
    // shipping: the order itself says whether that was us (a send that went through unseen) or
    // something else (cancelled, shipped by someone else, wrong input).
    case 109001:
    case 109000:
    case 101100: {
      const read = await readShipment(api, input, o);
      if ('outcome' in read) return read.outcome;
      const s = read.value;
      if (s.missing.length === 0)
        return { kind: 'done', verified: true, note: `WeChat answered ${err.errcode}; our waybills are on the order` };
      if (CANCELLED_STATUSES.has(s.status)) return cancelled(s.status, input.orderId);
      return failed(err);
    }
    case 108009:
      return { kind: 'retry', afterMs: AFTERSALE_RETRY_MS, reason: `after-sale case open (108009): ${err.errmsg}` };
    default:
      return outcomeForError(err, input.attempt, o);
  }
}

async function readShipment(
  api: ChannelsReportApi,
  input: ChannelsReportInput,
  o: ResolvedOptions,
): Promise<{ value: Shipment } | { outcome: ReportOutcome }> {
  const read = await readOr(() => api.getOrder(input.orderId), input.attempt, o);
  if ('outcome' in read) return read;
  const order = read.value;
  const onOrder = new Set(order.order_detail.delivery_info.delivery_product_info.map((p) => p.waybill_id));
  // Matched by waybill id alone: deliveryinfo/update may have corrected the carrier since (§2.6).
  return { value: { status: order.status, missing: input.packages.filter((p) => !onOrder.has(p.waybillId)) } };
}

/** Why our packages can no longer be sent at all, or null when sending is still possible. */
function blockedBy(s: Shipment, orderId: string): ReportOutcome | null {
  if (CANCELLED_STATUSES.has(s.status)) return cancelled(s.status, orderId);
  if (SHIPPED_STATUSES.has(s.status)) {
    return {
      kind: 'conflict',
      reason: `order ${orderId} is already fully shipped (status ${s.status}) without waybill(s) ${s.missing.map((p) => p.waybillId).join(', ')}`,
    };
  }
  if (s.status === 10) return { kind: 'conflict', reason: `order ${orderId} is not paid (status 10)` };
  return null;
}

function cancelled(status: number, orderId: string): ReportOutcome {
  return {
    kind: 'conflict',
    reason: `order ${orderId} was cancelled on WeChat (status ${status}); intercept the parcel`,
  };
}
