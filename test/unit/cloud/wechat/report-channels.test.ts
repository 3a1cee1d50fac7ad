import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryPackage } from '../../../../src/cloud/wechat/channels.js';
import { reportChannels, type ReportOptions } from '../../../../src/cloud/wechat/report.js';
import { BIG_ID, line, rawOrder, type RawPackage } from './orders.js';
import { stack, startStub, tokenIssuer, type Stub, type StubReply } from './stub.js';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const SEND = '/channels/ec/order/delivery/send';
const GET = '/channels/ec/order/get';
const NOW = Date.UTC(2024, 2, 1, 10, 0, 30); // 18:00:30 in China
const opts: ReportOptions = { now: () => NOW, random: () => 0.5 };

const PKGS: DeliveryPackage[] = [
  { deliveryId: 'SF', waybillId: 'SF100', products: [{ productId: 'P1', skuId: 'S1', count: 2 }] },
  { deliveryId: 'ZTO', waybillId: 'ZT200', products: [{ productId: 'P2', skuId: 'S2', count: 1 }] },
];

function shipped(...waybills: string[]): RawPackage[] {
  return waybills.map((w) => ({
    waybill_id: w,
    delivery_id: 'SF',
    product_infos: [{ product_id: 'P1', sku_id: 'S1', product_cnt: 2 }],
  }));
}

/** A WeChat order with a status and shipped packages; delivery/send answers from `sends` in turn. */
async function wechat(
  state: { status?: number; shipped?: RawPackage[] },
  sends: StubReply[] = [],
  opt: { timeoutMs?: number } = {},
) {
  const issue = tokenIssuer();
  let i = 0;
  stub = await startStub((req) => {
    const token = issue(req);
    if (token) return token;
    if (req.path === GET) {
      const body = JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        order: rawOrder({
          status: state.status ?? 20,
          shipped: state.shipped ?? [],
          lines: [line('P1', 'S1', 2, 'T'), line('P2', 'S2', 1, 'C')],
        }),
      });
      return { text: body.replace(`"order_id":"${BIG_ID}"`, `"order_id":${BIG_ID}`) };
    }
    return sends[i++] ?? { json: { errcode: 0, errmsg: 'ok' } };
  });
  const s = stack(stub.baseUrl, opt);
  return { api: s.channels, calls: (p: string) => stub?.calls.filter((c) => c.path === p) ?? [] };
}

const first = { orderId: BIG_ID, packages: PKGS, attempt: 0, uncertain: false };

describe('reportChannels', () => {
  it('a first, certain attempt sends every package straight away', async () => {
    const w = await wechat({});
    expect(await reportChannels(w.api, first, opts)).toEqual({ kind: 'done', verified: false });
    expect(w.calls(GET)).toHaveLength(0);
    expect((w.calls(SEND)[0]?.body?.['delivery_list'] as unknown[]).length).toBe(2);
  });

  it('uncertain: all our waybills already on the order → done (verified), nothing re-sent', async () => {
    const w = await wechat({ status: 30, shipped: shipped('SF100', 'ZT200') });
    expect(await reportChannels(w.api, { ...first, uncertain: true }, opts)).toMatchObject({
      kind: 'done',
      verified: true,
    });
    expect(w.calls(SEND)).toHaveLength(0);
  });

  it('uncertain: only the packages not yet on the order are sent', async () => {
    const w = await wechat({ status: 21, shipped: shipped('SF100') });
    expect(await reportChannels(w.api, { ...first, uncertain: true }, opts)).toEqual({ kind: 'done', verified: false });
    expect(w.calls(SEND)[0]?.body?.['delivery_list']).toEqual([
      {
        delivery_id: 'ZTO',
        waybill_id: 'ZT200',
        deliver_type: 1,
        product_infos: [{ product_id: 'P2', sku_id: 'S2', product_cnt: 1 }],
      },
    ]);
  });

  it('any retry re-reads first, and a cancelled order is a conflict', async () => {
    for (const status of [190, 200, 250]) {
      const w = await wechat({ status });
      expect(await reportChannels(w.api, { ...first, attempt: 1 }, opts)).toMatchObject({
        kind: 'conflict',
        reason: expect.stringContaining(`status ${status}`),
      });
      expect(w.calls(SEND)).toHaveLength(0);
      await stub?.close();
    }
  });

  it('an order fully shipped with other waybills is a conflict', async () => {
    const w = await wechat({ status: 30, shipped: shipped('OTHER1') });
    expect(await reportChannels(w.api, { ...first, uncertain: true }, opts)).toMatchObject({
      kind: 'conflict',
      reason: expect.stringContaining('SF100'),
    });
  });

  it('transient errors retry with exponential backoff and jitter, capped at 5 minutes', async () => {
    for (const [attempt, expected] of [
      [0, 1_500],
      [3, 12_000],
      [20, 225_000],
    ] as const) {
      const w = await wechat({}, [{ json: { errcode: -1, errmsg: 'system error' } }]);
      expect(await reportChannels(w.api, { ...first, attempt }, { ...opts, random: () => 0.5 })).toMatchObject({
        kind: 'retry',
        afterMs: expected,
      });
      await stub?.close();
    }
    const w = await wechat({}, [{ json: { errcode: 100003, errmsg: 'order update too frequently' } }]);
    expect(await reportChannels(w.api, first, { ...opts, random: () => 0.999 })).toMatchObject({
      kind: 'retry',
      reason: expect.stringContaining('100003'),
    });
  });

  it('HTTP 5xx and timeouts retry, asking the next attempt to verify', async () => {
    const w = await wechat({}, [{ status: 502, text: 'bad gateway' }]);
    expect(await reportChannels(w.api, first, opts)).toMatchObject({
      kind: 'retry',
      afterMs: 1_500,
      reason: expect.stringContaining('verify'),
    });
    await stub?.close();
    const t = await wechat({}, [{ delayMs: 300, json: { errcode: 0 } }], { timeoutMs: 50 });
    expect(await reportChannels(t.api, first, opts)).toMatchObject({
      kind: 'retry',
      reason: expect.stringContaining('timeout'),
    });
  });

  it('45011 (minute quota) retries at the next minute', async () => {
    const w = await wechat({}, [{ json: { errcode: 45011, errmsg: 'api minute-quota reach limit' } }]);
    const r = await reportChannels(w.api, first, { ...opts, random: () => 0 });
    expect(r).toEqual({ kind: 'retry', afterMs: 30_000, reason: expect.stringContaining('45011') });
  });

  it('45009 (daily quota) stops until the next midnight in China', async () => {
    const w = await wechat({}, [{ json: { errcode: 45009, errmsg: 'reach max api daily quota limit' } }]);
    expect(await reportChannels(w.api, first, opts)).toEqual({
      kind: 'stop_until',
      untilMs: Date.UTC(2024, 2, 1, 16, 0),
      reason: expect.stringContaining('45009'),
    });
  });

  it('a token error is absorbed by the one refresh; twice in a row pauses the app', async () => {
    const ok = await wechat({}, [{ json: { errcode: 40001, errmsg: 'invalid credential' } }]);
    expect(await reportChannels(ok.api, first, opts)).toEqual({ kind: 'done', verified: false });
    expect(ok.calls(SEND)).toHaveLength(2);
    await stub?.close();
    const bad = await wechat({}, [
      { json: { errcode: 40001, errmsg: 'invalid credential' } },
      { json: { errcode: 42001, errmsg: 'expired' } },
    ]);
    expect(await reportChannels(bad.api, first, opts)).toMatchObject({
      kind: 'stop_until',
      untilMs: NOW + 5 * 60_000,
      reason: expect.stringContaining('token'),
    });
  });

  it('109001 with our waybills on the order is done (verified)', async () => {
    const w = await wechat({ status: 30, shipped: shipped('SF100', 'ZT200') }, [
      { json: { errcode: 109001, errmsg: 'order already delivered rid: r-1' } },
    ]);
    expect(await reportChannels(w.api, first, opts)).toMatchObject({
      kind: 'done',
      verified: true,
      note: expect.stringContaining('109001'),
    });
    expect(w.calls(GET)).toHaveLength(1);
  });

  it('109001 without our waybills on the order is failed, with errmsg and rid', async () => {
    const w = await wechat({ status: 30, shipped: shipped('OTHER') }, [
      { json: { errcode: 109001, errmsg: 'order already delivered rid: r-1' } },
    ]);
    expect(await reportChannels(w.api, first, opts)).toEqual({
      kind: 'failed',
      errcode: 109001,
      errmsg: 'order already delivered rid: r-1',
      rid: 'r-1',
    });
  });

  it('101100 re-reads: cancelled → conflict', async () => {
    const w = await wechat({ status: 250 }, [{ json: { errcode: 101100, errmsg: 'order status not allow' } }]);
    expect(await reportChannels(w.api, first, opts)).toMatchObject({ kind: 'conflict' });
  });

  it('108009 (after-sale open) retries in minutes', async () => {
    const w = await wechat({}, [{ json: { errcode: 108009, errmsg: 'aftersale ongoing' } }]);
    expect(await reportChannels(w.api, first, opts)).toMatchObject({ kind: 'retry', afterMs: 10 * 60_000 });
  });

  it('terminal codes fail with errmsg and rid', async () => {
    const w = await wechat({}, [{ json: { errcode: 606004, errmsg: 'delivery_id invalid rid: 64f-abc' } }]);
    expect(await reportChannels(w.api, first, opts)).toEqual({
      kind: 'failed',
      errcode: 606004,
      errmsg: 'delivery_id invalid rid: 64f-abc',
      rid: '64f-abc',
    });
  });

  it('a failing verification read is itself classified (transient → retry)', async () => {
    const issue = tokenIssuer();
    stub = await startStub((req) => issue(req) ?? { json: { errcode: -1, errmsg: 'busy' } });
    const { channels } = stack(stub.baseUrl);
    expect(await reportChannels(channels, { ...first, uncertain: true }, opts)).toMatchObject({ kind: 'retry' });
    expect(stub.calls.filter((c) => c.path === SEND)).toHaveLength(0);
  });
});
