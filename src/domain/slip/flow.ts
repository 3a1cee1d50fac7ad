// Text flowing down a receipt or a page: rows placed one under the other at a fixed width, wrapped
// where the paper really ends. Packing slips and 交接单 are laid out with it.
import type { LabelElement, LabelLayout } from '../../contract/label.js';
import { wrapText } from '../label/layout.js';

export class Flow {
  elements: LabelElement[] = [];
  /** Where the next row goes (mm from the top). */
  y = 0;

  constructor(
    readonly widthMm: number,
    private readonly bodyMm: number,
    private readonly gapMm = 1,
  ) {}

  text(s: string, size = this.bodyMm, bold = false): void {
    for (const line of wrapText(s, size, this.widthMm)) {
      this.elements.push({
        type: 'text',
        x: 0,
        y: this.y,
        size,
        text: line,
        ...(bold ? { bold } : {}),
        maxWidth: this.widthMm,
      });
      this.y += size + this.gapMm;
    }
  }

  rule(): void {
    this.elements.push({ type: 'line', x: 0, y: this.y, width: this.widthMm, height: 0.3 });
    this.y += 1 + this.gapMm;
  }

  /** An element `heightMm` tall at the current row (a barcode, a QR code). */
  place(element: LabelElement, heightMm: number): void {
    this.elements.push(element);
    this.y += heightMm + this.gapMm;
  }

  /** The rows so far as one page (`heightMm` null: as tall as they are), and a fresh page after. */
  page(heightMm: number | null): LabelLayout {
    const out = { widthMm: this.widthMm, heightMm: heightMm ?? Math.ceil(this.y), elements: this.elements };
    this.elements = [];
    this.y = 0;
    return out;
  }
}
