// Toledo 8217 "weight-only" POS protocol (hardware.md A.2; Odoo iot_drivers serial_scale_driver.py;
// Mettler Toledo DIVA service manual p.44–45). The host sends single letters with no terminator;
// the scale answers `STX weight [N] CR`, or `STX ? status CR` when it cannot give a weight.
import type { FrameDecoder, ProtocolOptions, ScaleProtocol, SimReading } from '../protocol.js';
import { CR, STX, ascii, concatBytes, latin1 } from './bytes.js';
import { FramedDecoder, frame, skip, wait, type FrameBody, type Scanner } from './framer.js';
import { formatDecimal, fitDecimals, mantissaOf, parseDecimal, parseUnit, toGrams, type UnitName } from './units.js';

/** Longest reply we wait for: STX, "0123.456", a unit, N, CR with room to spare. */
const MAX_FRAME = 24;

// DIVA p.45 "Scale Status Byte Bit Definitions", bits 0–5. Bit 6 is "always 1" there (it makes the
// byte printable), bit 7 is even parity. Odoo's newest driver labels bit 6 "Bad Command from host",
// which would flag the verified `?@` = OK as an error, so bit 6 is read as the manual says: a
// status byte with it clear is not a status byte, and the frame counts as bad.
const STATUS_BITS = [
  'motion',
  'over capacity',
  'under zero',
  'outside zero-capture range',
  'centre of zero',
  'net mode',
] as const;
const MOTION = 0x01;
const OVER = 0x02;
const UNDER = 0x04;
const CENTRE_OF_ZERO = 0x10;
const NET = 0x20;
const ALWAYS_SET = 0x40;

/** Odoo: `\x02\s*([0-9.]+)N?\r`; DIVA p.36 also allows the unit letters after the weight. */
const WEIGHT = /^ *(\d+(?:\.\d*)?|\.\d+) *([A-Za-z]{2})? *(N?)$/;

function parseStatus(code: number): FrameBody | null {
  const s = code & 0x7f;
  if ((s & ALWAYS_SET) === 0) return null;
  const flags = STATUS_BITS.filter((_, bit) => s & (1 << bit));
  return {
    kind: 'status',
    stable: (s & MOTION) === 0,
    status: s & OVER ? 'overload' : s & UNDER ? 'underload' : 'ok',
    net: (s & NET) !== 0,
    detail: flags.length ? flags.join(', ') : 'no status bits set',
  };
}

function parseContent(text: string, unit: UnitName): FrameBody | null {
  if (text.length === 2 && text[0] === '?') return parseStatus(text.charCodeAt(1));
  const m = WEIGHT.exec(text);
  const d = m ? parseDecimal(m[1] ?? '') : null;
  const u = m?.[2] ? parseUnit(m[2]) : unit;
  if (!m || !d || !u) return null;
  // The scale only sends a weight when it is steady and in range (DIVA p.36); otherwise a status.
  return { kind: 'weight', grams: toGrams(d, u), stable: true, status: 'ok', net: m[3] === 'N' };
}

function scanner(unit: UnitName): Scanner {
  return (view) => {
    const s = view.indexOf(STX);
    if (s < 0) return wait(view.length);
    const limit = Math.min(view.length, s + MAX_FRAME);
    for (let i = s + 1; i < limit; i++) {
      // A second STX before the CR: the first frame was cut short; resync on the new one.
      if (view[i] === STX) return skip(i);
      if (view[i] === CR) return frame(s, i + 1 - s, parseContent(latin1(view, s + 1, i), unit));
    }
    return limit - s >= MAX_FRAME ? skip(s + 1) : wait(s);
  };
}

function statusFrame(bits: number): Uint8Array {
  return Uint8Array.of(STX, 0x3f, ALWAYS_SET | bits, CR);
}

function statusBits(reading: SimReading): number {
  return (
    (reading.stable ? 0 : MOTION) |
    (reading.status === 'overload' ? OVER : 0) |
    (reading.status === 'underload' || reading.grams < 0 ? UNDER : 0) |
    (reading.net ? NET : 0)
  );
}

/**
 * kg `WW.WWW`, lb `0WW.WW` (A.2). Anything the weight reply cannot carry (motion, a negative or
 * out-of-range weight) is answered with the status byte instead, as the scale does.
 */
function encode(reading: SimReading, options?: ProtocolOptions): Uint8Array {
  const bits = statusBits(reading);
  if (bits & (MOTION | OVER | UNDER)) return statusFrame(bits);
  const lb = options?.unit === 'lb';
  const unit = lb ? 'lb' : 'kg';
  const decimals = fitDecimals(reading.grams, unit, lb ? 2 : 3, 5);
  const m = mantissaOf(reading.grams, unit, decimals);
  if (m >= 100_000) return statusFrame(bits | OVER);
  const text = formatDecimal(m, decimals).padStart(6, '0') + (reading.net ? 'N' : '');
  return concatBytes([Uint8Array.of(STX), ascii(text), Uint8Array.of(CR)]);
}

/**
 * One command byte per call. DIVA p.36: Z zeroes when it can and "in any case, scale status is
 * returned"; T and C are answered the same way (their replies are not documented). The simulator
 * applies the command to its state first, then asks for the reply.
 */
function respond(request: Uint8Array, reading: SimReading, options?: ProtocolOptions): Uint8Array | null {
  if (request.length !== 1) return null;
  switch (String.fromCharCode(request[0] ?? 0)) {
    case 'W':
      return encode(reading, options);
    case 'Z':
    case 'T':
    case 'C': {
      const centre = reading.stable && reading.status === 'ok' && reading.grams === 0 ? CENTRE_OF_ZERO : 0;
      return statusFrame(statusBits(reading) | centre);
    }
    default:
      return null;
  }
}

/**
 * Commands are single letters with no terminator, so every byte is a command. The digital tare
 * `Tnnnnn` cannot be told from `T` followed by noise without a terminator and is not supported.
 */
export function splitToledo8217Commands(buffer: Uint8Array): { commands: Uint8Array[]; rest: Uint8Array } {
  return { commands: Array.from(buffer, (b) => Uint8Array.of(b)), rest: new Uint8Array(0) };
}

export const toledo8217: ScaleProtocol = {
  id: 'toledo-8217',
  title: 'Toledo 8217 (weight-only POS)',
  // Odoo: 9600 baud, 7 data bits, even parity, 1 stop bit.
  line: { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
  mode: 'poll',
  pollSteps: [{ send: ascii('W'), awaits: 'weight' }],
  // Odoo's newMeasureDelay.
  pollIntervalMs: 200,
  hasStabilityFlag: true,
  tareCommand: ascii('T'),
  zeroCommand: ascii('Z'),
  createDecoder: (options?: ProtocolOptions): FrameDecoder =>
    new FramedDecoder(scanner(options?.unit ?? 'kg'), options?.maxBufferBytes, MAX_FRAME),
  encode,
  respond,
};

/** Clear tare (A.2, Odoo hw_drivers); the contract has no slot for it, so it is exported here. */
export const TOLEDO_8217_CLEAR_TARE = ascii('C');
