// The "ST,GS,+0001.234kg" family (hardware.md A.4: Kern KFB/SFB, Tiger TI-02-P, Liden LUW2001
// format B, Triner TS-700, A&D GH/FX, Bison): `HEAD1,HEAD2,±value unit CR LF`, streamed unasked by
// most Chinese indicators. Layouts differ in widths, separators, sign and unit case, so the line is
// read with a tolerant pattern (after the public "tarozi" reader's regex) instead of by column.
import type { FrameDecoder, ProtocolOptions, ScaleProtocol, SimReading, WeightUnit } from '../protocol.js';
import { ascii } from './bytes.js';
import { FramedDecoder, type FrameBody } from './framer.js';
import { lineScanner } from './lines.js';
import { ENCODE_DECIMALS, formatDecimal, mantissaOf, parseDecimal, parseUnit, toGrams } from './units.js';

/** HEAD1 (ST stable, US unstable, OL overload, QT A&D counting) followed by a comma. */
const HEADS = /(?:ST|US|OL|QT) *,/g;
const HEAD2 = '(?:(GS|NT|TR|GW|NW|G|N) *[, ] *)?';
// Kern separates HEAD2 from the value with a space (`ST,GS 1.000KG`); A&D has no HEAD2 and pads
// the unit to three characters (`ST,+00001.23  g`); Liden puts spaces after the sign.
// The unit is required: without it a frame cut short ("ST,GS,+0001.2") would read as a weight.
const READING = new RegExp(`^(ST|US) *, *${HEAD2}([+-])? *(\\d+(?:[.,]\\d*)?|[.,]\\d+) *([A-Za-z]{1,3}) *$`);
// A&D overload `OL,+9999999E+19`; others send blanks or 9s in the value field.
const OVERLOAD = new RegExp(`^OL *, *${HEAD2}([+-])? *[0-9.,E+ -]*([A-Za-z]{0,3}) *$`);
const COUNTING = /^QT *, *[+-]? *\d+ *[A-Za-z]{0,3} *$/;

const NET_HEADS = new Set(['NT', 'NW', 'N']);

function parse(text: string): FrameBody | null {
  const r = READING.exec(text);
  if (r) {
    const [, head1, head2, sign = '', value = '', unitText] = r;
    const d = parseDecimal(sign + value);
    const unit = parseUnit(unitText ?? '');
    if (!d || !unit) return null;
    const grams = toGrams(d, unit);
    const stable = head1 === 'ST';
    const net = head2 === undefined ? undefined : NET_HEADS.has(head2);
    // A TR line shows the stored tare (Bison `ST,TR`), not the load. `grams` is only ever the load
    // (drivers read it from status frames too), so the tare travels in the detail.
    if (head2 === 'TR')
      return { kind: 'status', stable, status: 'ok', net: true, detail: `TR tare ${sign}${value} ${unit}` };
    return net === undefined
      ? { kind: 'weight', grams, stable, status: 'ok' }
      : { kind: 'weight', grams, stable, status: 'ok', net };
  }
  const o = OVERLOAD.exec(text);
  if (o) {
    // Bison documents overload as `OL,GS,±`; a minus sign is read as the lower limit.
    const under = o[2] === '-';
    return {
      kind: 'status',
      status: under ? 'underload' : 'overload',
      detail: under ? 'OL below range' : 'OL overload',
    };
  }
  if (COUNTING.test(text)) return { kind: 'status', status: 'ok', detail: 'QT counting mode: pieces, not a weight' };
  return null;
}

const scan = lineScanner(HEADS, parse);

function encode(reading: SimReading, options?: ProtocolOptions): Uint8Array {
  const unit: WeightUnit = options?.unit ?? 'kg';
  const head2 = reading.net ? 'NT' : 'GS';
  if (reading.status !== 'ok')
    return ascii(`OL,${head2},${reading.status === 'overload' ? '+' : '-'}9999.999${unit}\r\n`);
  const decimals = ENCODE_DECIMALS[unit];
  const m = mantissaOf(reading.grams, unit, decimals);
  const sign = reading.grams < 0 && m > 0 ? '-' : '+';
  // Value zero-padded to 8 characters as in the spec's example `ST,GS,+0001.234kg`.
  return ascii(
    `${reading.stable ? 'ST' : 'US'},${head2},${sign}${formatDecimal(m, decimals).padStart(8, '0')}${unit}\r\n`,
  );
}

export const stGs: ScaleProtocol = {
  id: 'st-gs',
  title: '"ST,GS" (A&D, Kern, Liden, Tiger, most Chinese indicators)',
  // 9600 8N1 is the common Chinese default; A&D balances are said to ship at 2400 7E1
  // ([unconfirmed], A.0), which the station config overrides.
  line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  mode: 'stream',
  hasStabilityFlag: true,
  // No tare/zero commands: they differ by brand (Kern T/Z, A&D Z/T with CR LF, Bison MZ/MT).
  createDecoder: (options?: ProtocolOptions): FrameDecoder => new FramedDecoder(scan, options?.maxBufferBytes, 64),
  encode,
};
