// An `ewaybill_push_path` push (wechat-api-2.md §3.1), already authenticated and decrypted by the
// push route: one trace step of a WeChat e-waybill, recorded like any other tracking event.
import type { HubConfig } from '../config.js';
import type { HubTx } from '../store/types.js';
import { recordEvents } from './parcels.js';
import { pathEvent, type PathPush } from './wechat-path.js';

/** Carrier shown when the hub has never seen the waybill on a parcel (a push for a label printed elsewhere). */
const UNKNOWN_CARRIER = 'unknown';

export async function recordPathPush(t: HubTx, config: HubConfig, push: PathPush, now: number): Promise<number> {
  const known = await t.tracking.parcel(push.waybill);
  const carrier = known?.carrier ?? (await t.handovers.parcelOf(push.waybill))?.carrier ?? UNKNOWN_CARRIER;
  const event = pathEvent(push.item, push.waybill, carrier, 'wechat_push');
  if (!event) return 0;
  return recordEvents(t, config, null, push.waybill, [event], now);
}
