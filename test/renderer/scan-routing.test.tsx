// Where a keyboard-wedge scan goes (issue 12 §4): the pack screen sends it to the core; the sheet and
// supervisor screens return to the pack screen first and say so; the settings screen uses none, keeps
// the scanner's keys out of its fields and says so; a lone fragment is a misread the core counts.
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

let clock = 10_000;
function key(target: EventTarget, k: string, gapMs = 5): KeyboardEvent {
  clock += gapMs;
  const code = k === 'Enter' ? 'Enter' : /\d/.test(k) ? `Digit${k}` : k === '-' ? 'Minus' : `Key${k.toUpperCase()}`;
  const ev = new KeyboardEvent('keydown', { key: k, code, cancelable: true, bubbles: true });
  Object.defineProperty(ev, 'timeStamp', { value: clock });
  target.dispatchEvent(ev);
  return ev;
}
function scan(target: EventTarget, text: string, opts: { enter?: boolean; pauseAfter?: number } = {}): void {
  clock += 1000;
  [...text].forEach((ch, i) => key(target, ch, i === 0 ? 0 : 5));
  if (opts.enter !== false) key(target, 'Enter');
}

const submitted = (calls: { method: string; args: unknown }[]) =>
  calls.filter((c) => c.method === 'scan.submit').map((c) => c.args);

describe('scans away from the pack screen', () => {
  it('on the barcode sheet: back to the pack screen, then the scan, and a toast says so', async () => {
    window.location.hash = '#/sheet';
    const { calls } = renderApp(snapshot(), {
      handlers: { 'scan.submit': () => ({ scanId: 1, verdict: 'command', sound: 'good' }) },
    });
    scan(document.body, 'CMD-ACK');
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    expect(submitted(calls)).toEqual([{ code: 'CMD-ACK', source: 'wedge' }]);
    const toast = await screen.findByTestId('scan-toast');
    expect(toast.dataset.kind).toBe('redirected');
    expect(toast.textContent).toContain('已回到装箱界面处理这次扫码：CMD-ACK');
    expect(toast.textContent).toContain('条码表');
  });

  it('on the supervisor view: the same, never silently', async () => {
    window.location.hash = '#/supervisor';
    const { calls } = renderApp(snapshot(), {
      handlers: { 'scan.submit': () => ({ scanId: 1, verdict: 'order_opened', sound: 'good' }) },
    });
    scan(document.body, 'SO20261125001');
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    expect(submitted(calls)).toEqual([{ code: 'SO20261125001', source: 'wedge' }]);
    expect((await screen.findByTestId('scan-toast')).textContent).toContain('主管视图');
  });

  it('on settings: nothing is sent, the focused field keeps its value, a toast says why', async () => {
    window.location.hash = '#/settings';
    const { calls } = renderApp(snapshot(), { handlers: {} });
    const input = document.createElement('input');
    input.value = '/dev/ttyUSB0';
    document.body.appendChild(input);
    input.focus();
    // jsdom does not type: emulate the browser typing the first key, which no wedge can know is a scanner's.
    clock += 1000;
    const first = key(input, '6', 0);
    if (!first.defaultPrevented) input.value += '6';
    for (const ch of '901234567892') key(input, ch);
    key(input, 'Enter');
    input.remove();
    expect(input.value).toBe('/dev/ttyUSB0');
    const toast = await screen.findByTestId('scan-toast');
    expect(toast.dataset.kind).toBe('ignored');
    expect(toast.textContent).toContain('6901234567892');
    expect(submitted(calls)).toEqual([]);
    expect(window.location.hash).toBe('#/settings');
  });
});

describe('misreads', () => {
  it('a lone fragment is sent to the core as a misread once the rejoin window passes', async () => {
    const { calls } = renderApp(snapshot(), {
      handlers: { 'scan.submit': () => ({ scanId: 2, verdict: 'misread', sound: 'error' }) },
    });
    scan(document.body, '690123', { enter: false });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 800));
    });
    expect(submitted(calls)).toEqual([{ code: '690123', source: 'wedge', misread: 'fragment' }]);
  });

  it('a scan split by a 60 ms pause is one scan', async () => {
    const { calls } = renderApp(snapshot(), {
      handlers: { 'scan.submit': () => ({ scanId: 3, verdict: 'item_ok', sound: 'good' }) },
    });
    scan(document.body, '690123', { enter: false });
    clock += 55;
    [...'4567892'].forEach((ch) => key(document.body, ch));
    key(document.body, 'Enter');
    await waitFor(() => expect(submitted(calls)).toEqual([{ code: '6901234567892', source: 'wedge' }]));
  });
});
