// Emulated keyboard-wedge scanner: one keystroke every 5–10 ms, then Enter — what a USB scanner does.
import type { Page } from '@playwright/test';

export async function wedgeScan(page: Page, code: string, gapMs: [number, number] = [5, 10]): Promise<void> {
  for (const ch of [...code, 'Enter']) {
    await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    await page.waitForTimeout(gapMs[0] + Math.random() * (gapMs[1] - gapMs[0]));
  }
}

/** A person typing: ≥ 80 ms between keys. */
export async function humanType(page: Page, text: string, gapMs = 90): Promise<void> {
  for (const ch of [...text, 'Enter']) {
    await page.keyboard.press(ch);
    await page.waitForTimeout(gapMs);
  }
}
