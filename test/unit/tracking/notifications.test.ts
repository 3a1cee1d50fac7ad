// Buyer notifications: queued once per order and kind, only for the merchant's own buyers (never a
// Channels order), and the subscribe/send body cut to WeChat's limits.
import { describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../../../src/cloud/config.js';
import { planSend, queueNotification, sendOnce } from '../../../src/cloud/tracking/notifications.js';
import type { HubOrderRow, HubTx } from '../../../src/cloud/store/types.js';
import type { NotificationRow } from '../../../src/cloud/store/tracking-types.js';
import type { WechatCaller } from '../../../src/cloud/wechat/client.js';
import { WechatError } from '../../../src/cloud/wechat/errors.js';

const config = hubConfigSchema.parse({
  tracking: {
    notifications: {
      enabled: true,
      templates: {
        shipped: {
          templateId: 'T1',
          page: 'pages/o?id={orderId}',
          fields: { thing1: 'goods', character_string2: 'waybill' },
        },
      },
    },
  },
});

function order(id: string, source: HubOrderRow['source'], openid: string | null): HubOrderRow {
  return {
    id,
    source,
    channel: source === 'channels' ? 'channels_shop' : 'mini_program',
    payment: openid
      ? { appId: 'wx-mini', transactionId: '4200', mchid: null, outTradeNo: null, payerOpenid: openid }
      : null,
    lines: [
      {
        lineNo: 1,
        productId: 1,
        sku: 'S',
        title: '非常非常长的商品名称用来测试二十个字符的截断规则是否生效',
        qty: 1,
        priceFen: 100,
      },
    ],
  } as unknown as HubOrderRow;
}

function fakeTx(orders: HubOrderRow[]): { t: HubTx; rows: NotificationRow[] } {
  const rows: NotificationRow[] = [];
  const t = {
    orders: { get: (id: string) => orders.find((o) => o.id === id) },
    tracking: {
      parcel: () => ({ carrier: 'SF', exceptionDetail: null }),
      addNotification: (n: NotificationRow) => {
        if (rows.some((r) => r.orderId === n.orderId && r.kind === n.kind)) return false;
        rows.push(n);
        return true;
      },
    },
  } as unknown as HubTx;
  return { t, rows };
}

describe('buyer notifications', () => {
  it('queues a mini-program order once, never a Channels order or one without a payer', async () => {
    const { t, rows } = fakeTx([
      order('MP1', 'intake', 'o1'),
      order('CH1', 'channels', 'o2'),
      order('MP2', 'intake', null),
    ]);
    expect(await queueNotification(t, config, 'MP1', 'shipped', 'SF1', 1)).toBe(true);
    expect(await queueNotification(t, config, 'MP1', 'shipped', 'SF1', 2)).toBe(false);
    expect(await queueNotification(t, config, 'CH1', 'shipped', 'SF2', 1)).toBe(false);
    expect(await queueNotification(t, config, 'MP2', 'shipped', 'SF3', 1)).toBe(false);
    // No template for it: nothing queued.
    expect(await queueNotification(t, config, 'MP1', 'exception', 'SF1', 3)).toBe(false);
    expect(rows.map((r) => [r.orderId, r.kind])).toEqual([['MP1', 'shipped']]);
  });

  it('builds the subscribe/send body with values cut to the field limits', async () => {
    const { t, rows } = fakeTx([order('MP1', 'intake', 'o1')]);
    await queueNotification(t, config, 'MP1', 'shipped', 'SF1', Date.UTC(2026, 11, 1));
    const plan = await planSend(t, config, rows[0]!);
    if ('skip' in plan) throw new Error(plan.skip);
    expect(plan.appId).toBe('wx-mini');
    expect(plan.body).toMatchObject({
      touser: 'o1',
      template_id: 'T1',
      page: 'pages/o?id=MP1',
      miniprogram_state: 'formal',
    });
    const data = plan.body['data'] as Record<string, { value: string }>;
    expect([...data['thing1']!.value]).toHaveLength(20);
    expect(data['character_string2']!.value).toBe('SF1');
  });

  it('records a refusal with its errcode instead of throwing', async () => {
    const refusing: WechatCaller = {
      call: () =>
        Promise.reject(
          new WechatError('/cgi-bin/message/subscribe/send', 47003, 'argument invalid! data.thing1.value'),
        ),
    };
    expect(await sendOnce(refusing, {})).toMatchObject({ state: 'failed', errcode: 47003 });
    const ok: WechatCaller = { call: <T>() => Promise.resolve({} as T) };
    expect(await sendOnce(ok, {})).toEqual({ state: 'sent', errcode: null, error: null });
  });
});
