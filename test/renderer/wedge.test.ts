import { describe, expect, it } from 'vitest';
import { installWedge, WedgeDetector, type WedgeKey } from '../../src/renderer/scan/wedge.js';

const CODE_OF: Record<string, string> = { '-': 'Minus', '/': 'Slash', '.': 'Period', ' ': 'Space', '=': 'Equal' };

function codeOf(ch: string): string {
  if (/^[a-z]$/i.test(ch)) return `Key${ch.toUpperCase()}`;
  if (/^[0-9]$/.test(ch)) return `Digit${ch}`;
  return CODE_OF[ch] ?? 'Unidentified';
}

function key(k: string, t: number, extra: Partial<WedgeKey> = {}): WedgeKey {
  return {
    key: k,
    code: k.length === 1 ? codeOf(k) : k,
    shiftKey: k.length === 1 && /[A-Z]/.test(k),
    ctrlKey: false,
    altKey: false,
    isComposing: false,
    timeStamp: t,
    ...extra,
  };
}

/** Keystrokes as a scanner (or a person) sends them: Shift before capitals, a fixed gap, a terminator. */
function type(
  det: WedgeDetector,
  text: string,
  opts: { start?: number; gap?: number; terminator?: string | null; ime?: boolean } = {},
): { results: (string | null)[]; end: number } {
  const gap = opts.gap ?? 6;
  let t = opts.start ?? 1000;
  const results: (string | null)[] = [];
  for (const ch of text) {
    if (/[A-Z]/.test(ch)) results.push(det.feed(key('Shift', t - 1, { code: 'ShiftLeft', shiftKey: true })));
    const ev = key(ch, t);
    results.push(det.feed(opts.ime ? { ...ev, key: 'Process', isComposing: true, keyCode: 229 } : ev));
    t += gap;
  }
  const term = opts.terminator === undefined ? 'Enter' : opts.terminator;
  if (term !== null) {
    const ev = key(term, t, { code: term });
    results.push(det.feed(opts.ime ? { ...ev, key: 'Process', isComposing: true, keyCode: 229 } : ev));
    t += gap;
  }
  return { results, end: t };
}

const scans = (r: (string | null)[]) => r.filter((x): x is string => x !== null);

describe('WedgeDetector', () => {
  it('turns a 5–10 ms burst ending in Enter into one scan', () => {
    const det = new WedgeDetector();
    expect(scans(type(det, '6901234567892', { gap: 5 }).results)).toEqual(['6901234567892']);
    expect(scans(type(det, 'SO20261125001', { gap: 10, start: 5000 }).results)).toEqual(['SO20261125001']);
  });

  it('never produces a scan from human typing at 80 ms or 120 ms per key, even with Enter', () => {
    const det = new WedgeDetector();
    expect(scans(type(det, 'hello12345', { gap: 80 }).results)).toEqual([]);
    expect(scans(type(det, 'CMD-ACK', { gap: 120, start: 9000 }).results)).toEqual([]);
  });

  it('picks out only the scanner code when a person types first', () => {
    const det = new WedgeDetector();
    const human = type(det, 'abc', { gap: 90, terminator: null });
    const scanner = type(det, 'CMD-NEXT', { gap: 4, start: human.end + 400 });
    expect(scans([...human.results, ...scanner.results])).toEqual(['CMD-NEXT']);
  });

  it('rejects a burst whose terminator comes too late', () => {
    const det = new WedgeDetector();
    const r = type(det, 'ABCDEF', { gap: 5, terminator: null });
    expect(det.feed(key('Enter', r.end + 200))).toBeNull();
  });

  it('reads the physical key codes while a Chinese IME is composing', () => {
    const det = new WedgeDetector();
    expect(scans(type(det, 'SF1234-ab/9.X', { gap: 5, ime: true }).results)).toEqual(['SF1234-ab/9.X']);
  });

  it('keeps - / . intact', () => {
    const det = new WedgeDetector();
    expect(scans(type(det, 'RSN-STOCK-SHORT', { gap: 5 }).results)).toEqual(['RSN-STOCK-SHORT']);
    expect(scans(type(det, 'A/B.C-1', { gap: 5, start: 3000 }).results)).toEqual(['A/B.C-1']);
  });

  it('maps numpad keys under an IME', () => {
    const det = new WedgeDetector();
    let t = 100;
    for (const code of [
      'Numpad1',
      'Numpad2',
      'NumpadSubtract',
      'Numpad3',
      'NumpadDivide',
      'NumpadDecimal',
      'Numpad4',
    ]) {
      det.feed({
        key: 'Process',
        code,
        shiftKey: false,
        ctrlKey: false,
        altKey: false,
        isComposing: true,
        timeStamp: (t += 5),
      });
    }
    expect(
      det.feed({
        key: 'Process',
        code: 'NumpadEnter',
        shiftKey: false,
        ctrlKey: false,
        altKey: false,
        isComposing: true,
        timeStamp: t + 5,
      }),
    ).toBe('12-3/.4');
  });

  it('turns Ctrl+] and GroupSeparator into GS for GS1 element strings', () => {
    const det = new WedgeDetector();
    let t = 0;
    const feed = (k: string, extra: Partial<WedgeKey> = {}) => det.feed(key(k, (t += 5), extra));
    for (const ch of '0106901234567892') feed(ch);
    feed('Control', { code: 'ControlLeft', ctrlKey: true });
    feed(']', { code: 'BracketRight', ctrlKey: true });
    for (const ch of '10ABC') feed(ch);
    feed('GroupSeparator', { code: 'Unidentified' });
    for (const ch of '2112') feed(ch);
    expect(feed('Enter')).toBe('0106901234567892\x1D10ABC\x1D2112');
  });

  it('ignores bursts shorter than minLength', () => {
    const det = new WedgeDetector({ minLength: 4 });
    expect(scans(type(det, 'AB1', { gap: 5 }).results)).toEqual([]);
    expect(scans(type(det, 'AB12', { gap: 5, start: 4000 }).results)).toEqual(['AB12']);
    const strict = new WedgeDetector({ minLength: 8 });
    expect(scans(type(strict, 'AB12345', { gap: 5 }).results)).toEqual([]);
  });

  it('accepts Tab as a terminator and can be limited to Enter', () => {
    expect(scans(type(new WedgeDetector(), 'JD0012345678', { gap: 5, terminator: 'Tab' }).results)).toEqual([
      'JD0012345678',
    ]);
    expect(
      scans(type(new WedgeDetector({ terminators: ['Enter'] }), 'JD0012345678', { gap: 5, terminator: 'Tab' }).results),
    ).toEqual([]);
  });

  it('breaks a burst on non-character keys and auto-repeat', () => {
    const det = new WedgeDetector();
    const r1 = type(det, 'ABCD', { gap: 5, terminator: null });
    det.feed(key('ArrowDown', r1.end));
    expect(det.feed(key('Enter', r1.end + 5))).toBeNull();
    let t = 10_000;
    det.feed(key('1', t));
    for (let i = 0; i < 6; i++) det.feed(key('1', (t += 30), { repeat: true }));
    expect(det.feed(key('Enter', t + 30))).toBeNull();
  });

  it('reports which keys belong to a burst so the installer can swallow them', () => {
    const det = new WedgeDetector();
    det.feed(key('A', 0));
    expect(det.lastKeyConsumed).toBe(false);
    det.feed(key('B', 5));
    expect(det.lastKeyConsumed).toBe(true);
    det.feed(key('C', 10));
    det.feed(key('D', 15));
    expect(det.feed(key('Enter', 20))).toBe('ABCD');
    expect(det.lastKeyConsumed).toBe(true);
    det.feed(key('Enter', 500));
    expect(det.lastKeyConsumed).toBe(false);
  });
});

describe('installWedge', () => {
  it('listens on window in the capture phase, prevents default on burst keys and reports the scan', () => {
    const got: string[] = [];
    const off = installWedge(window, (code) => got.push(code));
    const events: KeyboardEvent[] = [];
    for (const k of ['C', 'M', 'D', '-', 'A', 'C', 'K', 'Enter']) {
      const ev = new KeyboardEvent('keydown', {
        key: k,
        code: k === 'Enter' ? 'Enter' : codeOf(k),
        cancelable: true,
        bubbles: true,
      });
      events.push(ev);
      document.body.dispatchEvent(ev);
    }
    off();
    expect(got).toEqual(['CMD-ACK']);
    // jsdom stamps events with real time; they are dispatched back to back, well inside 35 ms.
    expect(events.slice(1).every((e) => e.defaultPrevented)).toBe(true);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'X' }));
    expect(got).toEqual(['CMD-ACK']);
  });
});

describe('WedgeDetector: wireless pauses and misreads (issue 12 §4)', () => {
  it('rejoins a scan split by a 60 ms pause into one scan', () => {
    const det = new WedgeDetector();
    const head = type(det, '690123', { gap: 6, terminator: null });
    const tail = type(det, '4567892', { gap: 6, start: head.end - 6 + 60 });
    expect(scans([...head.results, ...tail.results])).toEqual(['6901234567892']);
    expect(det.lastMisread).toBeNull();
  });

  it('rejoins several pauses up to rejoinMs, and a terminator that comes after a pause', () => {
    const det = new WedgeDetector({ rejoinMs: 150 });
    const a = type(det, 'SO2026', { gap: 5, terminator: null });
    const b = type(det, '1125', { gap: 5, start: a.end - 5 + 140, terminator: null });
    const c = type(det, '001', { gap: 5, start: b.end - 5 + 45, terminator: null });
    expect(det.feed(key('Enter', c.end - 5 + 100))).toBe('SO20261125001');
  });

  it('the window is configurable: with rejoinMs 0 a 60 ms pause splits the scan', () => {
    const det = new WedgeDetector({ rejoinMs: 0 });
    const head = type(det, '690123', { gap: 6, terminator: null });
    const tail = type(det, '4567892', { gap: 6, start: head.end - 6 + 60 });
    expect(scans([...head.results, ...tail.results])).toEqual(['4567892']);
  });

  it('reports a lone fragment (no terminator, nothing within rejoinMs) as a misread, not a scan', () => {
    const det = new WedgeDetector();
    const r = type(det, '6901234', { gap: 6, terminator: null });
    expect(scans(r.results)).toEqual([]);
    expect(det.pending).toBe(true);
    expect(det.timeout(r.end - 6 + 100)).toBeNull();
    expect(det.timeout(r.end - 6 + 151)).toEqual({ text: '6901234', reason: 'fragment' });
    expect(det.pending).toBe(false);
  });

  it('a fragment followed by another scan after the window is a misread, and the next scan stands alone', () => {
    const det = new WedgeDetector();
    const head = type(det, 'ABCDEF', { gap: 5, terminator: null });
    const next = type(det, 'CMD-ACK', { gap: 5, start: head.end + 400 });
    expect(scans(next.results)).toEqual(['CMD-ACK']);
    // The first key of the next burst revealed the fragment.
    const det2 = new WedgeDetector();
    const h2 = type(det2, 'ABCDEF', { gap: 5, terminator: null });
    det2.feed(key('C', h2.end + 400));
    expect(det2.lastMisread).toEqual({ text: 'ABCDEF', reason: 'fragment' });
  });

  it('reports a fast burst too short for any code as a misread', () => {
    const det = new WedgeDetector({ minLength: 4 });
    const r = type(det, 'AB1', { gap: 5 });
    expect(scans(r.results)).toEqual([]);
    expect(det.lastMisread).toEqual({ text: 'AB1', reason: 'short' });
  });

  it('never rejoins or reports a person typing, even at 90 ms a key', () => {
    const det = new WedgeDetector();
    const human = type(det, 'hello', { gap: 90, terminator: null });
    expect(scans(human.results)).toEqual([]);
    expect(det.pending).toBe(false);
    expect(det.timeout(human.end + 1000)).toBeNull();
    const r = type(det, 'abcde', { gap: 100, start: 20_000 });
    expect(scans(r.results)).toEqual([]);
    expect(det.lastMisread).toBeNull();
  });
});

describe('installWedge: misread timer and input guard', () => {
  function dispatch(target: EventTarget, k: string, timeStamp: number): KeyboardEvent {
    const ev = new KeyboardEvent('keydown', {
      key: k,
      code: k === 'Enter' ? 'Enter' : codeOf(k),
      cancelable: true,
      bubbles: true,
    });
    Object.defineProperty(ev, 'timeStamp', { value: timeStamp });
    target.dispatchEvent(ev);
    return ev;
  }

  it('reports a fragment as a misread once nothing follows for the real-time window', async () => {
    const misreads: unknown[] = [];
    const got: string[] = [];
    let clock = 1000;
    const off = installWedge(window, (c) => got.push(c), {
      rejoinMs: 40,
      onMisread: (m) => misreads.push(m),
    });
    for (const ch of '69012') dispatch(document.body, ch, (clock += 5));
    await new Promise((r) => setTimeout(r, 100));
    expect(misreads).toEqual([]); // the real-time window is generous: ≥ 600 ms
    await new Promise((r) => setTimeout(r, 600));
    off();
    expect(got).toEqual([]);
    expect(misreads).toEqual([{ text: '69012', reason: 'fragment' }]);
  });

  it('undoes what the first key of a burst typed into a focused field when guarding inputs', () => {
    const input = document.createElement('input');
    input.value = 'COM3';
    document.body.appendChild(input);
    input.focus();
    const seen: string[] = [];
    input.addEventListener('input', () => seen.push(input.value));
    const got: string[] = [];
    const off = installWedge(window, (c) => got.push(c), { guardInputs: () => true });
    // jsdom does not type on keydown: emulate the browser typing the first (unswallowed) key.
    const first = dispatch(input, 'C', 1000);
    if (!first.defaultPrevented) input.value += 'C';
    let t = 1000;
    const rest = ['M', 'D', '-', 'A', 'C', 'K', 'Enter'].map((k) => dispatch(input, k, (t += 5)));
    off();
    input.remove();
    expect(got).toEqual(['CMD-ACK']);
    expect(rest.every((e) => e.defaultPrevented)).toBe(true);
    expect(input.value).toBe('COM3');
    expect(seen).toEqual(['COM3']);
  });
});
