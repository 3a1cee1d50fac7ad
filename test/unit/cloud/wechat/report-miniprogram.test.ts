import { afterEach, describe, expect, it } from 'vitest';
import type { ShippingParcel } from '../../../../src/cloud/wechat/miniprogram.js';
import {
  reportMiniProgram,
  type MiniProgramReportInput,
  type ReportOptions,
} from '../../../../src/cloud/wechat/report.js';
import { stack, startStub, tokenIssuer, type Stub, type StubReply } from './stub.js';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const UPLOAD = '/wxa/sec/order/upload_shipping_info';
const GET = '/wxa/sec/order/get_order';
const NOW = Date.UTC(2024, 2, 1, 10, 0, 0);
const opts: ReportOptions = { now: () => NOW, random: () => 0.5 };

const PARCELS: ShippingParcel[] = [
  { expressCompany: 'YTO', trackingNo: 'YT1', itemDesc: '茶 ×1' },
  { expressCompany: 'ZTO', trackingNo: 'ZT2', itemDesc: '杯 ×1' },
];
const first: MiniProgramReportInput = {
  orderKey: { kind: 'transaction', transactionId: '4200001' },
  payerOpenid: 'o-payer',
  parcels: PARCELS,
  isFinal: true,
  attempt: 0,
  uncertain: false,
};

interface PaymentState {
  orderState?: number;
  deliveryMode?: number;
  finish?: boolean;
  tracking?: string[];
}

async function wechat(state: PaymentState, uploads: StubReply[] = []) {
  const issue = tokenIssuer();
  let i = 0;
  stub = await startStub((req) => {
    const token = issue(req);
    if (token) return token;
    if (req.path === GET) {
      return {
        json: {
          errcode: 0,
          order: {
            transaction_id: '4200001',
            order_state: state.orderState ?? 1,
            shipping: {
              delivery_mode: state.deliveryMode ?? 0,
              finish_shipping: state.finish ?? false,
              finish_shipping_count: state.finish ? 1 : 0,
              shipping_list: (state.tracking ?? []).map((t) => ({ tracking_no: t, express_company: 'YTO' })),
            },
          },
        },
      };
    }
    return uploads[i++] ?? { json: { errcode: 0, errmsg: 'ok' } };
  });
  const { app } = stack(stub.baseUrl);
  return { app, calls: (p: string) => stub?.calls.filter((c) => c.path === p) ?? [] };
}

describe('reportMiniProgram', () => {
  it('a first, certain attempt uploads straight away (SPLIT, all delivered, +08:00 time)', async () => {
    const w = await wechat({});
    expect(await reportMiniProgram(w.app, first, opts)).toEqual({ kind: 'done', verified: false });
    expect(w.calls(GET)).toHaveLength(0);
    expect(w.calls(UPLOAD)[0]?.body).toMatchObject({
      delivery_mode: 2,
      is_all_delivered: true,
      upload_time: '2024-03-01T18:00:00.000+08:00',
    });
  });

  it('10060001 right after payment retries in 15–60 s, then fails at the limit', async () => {
    const race = { json: { errcode: 10060001, errmsg: 'payment not found rid: q1' } };
    for (const [random, expected] of [
      [0, 15_000],
      [0.999, 59_955],
    ] as const) {
      const w = await wechat({}, [race]);
      expect(await reportMiniProgram(w.app, first, { ...opts, random: () => random })).toMatchObject({
        kind: 'retry',
        afterMs: expected,
      });
      await stub?.close();
    }
    // Retries re-read first; get_order answering 10060001 counts as the same race.
    const issue = tokenIssuer();
    stub = await startStub((req) => issue(req) ?? race);
    const { app } = stack(stub.baseUrl);
    expect(await reportMiniProgram(app, { ...first, attempt: 2 }, opts)).toMatchObject({ kind: 'retry' });
    expect(await reportMiniProgram(app, { ...first, attempt: 4 }, opts)).toEqual({
      kind: 'failed',
      errcode: 10060001,
      errmsg: 'payment not found rid: q1',
      rid: 'q1',
    });
  });

  it('10060002 with our tracking numbers on the payment is done (verified); without them a conflict', async () => {
    const ok = await wechat({ finish: true, deliveryMode: 2, tracking: ['YT1', 'ZT2'] }, [
      { json: { errcode: 10060002, errmsg: 'already shipped' } },
    ]);
    expect(await reportMiniProgram(ok.app, first, opts)).toMatchObject({
      kind: 'done',
      verified: true,
      note: expect.stringContaining('10060002'),
    });
    await stub?.close();
    const other = await wechat({ finish: true, tracking: ['XX9'] }, [
      { json: { errcode: 10060002, errmsg: 'already shipped' } },
    ]);
    expect(await reportMiniProgram(other.app, first, opts)).toMatchObject({
      kind: 'conflict',
      reason: expect.stringContaining('YT1'),
    });
  });

  it('10060023 (nothing changed) is done after verification', async () => {
    const w = await wechat({ finish: true, tracking: ['YT1', 'ZT2'] }, [
      { json: { errcode: 10060023, errmsg: 'not updated' } },
    ]);
    expect(await reportMiniProgram(w.app, first, opts)).toMatchObject({ kind: 'done', verified: true });
  });

  it('10060003 and 10060004 fail for the operator', async () => {
    for (const code of [10060003, 10060004]) {
      const w = await wechat({}, [{ json: { errcode: code, errmsg: `e${code} rid: z` } }]);
      expect(await reportMiniProgram(w.app, first, opts)).toEqual({
        kind: 'failed',
        errcode: code,
        errmsg: `e${code} rid: z`,
        rid: 'z',
      });
      await stub?.close();
    }
  });

  it('uncertain: shipping already complete with our numbers → done, no upload', async () => {
    const w = await wechat({ finish: true, deliveryMode: 2, tracking: ['YT1', 'ZT2'] });
    expect(await reportMiniProgram(w.app, { ...first, uncertain: true }, opts)).toMatchObject({
      kind: 'done',
      verified: true,
    });
    expect(w.calls(UPLOAD)).toHaveLength(0);
  });

  it('uncertain: shipping completed with other numbers → conflict, never burning the re-ship', async () => {
    const w = await wechat({ finish: true, deliveryMode: 1, tracking: ['MANUAL1'] });
    expect(await reportMiniProgram(w.app, { ...first, uncertain: true }, opts)).toMatchObject({
      kind: 'conflict',
      reason: expect.stringContaining('re-ship'),
    });
    expect(w.calls(UPLOAD)).toHaveLength(0);
  });

  it('uncertain: one of two parcels uploaded → uploads only the other, staying in SPLIT mode', async () => {
    const w = await wechat({ deliveryMode: 2, tracking: ['YT1'] });
    expect(await reportMiniProgram(w.app, { ...first, uncertain: true }, opts)).toEqual({
      kind: 'done',
      verified: false,
    });
    const body = w.calls(UPLOAD)[0]?.body;
    expect(body).toMatchObject({ delivery_mode: 2, is_all_delivered: true });
    expect(body?.['shipping_list']).toEqual([{ tracking_no: 'ZT2', express_company: 'ZTO', item_desc: '杯 ×1' }]);
  });

  it('a refunded payment is a conflict', async () => {
    const w = await wechat({ orderState: 5 });
    expect(await reportMiniProgram(w.app, { ...first, attempt: 1 }, opts)).toMatchObject({
      kind: 'conflict',
      reason: expect.stringContaining('refunded'),
    });
  });

  it('busy codes retry; the daily quota stops until midnight in China', async () => {
    const busy = await wechat({}, [{ json: { errcode: 10060012, errmsg: 'busy' } }]);
    expect(await reportMiniProgram(busy.app, first, opts)).toMatchObject({ kind: 'retry', afterMs: 1_500 });
    await stub?.close();
    const quota = await wechat({}, [{ json: { errcode: 45009, errmsg: 'quota' } }]);
    expect(await reportMiniProgram(quota.app, first, opts)).toMatchObject({
      kind: 'stop_until',
      untilMs: Date.UTC(2024, 2, 1, 16, 0),
    });
  });

  it('an SF parcel without a usable phone is refused before any call', async () => {
    const w = await wechat({});
    await expect(
      reportMiniProgram(
        w.app,
        { ...first, parcels: [{ expressCompany: 'SF', trackingNo: 'SF1', itemDesc: '茶' }] },
        opts,
      ),
    ).rejects.toThrow(/last 4 digits/);
    expect(w.calls(UPLOAD)).toHaveLength(0);
  });
});
