// Printer interface strings from the station config:
//   sim | tcp://host:9100 | /dev/usb/lp0 (device file) | serial:/dev/ttyUSB0?baud=9600&parity=none
import type { LineSettings, Parity } from '../scale/protocol.js';
import type { PrinterInterface } from './types.js';

const PARITIES: readonly Parity[] = ['none', 'even', 'odd', 'mark', 'space'];

export class InterfaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterfaceError';
  }
}

function serialLine(query: URLSearchParams, spec: string): Partial<LineSettings> {
  const line: Partial<LineSettings> = {};
  for (const [key, value] of query) {
    const n = Number(value);
    if (key === 'baud' || key === 'baudRate') {
      if (!Number.isInteger(n) || n < 50 || n > 4_000_000)
        throw new InterfaceError(`${spec}: baud must be a whole number like 9600, got "${value}"`);
      line.baudRate = n;
    } else if (key === 'dataBits') {
      if (![5, 6, 7, 8].includes(n)) throw new InterfaceError(`${spec}: dataBits must be 5, 6, 7 or 8, got "${value}"`);
      line.dataBits = n as LineSettings['dataBits'];
    } else if (key === 'stopBits') {
      if (![1, 1.5, 2].includes(n)) throw new InterfaceError(`${spec}: stopBits must be 1, 1.5 or 2, got "${value}"`);
      line.stopBits = n as LineSettings['stopBits'];
    } else if (key === 'parity') {
      if (!PARITIES.includes(value as Parity))
        throw new InterfaceError(`${spec}: parity must be one of ${PARITIES.join(', ')}, got "${value}"`);
      line.parity = value as Parity;
    } else {
      throw new InterfaceError(`${spec}: unknown serial option "${key}" (expected baud, dataBits, parity, stopBits)`);
    }
  }
  return line;
}

export function parsePrinterInterface(spec: string): PrinterInterface {
  const s = spec.trim();
  if (s === 'sim') return { kind: 'sim' };
  if (s.startsWith('tcp://')) {
    const m = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[^:/?#\s]+)(?::(\d{1,5}))?\/?$/.exec(s);
    if (!m?.[1]) throw new InterfaceError(`${spec}: expected tcp://host:port, e.g. tcp://192.168.1.50:9100`);
    const port = m[2] === undefined ? 9100 : Number(m[2]);
    if (port < 1 || port > 65535) throw new InterfaceError(`${spec}: port must be 1–65535`);
    return { kind: 'tcp', host: m[1].replace(/^\[|\]$/g, ''), port };
  }
  if (s.startsWith('serial:')) {
    const [path = '', query = ''] = s.slice('serial:'.length).split('?', 2);
    if (!path) throw new InterfaceError(`${spec}: expected serial:/dev/ttyUSB0?baud=9600 (or serial:COM3?baud=9600)`);
    return { kind: 'serial', path, line: serialLine(new URLSearchParams(query), spec) };
  }
  // Device files: /dev/usb/lp0 on Linux, \\.\COM3 or a shared printer path on Windows.
  if (s.startsWith('/') || s.startsWith('\\\\')) return { kind: 'device', path: s };
  throw new InterfaceError(
    `${spec}: expected "sim", tcp://host:port, serial:/dev/ttyUSB0?baud=9600 or a device path like /dev/usb/lp0`,
  );
}

export function formatPrinterInterface(i: PrinterInterface): string {
  switch (i.kind) {
    case 'sim':
      return 'sim';
    case 'tcp':
      return `tcp://${i.host.includes(':') ? `[${i.host}]` : i.host}:${i.port}`;
    case 'device':
      return i.path;
    case 'serial': {
      const q = new URLSearchParams();
      if (i.line.baudRate) q.set('baud', String(i.line.baudRate));
      if (i.line.dataBits) q.set('dataBits', String(i.line.dataBits));
      if (i.line.parity) q.set('parity', i.line.parity);
      if (i.line.stopBits) q.set('stopBits', String(i.line.stopBits));
      const qs = q.toString();
      return `serial:${i.path}${qs ? `?${qs}` : ''}`;
    }
  }
}
