// A settings view as the core returns it (defaults filled in), for the settings screen tests.
import type { ProtocolInfo, SerialPortInfo, SettingsView } from '../../src/contract/api.js';
import type { StationSnapshot } from '../../src/contract/station.js';
import { snapshot } from './fixtures.js';

export const PROTOCOLS: ProtocolInfo[] = [
  {
    id: 'toledo-continuous',
    title: 'Toledo continuous output',
    line: { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
    mode: 'stream',
    hasStabilityFlag: true,
    canTare: false,
    canZero: false,
  },
  {
    id: 'yaohua-eq',
    title: 'Yaohua "=" format',
    line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
    mode: 'stream',
    hasStabilityFlag: false,
    canTare: false,
    canZero: false,
  },
  {
    id: 'mt-sics',
    title: 'Mettler Toledo MT-SICS',
    line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
    mode: 'poll',
    hasStabilityFlag: true,
    canTare: true,
    canZero: true,
  },
];

export function devices(): Record<string, unknown> {
  return {
    scanner: { kind: 'keyboard' },
    scale: {
      kind: 'serial',
      path: '/dev/ttyUSB0',
      protocol: 'mt-sics',
      unit: 'kg',
      stabilityBit: 'motion',
      reversed: true,
      stableCount: 5,
      stableWindowMs: 1500,
      readTimeoutMs: 2000,
      reconnect: { minMs: 500, maxMs: 10000 },
    },
    printer: {
      language: 'tspl',
      interface: 'tcp://192.168.1.50:9100',
      dpi: 203,
      widthMm: 100,
      heightMm: 180,
      offsetXmm: 0,
      offsetYmm: 0,
      density: 10,
      media: { kind: 'gap', sizeMm: 2, offsetMm: 0 },
      paperWidthMm: 80,
      statusTimeoutMs: 1500,
      paperOut: false,
    },
  };
}

export function settingsView(over: Partial<SettingsView> = {}): SettingsView {
  return {
    configPath: '/etc/packdesk/station.json',
    devices: devices(),
    layout: 'u_shaped',
    protocols: PROTOCOLS,
    languages: ['tspl', 'zpl', 'escpos'],
    ...over,
  };
}

export const PORTS: SerialPortInfo[] = [
  {
    path: '/dev/ttyUSB0',
    manufacturer: 'FTDI',
    serialNumber: 'A1',
    vendorId: '0403',
    productId: '6001',
    configured: true,
    present: true,
  },
  {
    path: '/dev/ttyACM0',
    manufacturer: null,
    serialNumber: null,
    vendorId: null,
    productId: null,
    configured: false,
    present: true,
  },
  {
    path: '/dev/pts/7',
    manufacturer: null,
    serialNumber: null,
    vendorId: null,
    productId: null,
    configured: true,
    present: false,
  },
];

/** The desk as the settings screen sees it: a serial scale that has gone quiet. */
export function settingsSnapshot(): StationSnapshot {
  return snapshot({
    devices: [
      { role: 'scanner', kind: 'keyboard', simulated: false, state: 'ready', detail: null },
      { role: 'scale', kind: 'mt-sics', simulated: false, state: 'error', detail: 'scale silent for 2 s' },
      { role: 'printer', kind: 'tspl', simulated: false, state: 'disconnected', detail: 'disconnected' },
    ],
  });
}
