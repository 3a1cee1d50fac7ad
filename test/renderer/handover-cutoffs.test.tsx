// The supervisor view's cut-off countdown (揽收截止): time left per carrier, ticking between the hub's
// answers, a warning where parcels will miss the cut-off, and "hub unreachable" when it is.
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandoverCutoffsResult } from '../../src/contract/api.js';
import { countdown } from '../../src/renderer/components/supervisor/Cutoffs.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';
import { DAY_FROM, DAY_TO, supervisorView } from './supervisor-fixtures.js';

const NOW = Date.UTC(2026, 11, 2, 8); // 16:00 in Shanghai

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
  window.location.hash = '#/supervisor';
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  window.location.hash = '';
});

function open(result: HandoverCutoffsResult, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return renderApp(snapshot(), {
    locale,
    handlers: {
      'supervisor.view': () => supervisorView({ from: DAY_FROM, to: DAY_TO }),
      'handover.cutoffs': () => result,
    },
  });
}

describe('cut-off countdown in the supervisor view', () => {
  it('counts down to each cut-off and warns where parcels will miss it', async () => {
    open({
      ok: true,
      cutoffs: {
        now: NOW,
        items: [
          {
            carrier: 'ZTO',
            cutoff: '16:30',
            cutoffAt: NOW + 1_800_000,
            msLeft: 1_800_000,
            pending: 4,
            warn: true,
            passed: false,
          },
          {
            carrier: 'SF',
            cutoff: '18:00',
            cutoffAt: NOW + 7_200_000,
            msLeft: 7_200_000,
            pending: 0,
            warn: false,
            passed: false,
          },
        ],
      },
    });
    const zto = await screen.findByTestId('cutoff-ZTO');
    expect(zto.textContent).toContain('还剩 30:00');
    expect(zto.textContent).toContain('4 件将赶不上 16:30 截止');
    expect(zto.dataset.warn).toBe('true');
    expect(screen.getByTestId('cutoff-SF').textContent).toContain('还剩 2:00:00');
    await act(async () => {
      vi.advanceTimersByTime(5000);
    });
    expect(screen.getByTestId('cutoff-ZTO').textContent).toContain('还剩 29:55');
  });

  it('says when the hub is out of reach', async () => {
    open({ ok: false, reason: 'unreachable', message: 'timeout' }, 'en');
    expect((await screen.findByTestId('cutoffs')).textContent).toContain('Hub unreachable: cut-offs unavailable');
  });

  it('formats the time left', () => {
    expect(countdown(3_909_000)).toBe('1:05:09');
    expect(countdown(247_000)).toBe('4:07');
    expect(countdown(-5)).toBe('0:00');
  });
});
