// The desk command card (issue 12 §7): every code is there, drawn at ≥ 0.25 mm per module, and
// decodes — read back by a third party (ZXing, wasm) from pixels drawn off the card's own SVG.
// The sheet page keeps asking a station that is not up yet until it answers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BarcodeSheet } from '../../src/contract/api/sheet.js';
import { CoreClientError } from '../../src/renderer/client/types.js';
import { CARD_GROUPS, CARD_MODULE_MM, QUIET_MM } from '../../src/renderer/components/sheet/card-codes.js';
import { SHEET_RETRY_MS } from '../../src/renderer/screens/SheetScreen.js';
import { snapshot } from './fixtures.js';
import { renderApp } from './render.js';

const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
prepareZXingModule({
  overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
});

/** 203 dpi, the common thermal desk printer: 8 dots per mm, so a 0.25 mm module is 2 dots. */
const DOTS_PER_MM = 8;

/** Draws one card barcode as a printer would (its mm size at 8 dots/mm, with its quiet zone) and reads it. */
async function decode(svg: SVGSVGElement): Promise<string[]> {
  const widthMm = parseFloat(svg.style.width);
  const heightMm = parseFloat(svg.style.height);
  const w = Math.round(widthMm * DOTS_PER_MM);
  const h = Math.round(heightMm * DOTS_PER_MM);
  const doc = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${svg.getAttribute('viewBox') ?? ''}" preserveAspectRatio="none">${svg.innerHTML}</svg>`;
  const img = await loadImage(Buffer.from(doc));
  const quiet = Math.round(QUIET_MM * DOTS_PER_MM);
  const canvas = createCanvas(w + 2 * quiet, h + 2 * quiet);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, quiet, quiet, w, h);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const results = await readBarcodes(
    { data: data.data as Uint8ClampedArray<ArrayBuffer>, width: data.width, height: data.height, colorSpace: 'srgb' },
    { formats: ['Code128'], tryHarder: false, maxNumberOfSymbols: 1 },
  );
  return results.map((r) => r.text);
}

const SHEET: BarcodeSheet = {
  commands: [{ code: 'CMD-ACK', labelKey: 'command.ACK', text: 'CMD-ACK' }],
  quantities: [],
  reasons: { hold: [], override: [] },
  packaging: [],
  badges: [],
  products: [],
  orders: [],
};

beforeEach(() => {
  window.location.hash = '#/sheet/card';
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  window.location.hash = '';
});

describe('desk command card', () => {
  const expected = CARD_GROUPS.flatMap((g) => g.codes.map((c) => c.code));

  it('carries ACK, CANCEL, HOLD + reasons, OVERRIDE + reasons, NEXT, REPRINT, QTY 2–5 and LOGOUT', () => {
    renderApp(snapshot(), { handlers: {} });
    for (const code of ['CMD-ACK', 'CMD-CANCEL', 'CMD-HOLD', 'CMD-OVERRIDE', 'CMD-NEXT', 'CMD-REPRINT', 'CMD-LOGOUT'])
      expect(expected).toContain(code);
    for (const q of [2, 3, 4, 5]) expect(expected).toContain(`CMD-QTY-${q}`);
    expect(expected).toContain('RSN-STOCK-SHORT');
    expect(expected).toContain('RSN-SUPERVISOR-CHECKED');
    const card = screen.getByTestId('command-card');
    expect(card.querySelectorAll('svg[data-barcode="code128"]')).toHaveLength(expected.length);
    expect(screen.getByTestId('card-CMD-ACK').textContent).toContain('确认');
    expect(screen.getByTestId('card-CMD-QTY-3').textContent).toContain('数量×3');
  });

  it('draws every code at ≥ 0.25 mm per module, no wider than the A5 card', () => {
    renderApp(snapshot(), { handlers: {} });
    for (const code of expected) {
      const svg = screen.getByTestId(`card-${code}`).querySelector('svg') as SVGSVGElement;
      const modules = Number((svg.getAttribute('viewBox') ?? '').split(' ')[2]);
      const moduleMm = parseFloat(svg.style.width) / modules;
      expect(moduleMm, code).toBeGreaterThanOrEqual(CARD_MODULE_MM - 1e-6);
      // With its quiet zone on both sides, the code fits the 136 mm printable width of A5.
      expect(parseFloat(svg.style.width) + 2 * QUIET_MM, code).toBeLessThanOrEqual(136);
    }
  });

  it('every code decodes (ZXing) from its bars drawn at 203 dpi', async () => {
    renderApp(snapshot(), { handlers: {} });
    for (const code of expected) {
      const svg = screen.getByTestId(`card-${code}`).querySelector('svg') as SVGSVGElement;
      expect(await decode(svg), code).toEqual([code]);
    }
  });

  it('switches between the A4 sheet and the card by its tabs', async () => {
    renderApp(snapshot(), { handlers: { 'sheet.get': () => SHEET } });
    expect(screen.getByTestId('command-card')).toBeTruthy();
    window.location.hash = '#/sheet';
    await waitFor(() => expect(screen.getByTestId('sheet-commands')).toBeTruthy());
    expect(screen.queryByTestId('command-card')).toBeNull();
  });
});

describe('barcode sheet retries until the station answers', () => {
  it('asks again after a failure and fills in once the station is up', async () => {
    window.location.hash = '#/sheet';
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let up = false;
    const { calls } = renderApp(snapshot(), {
      handlers: {
        'sheet.get': () => {
          if (!up) throw new CoreClientError({ code: 'transport', message: 'station not connected', retryable: true });
          return SHEET;
        },
      },
    });
    await waitFor(() => expect(screen.getByTestId('sheet-error').textContent).toContain('正在等待工作站连接'));
    up = true;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SHEET_RETRY_MS + 100);
    });
    await waitFor(() => expect(screen.getByTestId('sheet-commands')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'sheet.get').length).toBeGreaterThanOrEqual(2);
  });
});
