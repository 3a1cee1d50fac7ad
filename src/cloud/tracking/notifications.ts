// Buyer notifications (issue 14 §3): a WeChat subscribe message at shipment, out-for-delivery and
// exception, for orders whose buyer is the merchant's own mini-program or official-account user.
// Channels orders are notified by WeChat itself and never here. Each (order, kind) is queued once
// and sent once: a failure (43101 not subscribed, 47003 a field WeChat refused, anything else) is
// recorded and never retried, so a buyer can never receive the same message twice.
import type { HubConfig } from '../config.js';
import type { NotificationKind } from '../config-tracking.js';
import type { HubTx } from '../store/types.js';
import type { NotificationRow } from '../store/tracking-types.js';
import { subscribeData, type NotificationFacts } from '../../domain/tracking/subscribe-values.js';
import { WechatError } from '../wechat/errors.js';
import type { WechatCaller } from '../wechat/client.js';

export const SUBSCRIBE_SEND_PATH = '/cgi-bin/message/subscribe/send';

const STATUS_WORDS: Record<NotificationKind, string> = {
  shipped: '已发货',
  out_for_delivery: '派送中',
  exception: '运输异常',
};

/** Queues the notification when the config has a template for it and the order's buyer can get one. */
export async function queueNotification(
  t: HubTx,
  config: HubConfig,
  orderId: string,
  kind: NotificationKind,
  waybill: string,
  at: number,
): Promise<boolean> {
  const n = config.tracking.notifications;
  if (!n.enabled || !n.templates[kind]) return false;
  const order = await t.orders.get(orderId);
  if (!order || order.source === 'channels' || !order.payment?.payerOpenid) return false;
  return t.tracking.addNotification({
    orderId,
    kind,
    waybill,
    state: 'due',
    errcode: null,
    error: null,
    at,
    doneAt: null,
  });
}

export interface SendPlan {
  appId: string;
  body: Record<string, unknown>;
}

/** The subscribe/send request for a due notification; null (with why) when it cannot be sent. */
export async function planSend(t: HubTx, config: HubConfig, n: NotificationRow): Promise<SendPlan | { skip: string }> {
  const tpl = config.tracking.notifications.templates[n.kind];
  if (!tpl) return { skip: `no template for ${n.kind} any more` };
  const order = await t.orders.get(n.orderId);
  if (!order?.payment) return { skip: 'the order or its payer is gone' };
  const parcel = await t.tracking.parcel(n.waybill);
  const first = order.lines[0];
  const facts: NotificationFacts = {
    orderId: order.id,
    waybill: n.waybill,
    carrier: parcel?.carrier ?? '',
    status: STATUS_WORDS[n.kind],
    goods: first ? `${first.title}${order.lines.length > 1 ? `等${order.lines.length}件` : ''}` : '',
    place: '',
    detail: parcel?.exceptionDetail ?? '',
    at: n.at,
  };
  const page = tpl.page?.replaceAll('{orderId}', order.id);
  return {
    appId: order.payment.appId,
    body: {
      touser: order.payment.payerOpenid,
      template_id: tpl.templateId,
      ...(page ? { page } : {}),
      data: subscribeData(tpl.fields, facts, config.stats.timezone),
      miniprogram_state: config.tracking.notifications.miniprogramState,
      lang: config.tracking.notifications.lang,
    },
  };
}

/** Sends once; the outcome to record. */
export async function sendOnce(
  app: WechatCaller,
  body: Record<string, unknown>,
): Promise<{ state: 'sent' | 'failed'; errcode: number | null; error: string | null }> {
  try {
    await app.call(SUBSCRIBE_SEND_PATH, body);
    return { state: 'sent', errcode: null, error: null };
  } catch (err) {
    if (err instanceof WechatError) return { state: 'failed', errcode: err.errcode, error: err.errmsg.slice(0, 300) };
    return { state: 'failed', errcode: null, error: (err instanceof Error ? err.message : String(err)).slice(0, 300) };
  }
}
