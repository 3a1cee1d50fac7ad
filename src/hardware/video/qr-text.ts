// A QR code as text: FFmpeg's drawtext re-reads a text file on every frame (reload=1), so a QR drawn
// with Unicode half blocks (▀ ▄ █, two module rows per text line) changes exactly when the file does —
// an image input (image2 -loop) is read ahead by FFmpeg and shows a QR seconds stale. With DejaVu Sans
// Mono a cell is 0.6 em wide and a line ~1.17 em, so a half block is close to square; line spacing is
// pulled in by ~15 % so rows touch (tested by decoding frames with zxing in test/unit/video).
import bwipjs from 'bwip-js';

const QUIET = 2;

export function qrMatrix(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  const [sym] = bwipjs.raw('qrcode', text, 'eclevel=L') as unknown as { pixs: number[]; pixx: number; pixy: number }[];
  if (!sym) throw new Error('qr: no symbol');
  return {
    size: sym.pixx,
    dark: (x, y) => x >= 0 && y >= 0 && x < sym.pixx && y < sym.pixy && sym.pixs[y * sym.pixx + x] === 1,
  };
}

/** Lines of half blocks (with a 2-module quiet zone) drawing the QR of `text`. */
export function qrText(text: string): string {
  const m = qrMatrix(text);
  const n = m.size + 2 * QUIET;
  const lines: string[] = [];
  for (let y = 0; y < n; y += 2) {
    let line = '';
    for (let x = 0; x < n; x++) {
      const top = m.dark(x - QUIET, y - QUIET);
      const bottom = m.dark(x - QUIET, y + 1 - QUIET);
      line += top && bottom ? '\u2588' : top ? '\u2580' : bottom ? '\u2584' : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** What the per-second QR says: `PD:<epoch seconds>` (alphanumeric mode keeps it at version 1). */
export function qrPayload(epochMs: number): string {
  return `PD:${Math.floor(epochMs / 1000)}`;
}

export function parseQrPayload(text: string): number | null {
  const m = /^PD:(\d{9,11})$/.exec(text);
  return m ? Number(m[1]) * 1000 : null;
}
