// Mettler Toledo MT-SICS (hardware.md A.1): ASCII commands and replies ending in CR LF, parameters
// separated by spaces. Replies are parsed on whitespace, never by column, because the weight field's
// width differs between models (InstrumentKit mt_sics.py splits the same way).
import type { FrameDecoder, ProtocolOptions, ScaleProtocol, SimReading, WeightUnit } from '../protocol.js';
import { LF, ascii, latin1 } from './bytes.js';
import { FramedDecoder, type FrameBody } from './framer.js';
import { lineScanner } from './lines.js';
import { ENCODE_DECIMALS, parseDecimal, parseUnit, signedDecimal, toGrams } from './units.js';

/** Where a reply may start: a command echo followed by a space, or a bare general error. */
const HEADS = /(?:SIR|SI|S|ZI|Z|TI|T|I4|E[STL])(?=\s|$)/g;
const NUMBER = /^[-+]?\d+(?:\.\d+)?$/;

// General errors carry no command echo (manualslib AE-series C.4; InstrumentKit _general_error_checking).
const GENERAL_ERRORS: Record<string, string> = {
  ES: 'ES syntax error: command not recognised',
  ET: 'ET transmission error (parity or framing)',
  EL: 'EL logical error: command cannot be executed',
};

const REFUSALS: Record<string, Record<string, string>> = {
  S: { I: 'S I not executable (busy, or no stable weight in time)' },
  Z: {
    I: 'Z I zero not executable',
    '+': 'Z + upper limit of zero range exceeded',
    '-': 'Z - lower limit of zero range exceeded',
  },
  // The T refusal wording is [unconfirmed] in the spec (A.1, F); read by analogy with Z.
  T: {
    I: 'T I tare not executable',
    '+': 'T + upper limit of tare range exceeded',
    '-': 'T - lower limit of tare range exceeded',
  },
};

function weight(value: string | undefined, unitText: string | undefined): number | null {
  if (value === undefined || unitText === undefined || !NUMBER.test(value)) return null;
  const d = parseDecimal(value);
  const unit = parseUnit(unitText);
  return d && unit ? toGrams(d, unit) : null;
}

function parseReply(text: string): FrameBody | null {
  const t = text.trim().split(/\s+/);
  const [cmd = '', a, b, c] = t;
  const family = cmd === 'SI' || cmd === 'SIR' ? 'S' : cmd === 'ZI' ? 'Z' : cmd === 'TI' ? 'T' : cmd;
  if (t.length === 1) {
    const detail = GENERAL_ERRORS[cmd];
    return detail ? { kind: 'error', status: 'error', detail } : null;
  }
  if (cmd === 'I4' && a === 'A') return { kind: 'ack', status: 'ok', detail: `serial number ${t.slice(2).join(' ')}` };
  if (t.length === 2 && a !== undefined) {
    if (family === 'S' && (a === '+' || a === '-')) {
      return {
        kind: 'status',
        status: a === '+' ? 'overload' : 'underload',
        detail: a === '+' ? 'S + overload' : 'S - underload',
      };
    }
    if (family === 'Z' && a === 'A') return { kind: 'ack', status: 'ok', detail: 'Z A zero set' };
    const refusal = REFUSALS[family]?.[a];
    return refusal ? { kind: 'error', status: 'error', detail: refusal } : null;
  }
  if (t.length !== 4) return null;
  const grams = weight(b, c);
  if (grams === null) return null;
  if (family === 'S' && (a === 'S' || a === 'D')) return { kind: 'weight', grams, stable: a === 'S', status: 'ok' };
  // A tare reply states the stored tare, not the load: `grams` is only ever the load, so the tare
  // travels in the detail.
  if (family === 'T' && a === 'S') return { kind: 'ack', status: 'ok', net: true, detail: `T S tare set: ${b} ${c}` };
  return null;
}

const scan = lineScanner(HEADS, parseReply);

function unitOf(options?: ProtocolOptions): WeightUnit {
  return options?.unit ?? 'kg';
}

/** `S S      1.234 kg`: value right-aligned in 10 characters, as in the spec's SI example. */
function weightLine(head: string, grams: number, unit: WeightUnit): string {
  return `${head} ${signedDecimal(grams, unit, ENCODE_DECIMALS[unit]).padStart(10)} ${unit}\r\n`;
}

function encode(reading: SimReading, options?: ProtocolOptions): Uint8Array {
  if (reading.status === 'overload') return ascii('S +\r\n');
  if (reading.status === 'underload') return ascii('S -\r\n');
  return ascii(weightLine(reading.stable ? 'S S' : 'S D', reading.grams, unitOf(options)));
}

/**
 * One complete command line per call (see splitMtSicsCommands). The simulator applies Z/T to its own
 * state before asking, so `reading` is already the zeroed/tared one. SIR is answered with one line:
 * repeating it is the simulator's timer, not a pure function's.
 */
function respond(request: Uint8Array, reading: SimReading, options?: ProtocolOptions): Uint8Array | null {
  if (request[request.length - 1] !== LF) return null;
  const cmd = latin1(request).trim().split(/\s+/)[0] ?? '';
  const unit = unitOf(options);
  const refused =
    reading.status === 'overload' ? '+' : reading.status === 'underload' ? '-' : !reading.stable ? 'I' : null;
  switch (cmd) {
    case '':
      return null;
    case 'SI':
    case 'SIR':
      return encode(reading, options);
    case 'S':
      return ascii(refused === null ? weightLine('S S', reading.grams, unit) : `S ${refused}\r\n`);
    case 'Z':
    case 'ZI':
      return ascii(refused === null || cmd === 'ZI' ? 'Z A\r\n' : `Z ${refused}\r\n`);
    case 'T':
    case 'TI':
      return ascii(refused === null || cmd === 'TI' ? weightLine('T S', reading.grams, unit) : `T ${refused}\r\n`);
    case 'I4':
    case '@':
      return ascii('I4 A "SIM00001"\r\n');
    default:
      return ascii('ES\r\n');
  }
}

/** Longest unfinished command kept; level 0/1 commands are a few characters. */
const MAX_COMMAND = 64;

/** Host → scale commands end in CR LF (A.1); a command is everything up to and including LF. */
export function splitMtSicsCommands(buffer: Uint8Array): { commands: Uint8Array[]; rest: Uint8Array } {
  const commands: Uint8Array[] = [];
  let from = 0;
  for (let lf = buffer.indexOf(LF); lf >= 0; lf = buffer.indexOf(LF, from)) {
    commands.push(buffer.slice(from, lf + 1));
    from = lf + 1;
  }
  return { commands, rest: buffer.slice(Math.max(from, buffer.length - MAX_COMMAND)) };
}

export const mtSics: ScaleProtocol = {
  id: 'mt-sics',
  title: 'Mettler Toledo MT-SICS',
  // janelia-python/mettler_toledo_device_python README: 9600 8N1.
  line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  mode: 'poll',
  // SI answers at once, stable or not; S would wait for stability and may time out with "S I".
  pollSteps: [{ send: ascii('SI\r\n'), awaits: 'weight' }],
  pollIntervalMs: 200,
  hasStabilityFlag: true,
  tareCommand: ascii('T\r\n'),
  zeroCommand: ascii('Z\r\n'),
  createDecoder: (options?: ProtocolOptions): FrameDecoder => new FramedDecoder(scan, options?.maxBufferBytes, 64),
  encode,
  respond,
};
