// Storage of parcel tracking at the hub (tracking owns migration 0013_tracking): one row per parcel
// followed, its events, and the buyer notifications sent or refused.
import type { TrackingEvent } from '../../contract/tracking.js';
import type { ParcelProgress } from '../../domain/tracking/states.js';
import type { Awaitable } from './awaitable.js';

/** Who follows the parcel: WeChat (its own e-waybill), a provider, or nobody configured. */
export type TrackingProviderId = 'wechat' | 'kuaidi100' | 'none';

/** The parcel's followed state (ParcelProgress, folded from its events) and how it is followed. */
export interface TrackingParcelRow extends ParcelProgress {
  waybill: string;
  carrier: string;
  orderId: string | null;
  provider: TrackingProviderId;
  /** WeChat e-waybills: the shop and ewaybill_order_id to pull order/get with. */
  shopId: string | null;
  ewaybillOrderId: string | null;
  handedOverAt: number | null;
  /** Provider subscription: when it was accepted, the last refusal, and when to try again. */
  subscribedAt: number | null;
  subscribeError: string | null;
  subscribeAttempts: number;
  nextSubscribeAt: number;
  /** The last WeChat order/get pull (backup to the push). */
  pulledAt: number | null;
  createdAt: number;
}

/** sending: taken out of the queue for its one attempt; left so by a crash mid-send, it is never sent again. */
export type NotificationState = 'due' | 'sending' | 'sent' | 'failed';

export interface NotificationRow {
  orderId: string;
  kind: 'shipped' | 'out_for_delivery' | 'exception';
  waybill: string;
  state: NotificationState;
  errcode: number | null;
  error: string | null;
  /** When the event it announces happened. */
  at: number;
  doneAt: number | null;
}

export interface TrackingRepo {
  parcel(waybill: string): Awaitable<TrackingParcelRow | undefined>;
  /** Insert or replace the whole row. */
  putParcel(row: TrackingParcelRow): Awaitable<void>;
  /** Oldest first. */
  events(waybill: string): Awaitable<TrackingEvent[]>;
  /** Keeps events not seen before (by key); returns how many were new. */
  addEvents(events: readonly { key: string; event: TrackingEvent }[], receivedAt: number): Awaitable<number>;
  /** Parcels not delivered yet, handed over or heard of, oldest first (stuck rules). */
  undelivered(limit: number): Awaitable<TrackingParcelRow[]>;
  /** Parcels handed over in [from, to) (figures). */
  handedOverBetween(from: number, to: number): Awaitable<TrackingParcelRow[]>;
  /** Provider parcels not subscribed yet whose next attempt is due. */
  dueSubscriptions(provider: TrackingProviderId, now: number, limit: number): Awaitable<TrackingParcelRow[]>;
  /** WeChat e-waybills not delivered and not pulled since `before`. */
  duePulls(before: number, limit: number): Awaitable<TrackingParcelRow[]>;
  /** Once per (order, kind): false when that notification exists already (sent, failed or due). */
  addNotification(row: NotificationRow): Awaitable<boolean>;
  dueNotifications(limit: number): Awaitable<NotificationRow[]>;
  finishNotification(
    orderId: string,
    kind: NotificationRow['kind'],
    patch: Pick<NotificationRow, 'state' | 'errcode' | 'error' | 'doneAt'>,
  ): Awaitable<void>;
  notifications(orderId: string): Awaitable<NotificationRow[]>;
}
