// Device sections of the station config (DESIGN.md §5): scanner, scale and printer.
import { z } from 'zod';
import { SCALE_PROTOCOLS } from '../../hardware/scale/protocol.js';
import { InterfaceError, parsePrinterInterface } from '../../hardware/transport/interface.js';

const path = z.string().min(1, 'a device path such as /dev/ttyUSB0 or COM3');
const baudRate = z.number().int().min(50).max(4_000_000);
const dataBits = z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]);
const parity = z.enum(['none', 'even', 'odd', 'mark', 'space']);
const stopBits = z.union([z.literal(1), z.literal(1.5), z.literal(2)]);
const reconnect = z
  .object({ minMs: z.number().int().min(50).default(500), maxMs: z.number().int().min(100).default(10_000) })
  .strict()
  .prefault({});

export const scannerConfig = z.discriminatedUnion('kind', [
  // keyboard: a USB scanner in keyboard-wedge mode, read by the UI; sim: scans fed through the API.
  z.object({ kind: z.literal('keyboard') }).strict(),
  z.object({ kind: z.literal('sim') }).strict(),
  // serial: USB-CDC ("virtual COM") or RS-232; no focus, no IME, binary-safe GS (hardware.md B.1).
  z
    .object({
      kind: z.literal('serial'),
      path,
      baudRate: baudRate.default(9600),
      dataBits: dataBits.default(8),
      parity: parity.default('none'),
      stopBits: stopBits.default(1),
      suffix: z.enum(['CR', 'LF', 'CRLF', 'TAB']).default('CR'),
      prefix: z.string().max(8).default(''),
      reconnect,
    })
    .strict(),
]);

export const simScaleConfig = z
  .object({
    kind: z.literal('sim'),
    offsetG: z.number().int().default(0),
    noiseG: z.number().int().min(0).max(1000).default(0),
    settleMs: z.number().int().min(0).max(60000).default(600),
    unstable: z.boolean().default(false),
    /** Put the expected weight on the scale by itself when a pack reaches weighing (demo mode). */
    autoPlace: z.boolean().default(true),
    placeDelayMs: z.number().int().min(0).max(60000).default(400),
    tickMs: z.number().int().min(20).max(2000).default(100),
  })
  .strict();

export const serialScaleConfig = z
  .object({
    kind: z.literal('serial'),
    path,
    protocol: z.enum(SCALE_PROTOCOLS),
    // Line settings default to the protocol's own (e.g. 8217 is 9600 7E1); set them to override.
    baudRate: baudRate.optional(),
    dataBits: dataBits.optional(),
    parity: parity.optional(),
    stopBits: stopBits.optional(),
    /** Unit of frames that carry none (Yaohua A9 / "=", Toledo 8217). */
    unit: z.enum(['g', 'kg', 'lb']).default('kg'),
    /** toledo-continuous: what SWB bit 3 means on this indicator (clones differ). */
    stabilityBit: z.enum(['motion', 'stable']).default('motion'),
    /** yaohua-eq: digits least-significant first ("format 1") or not ("format 2"). */
    reversed: z.boolean().default(true),
    /** Protocols without a stability flag: N equal readings within T ms mean stable. */
    stableCount: z.number().int().min(2).max(50).default(5),
    stableWindowMs: z.number().int().min(100).max(10_000).default(1500),
    /** …and readings within this many grams of each other count as equal (one display division). */
    stableToleranceG: z.number().min(0).max(1000).default(0),
    /** No frame for this long → "scale silent". */
    readTimeoutMs: z.number().int().min(200).max(60_000).default(2000),
    pollIntervalMs: z.number().int().min(50).max(10_000).optional(),
    reconnect,
  })
  .strict();

export const scaleConfig = z.discriminatedUnion('kind', [simScaleConfig, serialScaleConfig]);

export const printerConfig = z
  .object({
    language: z.enum(['tspl', 'zpl', 'escpos']).default('tspl'),
    /** sim | tcp://host:9100 | /dev/usb/lp0 | serial:/dev/ttyUSB0?baud=9600 */
    interface: z
      .string()
      .default('sim')
      .superRefine((value, ctx) => {
        try {
          parsePrinterInterface(value);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: err instanceof InterfaceError ? err.message : String(err) });
        }
      }),
    dpi: z.union([z.literal(203), z.literal(300)]).default(203),
    widthMm: z.number().int().min(40).max(120).default(100),
    heightMm: z.number().int().min(40).max(250).default(180),
    /** Calibration: shift the print by these millimetres; darkness 0–15. */
    offsetXmm: z.number().min(-20).max(20).default(0),
    offsetYmm: z.number().min(-20).max(20).default(0),
    density: z.number().int().min(0).max(15).default(10),
    media: z
      .object({
        kind: z.enum(['gap', 'bline', 'continuous']).default('gap'),
        sizeMm: z.number().min(0).max(20).default(2),
        offsetMm: z.number().min(0).max(20).default(0),
      })
      .strict()
      .prefault({}),
    /** ESC/POS packing slips: paper roll width. */
    paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
    /** Device files are often one-way (cheap USB printers): set true when yours answers status queries. */
    twoWay: z.boolean().optional(),
    statusTimeoutMs: z.number().int().min(100).max(30_000).default(1500),
    /** Simulator only: start with the paper out. */
    paperOut: z.boolean().default(false),
  })
  .strict();

export type ScannerConfig = z.output<typeof scannerConfig>;
export type ScaleConfig = z.output<typeof scaleConfig>;
export type SerialScaleConfig = z.output<typeof serialScaleConfig>;
export type SimScaleConfig = z.output<typeof simScaleConfig>;
export type PrinterConfig = z.output<typeof printerConfig>;
