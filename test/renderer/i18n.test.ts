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
    expect(i18n.t('alert.wrong_item.title', { title: '蓝牙耳机' })).toBe('扫错商品：蓝牙耳机 不在本订单');
    expect(i18n.t('reason.hold.STOCK-SHORT')).toBe('缺货');
    expect(i18n.t('reason.override.SCALE-DRIFT')).toBe('秤偏差');
    expect(i18n.t('packaging.POLY-BAG')).toBe('防水袋（吊牌外露）');
    expect(i18n.t('command.QTY', { n: 5 })).toBe('数量×5');
    expect(i18n.t('sync.local')).toBe('单机');
    expect(i18n.t('channel.live_room')).toBe('直播间');
    expect(i18n.t('flag.combo_conflict')).toBe('组合冲突');
    // A param the core left out shows as a dash, never as a raw placeholder.
    expect(i18n.t('alert.wrong_item.title')).toBe('扫错商品：— 不在本订单');
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
