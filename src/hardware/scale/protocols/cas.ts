// CAS POS scales and the Mertech "CAS-M" clones (hardware.md A.6; docs.mertech.ru CAS-M page,
// r_keeper "supported scale drivers" page). Handshake per reading: host ENQ → scale ACK, host DC1 →
// `SOH STX STA SIGN W… UN1 UN0 BCC ETX EOT`.
//
// Reading of the check byte: r_keeper numbers the bytes from 1 (SOH = 1, STX = 2) and gives
// "LRC = XOR bytes[3..13]" for the 7-character weight field and "[3..12]" for the 6-character one.
// Both are the bytes from STA to the second unit byte, so BCC = XOR(STA … UN0) here, for both
// field widths, and every frame's BCC is verified. r_keeper also lists SOH as 0x01 or 0x81, and
// no EOT after the 7-character form, so that EOT is taken when present and not required.
import type { FrameDecoder, ProtocolOptions, ScaleProtocol, SimReading } from '../protocol.js';
import { ACK, DC1, ENQ, EOT, ETX, SOH, STX, ascii, latin1 } from './bytes.js';
import { xorOf } from './checksums.js';
import { FramedDecoder, frame, skip, wait, type FrameBody, type Scanner } from './framer.js';
import { fitDecimals, formatDecimal, mantissaOf, parseDecimal, parseUnit, toGrams, type UnitName } from './units.js';

const SOH_HIGH = 0x81;
const TAB = 0x09;
const FIELD_AT = 4;
const MAX_COMMAND = 16;

function parse(f: Uint8Array, width: 6 | 7): FrameBody | null {
  const unitAt = FIELD_AT + width;
  if (xorOf(f, 2, unitAt + 2) !== f[unitAt + 2]) return null;
  const sta = f[2];
  const sign = f[3];
  if ((sta !== 0x53 && sta !== 0x55) || (sign !== 0x2d && sign !== 0x20 && sign !== 0x46)) return null;
  const stable = sta === 0x53;
  // SIGN 'F' is overload, and the weight digits are 'F' too.
  if (sign === 0x46) return { kind: 'status', stable, status: 'overload', detail: 'F overload' };
  const d = parseDecimal(latin1(f, FIELD_AT, unitAt));
  const unit = parseUnit(latin1(f, unitAt, unitAt + 2));
  if (!d || !unit || d.negative) return null;
  d.negative = sign === 0x2d;
  return { kind: 'weight', grams: toGrams(d, unit), stable, status: 'ok' };
}

const scan: Scanner = (view) => {
  let s = 0;
  while (s < view.length && view[s] !== SOH && view[s] !== SOH_HIGH && view[s] !== ACK) s++;
  if (s === view.length) return wait(s);
  // A lone 06 in line noise also reads as an ACK; the poll only waits for one right after ENQ.
  if (view[s] === ACK) return frame(s, 1, { kind: 'ack', status: 'ok', detail: 'ACK: ready to send' });
  const f = view.subarray(s);
  if (f.length < 2) return wait(s);
  if (f[1] !== STX) return skip(s + 1);
  if (f.length < 15) return wait(s);
  if (f[13] === ETX && f[14] === EOT) return frame(s, 15, parse(f, 6));
  if (f[14] !== ETX) return skip(s + 1);
  if (f.length < 16) return wait(s);
  return frame(s, f[15] === EOT ? 16 : 15, parse(f, 7));
};

/**
 * The 6-character field with its decimal point (99.999 kg at 3 decimals). Underload has no sign of
 * its own in this format, so it goes out as the negative reading it is.
 */
function encode(reading: SimReading, options?: ProtocolOptions): Uint8Array {
  const unit: UnitName = options?.unit === 'lb' ? 'lb' : 'kg';
  let sign = 0x20;
  let field = 'FFFFFF';
  if (reading.status === 'overload') {
    sign = 0x46;
  } else {
    const decimals = fitDecimals(reading.grams, unit, 3, 5);
    const m = Math.min(mantissaOf(reading.grams, unit, decimals), decimals ? 99_999 : 999_999);
    if ((reading.grams < 0 || reading.status === 'underload') && m > 0) sign = 0x2d;
    field = formatDecimal(m, decimals).padStart(6, '0');
  }
  const out = new Uint8Array(15);
  out.set([SOH, STX, reading.stable ? 0x53 : 0x55, sign]);
  out.set(ascii(field + unit), FIELD_AT);
  out[12] = xorOf(out, 2, 12);
  out[13] = ETX;
  out[14] = EOT;
  return out;
}

/** One command per call, as split by splitCasCommands. Zero and tare have no documented reply. */
function respond(request: Uint8Array, reading: SimReading, options?: ProtocolOptions): Uint8Array | null {
  if (request.length !== 1) return null;
  if (request[0] === ENQ) return Uint8Array.of(ACK);
  if (request[0] === DC1) return encode(reading, options);
  return null;
}

/** ENQ and DC1 are single bytes; zero/tare run from '<' to TAB ("<ZK>\t"); other bytes are noise. */
export function splitCasCommands(buffer: Uint8Array): { commands: Uint8Array[]; rest: Uint8Array } {
  const commands: Uint8Array[] = [];
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i];
    if (b === ENQ || b === DC1) {
      commands.push(Uint8Array.of(b));
      i++;
    } else if (b === 0x3c) {
      // Commands are five bytes; a '<' with no TAB within MAX_COMMAND bytes was noise.
      const tab = buffer.indexOf(TAB, i);
      if (tab >= 0 && tab - i < MAX_COMMAND) {
        commands.push(buffer.slice(i, tab + 1));
        i = tab + 1;
      } else if (tab < 0 && buffer.length - i < MAX_COMMAND) {
        return { commands, rest: buffer.slice(i) };
      } else {
        i++;
      }
    } else {
      i++;
    }
  }
  return { commands, rest: new Uint8Array(0) };
}

export const cas: ScaleProtocol = {
  id: 'cas',
  title: 'CAS POS (ENQ / DC1)',
  line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  mode: 'poll',
  pollSteps: [
    { send: Uint8Array.of(ENQ), awaits: 'ack' },
    { send: Uint8Array.of(DC1), awaits: 'weight' },
  ],
  pollIntervalMs: 200,
  hasStabilityFlag: true,
  zeroCommand: Uint8Array.of(0x3c, 0x5a, 0x4b, 0x3e, TAB),
  tareCommand: Uint8Array.of(0x3c, 0x54, 0x4b, 0x3e, TAB),
  createDecoder: (options?: ProtocolOptions): FrameDecoder => new FramedDecoder(scan, options?.maxBufferBytes, 16),
  encode,
  respond,
};
