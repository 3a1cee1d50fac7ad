// Yaohua XK3190-A12 / A12E (hardware.md A.5; XK3190-A12(E) manual p.13, MCUSH XK3190A12 reader,
// Liden "format A"). Two firmwares, both one line per frame ending CR LF:
//   upper case, 15 bytes: `W G|N <7 chars> k g XH XL CR LF`, XH XL = nibble-ASCII XOR of bytes 1–11;
//   overload `9 spaces OL XH XL`, below −20 d `9 spaces LO XH XL`;
//   lower case, no check: `ww000.000kg` gross, `wn-0000.1kg` net, `wt…` tare.
// Neither carries a stability flag.
import type { FrameDecoder, ProtocolOptions, ScaleProtocol, SimReading } from '../protocol.js';
import { ascii } from './bytes.js';
import { xorCheckChars } from './checksums.js';
import { FramedDecoder, type FrameBody } from './framer.js';
import { lineScanner } from './lines.js';
import { fitDecimals, formatDecimal, mantissaOf, parseDecimal, parseUnit, toGrams } from './units.js';

const HEADS = /W[GN]| {9}(?:OL|LO)|w[wnt]/g;
const UPPER = /^W([GN])([0-9. -]{7})(kg|lb)([0-9A-F]{2})$/;
const RANGE = /^ {9}(OL|LO)([0-9A-F]{2})$/;
// MCUSH: `w[wnt]-?[0-9]*.[0-9]*(kg|lb)`.
const LOWER = /^w([wnt])(-?\d*\.?\d*)(kg|lb)$/;

function checkOk(text: string, check: string): boolean {
  const [xh, xl] = xorCheckChars(ascii(text), 0, text.length);
  return check === String.fromCharCode(xh, xl);
}

function parse(text: string): FrameBody | null {
  const u = UPPER.exec(text);
  if (u) {
    const [, mode, value = '', unitText = '', check = ''] = u;
    const d = parseDecimal(value.replace(/ /g, ''));
    const unit = parseUnit(unitText);
    if (!checkOk(text.slice(0, 11), check) || !d || !unit) return null;
    return { kind: 'weight', grams: toGrams(d, unit), status: 'ok', net: mode === 'N' };
  }
  const r = RANGE.exec(text);
  if (r) {
    if (!checkOk(text.slice(0, 11), r[2] ?? '')) return null;
    return r[1] === 'OL'
      ? { kind: 'status', status: 'overload', detail: 'OL overload' }
      : { kind: 'status', status: 'underload', detail: 'LO below −20 d' };
  }
  const l = LOWER.exec(text);
  const d = l ? parseDecimal(l[2] ?? '') : null;
  const unit = l ? parseUnit(l[3] ?? '') : null;
  if (!l || !d || !unit) return null;
  const grams = toGrams(d, unit);
  // `wt` reports the stored tare, not the load: a status frame, flagged net because a non-zero tare
  // puts the indicator in net mode. `grams` is only ever the load (drivers read it from status
  // frames too), so the tare travels in the detail. Readings come from `ww`/`wn` only.
  if (l[1] === 't') return { kind: 'status', status: 'ok', net: grams !== 0, detail: `tare ${l[2]} ${unit}` };
  return { kind: 'weight', grams, status: 'ok', net: l[1] === 'n' };
}

const scan = lineScanner(HEADS, parse);

/** Seven characters including the point and any minus sign, as in the manual's `004.139`. */
function encode(reading: SimReading, options?: ProtocolOptions): Uint8Array {
  let text: string;
  if (reading.status !== 'ok') {
    text = `         ${reading.status === 'overload' ? 'OL' : 'LO'}`;
  } else {
    const unit = options?.unit === 'lb' ? 'lb' : 'kg';
    const negative = reading.grams < 0;
    const width = negative ? 5 : 6;
    const decimals = fitDecimals(reading.grams, unit, 3, width);
    const m = Math.min(mantissaOf(reading.grams, unit, decimals), 10 ** width - 1);
    const value =
      negative && m > 0
        ? '-' + formatDecimal(m, decimals).padStart(6, '0')
        : formatDecimal(m, decimals).padStart(7, '0');
    text = `W${reading.net ? 'N' : 'G'}${value}${unit}`;
  }
  const [xh, xl] = xorCheckChars(ascii(text), 0, text.length);
  return ascii(`${text}${String.fromCharCode(xh, xl)}\r\n`);
}

export const yaohuaA12: ScaleProtocol = {
  id: 'yaohua-a12',
  title: 'Yaohua XK3190-A12 / A12E',
  line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  mode: 'stream',
  hasStabilityFlag: false,
  createDecoder: (options?: ProtocolOptions): FrameDecoder => new FramedDecoder(scan, options?.maxBufferBytes, 64),
  encode,
};
