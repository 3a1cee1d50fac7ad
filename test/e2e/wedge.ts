// Emulated keyboard-wedge scanner. Keys go in as real browser input events (CDP Input.dispatchKeyEvent)
// carrying the timestamps a scanner would produce — 5–10 ms apart, then Enter — so the page sees
// scanner timing even when this shared machine delays delivery. A person typing is the same with
// ≥ 80 ms between keys.
import type { CDPSession, Page } from '@playwright/test';

const sessions = new WeakMap<Page, CDPSession>();

async function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = await page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

function keyInfo(ch: string): { key: string; code: string; text?: string; keyCode: number; shift: boolean } {
  if (ch === 'Enter') return { key: 'Enter', code: 'Enter', text: '\r', keyCode: 13, shift: false };
  if (/^[a-z]$/.test(ch))
    return { key: ch, code: `Key${ch.toUpperCase()}`, text: ch, keyCode: ch.toUpperCase().charCodeAt(0), shift: false };
  if (/^[A-Z]$/.test(ch)) return { key: ch, code: `Key${ch}`, text: ch, keyCode: ch.charCodeAt(0), shift: true };
  if (/^[0-9]$/.test(ch)) return { key: ch, code: `Digit${ch}`, text: ch, keyCode: ch.charCodeAt(0), shift: false };
  const punct: Record<string, [string, number, boolean]> = {
    '-': ['Minus', 189, false],
    '/': ['Slash', 191, false],
    '.': ['Period', 190, false],
    _: ['Minus', 189, true],
  };
  const p = punct[ch];
  if (!p) throw new Error(`wedge emulation: no key for ${JSON.stringify(ch)}`);
  return { key: ch, code: p[0], text: ch, keyCode: p[1], shift: p[2] };
}

async function typeTimed(page: Page, text: string, gap: () => number): Promise<void> {
  const cdp = await session(page);
  let t = Date.now() / 1000;
  for (const ch of [...text, 'Enter']) {
    const k = keyInfo(ch);
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
    const g = gap();
    t += g / 1000;
    await page.waitForTimeout(g);
  }
}

export function wedgeScan(page: Page, code: string): Promise<void> {
  return typeTimed(page, code, () => 5 + Math.random() * 5);
}

export function humanType(page: Page, text: string, gapMs = 90): Promise<void> {
  return typeTimed(page, text, () => gapMs);
}

/**
 * A wireless scanner's scan with a hole in it (issue 12 §4): the first `splitAt` characters, a pause of
 * `pauseMs`, then the rest and Enter. `enter: false` sends a fragment that never ends.
 */
export async function wedgeScanWithPause(
  page: Page,
  code: string,
  splitAt: number,
  pauseMs: number,
  enter = true,
): Promise<void> {
  const cdp = await session(page);
  let t = Date.now() / 1000;
  const keys = [...code, ...(enter ? ['Enter'] : [])];
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
    const gap = i === splitAt - 1 ? pauseMs : 5 + Math.random() * 5;
    t += gap / 1000;
    await page.waitForTimeout(gap);
  }
}
