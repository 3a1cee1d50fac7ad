// The supervisor view's stuck-parcel panel: the hub's tracking alerts by kind, "none", and "hub
// unreachable" when it is; nothing at a desk without a hub.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrackingAlertsResult } from '../../src/contract/api.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';
import { DAY_FROM, DAY_TO, supervisorView } from './supervisor-fixtures.js';

const SINCE = Date.UTC(2026, 11, 1, 2); // 12-01 10:00 in Shanghai

beforeEach(() => {
  window.location.hash = '#/supervisor';
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

function open(result: TrackingAlertsResult, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return renderApp(snapshot(), {
    locale,
    handlers: {
      'supervisor.view': () => supervisorView({ from: DAY_FROM, to: DAY_TO }),
      'tracking.alerts': () => result,
    },
  });
}

describe('stuck parcels in the supervisor view', () => {
  it('lists each alert with its kind, waybill, order and since when', async () => {
    open({
      ok: true,
      alerts: [
        { kind: 'not_collected', waybill: 'ZT1', orderId: 'MP-1', carrier: 'ZTO', since: SINCE, detail: '> 24 h' },
        {
          kind: 'return_started',
          waybill: 'SF2',
          orderId: null,
          carrier: 'SF',
          since: SINCE,
          detail: 'returned: 拒收',
        },
      ],
    });
    const first = await screen.findByTestId('tracking-alert-ZT1');
    expect(first.textContent).toContain('交接后未揽收');
    expect(first.textContent).toContain('ZTO ZT1 · MP-1');
    expect(first.textContent).toContain('12/01 10:00');
    expect(screen.getByTestId('tracking-alert-SF2').dataset.kind).toBe('return_started');
    expect(screen.getByTestId('tracking-alerts').textContent).toContain('2 件需要跟进');
  });

  it('says so in English when nothing is stuck', async () => {
    open({ ok: true, alerts: [] }, 'en');
    expect((await screen.findByTestId('tracking-alerts')).textContent).toContain('No parcel is stuck or in trouble');
  });

  it('says the hub is unreachable, and shows nothing without a hub', async () => {
    open({ ok: false, reason: 'unreachable', message: 'timeout' });
    expect((await screen.findByTestId('tracking-alerts')).textContent).toContain('无法连接总部服务器');
    cleanup();
    open({ ok: false, reason: 'no_hub', message: '' });
    await screen.findByTestId('supervisor-main');
    expect(screen.queryByTestId('tracking-alerts')).toBeNull();
  });
});
