import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScaleFrameView } from '../../src/contract/api.js';
import { CoreClientError } from '../../src/renderer/client/types.js';
import { MAX_FRAMES } from '../../src/renderer/components/settings/ScaleLive.js';
import { renderApp } from './render.js';
import { devices, PORTS, settingsSnapshot, settingsView } from './settings-fixtures.js';

beforeEach(() => {
  window.location.hash = '#/settings';
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

type Options = NonNullable<Parameters<typeof renderApp>[1]>;

async function open(handlers: Options['handlers'] = {}, view = settingsView()) {
  const result = renderApp(settingsSnapshot(), {
    handlers: { 'settings.get': () => view, 'devices.ports': () => PORTS, ...handlers },
  });
  await waitFor(() => expect(screen.getByTestId('scale-live')).toBeTruthy());
  // The port list arrives separately; let it land so no render is still pending under the test.
  await waitFor(() =>
    expect(within(screen.getByTestId('ports-scale')).getAllByRole('option').length).toBeGreaterThan(1),
  );
  return result;
}

const fault = (message: string) => new CoreClientError({ code: 'device_unavailable', message, retryable: true });

function frame(over: Partial<ScaleFrameView> = {}): ScaleFrameView {
  return {
    at: 1_764_000_000_000,
    hex: '53 20 53',
    text: 'S S      1.234 kg<0D><0A>',
    kind: 'weight',
    grams: 1234,
    stable: true,
    status: 'ok',
    detail: null,
    ...over,
  };
}

describe('device settings: scale live view', () => {
  it('shows the current reading and the scale row of the snapshot', async () => {
    const { store } = await open();
    // waitFor: the port list may still be arriving, and React finishes that render first.
    act(() => store.getState().setScale({ grams: 1234, stable: false, status: 'ok', at: 5 }));
    await waitFor(() => expect(screen.getByTestId('settings-weight').textContent).toBe('1.234 kg'));
    expect(screen.getByTestId('settings-stable').dataset.stable).toBe('false');
    act(() => store.getState().setScale({ grams: 0, stable: true, status: 'overload', at: 6 }));
    await waitFor(() => expect(screen.getByTestId('settings-weight').textContent).toBe('超载'));
    expect(screen.getByTestId('status-scale').textContent).toContain('scale silent for 2 s');
  });

  it('lists scale.frame events newest first, marks undecodable ones and keeps the last 30', async () => {
    const { emit } = await open();
    expect(screen.getByTestId('frames-empty')).toBeTruthy();
    act(() => {
      emit('scale.frame', frame({ hex: '01', grams: 1000 }));
      emit(
        'scale.frame',
        frame({ hex: '02', text: '<02>?!garbage<03>', kind: null, grams: null, stable: null, status: null }),
      );
      emit('scale.frame', frame({ hex: '03', grams: 1500, stable: false, detail: 'motion' }));
    });
    const rows = () => within(screen.getByTestId('frames')).getAllByTestId('frame');
    expect(rows().map((r) => r.querySelector('td:nth-child(2)')?.textContent)).toEqual(['03', '02', '01']);
    expect(rows()[0]!.textContent).toContain('1.500 kg');
    expect(rows()[0]!.textContent).toContain('不稳定');
    expect(rows()[0]!.textContent).toContain('motion');
    expect(rows()[1]!.dataset.kind).toBe('none');
    expect(rows()[1]!.textContent).toContain('无法解析');
    expect(rows()[1]!.textContent).toContain('<02>?!garbage<03>');
    expect(rows()[2]!.textContent).toContain('重量 · 1.000 kg · ●稳定 · 正常');

    act(() => {
      for (let i = 0; i < 40; i++) emit('scale.frame', frame({ hex: `n${i}` }));
    });
    expect(rows()).toHaveLength(MAX_FRAMES);
    expect(rows()[0]!.querySelector('td:nth-child(2)')?.textContent).toBe('n39');
  });

  it('stops listening for frames when the screen closes', async () => {
    const { emit } = await open();
    window.location.hash = '#/';
    await waitFor(() => expect(screen.queryByTestId('settings-screen')).toBeNull());
    expect(() => act(() => emit('scale.frame', frame()))).not.toThrow();
  });

  it('tares and zeroes through the core and shows what came back', async () => {
    const { calls } = await open({
      'devices.scale.tare': () => ({ ok: true as const }),
      'devices.scale.zero': () => {
        throw fault('zero: the scale refused the command (ES syntax error)');
      },
    });
    fireEvent.click(screen.getByTestId('scale-tare'));
    await waitFor(() => expect(screen.getByTestId('scale-tare-result').textContent).toBe('已去皮'));
    fireEvent.click(screen.getByTestId('scale-zero'));
    await waitFor(() => expect(screen.getByTestId('scale-zero-result').dataset.outcome).toBe('error'));
    expect(screen.getByTestId('scale-zero-result').textContent).toBe(
      '失败：zero: the scale refused the command (ES syntax error)',
    );
    expect(calls.filter((c) => c.method.startsWith('devices.scale.'))).toEqual([
      { method: 'devices.scale.tare', args: {} },
      { method: 'devices.scale.zero', args: {} },
    ]);
  });

  it('disables tare and zero for a protocol that has neither command', async () => {
    const d = devices();
    const view = settingsView({ devices: { ...d, scale: { ...(d.scale as object), protocol: 'toledo-continuous' } } });
    await open({}, view);
    expect(screen.getByTestId<HTMLButtonElement>('scale-tare').disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('scale-zero').disabled).toBe(true);
    fireEvent.change(screen.getByTestId('field-scale.protocol'), { target: { value: 'mt-sics' } });
    expect(screen.getByTestId<HTMLButtonElement>('scale-tare').disabled).toBe(false);
  });
});

describe('device settings: printer tools', () => {
  it('shows the printer report: conditions and fault', async () => {
    const { calls } = await open({
      'devices.printer.status': () => ({
        state: 'error',
        detail: 'paper out',
        report: { ready: false, fault: 'paper out', conditions: ['paper out', 'head open'] },
      }),
    });
    fireEvent.click(screen.getByTestId('printer-status'));
    await waitFor(() => expect(screen.getByTestId('printer-report')).toBeTruthy());
    const report = screen.getByTestId('printer-report');
    expect(report.dataset.ready).toBe('false');
    expect(report.textContent).toContain('故障：paper out');
    expect(
      within(screen.getByTestId('printer-conditions'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['paper out', 'head open']);
    expect(calls).toContainEqual({ method: 'devices.printer.status', args: {} });
  });

  it('says a one-way printer cannot be asked', async () => {
    await open({ 'devices.printer.status': () => ({ state: 'ready', detail: null, report: null }) });
    fireEvent.click(screen.getByTestId('printer-status'));
    await waitFor(() => expect(screen.getByTestId('printer-one-way').textContent).toBe('单向连接，无法查询'));
  });

  it('prints a test page and shows the job id, or why it failed', async () => {
    let paperOut = false;
    const { calls } = await open({
      'devices.printer.test': () => {
        if (paperOut) throw fault('test print: paper out');
        return { jobId: 'test-0193', duplicate: false };
      },
    });
    fireEvent.click(screen.getByTestId('printer-test'));
    await waitFor(() =>
      expect(screen.getByTestId('printer-test-result').textContent).toBe('测试页已发送，任务号 test-0193'),
    );
    paperOut = true;
    fireEvent.click(screen.getByTestId('printer-test'));
    await waitFor(() =>
      expect(screen.getByTestId('printer-test-result').textContent).toBe('失败：test print: paper out'),
    );
    expect(calls.filter((c) => c.method === 'devices.printer.test')).toHaveLength(2);
  });

  it('warns that the test page uses the saved settings while there are unsaved changes', async () => {
    await open();
    expect(screen.queryByText(/测试页按已保存的设置打印/)).toBeNull();
    fireEvent.change(screen.getByTestId('field-printer.density'), { target: { value: '14' } });
    expect(screen.getByText(/测试页按已保存的设置打印/)).toBeTruthy();
  });
});
