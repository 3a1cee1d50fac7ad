// The pack screen as a console (issue 12 §1–§3): the hero per step, scans shown inside an alert,
// the weight alert's live difference in words, the offline banner, configurable bin names.
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/contract/station.js';
import { labelView, line, pack, snapshot, WAYBILL } from './fixtures.js';
import { renderApp } from './render.js';

beforeEach(() => {
  window.location.hash = '';
  localStorage.clear();
});
afterEach(cleanup);

const weightAlert: Alert = {
  kind: 'weight',
  code: 'weight_out_of_tolerance',
  params: { measuredG: 1020, expectedG: 620, minG: 590, maxG: 650, diffG: 400 },
  orderId: 'WX202611250001',
  clearBy: 'supervisor',
  at: 5,
};
const weighing = () =>
  pack({ state: 'exception', weight: { expectedG: 620, toleranceG: 30, minG: 590, maxG: 650 }, measuredG: 1020 });

describe('pack console hero', () => {
  it('shows the next item to scan with its photo and what is left while verifying', () => {
    renderApp(
      snapshot({
        pack: pack({ lines: [line({ imageUrl: 'https://img.example/ear.jpg', expected: 3, scanned: 1 })] }),
      }),
    );
    const hero = screen.getByTestId('hero');
    expect(hero.dataset.hero).toBe('item');
    expect(screen.getByTestId('hero-title').textContent).toBe('蓝牙耳机');
    expect(screen.getByTestId('hero-remaining').textContent).toBe('2');
    expect(screen.getByTestId('hero-image').getAttribute('src')).toBe('https://img.example/ear.jpg');
    expect(screen.getByTestId('line-101').dataset.active).toBe('true');
  });

  it('moves to the first line still short and shows no photo box without one', () => {
    renderApp(
      snapshot({
        pack: pack({
          lines: [line({ scanned: 2 }), line({ productId: 303, title: '手机壳', expected: 4, scanned: 0 })],
        }),
      }),
    );
    expect(screen.getByTestId('hero-title').textContent).toBe('手机壳');
    expect(screen.getByTestId('hero-remaining').textContent).toBe('4');
    expect(screen.queryByTestId('hero-image')).toBeNull();
    expect(screen.getByTestId('line-303').dataset.active).toBe('true');
    expect(screen.getByTestId('line-101').dataset.active).toBe('false');
  });

  it('shows the live weight against its window while weighing, in words as well as colour', () => {
    const { store } = renderApp(
      snapshot({ pack: pack({ state: 'weighing', weight: { expectedG: 620, toleranceG: 30, minG: 590, maxG: 650 } }) }),
    );
    expect(screen.getByTestId('hero').dataset.hero).toBe('weight');
    // Nothing on the platform: neutral words, never a red 0 g.
    act(() => store.getState().setScale({ grams: 0, stable: true, status: 'ok', at: 10 }));
    expect(screen.getByTestId('hero-weight').textContent).toBe('秤上没有东西');
    expect(screen.getByTestId('hero').dataset.zone).toBe('none');
    expect(screen.getByTestId('scale-weight').dataset.zone).toBe('none');
    act(() => store.getState().setScale({ grams: 700, stable: false, status: 'ok', at: 11 }));
    expect(screen.getByTestId('hero-weight').textContent).toBe('700 g');
    expect(screen.getByTestId('hero-zone').textContent).toBe('▲ 重了 80 g');
    act(() => store.getState().setScale({ grams: 600, stable: false, status: 'ok', at: 12 }));
    expect(screen.getByTestId('hero-zone').textContent).toBe('✔ 在范围内');
    expect(screen.getByTestId('gauge-marker')).toBeTruthy();
  });

  it('never judges a stable weight left on the platform as this parcel', () => {
    const { store } = renderApp(
      snapshot({ pack: pack({ state: 'weighing', weight: { expectedG: 620, toleranceG: 30, minG: 590, maxG: 650 } }) }),
    );
    act(() => store.getState().setScale({ grams: 1500, stable: true, status: 'ok', at: 10 }));
    expect(screen.getByTestId('hero').dataset.zone).toBe('none');
    expect(screen.getByTestId('hero-left-over').textContent).toBe('先拿走秤上的东西，再放这个包裹');
  });

  it('shows the waybill and carrier large once the label is out', () => {
    renderApp(snapshot({ pack: null, lastPack: pack({ state: 'labeling', labels: [labelView()] }) }));
    expect(screen.getByTestId('hero').dataset.hero).toBe('label');
    expect(screen.getByTestId('hero-waybill').textContent).toBe(WAYBILL);
    expect(screen.getByTestId('hero-carrier').textContent).toBe('顺丰速运');
  });
});

describe('alerts', () => {
  it('shows the result of a scan made while the alert is up inside the alert', () => {
    const { store } = renderApp(snapshot({ pack: weighing(), alert: weightAlert }));
    // The alert opened on its own; nothing scanned yet.
    expect(screen.queryByTestId('alert-scan-result')).toBeNull();
    act(() => store.getState().setFeedback({ verdict: 'command_rejected', sound: 'error', scanId: 77 }));
    // No fresh notice: the verdict in words.
    expect(screen.getByTestId('alert-scan-result').textContent).toContain('指令被拒绝');
  });

  it('prefers the notice the core set for that scan (CMD-ACK cannot clear a weight exception)', () => {
    const { store } = renderApp(snapshot({ pack: weighing(), alert: weightAlert }));
    act(() => {
      store.getState().setSnapshot(
        snapshot({
          pack: weighing(),
          alert: weightAlert,
          notice: { level: 'warn', code: 'supervisor_required', params: {} },
        }),
      );
      store.getState().setFeedback({ verdict: 'command_rejected', sound: 'error', scanId: 78 });
    });
    const result = within(screen.getByTestId('alert')).getByTestId('alert-scan-result');
    expect(result.textContent).toContain('需要主管：请扫描主管工牌');
    act(() => store.getState().setFeedback({ verdict: 'blocked', sound: 'error', scanId: 79 }));
    expect(screen.getByTestId('alert-scan-result').dataset.scanId).toBe('79');
  });

  it('gives the weight difference in words from the live reading', () => {
    const { store } = renderApp(snapshot({ pack: weighing(), alert: weightAlert }));
    expect(screen.getByTestId('alert-weight-diff').textContent).toBe('重了 400 g');
    expect(screen.getByTestId('alert').textContent).toContain('可能多装了一件');
    act(() => store.getState().setScale({ grams: 500, stable: false, status: 'ok', at: 20 }));
    expect(screen.getByTestId('alert-weight-diff').textContent).toBe('轻了 120 g');
    expect(screen.getByTestId('alert-weight-live').textContent).toBe('500 g');
    act(() => store.getState().setScale({ grams: 630, stable: false, status: 'ok', at: 21 }));
    expect(screen.getByTestId('alert-weight-diff').textContent).toBe('现在在范围内：放稳后自动通过');
  });

  it('names the configured bins and keeps a long order id in one piece', () => {
    const id = '3728192837465019283';
    renderApp(
      snapshot({
        pack: null,
        station: { ...snapshot().station, bins: { intercept: 'A3 拦截箱', shelf: null } },
        alert: {
          kind: 'intercept',
          code: 'order_cancelled',
          params: { orderId: id },
          orderId: id,
          clearBy: 'ack',
          at: 3,
        },
      }),
    );
    expect(screen.getByTestId('alert-title').textContent).toBe('已取消 — 不要发货');
    expect(screen.getByTestId('alert-action').textContent).toBe('商品全部放进A3 拦截箱');
    expect(screen.getByTestId('alert-instruction').textContent).toBe('扫【确认】跳过此单');
    const order = screen.getByTestId('alert-order');
    expect(order.querySelector('.alert-order-id')?.textContent).toBe(id);
  });

  it('words alerts in English too', () => {
    renderApp(snapshot({ pack: weighing(), alert: weightAlert }), { locale: 'en' });
    expect(screen.getByTestId('alert-kind').textContent).toBe('⚖WEIGHT');
    expect(screen.getByTestId('alert-weight-diff').textContent).toBe('400 g too heavy');
  });
});

describe('offline banner', () => {
  it('is shown over an alert when the link to the station is lost', () => {
    renderApp(snapshot({ alert: weightAlert, pack: weighing() }), { connection: 'closed' });
    const banner = screen.getByTestId('connection');
    expect(banner.dataset.state).toBe('closed');
    expect(banner.textContent).toContain('与工作站断开 — 扫码不会生效');
    expect(banner.closest('[inert]')).toBeNull();
  });

  it('says packing goes on when only the hub is unreachable', () => {
    const base = snapshot();
    renderApp(snapshot({ sync: { ...base.sync, mode: 'offline' } }));
    expect(screen.getByTestId('offline-banner').textContent).toContain('离线打包中');
    expect(screen.queryByTestId('connection')).toBeNull();
  });
});
