// Emulated keyboard-wedge scanner for the browser tests (src/hosts/bench/wedge-keys.ts): keys 5–10 ms
// apart, then Enter. A person typing is the same with ≥ 80 ms between keys.
import type { CDPSession, Page } from '@playwright/test';
import { typeKeys } from '../../src/hosts/bench/wedge-keys.js';

const sessions = new WeakMap<Page, CDPSession>();

async function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = await page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

const scannerGap = () => 5 + Math.random() * 5;

async function typeOnPage(page: Page, keys: string[], gapMs: (i: number) => number): Promise<void> {
  await typeKeys(await session(page), keys, gapMs, (ms) => page.waitForTimeout(ms));
}

export function wedgeScan(page: Page, code: string): Promise<void> {
  return typeOnPage(page, [...code, 'Enter'], scannerGap);
}

export function humanType(page: Page, text: string, gapMs = 90): Promise<void> {
  return typeOnPage(page, [...text, 'Enter'], () => gapMs);
}

/**
 * A wireless scanner's scan with a hole in it (issue 12 §4): the first `splitAt` characters, a pause of
 * `pauseMs`, then the rest and Enter. `enter: false` sends a fragment that never ends.
 */
export function wedgeScanWithPause(
  page: Page,
  code: string,
  splitAt: number,
  pauseMs: number,
  enter = true,
): Promise<void> {
  const keys = [...code, ...(enter ? ['Enter'] : [])];
  return typeOnPage(page, keys, (i) => (i === splitAt - 1 ? pauseMs : scannerGap()));
}
