import { describe, expect, it } from 'vitest';
import type { Alert, Notice } from '../../src/contract/station.js';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { alertFlags, alertParams, noticeParams } from '../../src/renderer/messages.js';
import { formatAddress, formatWeight, maskName, maskPhone, weightZone } from '../../src/renderer/format.js';
import { pack } from './fixtures.js';

const i18n = createI18n('zh-CN');
const t = i18n.t.bind(i18n);
const say = (n: Notice) => t(`notice.${n.code}`, noticeParams(n, t));

describe('notice and alert params', () => {
  it('turns codes in notice params into words', () => {
    expect(say({ level: 'info', code: 'packaging_set', params: { code: 'POLY-BAG' } })).toBe(
      '包材已改为：防水袋（吊牌外露）',
    );
    expect(
      say({ level: 'success', code: 'override_recorded', params: { supervisor: 'S1', reason: 'SCALE-DRIFT' } }),
    ).toBe('主管放行已记录：秤偏差');
    expect(say({ level: 'warn', code: 'order_held', params: { orderId: 'WX1', reason: 'STOCK-SHORT' } })).toBe(
      '订单 WX1 已挂起：缺货',
    );
    expect(say({ level: 'warn', code: 'command_not_now', params: { command: 'LOGOUT' } })).toBe(
      '现在不能执行：退出登录',
    );
    expect(say({ level: 'info', code: 'qty_set', params: { qty: 4 } })).toBe('下一件按数量×4计');
    expect(say({ level: 'warn', code: 'supervisor_required', params: {} })).toBe('需要主管：请扫描主管工牌');
  });

  it('reads alert params with fallbacks to the alert and the pack', () => {
    const alert: Alert = {
      kind: 'intercept',
      code: 'order_flagged',
      params: { orderId: 'WX7', flags: 'address_ambiguous,combo_conflict' },
      orderId: 'WX7',
      clearBy: 'ack_or_supervisor',
      at: 0,
    };
    expect(alertParams(alert, null).orderId).toBe('WX7');
    expect(alertFlags(alert, null)).toEqual(['address_ambiguous', 'combo_conflict']);
    // An unknown code names no order: the open pack's order fills the template.
    const unknown: Alert = {
      kind: 'error',
      code: 'unknown_code',
      params: { code: '123', reason: '' },
      orderId: null,
      clearBy: 'ack',
      at: 0,
    };
    expect(alertParams(unknown, pack()).orderId).toBe('WX202611250001');
    expect(alertParams(unknown, null)).toMatchObject({ code: '123', title: '123', orderId: '' });
    const wrong: Alert = {
      kind: 'error',
      code: 'wrong_item',
      params: { title: '充电宝', sku: 'PB-1', orderId: 'WX1' },
      orderId: 'WX1',
      clearBy: 'ack',
      at: 0,
    };
    expect(t('alert.wrong_item.action', { ...alertParams(wrong, null), shelf: '退回货架' })).toBe(
      '把【充电宝】放到退回货架',
    );
  });
});

describe('format', () => {
  it('shows grams below 1 kg and kg with 3 decimals from 1 kg', () => {
    expect(formatWeight(999)).toBe('999 g');
    expect(formatWeight(1000)).toBe('1.000 kg');
    expect(formatWeight(12345)).toBe('12.345 kg');
    expect(formatWeight(-20)).toBe('-20 g');
  });

  it('masks recipients and joins addresses', () => {
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138****5678')).toBe('138****5678');
    expect(formatAddress({ province: '上海市', city: '上海市', district: '浦东新区', detail: '张江路 100 号' })).toBe(
      '上海市 浦东新区 张江路 100 号',
    );
  });

  it('places a reading inside or outside the window, inclusive at the edges', () => {
    const w = { minG: 590, maxG: 650 };
    expect(weightZone(590, w)).toBe('inside');
    expect(weightZone(650, w)).toBe('inside');
    expect(weightZone(651, w)).toBe('outside');
    expect(weightZone(null, w)).toBe('none');
    expect(weightZone(600, null)).toBe('none');
  });
});
