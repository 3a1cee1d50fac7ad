// Devices from the station config. Simulators are first-class: the demo, the browser tests and
// development without hardware all run on them; `serial` scales and scanners and tcp/usb/serial
// printers get the real drivers.
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { Clock } from '../../base/clock.js';
import { SimPrinter } from '../../hardware/sim/printer.js';
import { SimScale } from '../../hardware/sim/scale.js';
import { SimScanner } from '../../hardware/sim/scanner.js';
import { SerialScale } from '../../hardware/scale/serial-scale.js';
import { getProtocol } from '../../hardware/scale/protocols/index.js';
import { SerialScanner } from '../../hardware/scanner/serial-scanner.js';
import { RawLabelPrinter } from '../../hardware/printer/raw-printer.js';
import { WechatComponentPrinter } from '../../hardware/printer/wechat-component.js';
import { SimWechatComponentDevice } from '../../hardware/sim/wechat-component-device.js';
import { encoderFor } from '../../hardware/printer/encoders/index.js';
import { createPdfEncoder } from '../../hardware/printer/encoders/pdf.js';
import { createCanvasRasterizer } from '../../hardware/printer/raster.js';
import { escposStatus, tsplStatus, zplStatus } from '../../hardware/printer/status.js';
import type { PrinterLanguage, StatusProtocol } from '../../hardware/printer/types.js';
import type { LineSettings } from '../../hardware/scale/protocol.js';
import { parsePrinterInterface } from '../../hardware/transport/interface.js';
import type { LabelPrinter, Scale, Scanner } from '../../hardware/types.js';
import type { StationConfig } from '../../main/config/schema.js';
import type { PrinterConfig, ScaleConfig, ScannerConfig } from '../../main/config/devices.js';
import type { SlipConfig } from '../../main/config/packing-extras.js';
import { handoverPrinterOf } from '../../main/config/handover.js';
import type { DeviceFactory, StationDevices } from '../../main/core/services.js';

export interface DeviceOptions {
  /** Where the printer's job journal lives (so a retried label is never printed twice). */
  dataDir: string;
  log?: (line: string) => void;
}

const STATUS_PROTOCOLS: Record<PrinterLanguage, StatusProtocol> = {
  tspl: tsplStatus,
  zpl: zplStatus,
  escpos: escposStatus,
};

/** Config fields that are set win over the line settings the protocol's manual gives. */
function lineFrom(defaults: LineSettings, c: Partial<LineSettings>): LineSettings {
  return {
    baudRate: c.baudRate ?? defaults.baudRate,
    dataBits: c.dataBits ?? defaults.dataBits,
    parity: c.parity ?? defaults.parity,
    stopBits: c.stopBits ?? defaults.stopBits,
  };
}

function buildScanner(c: ScannerConfig): Scanner | null {
  // A keyboard-wedge scanner is read by the UI and reaches the core through scan.submit.
  if (c.kind === 'keyboard') return null;
  if (c.kind === 'sim') return new SimScanner();
  return new SerialScanner({
    path: c.path,
    line: lineFrom(c, {}),
    suffix: c.suffix,
    prefix: c.prefix,
    reconnect: c.reconnect,
  });
}

function buildScale(c: ScaleConfig, clock: Clock): Scale {
  if (c.kind === 'sim')
    return new SimScale(clock, {
      offsetG: c.offsetG,
      noiseG: c.noiseG,
      settleMs: c.settleMs,
      unstable: c.unstable,
      tickMs: c.tickMs,
    });
  const protocol = getProtocol(c.protocol);
  return new SerialScale({
    path: c.path,
    protocol,
    line: lineFrom(protocol.line, c),
    protocolOptions: { unit: c.unit, stabilityBit: c.stabilityBit, reversed: c.reversed },
    stableCount: c.stableCount,
    stableWindowMs: c.stableWindowMs,
    stableToleranceG: c.stableToleranceG,
    readTimeoutMs: c.readTimeoutMs,
    pollIntervalMs: c.pollIntervalMs,
    reconnect: c.reconnect,
    now: () => clock.now(),
  });
}

function buildPrinter(c: PrinterConfig, clock: Clock, opts: DeviceOptions): LabelPrinter {
  const iface = parsePrinterInterface(c.interface);
  if (iface.kind === 'sim') return new SimPrinter(c.language, () => clock.now(), { paperOut: c.paperOut });
  // TCP and serial links answer; usblp device files often do not, so they must be declared two-way.
  const twoWay = c.twoWay ?? iface.kind !== 'device';
  const printer = new RawLabelPrinter({
    language: c.language,
    iface,
    encoder: encoderFor(c.language, createCanvasRasterizer()),
    encodeOptions: {
      dpi: c.dpi,
      offsetXmm: c.offsetXmm,
      offsetYmm: c.offsetYmm,
      density: c.density,
      media: c.media,
      copies: 1,
      paperWidthMm: c.paperWidthMm,
    },
    status: STATUS_PROTOCOLS[c.language],
    twoWay,
    statusTimeoutMs: c.statusTimeoutMs,
    journalFile: join(opts.dataDir, 'printer-journal.txt'),
    now: () => clock.now(),
  });
  opts.log?.(`printer: ${c.language} on ${c.interface}${twoWay ? '' : ' (one-way: no status checks)'}`);
  return printer;
}

/**
 * The packing-slip printer: an ESC/POS receipt printer beside the label printer, with its own print
 * journal file so a slip retried after a crash is recognised and never printed twice.
 */
function buildSlipPrinter(c: SlipConfig, clock: Clock, opts: DeviceOptions): LabelPrinter {
  const iface = parsePrinterInterface(c.interface);
  if (iface.kind === 'sim') return new SimPrinter(c.language, () => clock.now());
  const pdf = c.language === 'pdf';
  // An office printer taking PDF on port 9100 answers no ESC/POS status query: one-way.
  const twoWay = !pdf && iface.kind !== 'device';
  opts.log?.(`slip printer: ${c.language} on ${c.interface}, ${pdf ? 'A4' : `${c.paperWidthMm} mm paper`}`);
  return new RawLabelPrinter({
    language: c.language,
    iface,
    encoder: pdf ? createPdfEncoder() : encoderFor('escpos', createCanvasRasterizer()),
    encodeOptions: {
      dpi: 203,
      offsetXmm: 0,
      offsetYmm: 0,
      density: 10,
      media: { kind: 'continuous', sizeMm: 0, offsetMm: 0 },
      copies: 1,
      paperWidthMm: c.paperWidthMm,
    },
    status: pdf ? null : escposStatus,
    twoWay,
    statusTimeoutMs: 1500,
    journalFile: join(opts.dataDir, 'slip-journal.txt'),
    now: () => clock.now(),
  });
}

/** The devices a station starts with, from its config. */
export function initialDevices(factory: DeviceFactory, config: StationConfig): StationDevices {
  const d = config.devices;
  return {
    scanner: factory.scanner(d.scanner),
    scale: factory.scale(d.scale),
    printer: factory.printer(d.printer),
    wechatPrinter: d.wechatComponent && factory.wechatPrinter ? factory.wechatPrinter(d.wechatComponent) : null,
    // The 交接单 (handover.printer "slip") prints on the slip printer too, slips on or off.
    slipPrinter:
      (config.packing.slip.enabled || handoverPrinterOf(config) === 'slip') && factory.slipPrinter
        ? factory.slipPrinter(config.packing.slip)
        : null,
  };
}

/** Builds each device section; the station starts with these and a settings change swaps in new ones. */
export function createDeviceFactory(clock: Clock, opts: DeviceOptions): DeviceFactory {
  return {
    scanner: (c) => buildScanner(c),
    scale: (c) => buildScale(c, clock),
    printer: (c) => buildPrinter(c, clock, opts),
    wechatPrinter: (c) => {
      opts.log?.(`WeChat print component: ${c.url}, printer ${c.printer ?? '(its first)'}`);
      const driver = {
        printer: c.printer,
        // Its own journal: task ids are label ids, and a label goes to one printer or the other.
        journalFile: join(opts.dataDir, 'wechat-print-journal.txt'),
        requestTimeoutMs: c.requestTimeoutMs,
        faultPollMs: c.faultPollMs,
        ...(opts.log ? { log: opts.log } : {}),
      };
      return c.url === 'sim'
        ? new SimWechatComponentDevice(driver)
        : new WechatComponentPrinter({ ...driver, url: c.url });
    },
    slipPrinter: (c) => buildSlipPrinter(c, clock, opts),
    // ptys (socat) never show here (hardware.md D.1); the caller adds configured paths.
    async listPorts() {
      const ports = await SerialPort.list();
      return ports.map((p) => ({
        path: p.path,
        manufacturer: p.manufacturer ?? null,
        serialNumber: p.serialNumber ?? null,
        vendorId: p.vendorId ?? null,
        productId: p.productId ?? null,
      }));
    },
  };
}
