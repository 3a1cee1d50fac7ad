import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CHANNELS,
  LAYOUTS,
  ORDER_FLAGS,
  ORDER_STATUSES,
  PACK_STATES,
} from '../../src/contract/entities.js';
import { COMMANDS, REASON_PURPOSES, REASONS } from '../../src/contract/commands.js';
import { ERROR_ALERTS, INTERCEPT_ALERTS, NOTICE_CODES, SCAN_VERDICTS } from '../../src/contract/station.js';
import { createI18n, flattenKeys, loadLocale, resources, saveLocale } from '../../src/renderer/i18n/index.js';

describe('i18n resources', () => {
  const zh = new Set(flattenKeys(resources['zh-CN']));
  const en = new Set(flattenKeys(resources.en));

  it('zh-CN and en have exactly the same keys', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    expect(zh.size).toBeGreaterThan(200);
  });

  it('has no empty strings', () => {
    for (const [name, res] of Object.entries(resources)) {
      const empty = flattenKeys(res).filter((k) => {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], res);
        return typeof v !== 'string' || v.trim() === '';
      });
      expect(empty, name).toEqual([]);
    }
  });

  it('covers every code in the shared vocabulary', () => {
    const alertCodes = [...ERROR_ALERTS, ...INTERCEPT_ALERTS, 'weight_out_of_tolerance'];
    const required = [
      ...NOTICE_CODES.map((c) => `notice.${c}`),
      ...alertCodes.flatMap((c) => [`alert.${c}.title`, `alert.${c}.action`]),
      ...SCAN_VERDICTS.map((v) => `verdict.${v}`),
      ...PACK_STATES.map((s) => `packState.${s}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...CATEGORIES.map((c) => `category.${c}`),
      ...ORDER_STATUSES.map((s) => `orderStatus.${s}`),
      ...ORDER_FLAGS.map((f) => `flag.${f}`),
      ...LAYOUTS.map((l) => `layout.${l}`),
      ...COMMANDS.map((c) => `command.${c}`),
      'command.QTY',
      ...REASON_PURPOSES.flatMap((p) => REASONS[p].map((r) => `reason.${p}.${r}`)),
      ...['CARTON5-BUBBLE', 'POLY-BAG', 'VACUUM-ICE', 'INSULATED-ICE', 'CARTON-SEAL', 'CARTON'].map(
        (c) => `packaging.${c}`,
      ),
      ...['ack', 'ack_or_supervisor', 'supervisor'].map((c) => `clearBy.${c}`),
      ...['local', 'online', 'offline', 'paused'].map((m) => `sync.${m}`),
      ...['ready', 'connecting', 'disconnected', 'error'].map((s) => `device.state.${s}`),
      'prompt.supervisor',
      'prompt.reason',
    ];
    expect(required.filter((k) => !zh.has(k))).toEqual([]);
  });

  it('uses the warehouse wording from the brief', () => {
    const i18n = createI18n('zh-CN');
    // Issue 12 §3: the verdict first, where the goods go, what the clearing scan does; misreads as misreads.
    expect(i18n.t('alert.order_cancelled.title')).toBe('已取消 — 不要发货');
    expect(i18n.t('alert.order_cancelled.action', { interceptBin: '拦截筐' })).toBe('商品全部放进拦截筐');
    expect(i18n.t('alert.order_cancelled.clear')).toBe('扫【确认】跳过此单');
    expect(i18n.t('alert.bad_check_digit.title')).toBe('没扫完整，请再扫一次');
    expect(i18n.t('verdict.bad_check_digit')).toBe('没扫完整，请再扫一次');
    expect(i18n.t('reason.hold.STOCK-SHORT')).toBe('缺货');
    expect(i18n.t('reason.override.SCALE-DRIFT')).toBe('秤偏差');
    expect(i18n.t('packaging.POLY-BAG')).toBe('防水袋（吊牌外露）');
    expect(i18n.t('command.QTY', { n: 5 })).toBe('数量×5');
    expect(i18n.t('sync.local')).toBe('单机');
    expect(i18n.t('channel.live_room')).toBe('直播间');
    expect(i18n.t('flag.combo_conflict')).toBe('组合冲突');
    // A param the core left out shows as a dash, never as a raw placeholder.
    expect(i18n.t('alert.wrong_item.action')).toBe('把【—】放到—');
  });

  it('counts plurals in English', () => {
    const en = createI18n('en');
    expect(en.t('console.hero.remaining', { count: 1 })).toBe('1 more to scan');
    expect(en.t('console.hero.parcels', { count: 1 })).toBe('1 parcel');
    expect(en.t('console.hero.parcels', { count: 2 })).toBe('2 parcels');
    expect(en.t('exception.title', { count: 1 })).toBe('1 upstream exception: supervisor, please handle');
    expect(en.t('exception.title', { count: 3 })).toBe('3 upstream exceptions: supervisor, please handle');
    expect(en.t('notice.merge_offer', { count: 1, orderIds: 'WX2' })).toMatch(/^One more open order of/);
    expect(en.t('notice.merge_offer', { count: 2, orderIds: 'WX2,WX3' })).toMatch(/^2 more open orders of/);
    // zh has one form: the base key.
    expect(createI18n('zh-CN').t('console.hero.parcels', { count: 1 })).toBe('共 1 个包裹');
  });

  it('persists the chosen locale and defaults to zh-CN', () => {
    const mem = new Map<string, string>();
    const storage = {
      getItem: (k: string) => mem.get(k) ?? null,
      setItem: (k: string, v: string) => void mem.set(k, v),
    };
    expect(loadLocale(storage)).toBe('zh-CN');
    saveLocale('en', storage);
    expect(loadLocale(storage)).toBe('en');
    mem.set('packdesk.locale', 'fr');
    expect(loadLocale(storage)).toBe('zh-CN');
  });
});
