// WeChat's trace of its own e-waybills (wechat-api-2.md §3.1): the `ewaybill_push_path` push event
// and order/get's `path_info` (the backup pull). Both carry the same {status, desc, update_time}.
import { z } from 'zod';
import type { TrackingEvent, TrackingSource, TrackingState } from '../../contract/tracking.js';
import { RETURNED } from '../../domain/tracking/states.js';
import { parseWechatJson } from '../wechat/http.js';

type Mapped = { state: TrackingState; returned?: boolean } | null;

/** §3.1 status → normalised; 99 (unknown) is dropped. */
const STATUS: Record<number, Mapped> = {
  0: { state: 'awaiting_pickup' },
  1: { state: 'collected' },
  2: { state: 'in_transit' },
  3: { state: 'out_for_delivery' },
  // 入柜: waiting in a parcel locker for the buyer, still "out for delivery" for the merchant.
  4: { state: 'out_for_delivery' },
  5: { state: 'delivered' },
  6: { state: 'exception', returned: true },
  7: { state: 'in_transit' },
  8: { state: 'exception' },
  // 出柜: the buyer took it out of the locker.
  9: { state: 'delivered' },
  99: null,
};

const STATUS_WORDS: Record<number, string> = {
  0: '待揽件',
  1: '已揽收',
  2: '运输中',
  3: '派件中',
  4: '已入柜',
  5: '已签收',
  6: '退回',
  7: '转寄',
  8: '异常',
  9: '已出柜',
};

const pathItem = z.object({
  status: z.coerce.number().int(),
  desc: z.string().default(''),
  /** Unix seconds. */
  update_time: z.coerce.number().int().positive(),
});

const pushSchema = z.object({
  Event: z.literal('ewaybill_push_path'),
  waybill_info: pathItem.extend({
    ewaybill_order_id: z.string().regex(/^\d+$/),
    waybill_id: z.string().min(1).max(64),
  }),
});

export interface PathPush {
  ewaybillOrderId: string;
  waybill: string;
  item: z.infer<typeof pathItem>;
}

/** null when the decrypted push is another event; throws when it is a malformed path push. */
export function parsePathPush(message: string): PathPush | null {
  // ewaybill_order_id is a uint64 JSON number: read it as text, never through a double.
  const raw = parseWechatJson(message);
  if ((raw as { Event?: unknown } | null)?.Event !== 'ewaybill_push_path') return null;
  const p = pushSchema.parse(raw);
  return {
    ewaybillOrderId: p.waybill_info.ewaybill_order_id,
    waybill: p.waybill_info.waybill_id,
    item: p.waybill_info,
  };
}

/** One path item as an event; null for status 99 or a status this hub does not know. */
export function pathEvent(
  item: { status: number; desc: string; update_time: number },
  waybill: string,
  carrier: string,
  source: Extract<TrackingSource, 'wechat_push' | 'wechat_pull'>,
): TrackingEvent | null {
  const mapped = STATUS[item.status];
  if (!mapped) return null;
  const words = item.desc || STATUS_WORDS[item.status] || '';
  return {
    waybill,
    carrier,
    state: mapped.state,
    at: item.update_time * 1000,
    place: '',
    detail: `${mapped.returned ? `${RETURNED}: ` : ''}${words}`.slice(0, 500),
    source,
  };
}

/** order/get path_info → events; items that do not parse are skipped (a pull is only a backup). */
export function pathInfoEvents(pathInfo: readonly unknown[], waybill: string, carrier: string): TrackingEvent[] {
  const out: TrackingEvent[] = [];
  for (const raw of pathInfo) {
    const item = pathItem.safeParse(raw);
    if (!item.success) continue;
    const e = pathEvent(item.data, waybill, carrier, 'wechat_pull');
    if (e) out.push(e);
  }
  return out;
}
