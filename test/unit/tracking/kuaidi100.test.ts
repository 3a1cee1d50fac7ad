// Kuaidi100: the callback signature (MD5(param + salt), upper case, checked in constant time), the
// parsing of a documented callback, and WeChat's e-waybill path items.
import { describe, expect, it } from 'vitest';
import { Kuaidi100Provider, chinaTime, kuaidi100Sign } from '../../../src/cloud/tracking/kuaidi100.js';
import { CallbackAuthError } from '../../../src/cloud/tracking/provider.js';
import { parsePathPush, pathInfoEvents } from '../../../src/cloud/tracking/wechat-path.js';
import { callbackForm, pushPlan } from '../../../src/demo/tracking-sim/kuaidi100-sim.js';
import { progressOf } from '../../../src/domain/tracking/states.js';

const provider = new Kuaidi100Provider({
  key: 'KEY',
  salt: 'SALT-1',
  url: 'http://127.0.0.1:1/poll',
  callbackUrl: 'http://127.0.0.1:2/v1/tracking/callback/kuaidi100',
  companies: {},
  carriers: [],
});

// The shape of the documented example (推送接口): full trace, newest first, resultv2=1 status names.
const documented = JSON.stringify({
  status: 'shutdown',
  billstatus: 'check',
  message: '',
  autoCheck: '0',
  comOld: '',
  comNew: '',
  lastResult: {
    message: 'ok',
    state: '3',
    status: '200',
    condition: 'F00',
    ischeck: '1',
    com: 'zhongtong',
    nu: '75312345678901',
    data: [
      {
        context: '已签收，签收人凭取货码签收',
        time: '2026-12-03 10:20:00',
        ftime: '2026-12-03 10:20:00',
        status: '签收',
        areaName: '浙江省,杭州市',
      },
      { context: '快件派送中', time: '2026-12-03 08:00:00', ftime: '2026-12-03 08:00:00', status: '派件' },
      { context: '已发往杭州中转部', time: '2026-12-02 02:00:00', ftime: '2026-12-02 02:00:00', status: '在途' },
      { context: '已揽收', time: '2026-12-01 18:30:00', ftime: '2026-12-01 18:30:00', status: '揽收' },
    ],
  },
});

describe('Kuaidi100 callbacks', () => {
  it('signs as MD5(param + salt) in upper case', () => {
    expect(kuaidi100Sign('ab', 'c')).toBe('900150983CD24FB0D6963F7D28E17F72');
  });

  it('parses a signed callback into events in China time', () => {
    const { waybill, events } = provider.parseCallback({
      param: documented,
      sign: kuaidi100Sign(documented, 'SALT-1'),
    });
    expect(waybill).toBe('75312345678901');
    expect(events.map((e) => e.state)).toEqual(['delivered', 'out_for_delivery', 'in_transit', 'collected']);
    expect(events[0]).toMatchObject({
      carrier: 'ZTO',
      at: Date.UTC(2026, 11, 3, 2, 20),
      place: '浙江省,杭州市',
      source: 'kuaidi100',
    });
    expect(progressOf(events).state).toBe('delivered');
  });

  it('accepts a lower-case sign and refuses a wrong or missing one', () => {
    const sign = kuaidi100Sign(documented, 'SALT-1');
    expect(provider.parseCallback({ param: documented, sign: sign.toLowerCase() }).events).toHaveLength(4);
    expect(() => provider.parseCallback({ param: documented, sign: kuaidi100Sign(documented, 'other') })).toThrow(
      CallbackAuthError,
    );
    expect(() => provider.parseCallback({ param: documented })).toThrow(CallbackAuthError);
    expect(() => provider.parseCallback({ sign })).toThrow(CallbackAuthError);
  });

  it('marks returns and reads the simulator’s callbacks the same way', () => {
    const plan = pushPlan(['collected', 'in_transit', 'returned'], Date.UTC(2026, 11, 2), 3_600_000, true);
    const all = plan.flatMap((steps) => {
      const form = callbackForm({ company: 'shunfeng', number: 'SF100', salt: 'SALT-1' }, steps);
      return provider.parseCallback(Object.fromEntries(form)).events;
    });
    expect(all.map((e) => e.state)).toEqual(['exception', 'in_transit', 'collected']);
    expect(all[0]!.detail.startsWith('returned')).toBe(true);
    expect(all[0]!.carrier).toBe('SF');
    expect(progressOf(all).returnStartedAt).toBe(Date.UTC(2026, 11, 2));
  });

  it('reads China time text', () => {
    expect(chinaTime('2026-12-01 08:00:00')).toBe(Date.UTC(2026, 11, 1, 0));
    expect(chinaTime('2026-12-01 08:00')).toBe(Date.UTC(2026, 11, 1, 0));
    expect(Number.isNaN(chinaTime('yesterday'))).toBe(true);
  });

  it('follows the carriers it has a company code for', () => {
    expect(provider.follows('SF')).toBe(true);
    expect(provider.follows('DHL')).toBe(false);
  });
});

describe('WeChat e-waybill path', () => {
  it('reads ewaybill_push_path with the id beyond 2^53 exact', () => {
    const msg =
      '{"ToUserName":"gh_x","CreateTime":1764500000,"MsgType":"event","Event":"ewaybill_push_path",' +
      '"waybill_info":{"ewaybill_order_id":18446744073709551001,"waybill_id":"SF0000000000001","update_time":1764500000,"status":6,"desc":"退回"}}';
    const p = parsePathPush(msg);
    expect(p).toMatchObject({ ewaybillOrderId: '18446744073709551001', waybill: 'SF0000000000001' });
    expect(parsePathPush('{"Event":"channels_ec_order_new","order_info":{"order_id":1}}')).toBeNull();
  });

  it('maps path_info statuses and drops 99', () => {
    const events = pathInfoEvents(
      [
        { status: 1, desc: '', update_time: 100 },
        { status: 4, desc: '已入柜', update_time: 200 },
        { status: 99, desc: '?', update_time: 300 },
        { status: 'x' },
      ],
      'W1',
      'SF',
    );
    expect(events.map((e) => [e.state, e.at, e.detail])).toEqual([
      ['collected', 100_000, '已揽收'],
      ['out_for_delivery', 200_000, '已入柜'],
    ]);
  });
});
