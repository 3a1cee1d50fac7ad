// One encoder per printer language. ZPL needs a rasterizer for the Chinese text stock Zebras have
// no font for; TSPL sets Chinese with the printer's TSS24.BF2 and rasterizes what that 24-dot font
// cannot draw at the planned size; ESC/POS prints GBK in the printer's Chinese mode (FS &).
import type { LabelEncoder, PrinterLanguage, TextRasterizer } from '../types.js';
import { escposEncoder } from './escpos.js';
import { createTsplEncoder } from './tspl.js';
import { createZplEncoder } from './zpl.js';

export function encoderFor(language: PrinterLanguage, rasterizer: TextRasterizer): LabelEncoder {
  switch (language) {
    case 'tspl':
      return createTsplEncoder(rasterizer);
    case 'zpl':
      return createZplEncoder(rasterizer);
    case 'escpos':
      return escposEncoder;
  }
}
