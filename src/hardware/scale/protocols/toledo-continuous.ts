// Toledo "continuous" output (hardware.md A.3; Kern FTC / IND445 manuals, Fairbanks "Toledo data
// format", Rockwell 57C428 app. D): `STX SWA SWB SWC W×6 T×6 CR CHK`, sent unasked. Some devices drop
// the tare field (short form), some drop CHK; the form is told by where the CR is.
import type { FrameDecoder, ProtocolOptions, ScaleProtocol, SimReading } from '../protocol.js';
import { CR, STX } from './bytes.js';
import { sum7, toledoCheck } from './checksums.js';
import { FramedDecoder, frame, skip, wait, type FrameBody, type Scanner } from './framer.js';
import { fitDecimals, mantissaOf, toGrams, type UnitName } from './units.js';

const SHORT_CR = 10;
const FULL_CR = 16;

const SWB_NET = 0x01;
const SWB_NEGATIVE = 0x02;
const SWB_OUT_OF_RANGE = 0x04;
const SWB_MOTION = 0x08;
const SWB_KG = 0x10;

/** Six digits, leading blanks allowed; null if anything else is in the field. */
function digits(view: Uint8Array, from: number): number | null {
  let n = 0;
  for (let i = from; i < from + 6; i++) {
    const b = view[i] ?? 0;
    if (b === 0x20) continue;
    if (b < 0x30 || b > 0x39) return null;
    n = n * 10 + (b - 0x30);
  }
  return n;
}

function parse(view: Uint8Array, crAt: number, options?: ProtocolOptions): FrameBody | null {
  const swa = view[1] ?? 0;
  const swb = view[2] ?? 0;
  const raw = digits(view, 4);
  const tare = crAt === FULL_CR ? digits(view, 10) : 0;
  if (raw === null || tare === null) return null;
  // SWA bits 0–2: 0 = XXXX00, 1 = XXXXX0, 2 = XXXXXX, 3…7 = 1…5 decimals.
  const code = swa & 0x07;
  const decimals = Math.max(0, code - 2);
  const mantissa = code < 2 ? raw * 10 ** (2 - code) : raw;
  const unit: UnitName = swb & SWB_KG ? 'kg' : 'lb';
  const negative = (swb & SWB_NEGATIVE) !== 0;
  const motionBit = (swb & SWB_MOTION) !== 0;
  // Toledo sets bit 3 in motion; some Chinese clones set it when stable (衡天 9800, A.3).
  const stable = options?.stabilityBit === 'stable' ? motionBit : !motionBit;
  const outOfRange = (swb & SWB_OUT_OF_RANGE) !== 0;
  const flags = [swb & SWB_NET ? 'net' : 'gross', stable ? 'stable' : 'motion', unit];
  if (outOfRange) flags.push('out of range');
  if (tare)
    flags.push(
      `tare ${toGrams({ negative: false, mantissa: code < 2 ? tare * 10 ** (2 - code) : tare, decimals }, unit)} g`,
    );
  return {
    kind: 'weight',
    grams: toGrams({ negative, mantissa, decimals }, unit),
    stable,
    status: outOfRange ? (negative ? 'underload' : 'overload') : 'ok',
    net: (swb & SWB_NET) !== 0,
    detail: flags.join(', '),
  };
}

/**
 * After the CR, one more byte decides: if it completes a 7-bit sum of 0 it is CHK; if it is STX
 * the device sends no CHK and that STX opens the next frame; anything else is a CHK that failed.
 * A CHK that is itself 02 is told from a following STX by peeking one byte further. So a device
 * without CHK has each frame completed by the first byte of the next.
 */
function scanner(options?: ProtocolOptions): Scanner {
  return (view) => {
    const s = view.indexOf(STX);
    if (s < 0) return wait(view.length);
    const f = view.subarray(s);
    if (f.length <= SHORT_CR) return wait(s);
    let crAt = SHORT_CR;
    if (f[SHORT_CR] !== CR) {
      if (f.length <= FULL_CR) return wait(s);
      if (f[FULL_CR] !== CR) return skip(s + 1);
      crAt = FULL_CR;
    }
    if (f.length <= crAt + 1) return wait(s);
    const next = f[crAt + 1] ?? 0;
    const sumOk = ((sum7(f, 0, crAt + 1) + (next & 0x7f)) & 0x7f) === 0;
    if (next === STX && sumOk) {
      if (f.length <= crAt + 2) return wait(s);
      if (f[crAt + 2] === STX) return frame(s, crAt + 2, parse(f, crAt, options));
      return frame(s, crAt + 1, parse(f, crAt, options));
    }
    if (next === STX) return frame(s, crAt + 1, parse(f, crAt, options));
    return frame(s, crAt + 2, sumOk ? parse(f, crAt, options) : null);
  };
}

/** Fixed width: the decimal position has to move for heavy loads (SWA code 5 = XXX.XXX). */
function encode(reading: SimReading, options?: ProtocolOptions): Uint8Array {
  const unit: UnitName = options?.unit === 'lb' ? 'lb' : 'kg';
  const decimals = fitDecimals(reading.grams, unit, 3, 6);
  const mantissa = Math.min(mantissaOf(reading.grams, unit, decimals), 999_999);
  const outOfRange = reading.status !== 'ok';
  const negative = reading.status === 'underload' || (reading.grams < 0 && mantissa > 0);
  const motionBit = options?.stabilityBit === 'stable' ? reading.stable : !reading.stable;
  // SWA: bit 5 set, increment ×1 (bits 3–4 = 01), decimal code; SWB/SWC bit 5 set as in the
  // spec's example `02 2D 30 20 …`.
  const swa = 0x20 | 0x08 | (decimals + 2);
  const swb =
    0x20 |
    (unit === 'kg' ? SWB_KG : 0) |
    (reading.net ? SWB_NET : 0) |
    (negative ? SWB_NEGATIVE : 0) |
    (outOfRange ? SWB_OUT_OF_RANGE : 0) |
    (motionBit ? SWB_MOTION : 0);
  const out = new Uint8Array(FULL_CR + 2);
  out.set([STX, swa, swb, 0x20]);
  const text = String(mantissa).padStart(6, '0') + '000000';
  for (let i = 0; i < 12; i++) out[4 + i] = text.charCodeAt(i);
  out[FULL_CR] = CR;
  out[FULL_CR + 1] = toledoCheck(out, 0, FULL_CR + 1);
  return out;
}

export const toledoContinuous: ScaleProtocol = {
  id: 'toledo-continuous',
  title: 'Toledo continuous output (STX SWA SWB SWC)',
  // 8N1 as the spec's default; many of these indicators ship at 7E1 (Toledo's own default), which
  // the station config overrides — the frame is the same either way.
  line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  mode: 'stream',
  hasStabilityFlag: true,
  createDecoder: (options?: ProtocolOptions): FrameDecoder =>
    new FramedDecoder(scanner(options), options?.maxBufferBytes, FULL_CR + 3),
  encode,
};
