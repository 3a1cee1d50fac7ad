import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { viewFromHash } from '../../src/renderer/App.js';
import { CoreClientError } from '../../src/renderer/client/types.js';
import { createI18n, flattenKeys, resources } from '../../src/renderer/i18n/index.js';
import { SUPERVISOR_ALERTS } from '../../src/contract/api/supervisor.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';
import { packerFigures, supervisorView } from './supervisor-fixtures.js';

const handlers = { 'supervisor.view': () => supervisorView(), 'supervisor.close': () => ({ ok: true as const }) };
const boss = { id: 'M1', name: '周主管' };

beforeEach(() => {
  window.location.hash = '';
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('supervisor route', () => {
  it('maps the hash to the view', () => {
    expect(viewFromHash('#/supervisor')).toBe('supervisor');
    expect(viewFromHash('#supervisor')).toBe('supervisor');
    expect(viewFromHash('#/supervisor?range=today')).toBe('supervisor');
    expect(viewFromHash('#/supervisors')).toBe('pack');
  });

  it('opens when a supervisor badge is scanned at the desk and closes when CMD-CANCEL clears it', async () => {
    const { store } = renderApp(snapshot(), { handlers });
    expect(screen.getByTestId('pack-state')).toBeTruthy();

    act(() => store.getState().setSnapshot(snapshot({ supervisor: boss })));
    await waitFor(() => expect(screen.getByTestId('supervisor-view')).toBeTruthy());
    expect(window.location.hash).toBe('#/supervisor');
    expect(screen.getByTestId('supervisor-name').textContent).toBe('主管 周主管');
    await screen.findByTestId('tile-S1');

    // Later snapshots with the same supervisor change nothing.
    act(() =>
      store.getState().setSnapshot(snapshot({ supervisor: boss, counters: { orders: 13, units: 41, errors: 1 } })),
    );
    expect(screen.getByTestId('supervisor-view')).toBeTruthy();

    act(() => store.getState().setSnapshot(snapshot({ supervisor: null })));
    await waitFor(() => expect(screen.getByTestId('pack-state')).toBeTruthy());
    expect(window.location.hash).toBe('#/');
  });

  it('opens straight away when the desk is already in supervisor mode', async () => {
    renderApp(snapshot({ supervisor: boss }), { handlers });
    await waitFor(() => expect(screen.getByTestId('supervisor-view')).toBeTruthy());
  });

  it('does not pull a supervisor back from another screen on every snapshot', async () => {
    const { store } = renderApp(snapshot({ supervisor: boss }), {
      handlers: { ...handlers, 'settings.get': () => new Promise(() => {}), 'devices.ports': () => [] },
    });
    await waitFor(() => expect(screen.getByTestId('supervisor-view')).toBeTruthy());
    window.location.hash = '#/settings';
    await waitFor(() => expect(screen.getByTestId('settings-screen')).toBeTruthy());
    act(() => store.getState().setSnapshot(snapshot({ supervisor: boss, notice: null })));
    await act(async () => {});
    expect(screen.getByTestId('settings-screen')).toBeTruthy();
  });

  it('「返回打包」 closes supervisor mode and goes back to the pack screen', async () => {
    const { calls } = renderApp(snapshot({ supervisor: boss }), { handlers });
    const back = await screen.findByTestId('supervisor-back');
    expect(back.textContent).toContain('返回打包');
    fireEvent.click(back);
    await waitFor(() => expect(screen.getByTestId('pack-state')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'supervisor.close')).toEqual([{ method: 'supervisor.close', args: {} }]);
    expect(window.location.hash).toBe('#/');
  });

  it('says so on the pack screen when the desk could not leave supervisor mode', async () => {
    renderApp(snapshot({ supervisor: boss }), {
      handlers: {
        ...handlers,
        'supervisor.close': () =>
          Promise.reject(new CoreClientError({ code: 'internal', message: 'busy', retryable: false })),
      },
    });
    fireEvent.click(await screen.findByTestId('supervisor-back'));
    await waitFor(() => expect(screen.getByTestId('failure').textContent).toBe('工作站出错：busy'));
  });

  it('offers a 「主管视图」 link in the status bar only to a logged-in supervisor', async () => {
    renderApp(snapshot(), { handlers });
    expect(screen.queryByTestId('supervisor-link')).toBeNull();
    cleanup();

    renderApp(snapshot({ packer: { id: 'M1', name: '周主管', badge: 'BADGE-M1', role: 'supervisor' } }), { handlers });
    const link = screen.getByTestId('supervisor-link');
    expect(link.textContent).toBe('主管视图');
    expect(link.getAttribute('href')).toBe('#/supervisor');
    window.location.hash = '#/supervisor';
    await screen.findByTestId('tile-S1');
  });
});

describe("packer's own figures", () => {
  it('shows today, this hour, the best hour and today’s scan errors next to the counters', () => {
    renderApp(snapshot({ packerFigures: packerFigures() }));
    expect(screen.getByTestId('packer-today').textContent).toBe('130');
    expect(screen.getByTestId('packer-hour').textContent).toBe('18');
    const best = screen.getByTestId('packer-best');
    expect(best.dataset).toMatchObject({ units: '84', hour: '2026-11-20 10' });
    expect(best.textContent).toContain('84');
    expect(best.textContent).toContain('个人最佳(小时)');
    expect(best.textContent).toContain('2026-11-20 10:00 创下');
    expect(screen.getByTestId('packer-errors').textContent).toBe('2');
    expect(screen.getByTestId('packer-figures').textContent).toContain('今日件数');
    expect(screen.getByTestId('packer-figures').textContent).toContain('本小时');
    expect(screen.getByTestId('packer-figures').textContent).toContain('今日扫错');
    // Beside the station counters, on the pack screen itself.
    expect(screen.getByTestId('pack-state')).toBeTruthy();
    expect(screen.getByTestId('counter-units').closest('section')?.nextElementSibling).toBe(
      screen.getByTestId('packer-figures'),
    );
  });

  it('follows the snapshot and hides when there are no figures', () => {
    const { store } = renderApp(snapshot({ packerFigures: packerFigures({ bestHourAt: null, bestHourUnits: 0 }) }), {
      locale: 'en',
    });
    expect(screen.getByTestId('packer-best').textContent).toContain('No record yet');
    act(() => store.getState().setSnapshot(snapshot({ packerFigures: packerFigures({ thisHourUnits: 19 }) })));
    expect(screen.getByTestId('packer-hour').textContent).toBe('19');
    act(() => store.getState().setSnapshot(snapshot({ packer: null, packerFigures: null })));
    expect(screen.queryByTestId('packer-figures')).toBeNull();
    expect(screen.queryByTestId('packer-today')).toBeNull();
  });
});

describe('supervisor strings', () => {
  it('exist in both languages and cover every alert kind', () => {
    const zh = flattenKeys(resources['zh-CN']).filter((k) => k.startsWith('supervisor.') || k.startsWith('myFigures.'));
    const en = new Set(flattenKeys(resources.en));
    expect(zh.length).toBeGreaterThan(80);
    expect(zh.filter((k) => !en.has(k))).toEqual([]);
    const all = new Set(flattenKeys(resources['zh-CN']));
    expect(SUPERVISOR_ALERTS.filter((k) => !all.has(`supervisor.alert.${k}`))).toEqual([]);
    expect(['station', 'packer', 'layout', 'hour', 'day'].filter((k) => !all.has(`supervisor.csv.by.${k}`))).toEqual(
      [],
    );
  });

  it('use the wording from the brief', () => {
    const zh = createI18n('zh-CN');
    expect(zh.t('status.supervisorView')).toBe('主管视图');
    expect(zh.t('supervisor.back')).toBe('返回打包');
    expect(zh.t('supervisor.range.today')).toBe('今天');
    expect(zh.t('supervisor.range.yesterday')).toBe('昨天');
    expect(zh.t('supervisor.range.last7')).toBe('最近 7 天');
    expect(zh.t('myFigures.today')).toBe('今日件数');
    expect(zh.t('myFigures.hour')).toBe('本小时');
    expect(zh.t('myFigures.best')).toBe('个人最佳(小时)');
    expect(zh.t('myFigures.errors')).toBe('今日扫错');
    expect(createI18n('en').t('supervisor.range.last7')).toBe('Last 7 days');
  });
});
