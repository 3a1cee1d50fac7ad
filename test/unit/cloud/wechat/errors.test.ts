import { describe, expect, it } from 'vitest';
import { classify, classOf, WechatError, type ErrorClass } from '../../../../src/cloud/wechat/errors.js';
import { TransportError } from '../../../../src/cloud/wechat/http.js';

const BUSINESS = '/channels/ec/order/delivery/send';

// wechat-api.md §6, row by row.
const TABLE: [ErrorClass, number[]][] = [
  ['transient', [-1, 45011, 100003, 10060012, 10060019, 44990, 10025011]],
  ['token', [40001, 42001, 40014, 41001]],
  ['quota', [45009]],
  ['race', [10060001, 108009]],
  ['already_done', [109001, 10060002, 10060023, 10025019]],
  [
    'terminal',
    [
      101100, 100002, 109000, 109002, 109205, 606003, 606004, 606005, 606008, 606030, 606031, 606034, 10060003,
      10060004, 10060005, 10060006, 10060007, 10060008, 10060009, 10060014, 10060020, 10060024, 10060025, 10060026,
      10060031, 268485194, 268485195, 268485196, 268485197, 268485216, 268485224, 268485226, 268485227, 268485228,
      47001, 40097, 10025005,
    ],
  ],
  // 48001 is listed under both terminal and config; §2.4 calls it "fatal (configuration)".
  ['config', [40164, 40013, 40125, 40243, 48001, 61003, 61004]],
];

describe('classify (§6)', () => {
  for (const [cls, codes] of TABLE) {
    it(`${cls}: ${codes.join(', ')}`, () => {
      for (const code of codes) expect([code, classify(BUSINESS, code)]).toEqual([code, cls]);
    });
  }

  it('0 is ok', () => {
    expect(classify(BUSINESS, 0)).toBe('ok');
  });

  it('40001 is a bad secret on the token endpoints but a stale token on business APIs (§1.3)', () => {
    expect(classify('/cgi-bin/stable_token', 40001)).toBe('config');
    expect(classify('/cgi-bin/token', 40001)).toBe('config');
    expect(classify('/channels/ec/order/get', 40001)).toBe('token');
    expect(classify('/wxa/sec/order/upload_shipping_info', 40001)).toBe('token');
  });

  it('token-endpoint errors: busy and quotas keep their class, the rest need an admin', () => {
    expect(classify('/cgi-bin/stable_token', -1)).toBe('transient');
    expect(classify('/cgi-bin/stable_token', 45011)).toBe('transient');
    expect(classify('/cgi-bin/stable_token', 45009)).toBe('quota');
    for (const code of [40002, 40013, 40125, 40164, 41002, 41004, 43002, 89503, 89506, 89507, 40243, 50004, 50007]) {
      expect([code, classify('/cgi-bin/stable_token', code)]).toEqual([code, 'config']);
    }
  });

  it('an unknown code is terminal: never retried blindly', () => {
    expect(classify(BUSINESS, 123456)).toBe('terminal');
  });
});

describe('WechatError', () => {
  it('carries errcode, errmsg, rid and class', () => {
    const e = new WechatError(BUSINESS, 45009, 'reach max api daily quota limit rid: 65a1-b2c3');
    expect(e).toMatchObject({
      errcode: 45009,
      errmsg: 'reach max api daily quota limit rid: 65a1-b2c3',
      rid: '65a1-b2c3',
      cls: 'quota',
      path: BUSINESS,
    });
    expect(e.message).toContain('45009');
    expect(classOf(e)).toBe('quota');
  });

  it('classOf maps transport errors and leaves other errors alone', () => {
    expect(classOf(new TransportError('t', 'timeout', '/x', null, true))).toBe('transient');
    expect(classOf(new TransportError('404', 'http', '/x', 404, false))).toBe('terminal');
    expect(classOf(new Error('bug'))).toBeNull();
  });
});
