import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreClientError } from '../../src/renderer/client/types.js';
import { renderApp } from './render.js';
import { devices, PORTS, settingsSnapshot, settingsView } from './settings-fixtures.js';

beforeEach(() => {
  window.location.hash = '#/settings';
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const field = (path: string) => screen.getByTestId<HTMLInputElement & HTMLSelectElement>(`field-${path}`);
const row = (path: string) => screen.getByTestId(`row-${path}`);
const change = (path: string, value: string) => fireEvent.change(field(path), { target: { value } });

function savedDevices(calls: { method: string; args: unknown }[]): Record<string, Record<string, unknown>> {
  const save = calls.filter((c) => c.method === 'settings.save').at(-1);
  if (!save) throw new Error('settings.save was not called');
  return (save.args as { devices: Record<string, Record<string, unknown>> }).devices;
}

async function open(handlers: Parameters<typeof renderApp>[1] = {}) {
  const result = renderApp(settingsSnapshot(), {
    ...handlers,
    handlers: { 'settings.get': () => settingsView(), 'devices.ports': () => PORTS, ...handlers.handlers },
  });
  await waitFor(() => expect(screen.getByTestId('settings-scale')).toBeTruthy());
  // The port list arrives separately; let it land so no render is still pending under the test.
  await waitFor(() =>
    expect(within(screen.getByTestId('ports-scale')).getAllByRole('option').length).toBeGreaterThan(1),
  );
  return result;
}

describe('device settings: loading', () => {
  it('fills the form from settings.get and lists the ports with their marks', async () => {
    const { calls } = await open();
    expect(calls.map((c) => c.method)).toEqual(expect.arrayContaining(['settings.get', 'devices.ports']));

    expect(field('scale.kind').value).toBe('serial');
    expect(field('scale.path').value).toBe('/dev/ttyUSB0');
    expect(field('scale.protocol').value).toBe('mt-sics');
    expect(screen.getByTestId('protocol-info').textContent).toContain('9600 8N1');
    // Line settings are not in the file, so they are empty with the protocol's default shown.
    expect(field('scale.baudRate').value).toBe('');
    expect(field('scale.baudRate').placeholder).toBe('9600');
    expect(field('scale.dataBits').selectedOptions[0]!.textContent).toBe('默认（8）');
    expect(field('scale.readTimeoutMs').value).toBe('2000');

    const options = within(screen.getByTestId('ports-scale'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toContain('/dev/ttyUSB0 · FTDI (配置中, 已连接)');
    expect(options).toContain('/dev/ttyACM0 (已连接)');
    expect(options).toContain('/dev/pts/7 (配置中)');
    expect(screen.getByTestId<HTMLSelectElement>('ports-scale').value).toBe('/dev/ttyUSB0');

    expect(field('scanner.kind').value).toBe('keyboard');
    expect(field('printer.language').value).toBe('tspl');
    expect(field('printer.interface').value).toBe('tcp://192.168.1.50:9100');
    expect(field('printer.dpi').value).toBe('203');
    expect(field('printer.media.kind').value).toBe('gap');
    expect(screen.getByTestId('preset-100x180').getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('field-printer.paperWidthMm')).toBeNull();

    expect(screen.getByTestId('status-scale').dataset.state).toBe('error');
    expect(screen.getByTestId('status-scale').textContent).toContain('scale silent for 2 s');
    expect(screen.getByTestId('status-printer').textContent).toContain('disconnected');
    expect(screen.queryByTestId('settings-dirty')).toBeNull();
  });

  it('says so when the settings cannot be loaded', async () => {
    renderApp(settingsSnapshot(), { handlers: { 'devices.ports': () => [] } });
    await waitFor(() => expect(screen.getByTestId('settings-load-error').textContent).toContain('设备设置载入失败'));
  });

  it('refreshes the port list on request and takes a typed path for unlisted devices', async () => {
    let listed = PORTS.slice(0, 1);
    const { calls } = await open({ handlers: { 'devices.ports': () => listed } });
    listed = PORTS;
    fireEvent.click(screen.getByTestId('ports-refresh'));
    await waitFor(() => expect(within(screen.getByTestId('ports-scale')).getAllByRole('option')).toHaveLength(4));
    expect(calls.filter((c) => c.method === 'devices.ports')).toHaveLength(2);

    fireEvent.change(screen.getByTestId('ports-scale'), { target: { value: '/dev/ttyACM0' } });
    expect(field('scale.path').value).toBe('/dev/ttyACM0');
    change('scale.path', '/dev/pts/9');
    expect(screen.getByTestId<HTMLSelectElement>('ports-scale').value).toBe('');
  });
});

describe('device settings: protocol-specific fields', () => {
  it('shows only the options the chosen protocol reads', async () => {
    await open();
    const shown = (path: string) => screen.queryByTestId(`field-${path}`) !== null;

    // mt-sics: a stability flag of its own, polled.
    expect([
      shown('scale.stabilityBit'),
      shown('scale.reversed'),
      shown('scale.stableCount'),
      shown('scale.pollIntervalMs'),
    ]).toEqual([false, false, false, true]);

    change('scale.protocol', 'toledo-continuous');
    expect([
      shown('scale.stabilityBit'),
      shown('scale.reversed'),
      shown('scale.stableCount'),
      shown('scale.pollIntervalMs'),
    ]).toEqual([true, false, false, false]);
    expect(field('scale.baudRate').placeholder).toBe('9600');
    expect(field('scale.dataBits').selectedOptions[0]!.textContent).toBe('默认（7）');
    expect(field('scale.parity').selectedOptions[0]!.textContent).toBe('默认（偶校验）');

    change('scale.protocol', 'yaohua-eq');
    expect([
      shown('scale.stabilityBit'),
      shown('scale.reversed'),
      shown('scale.stableCount'),
      shown('scale.stableWindowMs'),
    ]).toEqual([false, true, true, true]);
    expect(field('scale.reversed').checked).toBe(true);
    expect(shown('scale.readTimeoutMs')).toBe(true);
  });

  it('swaps the section with the kind and brings the old one back', async () => {
    await open();
    change('scale.kind', 'sim');
    expect(screen.getByTestId('scale-sim')).toBeTruthy();
    expect(screen.queryByTestId('field-scale.protocol')).toBeNull();
    expect(field('scale.autoPlace').checked).toBe(true);
    change('scale.kind', 'serial');
    expect(field('scale.path').value).toBe('/dev/ttyUSB0');
    expect(field('scale.protocol').value).toBe('mt-sics');

    change('scanner.kind', 'serial');
    expect(field('scanner.baudRate').placeholder).toBe('9600');
    expect(field('scanner.suffix').selectedOptions[0]!.textContent).toBe('默认（CR（回车））');
  });
});

describe('device settings: saving', () => {
  it('sends numbers as numbers, leaves emptied fields out, and adopts what the core returns', async () => {
    const { calls } = await open({
      handlers: {
        'settings.save': ({ devices: sent }) => {
          const scale = { ...(sent.scale as object), readTimeoutMs: 2000 };
          return settingsView({ devices: { ...sent, scale } });
        },
      },
    });
    change('scale.baudRate', '19200');
    change('scale.dataBits', '7');
    change('scale.readTimeoutMs', '');
    change('scale.pollIntervalMs', '250');
    change('printer.density', '12');
    change('printer.offsetXmm', '-1.5');
    // Half-typed numbers stay in the box as typed while the draft holds what they mean so far.
    change('printer.offsetYmm', '1.');
    expect(field('printer.offsetYmm').value).toBe('1.');
    change('printer.dpi', '300');
    fireEvent.click(screen.getByTestId('preset-76x130'));
    change('scanner.kind', 'serial');
    change('scanner.path', '/dev/ttyACM0');
    change('scanner.prefix', '');
    expect(screen.getByTestId('settings-dirty')).toBeTruthy();

    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() =>
      expect(screen.getByTestId('save-result').textContent).toBe('已保存到 /etc/packdesk/station.json'),
    );

    const sent = savedDevices(calls);
    expect(sent.scale).toEqual({
      ...(devices().scale as object),
      baudRate: 19200,
      dataBits: 7,
      pollIntervalMs: 250,
      readTimeoutMs: undefined,
    });
    expect('readTimeoutMs' in sent.scale!).toBe(false);
    expect('parity' in sent.scale!).toBe(false);
    expect(sent.printer).toMatchObject({
      density: 12,
      offsetXmm: -1.5,
      offsetYmm: 1,
      dpi: 300,
      widthMm: 76,
      heightMm: 130,
    });
    expect(sent.scanner).toEqual({ kind: 'serial', path: '/dev/ttyACM0' });

    // The form now shows what the core put in force, defaults included.
    expect(field('scale.readTimeoutMs').value).toBe('2000');
    expect(screen.queryByTestId('settings-dirty')).toBeNull();
  });

  it('says the settings were only applied when the station has no config file', async () => {
    await open({ handlers: { 'settings.save': () => settingsView({ configPath: null }) } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('save-result').textContent).toBe('已应用（未写入文件）'));
  });

  it('lists every problem of a rejected save, marks the named fields and keeps the draft', async () => {
    const message = [
      'device settings is invalid:',
      '  - devices.scale.baudRate: expected ≤ 4000000, got 99999999',
      '  - devices.printer.interface: expected tcp://host:port, got "lpt9"',
      '  - devices.printer.media.kind: expected one of "gap", "bline", "continuous", got "roll"',
    ].join('\n');
    await open({
      handlers: {
        'settings.save': () => {
          throw new CoreClientError({ code: 'bad_request', message, retryable: false });
        },
      },
    });
    change('scale.baudRate', '99999999');
    change('printer.interface', 'lpt9');
    fireEvent.click(screen.getByTestId('settings-save'));

    await waitFor(() => expect(screen.getAllByTestId('save-problem')).toHaveLength(3));
    expect(screen.getAllByTestId('save-problem').map((li) => li.textContent)).toEqual([
      'devices.scale.baudRate: expected ≤ 4000000, got 99999999',
      'devices.printer.interface: expected tcp://host:port, got "lpt9"',
      'devices.printer.media.kind: expected one of "gap", "bline", "continuous", got "roll"',
    ]);
    for (const path of ['scale.baudRate', 'printer.interface', 'printer.media.kind']) {
      expect(row(path).dataset.invalid, path).toBe('true');
      expect(field(path).getAttribute('aria-invalid'), path).toBe('true');
    }
    expect(row('printer.dpi').dataset.invalid).toBe('false');
    expect(row('scale.readTimeoutMs').dataset.invalid).toBe('false');

    expect(field('scale.baudRate').value).toBe('99999999');
    expect(field('printer.interface').value).toBe('lpt9');
    expect(screen.getByTestId('settings-dirty')).toBeTruthy();
  });

  it('shows other save errors as they are, and sends text typed into a number field as typed', async () => {
    const { calls } = await open({
      handlers: {
        'settings.save': () => {
          throw new CoreClientError({
            code: 'conflict',
            message: 'this station was started without a device factory',
            retryable: false,
          });
        },
      },
    });
    change('printer.density', 'dark');
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('save-result').dataset.outcome).toBe('error'));
    expect(screen.getByTestId('save-result').textContent).toContain(
      'this station was started without a device factory',
    );
    expect(savedDevices(calls).printer!.density).toBe('dark');
    expect(field('printer.density').value).toBe('dark');
  });

  it('reverts to what the core has', async () => {
    const { calls } = await open();
    change('printer.interface', '/dev/usb/lp0');
    change('printer.language', 'escpos');
    expect(field('printer.paperWidthMm').value).toBe('80');
    expect(screen.getByTestId('settings-dirty')).toBeTruthy();

    fireEvent.click(screen.getByTestId('settings-revert'));
    await waitFor(() => expect(field('printer.interface').value).toBe('tcp://192.168.1.50:9100'));
    expect(field('printer.language').value).toBe('tspl');
    expect(screen.queryByTestId('settings-dirty')).toBeNull();
    expect(calls.filter((c) => c.method === 'settings.get')).toHaveLength(2);
  });
});

describe('workstation layout', () => {
  it('shows the layout in force and saves a new one on its own, keeping unsaved device edits', async () => {
    const { calls } = await open({
      handlers: {
        'settings.layout': (args: unknown) => settingsView({ layout: (args as { layout: 'island' }).layout }),
      },
    });
    const select = screen.getByTestId<HTMLSelectElement>('layout-select');
    expect(select.value).toBe('u_shaped');
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['U 形线', '直线', '岛式']);
    expect(screen.getByTestId<HTMLButtonElement>('layout-save').disabled).toBe(true);
    change('scale.baudRate', '4800');
    fireEvent.change(select, { target: { value: 'island' } });
    fireEvent.click(screen.getByTestId('layout-save'));
    await waitFor(() => expect(screen.getByTestId('layout-result').textContent).toBe('布局已改为 岛式'));
    expect(calls.filter((c) => c.method === 'settings.layout').map((c) => c.args)).toEqual([{ layout: 'island' }]);
    expect(field('scale.baudRate').value).toBe('4800');
    expect(screen.getByTestId('settings-dirty')).toBeTruthy();
    expect(screen.getByTestId<HTMLButtonElement>('layout-save').disabled).toBe(true);
  });

  it('says why a layout could not be saved', async () => {
    await open({
      handlers: {
        'settings.layout': () => {
          throw new CoreClientError({ code: 'internal', message: 'config file is read-only', retryable: false });
        },
      },
    });
    fireEvent.change(screen.getByTestId('layout-select'), { target: { value: 'straight' } });
    fireEvent.click(screen.getByTestId('layout-save'));
    await waitFor(() =>
      expect(screen.getByTestId('layout-result').textContent).toBe('布局保存失败：config file is read-only'),
    );
  });
});
