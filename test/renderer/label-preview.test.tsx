import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LabelSvg } from '../../src/renderer/label/LabelSvg.js';
import { barcodeSvg } from '../../src/renderer/label/bwip.js';
import { LAYOUT, WAYBILL } from './fixtures.js';

afterEach(cleanup);

describe('LabelSvg', () => {
  it('draws the layout in millimetres with the waybill as text and as Code 128 bars', () => {
    const { container } = render(<LabelSvg layout={LAYOUT} title={WAYBILL} />);
    const svg = container.querySelector('svg.label-svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 100 180');

    const texts = Array.from(svg.querySelectorAll('text'));
    expect(texts.map((t) => t.textContent)).toContain(`运单号 ${WAYBILL}`);
    const carrier = texts.find((t) => t.textContent === '顺丰速运')!;
    expect(carrier.getAttribute('font-size')).toBe('6');
    expect(carrier.getAttribute('font-weight')).toBe('700');

    const code = svg.querySelector('[data-barcode="code128"]')!;
    expect(code.getAttribute('data-text')).toBe(WAYBILL);
    const bars = code.querySelector('svg')!;
    expect(bars.querySelectorAll('path').length).toBeGreaterThan(0);
    expect(Number(bars.getAttribute('width'))).toBeCloseTo(barcodeSvg('code128', WAYBILL)!.width * 0.4);
    expect(bars.getAttribute('height')).toBe('18');
    // showText: the human-readable line sits under the bars.
    expect(Array.from(code.querySelectorAll('text'), (t) => t.textContent)).toEqual([WAYBILL]);

    expect(svg.querySelector('[data-barcode="qr"] path')).not.toBeNull();
    const rects = Array.from(svg.querySelectorAll(':scope > rect'));
    // background, box outline (inset by half its stroke), divider line
    expect(rects).toHaveLength(3);
    expect(rects[1]!.getAttribute('x')).toBe('0.25');
    expect(rects[1]!.getAttribute('stroke-width')).toBe('0.5');
    expect(rects[2]!.getAttribute('height')).toBe('0.4');
  });

  it('falls back to the human text when bwip-js cannot encode the data', () => {
    const layout = {
      widthMm: 50,
      heightMm: 30,
      elements: [{ type: 'code128' as const, x: 1, y: 1, height: 10, moduleWidth: 0.3, text: '', showText: false }],
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { container } = render(<LabelSvg layout={layout} />);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    expect(container.querySelector('[data-barcode="code128"] svg')).toBeNull();
    expect(container.querySelector('[data-barcode="code128"] text')).not.toBeNull();
  });
});
