// A keyboard-wedge scanner emulated through Chrome DevTools' Input.dispatchKeyEvent: real key events
// carrying the timestamps a scanner produces, so a page sees scanner timing even when a loaded
// machine delays delivery. Shared by the UI bench and the browser tests (test/e2e/wedge.ts).

interface KeyEventParams {
  type: 'keyDown' | 'keyUp';
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  nativeVirtualKeyCode: number;
  modifiers: number;
  text?: string;
  unmodifiedText?: string;
  timestamp: number;
}

/** The one CDP call this needs (a Playwright CDPSession fits). */
export interface KeySender {
  send(method: 'Input.dispatchKeyEvent', params: KeyEventParams): Promise<unknown>;
}

interface KeyInfo {
  key: string;
  code: string;
  keyCode: number;
  text: string;
  shift: boolean;
}

const PUNCTUATION: Record<string, [code: string, keyCode: number, shift: boolean]> = {
  '-': ['Minus', 189, false],
  _: ['Minus', 189, true],
  '/': ['Slash', 191, false],
  '.': ['Period', 190, false],
};

export function keyInfo(ch: string): KeyInfo {
  if (ch === 'Enter') return { key: 'Enter', code: 'Enter', text: '\r', keyCode: 13, shift: false };
  if (/^[a-z]$/.test(ch))
    return { key: ch, code: `Key${ch.toUpperCase()}`, text: ch, keyCode: ch.toUpperCase().charCodeAt(0), shift: false };
  if (/^[A-Z]$/.test(ch)) return { key: ch, code: `Key${ch}`, text: ch, keyCode: ch.charCodeAt(0), shift: true };
  if (/^[0-9]$/.test(ch)) return { key: ch, code: `Digit${ch}`, text: ch, keyCode: ch.charCodeAt(0), shift: false };
  const p = PUNCTUATION[ch];
  if (!p) throw new Error(`wedge emulation: no key for ${JSON.stringify(ch)}`);
  return { key: ch, code: p[0], text: ch, keyCode: p[1], shift: p[2] };
}

/**
 * Types `keys` (characters, or "Enter"), stamping each key `gapMs(i)` after the previous one and
 * waiting that long in real time too (`wait`; a bench that only needs the stamps passes no wait).
 */
export async function typeKeys(
  cdp: KeySender,
  keys: readonly string[],
  gapMs: (index: number) => number,
  wait: (ms: number) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  let t = Date.now() / 1000;
  for (let i = 0; i < keys.length; i++) {
    const k = keyInfo(keys[i] as string);
    const base = {
      key: k.key,
      code: k.code,
      windowsVirtualKeyCode: k.keyCode,
      nativeVirtualKeyCode: k.keyCode,
      modifiers: k.shift ? 8 : 0,
    };
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      ...base,
      text: k.text,
      unmodifiedText: k.text,
      timestamp: t,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base, timestamp: t + 0.002 });
    const gap = gapMs(i);
    t += gap / 1000;
    await wait(gap);
  }
}
