// The refusal of a masked receiver's label reads as words in both languages, naming the fields.
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src/contract/station.js';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { noticeParams } from '../../src/renderer/messages.js';

const notice: Notice = {
  level: 'error',
  code: 'label_masked_address',
  params: { orderId: 'WX9', fields: 'name,phone,address' },
};

describe('label_masked_address', () => {
  it.each([
    ['zh-CN', '面单未打印：订单 WX9 的收件人信息已脱敏（姓名、电话、地址），快递无法投递，请用微信打印组件打印'],
    [
      'en',
      "Label not printed: order WX9 has a masked receiver (name, phone, address); a courier cannot deliver it. Print it through WeChat's print component",
    ],
  ] as const)('%s', (lang, text) => {
    const i18n = createI18n(lang);
    const t = i18n.t.bind(i18n);
    expect(t(`notice.${notice.code}`, noticeParams(notice, t))).toBe(text);
  });
});
