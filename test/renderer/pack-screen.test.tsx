import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/contract/station.js';
import { labelModel, labelView, LAYOUT, pack, snapshot, WAYBILL } from './fixtures.js';
import { renderApp } from './render.js';

beforeEach(() => {
  window.location.hash = '';
  localStorage.clear();
});
afterEach(cleanup);

const wrongItem: Alert = {
  kind: 'error',
  code: 'wrong_item',
  params: { title: '充电宝', sku: 'PB-10000', orderId: 'WX202611250001' },
  orderId: 'WX202611250001',
  clearBy: 'ack',
  at: 1,
};

describe('pack screen', () => {
  it('shows the verifying state with per-line progress', () => {
    renderApp(snapshot());
    expect(screen.getByTestId('pack-state').dataset.state).toBe('verifying');
    expect(screen.getByTestId('pack-state').textContent).toBe('验货中');
    expect(screen.getByTestId('order-id').textContent).toBe('WX202611250001');
    expect(screen.getByTestId('order-channel').textContent).toBe('视频号小店');
    expect(screen.getByTestId('recipient').textContent).toBe('张** 138****5678');

    const ear = screen.getByTestId('line-101');
    expect(ear.dataset).toMatchObject({ scanned: '1', expected: '2', complete: 'false' });
    expect(within(ear).getByText('蓝牙耳机')).toBeTruthy();
    expect(within(ear).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');

    const cable = screen.getByTestId('line-202');
    expect(cable.dataset).toMatchObject({ scanned: '1', expected: '1', complete: 'true' });
    expect(within(cable).getByText(/组合：耳机套装/)).toBeTruthy();
    expect(within(cable).getByText('✔')).toBeTruthy();

    expect(screen.getByTestId('next-action').textContent).toContain('扫描商品');
    expect(screen.getByTestId('packaging').textContent).toContain('五层纸箱+气泡膜');
    expect(screen.getByTestId('status-packer').textContent).toContain('李四');
    expect(screen.getByTestId('status-sync').textContent).toContain('在线');
    expect(screen.getByTestId('status-queue').dataset.depth).toBe('3');
    expect(screen.getByTestId('device-printer').dataset.state).toBe('error');
    expect(screen.getByTestId('device-printer').textContent).toContain('缺纸');
    expect(screen.getByTestId('counter-orders').textContent).toBe('12');
    expect(screen.getByTestId('counter-units').textContent).toBe('40');
    expect(screen.getByTestId('counter-errors').textContent).toBe('1');
    expect(screen.getByTestId('label-pool').querySelector('[data-carrier="ZTO"]')?.getAttribute('data-low')).toBe(
      'true',
    );
    expect(screen.queryByTestId('alert')).toBeNull();
  });

  it('shows refused events and set-aside hub rows in the status bar only when there are some', () => {
    renderApp(snapshot());
    expect(screen.queryByTestId('status-dead-letters')).toBeNull();
    expect(screen.queryByTestId('status-quarantined')).toBeNull();
    cleanup();
    const base = snapshot();
    renderApp(snapshot({ sync: { ...base.sync, deadLetters: 2, quarantined: 1 } }));
    expect(screen.getByTestId('status-dead-letters').textContent).toBe('云端拒收 2 条');
    expect(screen.getByTestId('status-quarantined').textContent).toBe('已隔离 1 条云端数据');
  });

  it('asks for a badge when nobody is logged in, and shows remark, parcel number, multiplier and prompt', () => {
    renderApp(
      snapshot({
        packer: null,
        pack: pack({
          parcelNo: 2,
          qtyMultiplier: 6,
          order: { ...pack().order, remark: '请勿放发票', flags: ['address_ambiguous'] },
        }),
        prompt: { kind: 'reason', purpose: 'hold', supervisorId: null },
        notice: { level: 'success', code: 'qty_set', params: { qty: 6 } },
      }),
    );
    expect(screen.getByTestId('status-packer').textContent).toBe('请扫描工牌登录');
    expect(screen.getByTestId('remark').textContent).toContain('请勿放发票');
    expect(screen.getByTestId('parcel-no').textContent).toBe('第 2 箱');
    expect(screen.getByTestId('qty-multiplier').textContent).toBe('数量×6');
    expect(screen.getByTestId('prompt').textContent).toContain('扫描原因条码（挂起）');
    expect(screen.getByTestId('notice').dataset.code).toBe('qty_set');
    expect(screen.getByTestId('notice').textContent).toBe('下一件按数量×6计');
    expect(screen.getByText('地址待确认')).toBeTruthy();
  });

  it('covers the screen with a red error alert that only a new snapshot removes', () => {
    const { store } = renderApp(snapshot({ alert: wrongItem }));
    const alert = screen.getByTestId('alert');
    expect(alert.dataset).toMatchObject({ kind: 'error', code: 'wrong_item' });
    expect(alert.style.backgroundColor).toBe('rgb(198, 40, 40)');
    expect(screen.getByTestId('alert-title').textContent).toBe('拿错了 — 这件不是本单的');
    expect(screen.getByTestId('alert-kind').textContent).toBe('✖错误');
    expect(screen.getByTestId('alert-action').textContent).toBe('把【充电宝】放到退回货架');
    expect(screen.getByTestId('alert-instruction').textContent).toBe('扫【确认】继续验货');
    expect(screen.getByTestId('alert-detail').textContent).toContain('PB-10000');

    fireEvent.click(alert);
    fireEvent.keyDown(window, { key: 'Escape' });
    act(() =>
      store.getState().setSnapshot(snapshot({ alert: wrongItem, counters: { orders: 12, units: 40, errors: 2 } })),
    );
    act(() => store.getState().setScale({ grams: 5, stable: true, status: 'ok', at: 50 }));
    expect(screen.getByTestId('alert').dataset.code).toBe('wrong_item');

    act(() => store.getState().setSnapshot(snapshot()));
    expect(screen.queryByTestId('alert')).toBeNull();
  });

  it('makes the screen under an alert inert and reports a lost scan inside the overlay', () => {
    const { store, container } = renderApp(snapshot({ alert: wrongItem }));
    expect(container.querySelector('.pack-body')?.hasAttribute('inert')).toBe(true);
    act(() =>
      store.getState().setFailure({
        method: 'scan.submit',
        code: 'CMD-ACK',
        error: { code: 'transport', message: 'x', retryable: true },
        at: 1,
      }),
    );
    expect(screen.getAllByTestId('failure')).toHaveLength(1);
    expect(within(screen.getByTestId('alert')).getByTestId('failure').textContent).toContain('CMD-ACK');
    act(() => store.getState().setSnapshot(snapshot()));
    expect(container.querySelector('.pack-body')?.hasAttribute('inert')).toBe(false);
  });

  it('shows intercepts in amber with the supervisor prompt inside the overlay', () => {
    renderApp(
      snapshot({
        pack: null,
        alert: {
          kind: 'intercept',
          code: 'order_flagged',
          params: { orderId: 'WX9', flags: 'duplicate_payment' },
          orderId: 'WX9',
          clearBy: 'ack_or_supervisor',
          at: 1,
        },
        prompt: { kind: 'supervisor', purpose: 'override' },
      }),
    );
    const alert = screen.getByTestId('alert');
    expect(alert.dataset.kind).toBe('intercept');
    expect(alert.style.backgroundColor).toBe('rgb(154, 88, 0)');
    expect(screen.getByTestId('alert-title').textContent).toBe('订单有异常 — 先不要打包');
    expect(screen.getByTestId('alert-kind').textContent).toBe('✋拦截');
    expect(screen.getByTestId('alert-order').textContent).toBe('订单 WX9');
    expect(screen.getByTestId('alert-detail').textContent).toContain('重复支付');
    expect(screen.getByTestId('alert-instruction').textContent).toBe('扫【确认】跳过此单；主管扫工牌可放行并开始打包');
    expect(within(alert).getByTestId('prompt').textContent).toContain('扫描主管工牌');
    expect(screen.getAllByTestId('prompt')).toHaveLength(1);
  });

  it('shows expected against measured weight on a weight alert', () => {
    renderApp(
      snapshot({
        pack: pack({
          state: 'exception',
          weight: { expectedG: 1620, toleranceG: 81, minG: 1539, maxG: 1701 },
          measuredG: 1420,
        }),
        alert: {
          kind: 'weight',
          code: 'weight_out_of_tolerance',
          params: { measuredG: 1420, expectedG: 1620, minG: 1539, maxG: 1701, diffG: -200 },
          orderId: 'WX202611250001',
          clearBy: 'supervisor',
          at: 1,
        },
      }),
    );
    const alert = screen.getByTestId('alert');
    expect(alert.style.backgroundColor).toBe('rgb(154, 88, 0)');
    const detail = screen.getByTestId('alert-detail').textContent ?? '';
    expect(screen.getByTestId('alert-weight').textContent).toContain('1.620 kg');
    expect(detail).toContain('1.420 kg');
    expect(detail).toContain('1.539 kg – 1.701 kg');
    expect(screen.getByTestId('alert-weight-diff').textContent).toBe('轻了 200 g');
    expect(screen.getByTestId('alert').textContent).toContain('可能少装了一件');
    expect(screen.getByTestId('alert-instruction').textContent).toBe('或请主管扫工牌 + 原因条码放行');
  });

  it('colours the live weight green inside the window and red outside it', () => {
    const { store } = renderApp(
      snapshot({ pack: pack({ state: 'weighing', weight: { expectedG: 620, toleranceG: 30, minG: 590, maxG: 650 } }) }),
    );
    expect(screen.getByTestId('weight-window').textContent).toBe('预期 620 g ± 30 g（590 g – 650 g）');
    expect(screen.getByTestId('next-action').textContent).toContain('请将包裹放上电子秤');

    act(() => store.getState().setScale({ grams: 612, stable: true, status: 'ok', at: 10 }));
    const weight = screen.getByTestId('scale-weight');
    expect(weight.textContent).toBe('612 g');
    expect(weight.dataset.zone).toBe('inside');
    expect(weight.style.color).toBe('rgb(27, 127, 59)');
    expect(screen.getByTestId('scale-stable').textContent).toBe('●稳定');

    act(() => store.getState().setScale({ grams: 1234, stable: false, status: 'ok', at: 11 }));
    expect(weight.textContent).toBe('1.234 kg');
    expect(weight.dataset.zone).toBe('outside');
    expect(weight.style.color).toBe('rgb(198, 40, 40)');
    expect(screen.getByTestId('scale-stable').textContent).toBe('○不稳定');
  });

  it('previews the last label as SVG with its waybill, fetching the layout when the model is absent', async () => {
    const { calls } = renderApp(
      snapshot({
        pack: null,
        lastPack: pack({ state: 'done', labels: [labelView({ labelId: 'L-0', waybill: 'SF000' }), labelView()] }),
      }),
      { handlers: { 'labels.get': () => ({ model: null as never, layout: LAYOUT, status: 'printed' }) } },
    );
    expect(screen.getByTestId('pack-state').dataset.state).toBe('done');
    expect(screen.getByTestId('next-action').textContent).toContain('已完成，扫描下一单');
    const preview = screen.getByTestId('label-preview');
    await waitFor(() => expect(preview.querySelector('svg.label-svg')).not.toBeNull());
    expect(calls).toContainEqual({ method: 'labels.get', args: { labelId: 'L-1' } });
    const svg = preview.querySelector('svg.label-svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 100 180');
    expect(svg.textContent).toContain(WAYBILL);
    expect(svg.querySelector('[data-barcode="code128"] svg path')).not.toBeNull();
    expect(screen.getByTestId('label-status').textContent).toContain('已打印');
  });

  it('lays out a label locally with the shared layoutLabel when the model is in the snapshot', () => {
    const { calls } = renderApp(
      snapshot({ pack: pack({ state: 'done', labels: [labelView({ model: labelModel() })] }) }),
    );
    const svg = screen.getByTestId('label-preview').querySelector('svg.label-svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 100 180');
    expect(svg.innerHTML).toContain(WAYBILL);
    expect(calls.filter((c) => c.method === 'labels.get')).toEqual([]);
  });

  it('marks a label waiting for a waybill in amber without asking for a layout', () => {
    const { calls } = renderApp(
      snapshot({ pack: pack({ state: 'done', labels: [labelView({ status: 'pending_waybill', waybill: null })] }) }),
    );
    const status = screen.getByTestId('label-status');
    expect(status.textContent).toBe('待分配运单号');
    expect(status.style.color).toBe('rgb(154, 88, 0)');
    expect(calls.filter((c) => c.method === 'labels.get')).toEqual([]);
  });

  it('switches the language to English from the status bar and remembers it', async () => {
    renderApp(snapshot());
    fireEvent.click(screen.getByTestId('locale-switch'));
    await waitFor(() => expect(screen.getByTestId('pack-state').textContent).toBe('Verifying'));
    expect(screen.getByTestId('next-action').textContent).toContain('Scan the items');
    expect(screen.getByTestId('locale-switch').textContent).toBe('中文');
    expect(localStorage.getItem('packdesk.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('tells the packer to rescan when a scan did not reach the station', () => {
    const { store } = renderApp(snapshot());
    act(() =>
      store.getState().setFailure({
        method: 'scan.submit',
        code: 'CMD-ACK',
        error: { code: 'transport', message: 'x', retryable: true },
        at: 1,
      }),
    );
    expect(screen.getByTestId('failure').textContent).toBe('扫描未送达工作站：CMD-ACK，请重新扫描');
  });
});
