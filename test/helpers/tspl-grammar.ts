// A strict reader for the TSPL subset Packdesk sends (TSPL2 programming manual; hardware.md C.1).
// Written from the manual, not from the encoder: every command must be one it knows, every argument
// in the manual's range, every string GBK that decodes and encodes back to the same bytes. BITMAP
// carries raw rows, so the stream is read as bytes, not as text lines.
import iconv from 'iconv-lite';

export type TsplCommand =
  | { cmd: 'SIZE'; widthMm: number; heightMm: number }
  | { cmd: 'GAP' | 'BLINE'; a: string }
  | { cmd: 'DIRECTION' | 'REFERENCE'; args: number[] }
  | { cmd: 'DENSITY'; value: number }
  | { cmd: 'CLS' }
  | { cmd: 'TEXT'; x: number; y: number; font: string; rotation: number; xMul: number; yMul: number; text: string }
  | {
      cmd: 'BARCODE';
      x: number;
      y: number;
      type: string;
      height: number;
      hri: number;
      narrow: number;
      wide: number;
      text: string;
    }
  | { cmd: 'QRCODE'; x: number; y: number; ecc: string; cell: number; mode: string; text: string }
  | { cmd: 'BAR'; x: number; y: number; width: number; height: number }
  | { cmd: 'BOX'; x: number; y: number; x2: number; y2: number; thickness: number }
  | { cmd: 'BITMAP'; x: number; y: number; widthBytes: number; height: number; mode: number; data: Uint8Array }
  | { cmd: 'PRINT'; sets: number; copies: number };

const CRLF = [0x0d, 0x0a];

function fail(line: string, why: string): never {
  throw new Error(`TSPL: ${why} in ${JSON.stringify(line.slice(0, 120))}`);
}

/** Splits an argument list at commas outside double quotes; quoted strings keep their \["] escapes. */
function splitArgs(rest: string, line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest.charAt(i);
    if (inQuote && ch === '\\' && rest.startsWith('\\["]', i)) {
      cur += '\\["]';
      i += 3;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    if (ch === ',' && !inQuote) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (inQuote) fail(line, 'unterminated string');
  out.push(cur);
  return out.map((a) => a.trim());
}

function int(arg: string | undefined, min: number, max: number, line: string, what: string): number {
  if (arg === undefined || !/^\d+$/.test(arg)) fail(line, `${what} is not a whole number (${String(arg)})`);
  const n = Number(arg);
  if (n < min || n > max) fail(line, `${what} ${n} outside ${min}–${max}`);
  return n;
}

/** A quoted TSPL string: its bytes (latin1 in `raw`) must be GBK that survives a round trip. */
function str(arg: string | undefined, line: string, what: string): string {
  if (arg === undefined || !/^".*"$/s.test(arg)) fail(line, `${what} is not a quoted string`);
  const bytes = Buffer.from(arg.slice(1, -1).replaceAll('\\["]', '"'), 'latin1');
  const text = iconv.decode(bytes, 'gbk');
  if (!iconv.encode(text, 'gbk').equals(bytes) || text.includes('\ufffd')) fail(line, `${what} is not valid GBK`);
  return text;
}

function mm(arg: string | undefined, line: string): number {
  const m = /^(\d+(?:\.\d+)?) mm$/.exec(arg ?? '');
  if (!m) fail(line, `expected "<n> mm", got ${String(arg)}`);
  return Number(m[1]);
}

function parseLine(line: string, bytesLine: string): TsplCommand {
  const [cmd = '', rest = ''] = line.split(/ (.*)/s);
  const a = splitArgs(rest, bytesLine);
  const need = (n: number): void => {
    if (a.length !== n) fail(bytesLine, `${cmd} takes ${n} arguments, got ${a.length}`);
  };
  switch (cmd) {
    case 'SIZE':
      need(2);
      return { cmd, widthMm: mm(a[0], line), heightMm: mm(a[1], line) };
    case 'GAP':
    case 'BLINE':
      need(2);
      if (!(rest === '0,0' || (mm(a[0], line) >= 0 && mm(a[1], line) >= 0))) fail(line, 'bad media');
      return { cmd, a: rest };
    case 'DIRECTION':
      need(2);
      return { cmd, args: [int(a[0], 0, 1, line, 'direction'), int(a[1], 0, 1, line, 'mirror')] };
    case 'REFERENCE':
      need(2);
      return { cmd, args: [int(a[0], 0, 9999, line, 'x'), int(a[1], 0, 9999, line, 'y')] };
    case 'DENSITY':
      need(1);
      return { cmd, value: int(a[0], 0, 15, line, 'density') };
    case 'CLS':
      if (rest !== '') fail(line, 'CLS takes no arguments');
      return { cmd };
    case 'TEXT': {
      need(7);
      const font = str(a[2], bytesLine, 'font');
      if (!['TSS24.BF2', '1', '2', '3', '4', '5', '6', '7', '8'].includes(font)) fail(line, `unknown font ${font}`);
      const rotation = int(a[3], 0, 270, line, 'rotation');
      if (rotation % 90 !== 0) fail(line, 'rotation');
      return {
        cmd,
        x: int(a[0], 0, 9999, line, 'x'),
        y: int(a[1], 0, 9999, line, 'y'),
        font,
        rotation,
        xMul: int(a[4], 1, 10, line, 'x-multiplication'),
        yMul: int(a[5], 1, 10, line, 'y-multiplication'),
        text: str(a[6], bytesLine, 'content'),
      };
    }
    case 'BARCODE': {
      need(9);
      const type = str(a[2], bytesLine, 'code type');
      if (type !== '128') fail(line, `Packdesk only sends Code 128, got ${type}`);
      int(a[5], 0, 270, line, 'rotation');
      return {
        cmd,
        x: int(a[0], 0, 9999, line, 'x'),
        y: int(a[1], 0, 9999, line, 'y'),
        type,
        height: int(a[3], 1, 9999, line, 'height'),
        hri: int(a[4], 0, 3, line, 'human readable'),
        narrow: int(a[6], 1, 10, line, 'narrow'),
        wide: int(a[7], 1, 10, line, 'wide'),
        text: str(a[8], bytesLine, 'content'),
      };
    }
    case 'QRCODE': {
      need(7);
      if (!['L', 'M', 'Q', 'H'].includes(a[2] ?? '')) fail(line, 'ECC level');
      if (!['A', 'M'].includes(a[4] ?? '')) fail(line, 'mode');
      int(a[5], 0, 270, line, 'rotation');
      return {
        cmd,
        x: int(a[0], 0, 9999, line, 'x'),
        y: int(a[1], 0, 9999, line, 'y'),
        ecc: a[2] ?? '',
        cell: int(a[3], 1, 10, line, 'cell width'),
        mode: a[4] ?? '',
        text: str(a[6], bytesLine, 'content'),
      };
    }
    case 'BAR':
      need(4);
      return {
        cmd,
        x: int(a[0], 0, 9999, line, 'x'),
        y: int(a[1], 0, 9999, line, 'y'),
        width: int(a[2], 1, 9999, line, 'width'),
        height: int(a[3], 1, 9999, line, 'height'),
      };
    case 'BOX':
      need(5);
      return {
        cmd,
        x: int(a[0], 0, 9999, line, 'x'),
        y: int(a[1], 0, 9999, line, 'y'),
        x2: int(a[2], 0, 9999, line, 'x end'),
        y2: int(a[3], 0, 9999, line, 'y end'),
        thickness: int(a[4], 1, 99, line, 'thickness'),
      };
    case 'PRINT':
      need(2);
      return { cmd, sets: int(a[0], 1, 999999999, line, 'sets'), copies: int(a[1], 1, 999999999, line, 'copies') };
    default:
      return fail(line, `unknown command ${cmd}`);
  }
}

/** Reads the whole stream; throws on the first thing the manual does not allow. */
export function parseTspl(stream: Uint8Array): TsplCommand[] {
  const buf = Buffer.from(stream);
  const out: TsplCommand[] = [];
  let at = 0;
  while (at < buf.length) {
    if (buf.subarray(at, at + 7).toString('latin1') === 'BITMAP ') {
      // BITMAP x,y,width,height,mode,<width × height raw bytes>
      const header = /^BITMAP (\d+),(\d+),(\d+),(\d+),(\d+),/.exec(buf.subarray(at, at + 64).toString('latin1'));
      if (!header) fail(buf.subarray(at, at + 40).toString('latin1'), 'malformed BITMAP header');
      const [x, y, wb, h, mode] = header.slice(1).map(Number) as [number, number, number, number, number];
      if (mode > 2) fail(header[0], 'BITMAP mode outside 0–2');
      const start = at + header[0].length;
      const data = buf.subarray(start, start + wb * h);
      if (data.length !== wb * h || buf[start + wb * h] !== CRLF[0] || buf[start + wb * h + 1] !== CRLF[1])
        fail(header[0], 'BITMAP data length does not match width × height');
      out.push({ cmd: 'BITMAP', x, y, widthBytes: wb, height: h, mode, data: Uint8Array.from(data) });
      at = start + wb * h + 2;
      continue;
    }
    const end = buf.indexOf(Buffer.from(CRLF), at);
    if (end === -1) fail(buf.subarray(at).toString('latin1'), 'line without CR LF');
    const raw = buf.subarray(at, end).toString('latin1');
    out.push(parseLine(raw, raw));
    at = end + 2;
  }
  return out;
}
