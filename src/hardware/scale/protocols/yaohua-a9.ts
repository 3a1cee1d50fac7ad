// Yaohua XK3190-A9 / A9+ / D9 continuous output, tF = 0 (hardware.md A.5; XK3190-A26 manual
// p.12–13, guboo.com.cn A9+ article): 12 bytes `STX sign d5..d0 dp XH XL ETX`, digits without a
// decimal point, dp = decimals counted from the right, XH XL = nibble-ASCII XOR of sign..dp.
// The frame carries neither unit nor stability: the unit is a setting and the driver infers
// stability from repeated readings.
import type { FrameDecoder, ProtocolOptions, ScaleProtocol, SimReading } from '../protocol.js';
import { ETX, STX } from './bytes.js';
import { xorCheckChars } from './checksums.js';
import { FramedDecoder, frame, skip, wait, type FrameBody, type Scanner } from './framer.js';
import { ENCODE_DECIMALS, fitDecimals, mantissaOf, toGrams, type UnitName } from './units.js';

const LENGTH = 12;
/** Sign through dp: bytes 2–9 in the manual's 1-based count. */
const CHECKED_FROM = 1;
const CHECKED_TO = 9;

function parse(f: Uint8Array, unit: UnitName): FrameBody | null {
  const [xh, xl] = xorCheckChars(f, CHECKED_FROM, CHECKED_TO);
  if (f[9] !== xh || f[10] !== xl) return null;
  const sign = f[1];
  if (sign !== 0x2b && sign !== 0x2d) return null;
  let mantissa = 0;
  for (let i = 2; i < 8; i++) {
    const d = (f[i] ?? 0) - 0x30;
    if (d < 0 || d > 9) return null;
    mantissa = mantissa * 10 + d;
  }
  const decimals = (f[8] ?? 0) - 0x30;
  if (decimals < 0 || decimals > 4) return null;
  return { kind: 'weight', grams: toGrams({ negative: sign === 0x2d, mantissa, decimals }, unit), status: 'ok' };
}

function scanner(unit: UnitName): Scanner {
  return (view) => {
    const s = view.indexOf(STX);
    if (s < 0) return wait(view.length);
    if (view.length - s < LENGTH) return wait(s);
    // STX without ETX eleven bytes on is noise or a cut frame: resync on the next STX.
    if (view[s + LENGTH - 1] !== ETX) return skip(s + 1);
    return frame(s, LENGTH, parse(view.subarray(s, s + LENGTH), unit));
  };
}

/**
 * Six digits with as many decimals as fit (3 for kg, as in the spec's 1.560 kg example). The frame
 * has no overload flag, so an out-of-range reading is sent as the largest value that fits.
 */
function encode(reading: SimReading, options?: ProtocolOptions): Uint8Array {
  const unit = options?.unit ?? 'kg';
  const decimals = Math.min(4, fitDecimals(reading.grams, unit, ENCODE_DECIMALS[unit], 6));
  const mantissa = reading.status === 'ok' ? Math.min(mantissaOf(reading.grams, unit, decimals), 999_999) : 999_999;
  const negative = reading.status === 'underload' || (reading.status === 'ok' && reading.grams < 0 && mantissa > 0);
  const out = new Uint8Array(LENGTH);
  out[0] = STX;
  out[1] = negative ? 0x2d : 0x2b;
  const digits = String(mantissa).padStart(6, '0');
  for (let i = 0; i < 6; i++) out[2 + i] = digits.charCodeAt(i);
  out[8] = 0x30 + decimals;
  const [xh, xl] = xorCheckChars(out, CHECKED_FROM, CHECKED_TO);
  out[9] = xh;
  out[10] = xl;
  out[11] = ETX;
  return out;
}

export const yaohuaA9: ScaleProtocol = {
  id: 'yaohua-a9',
  title: 'Yaohua XK3190-A9 continuous (tF=0)',
  // A.0: 8 data bits, no parity, 1 stop; baud selectable 600–9600 on the indicator.
  line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  mode: 'stream',
  hasStabilityFlag: false,
  createDecoder: (options?: ProtocolOptions): FrameDecoder =>
    new FramedDecoder(scanner(options?.unit ?? 'kg'), options?.maxBufferBytes, LENGTH),
  encode,
};
