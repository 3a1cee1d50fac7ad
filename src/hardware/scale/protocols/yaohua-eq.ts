// Yaohua "=" format (hardware.md A.5: A26 "continuous format 1", A23P, the A9 "=" / big-display
// stream): '=' then the displayed value with its decimal point, least-significant character first,
// then the sign ('0' or '-'). "Format 2" is the same text in reading order. Nothing ends a frame
// but the next '=', so the newest frame in the buffer is only complete once the following '='
// arrives: a reader always runs one frame (50–200 ms) behind the indicator.
import type { FrameDecoder, ProtocolOptions, ScaleProtocol, SimReading } from '../protocol.js';
import { ascii } from './bytes.js';
import { FramedDecoder, frame, skip, wait, type FrameBody, type Scanner } from './framer.js';
import {
  ENCODE_DECIMALS,
  fitDecimals,
  formatDecimal,
  mantissaOf,
  parseDecimal,
  toGrams,
  type UnitName,
} from './units.js';

const EQ = 0x3d;
/** A frame is '=' plus 8 characters on the A26; longer text without a '=' is noise. */
const MAX_CONTENT = 24;

// Digits (with the point) then the sign, or the sign then digits. Noise glued after a frame is
// left over and dropped, unless it starts with a digit, point or minus: then where the frame ends
// is a guess, and the frame counts as bad. (A frame cut short in the middle cannot be told: the
// format has no check and no fixed length. The N-equal-readings rule filters a lone wrong value.)
const REVERSED = /^([0-9.]+)([0-])/;
const FORWARD = /^([0-])([0-9.]+)/;
const AMBIGUOUS_TAIL = /^[0-9.-]/;

/** `clipped`: no '=' within MAX_CONTENT, so the text goes on past `content`. */
function parse(
  content: string,
  clipped: boolean,
  reversed: boolean,
  unit: UnitName,
): { length: number; body: FrameBody | null } {
  const m = (reversed ? REVERSED : FORWARD).exec(content);
  const tail = m ? content.slice(m[0].length) : '';
  if (!m || AMBIGUOUS_TAIL.test(tail) || (clipped && tail === '')) return { length: content.length, body: null };
  const digits = (reversed ? m[1] : m[2]) ?? '';
  const sign = (reversed ? m[2] : m[1]) ?? '';
  const value = reversed ? [...digits].reverse().join('') : digits;
  const d = value.split('.').length <= 2 ? parseDecimal(value) : null;
  if (!d) return { length: content.length, body: null };
  d.negative = sign === '-';
  return { length: m[0].length, body: { kind: 'weight', grams: toGrams(d, unit), status: 'ok' } };
}

function scanner(reversed: boolean, unit: UnitName): Scanner {
  return (view) => {
    const s = view.indexOf(EQ);
    if (s < 0) return wait(view.length);
    // Decide on at most MAX_CONTENT characters whether or not more bytes have arrived, so the
    // decision is the same for every split of the stream.
    const limit = s + 1 + MAX_CONTENT;
    let end = view.indexOf(EQ, s + 1);
    const clipped = end < 0 || end > limit;
    if (clipped) {
      if (view.length < limit) return wait(s);
      end = limit;
    }
    if (end === s + 1) return skip(s + 1);
    let content = '';
    for (let i = s + 1; i < end; i++) content += String.fromCharCode(view[i] ?? 0);
    const { length, body } = parse(content, clipped, reversed, unit);
    return frame(s, 1 + length, body);
  };
}

/**
 * Seven characters including the point (3 decimals for kg) plus the sign, as in the spec's
 * `=000.3000` for 3.000. The format has no overload flag: out of range sends the largest value.
 */
function encode(reading: SimReading, options?: ProtocolOptions): Uint8Array {
  const unit = options?.unit ?? 'kg';
  const decimals = fitDecimals(reading.grams, unit, ENCODE_DECIMALS[unit], 6);
  const max = 10 ** (decimals ? 6 : 7) - 1;
  const mantissa = reading.status === 'ok' ? Math.min(mantissaOf(reading.grams, unit, decimals), max) : max;
  const negative = reading.status === 'underload' || (reading.status === 'ok' && reading.grams < 0 && mantissa > 0);
  const text = (negative ? '-' : '0') + formatDecimal(mantissa, decimals).padStart(7, '0');
  return ascii('=' + (options?.reversed === false ? text : [...text].reverse().join('')));
}

export const yaohuaEq: ScaleProtocol = {
  id: 'yaohua-eq',
  title: 'Yaohua "=" stream (A26 format 1/2)',
  line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  mode: 'stream',
  hasStabilityFlag: false,
  // Orientation cannot be detected (`=000.000` reads the same both ways), so it is a setting.
  createDecoder: (options?: ProtocolOptions): FrameDecoder =>
    new FramedDecoder(
      scanner(options?.reversed !== false, options?.unit ?? 'kg'),
      options?.maxBufferBytes,
      MAX_CONTENT + 2,
    ),
  encode,
};
