import { describe, expect, it } from 'vitest';
import { parsePushEvent, pushDedupeKey, PushParseError } from '../../../../src/cloud/wechat/push.js';

// Shapes from wechat-api.md §2.8: order_id is a bare JSON number above 2^53.
const JSON_PAY =
  '{"ToUserName":"gh_shop","FromUserName":"o-buyer","CreateTime":1662480000,"MsgType":"event","Event":"channels_ec_order_pay","order_info":{"order_id":3705115058471208928,"pay_time":1658509200}}';

const XML_CANCEL = `<xml>
  <ToUserName><![CDATA[gh_shop]]></ToUserName>
  <FromUserName><![CDATA[o-buyer]]></FromUserName>
  <CreateTime>1662480000</CreateTime>
  <MsgType><![CDATA[event]]></MsgType>
  <Event><![CDATA[channels_ec_order_cancel]]></Event>
  <order_info>
    <order_id>3705115058471208928</order_id>
    <cancel_type>1</cancel_type>
  </order_info>
</xml>`;

describe('parsePushEvent', () => {
  it('JSON: the bare big-number order_id comes out exact', () => {
    const e = parsePushEvent('application/json; charset=utf-8', JSON_PAY);
    expect(e).toEqual({
      event: 'channels_ec_order_pay',
      orderId: '3705115058471208928',
      createTime: 1662480000,
      extra: { pay_time: '1658509200' },
    });
    // What a plain JSON.parse would have produced:
    expect(String((JSON.parse(JSON_PAY) as { order_info: { order_id: number } }).order_info.order_id)).not.toBe(
      '3705115058471208928',
    );
  });

  it('XML: CDATA and plain values, all kept as strings', () => {
    expect(parsePushEvent('text/xml', XML_CANCEL)).toEqual({
      event: 'channels_ec_order_cancel',
      orderId: '3705115058471208928',
      createTime: 1662480000,
      extra: { cancel_type: '1' },
    });
  });

  it('XML: leading zeros and long digit strings are not turned into numbers', () => {
    const e = parsePushEvent(
      'text/xml',
      XML_CANCEL.replace(
        '<cancel_type>1</cancel_type>',
        '<type>07</type><present_note><![CDATA[生日快乐 <3]]></present_note>',
      ),
    );
    expect(e.extra).toEqual({ type: '07', present_note: '生日快乐 <3' });
  });

  it('sniffs the format when the content type does not say', () => {
    expect(parsePushEvent('', JSON_PAY).orderId).toBe('3705115058471208928');
    expect(parsePushEvent('text/plain', `  ${XML_CANCEL}`).event).toBe('channels_ec_order_cancel');
  });

  it('ext_info and deliver events keep their extra fields; nested blocks are flattened', () => {
    const ext = JSON.stringify({
      CreateTime: 1700000000,
      Event: 'channels_ec_order_ext_info_update',
      order_info: { order_id: '1', type: 2 },
    });
    expect(parsePushEvent('application/json', ext).extra).toEqual({ type: '2' });
    const nested =
      '{"CreateTime":1700000000,"Event":"channels_ec_order_deliver","order_info":{"order_id":3705115058471208928,"finish_delivery":1,"x":{"y":"z"}}}';
    expect(parsePushEvent('application/json', nested).extra).toEqual({ finish_delivery: '1', 'x.y': 'z' });
  });

  it('finds order_id in a differently named block (after-sale events, payload UNCONFIRMED)', () => {
    const raw =
      '{"CreateTime":1700000000,"Event":"channels_ec_aftersale_update","finder_shop_aftersale_status_update":{"status":"USER_WAIT_RETURN","after_sale_order_id":"1234","order_id":3705115058471208928}}';
    expect(parsePushEvent('application/json', raw)).toMatchObject({
      orderId: '3705115058471208928',
      extra: { status: 'USER_WAIT_RETURN', after_sale_order_id: '1234' },
    });
  });

  it.each([
    ['application/json', '{"CreateTime":1,', /malformed/],
    ['application/json', '[1,2]', /not an object/],
    ['application/json', '{"CreateTime":1700000000,"order_info":{"order_id":"1"}}', /no Event/],
    ['application/json', '{"Event":"x","order_info":{"order_id":"1"}}', /CreateTime/],
    ['application/json', '{"CreateTime":1700000000,"Event":"x","order_info":{}}', /no order_id/],
    ['application/json', '{"CreateTime":1700000000,"Event":"x","order_info":{"order_id":"abc"}}', /not an exact id/],
    ['application/json', '{"CreateTime":1700000000,"Event":"x","order_info":{"order_id":1.5}}', /not an exact id/],
    ['text/xml', '<xml><Event>x</Event>', /malformed/],
    ['text/xml', '<root><Event>x</Event></root>', /<xml> root/],
    ['text/plain', 'success', /neither JSON nor XML/],
  ])('%s %s → clear error', (ct, raw, message) => {
    expect(() => parsePushEvent(ct, raw)).toThrow(PushParseError);
    expect(() => parsePushEvent(ct, raw)).toThrow(message);
  });
});

describe('pushDedupeKey', () => {
  it('a re-pushed event gets the same key, in either format', () => {
    const a = parsePushEvent('application/json', JSON_PAY);
    const b = parsePushEvent('application/json', JSON_PAY);
    expect(pushDedupeKey(a)).toBe(pushDedupeKey(b));
    expect(pushDedupeKey(a)).toBe('channels_ec_order_pay:3705115058471208928:1662480000:pay_time=1658509200');
    const xml = parsePushEvent('text/xml', XML_CANCEL);
    const json = parsePushEvent(
      'application/json',
      '{"CreateTime":1662480000,"Event":"channels_ec_order_cancel","order_info":{"cancel_type":1,"order_id":3705115058471208928}}',
    );
    expect(pushDedupeKey(xml)).toBe(pushDedupeKey(json));
  });

  it('different events, orders, times or payloads get different keys', () => {
    const e = parsePushEvent('application/json', JSON_PAY);
    const keys = new Set([
      pushDedupeKey(e),
      pushDedupeKey({ ...e, event: 'channels_ec_order_new' }),
      pushDedupeKey({ ...e, orderId: '3705115058471208929' }),
      pushDedupeKey({ ...e, createTime: e.createTime + 1 }),
      pushDedupeKey({ ...e, extra: { type: '2' } }),
    ]);
    expect(keys.size).toBe(5);
  });
});
