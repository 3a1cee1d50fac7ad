// One encoder per printer language. ZPL needs a rasterizer for the Chinese text stock Zebras have
// no font for; TSPL sets Chinese with the printer's TSS24.BF2 and ESC/POS with its GB2312 font.
import type { LabelEncoder, PrinterLanguage, TextRasterizer } from '../types.js';
import { escposEncoder } from './escpos.js';
import { tsplEncoder } from './tspl.js';
import { createZplEncoder } from './zpl.js';

export function encoderFor(language: PrinterLanguage, rasterizer: TextRasterizer): LabelEncoder {
  switch (language) {
    case 'tspl':
      return tsplEncoder;
    case 'zpl':
      return createZplEncoder(rasterizer);
    case 'escpos':
      return escposEncoder;
  }
}
