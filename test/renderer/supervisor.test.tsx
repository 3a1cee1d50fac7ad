import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreApi } from '../../src/contract/api.js';
import { localDayStart } from '../../src/base/time.js';
import { CoreClientError } from '../../src/renderer/client/types.js';
import { REFRESH_MS } from '../../src/renderer/screens/SupervisorScreen.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';
import { DAY_FROM, DAY_TO, supervisorView, TZ } from './supervisor-fixtures.js';

type ViewArgs = CoreApi['supervisor.view']['args'];

/** Answers with the fixture, echoing explicit bounds the way the core would. */
const viewHandler = (args: ViewArgs) => supervisorView({ from: args.from ?? DAY_FROM, to: args.to ?? DAY_TO });

type Options = NonNullable<Parameters<typeof renderApp>[1]>;

function open(opts: Pick<Options, 'locale' | 'handlers'> = {}) {
  window.location.hash = '#/supervisor';
  return renderApp(snapshot(), { locale: opts.locale, handlers: { 'supervisor.view': viewHandler, ...opts.handlers } });
}

const viewCalls = (calls: { method: string; args: unknown }[]) =>
  calls.filter((c) => c.method === 'supervisor.view').map((c) => c.args as ViewArgs);

beforeEach(() => {
  window.location.hash = '';
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
  window.location.hash = '';
});

describe('supervisor view', () => {
  it('shows a tile per station with online state, figures and faults', async () => {
    const { calls } = open();
    const s1 = await screen.findByTestId('tile-S1');
    expect(screen.getByTestId('supervisor-view')).toBeTruthy();
    expect(viewCalls(calls)[0]).toEqual({});

    expect(s1.dataset.online).toBe('true');
    expect(s1.textContent).toContain('一号台');
    expect(s1.textContent).toContain('U 形线');
    expect(s1.querySelector('[data-field="state"]')?.textContent).toBe('在线');
    expect(s1.querySelector('[data-field="packer"]')?.textContent).toContain('李四');
    expect(s1.querySelector('[data-field="orders"] dd')?.textContent).toBe('40');
    expect(s1.querySelector('[data-field="units"] dd')?.textContent).toBe('130');
    expect(s1.querySelector('[data-field="unitsPerHour"] dd')?.textContent).toBe('65.2');
    expect(s1.querySelector('[data-field="errorRate"] dd')?.textContent).toBe('0.7%');
    expect(s1.querySelector('[data-field="faults"]')?.getAttribute('data-count')).toBe('0');

    const s2 = screen.getByTestId('tile-S2');
    expect(s2.dataset.online).toBe('false');
    expect(s2.textContent).toContain('直线');
    expect(s2.querySelector('[data-field="state"]')?.textContent).toBe('离线 12 分钟');
    expect(s2.querySelector('[data-field="packer"]')?.textContent).toContain('无人登录');
    expect(s2.querySelector('[data-field="errorRate"] dd')?.textContent).toBe('2.5%');
    expect(s2.querySelector('[data-field="queue"] dd')?.textContent).toBe('17');
    expect(s2.querySelector('[data-field="labelPending"] dd')?.textContent).toBe('31');
    expect(s2.querySelector('[data-field="faults"] li')?.textContent).toBe('打印机故障 · 缺纸');

    const s3 = screen.getByTestId('tile-S3');
    expect(s3.textContent).toContain('岛式');
    expect(s3.querySelector('[data-field="unitsPerHour"] dd')?.textContent).toBe('—');
    expect(screen.getByTestId('supervisor-totals').textContent).toContain('290');
  });

  it('lists the alerts in red at the top, translated with their params and thresholds', async () => {
    open();
    await screen.findByTestId('tile-S1');
    const alerts = screen.getAllByTestId('supervisor-alert');
    expect(alerts.map((a) => a.dataset.kind)).toEqual([
      'station_offline',
      'error_rate',
      'printer_fault',
      'label_pending',
    ]);
    const text = (kind: string) =>
      alerts.find((a) => a.dataset.kind === kind)?.querySelector('.alert-text')?.textContent;
    expect(text('station_offline')).toBe('二号台 已离线 12 分钟（阈值 5 分钟）');
    expect(text('error_rate')).toBe('二号台 近一小时扫错率 3.4%，超过阈值 2.0%');
    expect(text('printer_fault')).toBe('二号台 打印机故障：缺纸');
    expect(text('label_pending')).toBe('二号台 待分配面单堆积 31 张（阈值 20 张）');
    expect(alerts[0]?.textContent).toContain('自 14:48:00');
    expect(screen.getByTestId('supervisor-thresholds').textContent).toBe(
      '阈值：离线超过 5 分钟 · 近一小时扫错率超过 2.0% · 待分配面单达到 20 张',
    );
    // Above everything else on the page.
    const main = screen.getByTestId('supervisor-alerts').parentElement;
    expect(main?.firstElementChild).toBe(screen.getByTestId('supervisor-alerts'));
  });

  it('fills in alert figures the core left out of params from the station tile, and reads params without one', async () => {
    open({
      locale: 'en',
      handlers: {
        'supervisor.view': () =>
          supervisorView({
            alerts: [
              { kind: 'station_offline', stationId: 'S2', params: {}, since: 0 },
              { kind: 'error_rate', stationId: 'S2', params: {}, since: 0 },
              { kind: 'printer_fault', stationId: 'S2', params: {}, since: 0 },
              { kind: 'label_pending', stationId: 'S2', params: {}, since: 0 },
              // A station without a tile: only the params are there to go on.
              { kind: 'error_rate', stationId: 'S9', params: { rate: 3.4 }, since: 0 },
              { kind: 'printer_fault', stationId: 'S9', params: { state: 'disconnected', detail: '' }, since: 0 },
            ],
          }),
      },
    });
    await screen.findByTestId('tile-S1');
    expect(screen.getAllByTestId('supervisor-alert').map((a) => a.querySelector('.alert-text')?.textContent)).toEqual([
      '二号台 offline for 12 min (threshold 5 min)',
      '二号台 scan errors 3.4% in the last hour, above 2.0%',
      '二号台 printer fault: 缺纸',
      '二号台 has 31 labels awaiting a waybill (threshold 20)',
      'S9 scan errors 3.4% in the last hour, above 2.0%',
      'S9 printer fault: Disconnected',
    ]);
    expect(screen.getByTestId('tile-S2').querySelector('[data-field="state"]')?.textContent).toBe('Offline 12 min');
  });

  it('ranks packers by units per active hour', async () => {
    open();
    await screen.findByTestId('tile-S1');
    const rows = screen.getAllByTestId('leader-row');
    expect(rows.map((r) => r.dataset.packer)).toEqual(['U2', 'U1', 'U3']);
    expect(rows.map((r) => r.dataset.rank)).toEqual(['1', '2', '3']);
    const first = rows[0] as HTMLElement;
    expect(within(first).getByText('王五')).toBeTruthy();
    expect(first.querySelector('[data-field="unitsPerHour"]')?.textContent).toBe('71.3');
    expect(first.querySelector('[data-field="errorRate"]')?.textContent).toBe('1.1%');
    expect(first.querySelector('[data-field="packTime"]')?.textContent).toBe('3 分 05 秒');
    expect(rows[1]?.querySelector('[data-field="packTime"]')?.textContent).toBe('42 秒');
    expect(rows[2]?.querySelector('[data-field="unitsPerHour"]')?.textContent).toBe('—');
  });

  it('compares layouts with their reference figures, in a table and as bars with reference lines', async () => {
    open();
    await screen.findByTestId('tile-S1');
    const u = screen.getByTestId('layout-u_shaped');
    expect(u.dataset).toMatchObject({
      unitsPerHour: '66.2',
      errorRate: '0.008',
      referenceUnitsPerHour: '68',
      referenceErrorRate: '0.007',
    });
    expect(u.querySelector('[data-field="unitsPerHour"]')?.textContent).toBe('66.2');
    expect(u.querySelector('[data-field="referenceUnitsPerHour"]')?.textContent).toBe('68');
    expect(u.querySelector('[data-field="errorRate"]')?.textContent).toBe('0.8%');
    expect(u.querySelector('[data-field="referenceErrorRate"]')?.textContent).toBe('0.7%');
    expect(screen.getByTestId('layout-straight').dataset).toMatchObject({
      unitsPerHour: '41.5',
      errorRate: '0.025',
      referenceUnitsPerHour: '45',
      referenceErrorRate: '0.021',
    });
    // No work on an island desk in the range: the reference still shows, the actual figures do not.
    const island = screen.getByTestId('layout-island');
    expect(island.dataset).toMatchObject({
      unitsPerHour: '',
      errorRate: '',
      referenceUnitsPerHour: '52',
      referenceErrorRate: '0.015',
    });
    expect(island.textContent).toContain('岛式');

    const units = screen.getByTestId('chart-layout-units');
    expect(units.querySelectorAll('.recharts-reference-line')).toHaveLength(3);
    expect(units.textContent).toContain('U 形线 参考 68');
    expect(units.textContent).toContain('直线 参考 45');
    expect(screen.getByTestId('chart-layout-errors').textContent).toContain('岛式 参考 1.5%');
    expect(units.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThanOrEqual(2);
  });

  it('draws the hourly charts in hour order and one line per station', async () => {
    open();
    await screen.findByTestId('tile-S1');
    const units = screen.getByTestId('chart-hourly-units');
    expect(units.dataset.points).toBe('3');
    expect(units.querySelector('svg')).toBeTruthy();
    expect(units.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(3);
    const ticks = Array.from(units.querySelectorAll('.recharts-xAxis-tick-labels text'), (n) => n.textContent);
    expect(ticks).toEqual(['09:00', '10:00', '11:00']);
    expect(screen.getByTestId('chart-hourly-errors').querySelector('.recharts-line')).toBeTruthy();
    const stations = screen.getByTestId('chart-station-hourly');
    expect(stations.dataset).toMatchObject({ stations: '2', points: '2' });
    expect(stations.querySelectorAll('.recharts-line')).toHaveLength(2);
    expect(stations.textContent).toContain('一号台');
    expect(stations.textContent).toContain('二号台');
  });

  it('lists exceptions newest first with translated kinds', async () => {
    open();
    await screen.findByTestId('tile-S1');
    const rows = screen.getAllByTestId('exception-row');
    expect(rows.map((r) => r.dataset.kind)).toEqual(['packed_twice', 'cancelled_while_packed']);
    expect(rows[1]?.textContent).toContain('订单 WX202611250001 打包后被取消：拦下包裹，不要发出');
    expect(rows[1]?.textContent).toContain('买家已退款');
    expect(rows[1]?.textContent).toContain('2026-11-25 13:30');
    expect(rows[1]?.textContent).toContain('一号台');
  });

  it('exports CSV (headers in the UI language) for the range on screen and downloads it as a file', async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:packdesk/1';
    });
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const { calls } = open({
      handlers: {
        'supervisor.export': (a) => ({
          filename: `packdesk-${a.by}.${a.format}`,
          mime: 'text/csv;charset=utf-8',
          base64: Buffer.from('\uFEFF工位,件数\n一号台,130\n').toString('base64'),
        }),
      },
    });
    await screen.findByTestId('tile-S1');

    fireEvent.click(screen.getByTestId('csv-packer'));
    await waitFor(() => expect(screen.getByTestId('csv-result').dataset.outcome).toBe('done'));
    expect(calls.find((c) => c.method === 'supervisor.export')?.args).toEqual({
      from: DAY_FROM,
      to: DAY_TO,
      by: 'packer',
      format: 'csv',
      lang: 'zh-CN',
    });
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(clicked).toEqual([{ href: 'blob:packdesk/1', download: 'packdesk-packer.csv' }]);
    expect(created[0]?.type).toBe('text/csv;charset=utf-8');
    // With a byte-order mark so that Excel reads the Chinese as UTF-8.
    const bytes = new Uint8Array(await created[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(document.querySelector('a[download]')).toBeNull();
    await waitFor(() => expect(revokeObjectURL).toHaveBeenCalledWith('blob:packdesk/1'));

    for (const by of ['station', 'layout', 'hour', 'day']) expect(screen.getByTestId(`csv-${by}`)).toBeTruthy();
  });

  it('exports XLSX through the same method with format xlsx', async () => {
    const created: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        created.push(blob);
        return 'blob:packdesk/2';
      }),
      revokeObjectURL: vi.fn(),
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { calls } = open({
      handlers: {
        'supervisor.export': (a) => ({
          filename: `packdesk-${a.by}.xlsx`,
          mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          base64: Buffer.from([0x50, 0x4b, 3, 4]).toString('base64'),
        }),
      },
    });
    await screen.findByTestId('tile-S1');
    fireEvent.click(screen.getByTestId('xlsx-station'));
    await waitFor(() => expect(screen.getByTestId('csv-result').dataset.outcome).toBe('done'));
    expect(calls.find((c) => c.method === 'supervisor.export')?.args).toMatchObject({ by: 'station', format: 'xlsx' });
    expect([...new Uint8Array(await created[0]!.arrayBuffer())]).toEqual([0x50, 0x4b, 3, 4]);
  });

  it('shows a CSV export failure', async () => {
    open({
      handlers: {
        'supervisor.export': () =>
          Promise.reject(new CoreClientError({ code: 'internal', message: 'disk full', retryable: false })),
      },
    });
    await screen.findByTestId('tile-S1');
    fireEvent.click(screen.getByTestId('csv-day'));
    await waitFor(() => expect(screen.getByTestId('csv-result').textContent).toBe('导出失败：disk full'));
  });

  it('asks for the range a preset or the date inputs pick, in the station day', async () => {
    const { calls } = open();
    await screen.findByTestId('tile-S1');
    expect(screen.getByTestId('range-today').getAttribute('aria-pressed')).toBe('true');
    const today = localDayStart(Date.now(), TZ);

    fireEvent.click(screen.getByTestId('range-yesterday'));
    await waitFor(() => expect(viewCalls(calls)).toHaveLength(2));
    const yesterday = viewCalls(calls)[1];
    expect(yesterday).toEqual({ from: today - 24 * 3_600_000, to: today });
    expect(screen.getByTestId('range-yesterday').getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByTestId('range-last7'));
    await waitFor(() => expect(viewCalls(calls)).toHaveLength(3));
    expect(viewCalls(calls)[2]).toEqual({ from: today - 6 * 24 * 3_600_000, to: today + 24 * 3_600_000 });

    fireEvent.change(screen.getByTestId('range-from'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByTestId('range-to'), { target: { value: '2026-11-03' } });
    await waitFor(() =>
      expect(viewCalls(calls).at(-1)).toEqual({ from: Date.UTC(2026, 9, 31, 16), to: Date.UTC(2026, 10, 3, 16) }),
    );
    expect(screen.getByTestId<HTMLInputElement>('range-from').value).toBe('2026-11-01');
    expect(screen.getByTestId<HTMLInputElement>('range-to').value).toBe('2026-11-03');

    // CSV follows the range on screen.
    await waitFor(() => expect(screen.getByTestId('supervisor-view').dataset.loading).toBe('false'));
    expect(screen.getByTestId('supervisor-main').dataset).toMatchObject({
      from: String(Date.UTC(2026, 9, 31, 16)),
      to: String(Date.UTC(2026, 10, 3, 16)),
    });
  });

  it('refreshes on demand and every 30 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { calls } = open();
    await screen.findByTestId('tile-S1');
    expect(viewCalls(calls)).toHaveLength(1);
    expect(screen.getByTestId('supervisor-updated').textContent).toContain('15:00:00');

    fireEvent.click(screen.getByTestId('supervisor-refresh'));
    await waitFor(() => expect(viewCalls(calls)).toHaveLength(2));

    await act(async () => {
      vi.advanceTimersByTime(REFRESH_MS);
    });
    expect(viewCalls(calls)).toHaveLength(3);
    expect(viewCalls(calls)[2]).toEqual({});
  });

  it('keeps the last figures and offers a retry when a refresh fails', async () => {
    let fail = false;
    open({
      handlers: {
        'supervisor.view': (a) =>
          fail
            ? Promise.reject(new CoreClientError({ code: 'transport', message: 'hub unreachable', retryable: true }))
            : viewHandler(a),
      },
    });
    await screen.findByTestId('tile-S1');
    fail = true;
    fireEvent.click(screen.getByTestId('supervisor-refresh'));
    await waitFor(() =>
      expect(screen.getByTestId('supervisor-error').textContent).toContain('统计载入失败：hub unreachable'),
    );
    expect(screen.getByTestId('tile-S1')).toBeTruthy();
    fail = false;
    fireEvent.click(within(screen.getByTestId('supervisor-error')).getByRole('button'));
    await waitFor(() => expect(screen.queryByTestId('supervisor-error')).toBeNull());
  });

  it('is translated in English', async () => {
    open({ locale: 'en' });
    const s2 = await screen.findByTestId('tile-S2');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Supervisor view');
    expect(screen.getByTestId('supervisor-back').textContent).toContain('Back to packing');
    expect(s2.textContent).toContain('Straight');
    expect(screen.getByTestId('range-last7').textContent).toBe('Last 7 days');
    expect(screen.getByTestId('csv-layout').textContent).toBe('By layout');
    expect(screen.getAllByTestId('exception-row')[0]?.textContent).toContain('Order WX202611250002');
  });
});
