// Which receivers Packdesk's own label refuses: masked the way WeChat hands privacy orders over.
import { describe, expect, it } from 'vitest';
import { isMaskedParty, maskedFields } from '../../../src/domain/label/masked.js';

describe('maskedFields', () => {
  it('finds the masked name, phone and address of a Channels privacy order', () => {
    expect(maskedFields({ name: '张**', phone: '137****3840', address: '浙江省杭州市西湖区****' })).toEqual([
      'name',
      'phone',
      'address',
    ]);
    expect(maskedFields({ name: '欧阳*', phone: '13712343840', address: '文三路**号' })).toEqual(['name', 'address']);
    expect(maskedFields({ name: '林晓', phone: '137＊＊＊＊3840', address: '文三路88号' })).toEqual(['phone']);
  });

  it('passes a full receiver, a lone star inside an address and an extension number', () => {
    expect(isMaskedParty({ name: '林晓', phone: '13712343840', address: '文三路88号' })).toBe(false);
    expect(isMaskedParty({ name: 'Mary Smith', phone: '021-5555-0100', address: '5* Hotel 前台' })).toBe(false);
  });
});
