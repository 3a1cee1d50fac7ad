// subscribe/send values cut to §3.4's limits per field type.
import { describe, expect, it } from 'vitest';
import { fieldValue, subscribeData, type NotificationFacts } from '../../../src/domain/tracking/subscribe-values.js';

const facts: NotificationFacts = {
  orderId: 'MP-20261201-000123456789012345678901234',
  waybill: 'SF1234567890123',
  carrier: '顺丰速运',
  status: '派送中',
  goods: '有机高山乌龙茶礼盒装（500克）×2 等3件商品',
  place: '上海市浦东新区',
  detail: '快件派送中，请保持电话畅通',
  at: Date.UTC(2026, 11, 1, 6, 5),
};
const TZ = 'Asia/Shanghai';

describe('subscribe message values', () => {
  it('cuts thing to 20 characters with an ellipsis', () => {
    const v = fieldValue('thing1', 'goods', facts, TZ);
    expect([...v]).toHaveLength(20);
    expect(v.endsWith('…')).toBe(true);
  });

  it('cuts character_string to 32 without an ellipsis, phrase to 5', () => {
    expect(fieldValue('character_string2', 'orderId', facts, TZ)).toBe(facts.orderId.slice(0, 32));
    expect(fieldValue('phrase3', 'text:派送中请注意查收', facts, TZ)).toBe('派送中请注');
  });

  it('writes time fields on the 24-hour clock in China time', () => {
    expect(fieldValue('time4', 'time', facts, TZ)).toBe('2026-12-01 14:05');
    expect(fieldValue('date5', 'time', facts, TZ)).toBe('2026-12-01');
  });

  it('allows 10 Chinese or 20 Latin characters in a name', () => {
    expect(fieldValue('name6', 'text:欧阳娜娜娜娜娜娜娜娜娜娜', facts, TZ)).toHaveLength(10);
    expect(fieldValue('name6', 'text:Alexandra Catherine Smith', facts, TZ)).toHaveLength(20);
  });

  it('builds the data object of every mapped field', () => {
    expect(subscribeData({ thing1: 'carrier', character_string2: 'waybill' }, facts, TZ)).toEqual({
      thing1: { value: '顺丰速运' },
      character_string2: { value: 'SF1234567890123' },
    });
  });
});
