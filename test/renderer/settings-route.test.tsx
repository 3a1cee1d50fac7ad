import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { viewFromHash } from '../../src/renderer/App.js';
import { createI18n, flattenKeys, resources } from '../../src/renderer/i18n/index.js';
import type { DeviceStatus } from '../../src/contract/station.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';
import { PORTS, settingsView } from './settings-fixtures.js';

beforeEach(() => {
  window.location.hash = '';
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const handlers = { 'settings.get': () => settingsView(), 'devices.ports': () => PORTS };

function withScanner(kind: string) {
  const base = snapshot();
  const scanner: DeviceStatus = { role: 'scanner', kind, simulated: kind === 'sim', state: 'ready', detail: null };
  return { ...base, devices: [scanner, ...base.devices.filter((d) => d.role !== 'scanner')] };
}

describe('settings route', () => {
  it('maps the hash to the view', () => {
    expect(viewFromHash('#/settings')).toBe('settings');
    expect(viewFromHash('#settings')).toBe('settings');
    expect(viewFromHash('#/settings?tab=scale')).toBe('settings');
    expect(viewFromHash('#/sheet')).toBe('sheet');
    expect(viewFromHash('#/settingsx')).toBe('pack');
    expect(viewFromHash('')).toBe('pack');
  });

  it('opens from the status bar link and goes back to the pack screen', async () => {
    renderApp(snapshot(), { handlers });
    const link = screen.getByTestId('settings-link');
    expect(link.getAttribute('href')).toBe('#/settings');
    expect(link.textContent).toBe('设备设置');

    window.location.hash = '#/settings';
    await waitFor(() => expect(screen.getByTestId('settings-screen')).toBeTruthy());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('设备设置');
    expect(screen.getByTestId('settings-back').getAttribute('href')).toBe('#/');

    window.location.hash = '#/';
    await waitFor(() => expect(screen.getByTestId('pack-state')).toBeTruthy());
  });

  it('opened before the station is connected, loads once the socket is open instead of failing', async () => {
    window.location.hash = '#/settings';
    const { store, calls } = renderApp(snapshot(), { handlers, connection: 'connecting' });
    expect(calls).toEqual([]);
    expect(screen.queryByTestId('settings-load-error')).toBeNull();
    act(() => store.getState().setConnection('open'));
    await waitFor(() => expect(screen.getByTestId('settings-scale')).toBeTruthy());
    expect(calls.map((c) => c.method)).toEqual(expect.arrayContaining(['settings.get', 'devices.ports']));
  });

  it('is translated in English', async () => {
    window.location.hash = '#/settings';
    renderApp(snapshot(), { handlers, locale: 'en' });
    await waitFor(() => expect(screen.getByTestId('settings-save').textContent).toBe('Save'));
    expect(screen.getByTestId('settings-revert').textContent).toBe('Revert changes');
  });
});

describe('settings strings', () => {
  it('exist in both languages with the wording from the brief', () => {
    const zh = flattenKeys(resources['zh-CN']).filter((k) => k.startsWith('settings.') || k.startsWith('soundUnlock.'));
    const en = new Set(flattenKeys(resources.en));
    expect(zh.length).toBeGreaterThan(100);
    expect(zh.filter((k) => !en.has(k))).toEqual([]);
    const i18n = createI18n('zh-CN');
    expect(i18n.t('status.settings')).toBe('设备设置');
    expect(i18n.t('settings.revert')).toBe('撤销修改');
    expect(i18n.t('settings.scale.tare')).toBe('去皮');
    expect(i18n.t('settings.scale.zero')).toBe('置零');
    expect(i18n.t('settings.printer.oneWay')).toBe('单向连接，无法查询');
    expect(i18n.t('settings.savedTo', { path: '/x.json' })).toBe('已保存到 /x.json');
    expect(i18n.t('settings.applied')).toBe('已应用（未写入文件）');
    expect(i18n.t('soundUnlock.banner')).toBe('点击任意处启用提示音');
    expect(createI18n('en').t('status.settings')).toBe('Devices');
  });
});

describe('sound unlock banner', () => {
  it('asks a serial-scanner station for one click, unlocks on it and goes away', async () => {
    const { unlockCalls } = renderApp(withScanner('serial'), { soundUnlocked: false });
    expect(screen.getByTestId('sound-unlock').textContent).toContain('点击任意处启用提示音');
    fireEvent.click(document.body);
    await waitFor(() => expect(screen.queryByTestId('sound-unlock')).toBeNull());
    expect(unlockCalls()).toBeGreaterThan(0);
  });

  it('also unlocks on a key press, e.g. for a simulated scanner', async () => {
    renderApp(withScanner('sim'), { soundUnlocked: false });
    expect(screen.getByTestId('sound-unlock')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Shift', code: 'ShiftLeft' });
    await waitFor(() => expect(screen.queryByTestId('sound-unlock')).toBeNull());
  });

  it('stays away for a keyboard-wedge scanner, whose scans unlock audio themselves', () => {
    const { unlockCalls } = renderApp(withScanner('keyboard'), { soundUnlocked: false });
    expect(screen.queryByTestId('sound-unlock')).toBeNull();
    fireEvent.click(document.body);
    expect(unlockCalls()).toBe(0);
  });

  it('stays away once audio is unlocked (e.g. the Electron window allows autoplay)', () => {
    renderApp(withScanner('serial'), { soundUnlocked: true });
    expect(screen.queryByTestId('sound-unlock')).toBeNull();
  });
});
