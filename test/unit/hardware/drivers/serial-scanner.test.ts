import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ScanLineSplitter,
  SerialScanner,
  decodeScan,
  stripPrefix,
  type ScanSuffix,
} from '../../../../src/hardware/scanner/serial-scanner.js';
import type { DeviceStatus } from '../../../../src/hardware/types.js';
import { FakePort, bytes, flush } from './fake-link.js';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
const GS = '\x1d';

function scanner(opts: { suffix?: ScanSuffix; prefix?: string; port?: FakePort } = {}) {
  const port = opts.port ?? new FakePort();
  const s = new SerialScanner({
    path: '/dev/ttyACM0',
    line: LINE,
    suffix: opts.suffix ?? 'CR',
    prefix: opts.prefix ?? '',
    reconnect: { minMs: 100, maxMs: 400 },
    open: port.open,
  });
  const codes: string[] = [];
  const statuses: DeviceStatus[] = [];
  s.onScan((c) => codes.push(c));
  s.onStatus((st) => statuses.push(st));
  return { s, port, codes, statuses };
}

function feed(suffix: ScanSuffix, chunks: string[]): string[] {
  const split = new ScanLineSplitter(suffix);
  return chunks.flatMap((c) => split.push(bytes(c))).map((b) => decodeScan(b));
}

describe('ScanLineSplitter', () => {
  it('splits on each suffix and ignores empty lines', () => {
    expect(feed('CR', ['SF123\rYT9\r\r'])).toEqual(['SF123', 'YT9']);
    expect(feed('LF', ['SF123\nYT9\n'])).toEqual(['SF123', 'YT9']);
    expect(feed('TAB', ['SF123\tYT9\t'])).toEqual(['SF123', 'YT9']);
  });

  it('CRLF also takes a lone CR or LF (a scanner reset to factory settings)', () => {
    expect(feed('CRLF', ['A1\r\nB2\rC3\nD4\r\n'])).toEqual(['A1', 'B2', 'C3', 'D4']);
  });

  it('gives the same codes for any split of the stream, down to single bytes', () => {
    const stream = '6901234567892\r\n]C1' + '0109501101020917' + GS + '10AB\r\n';
    const whole = feed('CRLF', [stream]);
    expect(feed('CRLF', [...stream])).toEqual(whole);
    expect(feed('CRLF', [stream.slice(0, 5), stream.slice(5, 17), stream.slice(17)])).toEqual(whole);
    expect(whole).toEqual(['6901234567892', `]C10109501101020917${GS}10AB`]);
  });

  it('drops a runaway line that never ends and recovers at the next suffix', () => {
    expect(feed('CR', ['X'.repeat(5000), 'tail\rOK\r'])).toEqual(['OK']);
  });
});

describe('decodeScan and stripPrefix', () => {
  it('reads UTF-8 (a QR code with Chinese) and falls back to Latin-1 for other bytes', () => {
    expect(decodeScan(Uint8Array.from(Buffer.from('顺丰SF1', 'utf8')))).toBe('顺丰SF1');
    expect(decodeScan(Uint8Array.of(0x41, 0xe9, 0x42))).toBe('AéB');
  });

  it('removes the prefix, also after an AIM identifier, and leaves other codes alone', () => {
    expect(stripPrefix('P:SF123', 'P:')).toBe('SF123');
    expect(stripPrefix(']C1P:0109501101020917', 'P:')).toBe(']C10109501101020917');
    expect(stripPrefix('SF123', 'P:')).toBe('SF123');
    expect(stripPrefix('SF123', '')).toBe('SF123');
  });
});

describe('SerialScanner', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers codes with prefix removed, AIM and GS kept, across split chunks', async () => {
    const { s, port, codes, statuses } = scanner({ prefix: '#' });
    await s.start();
    await flush();
    expect(statuses.map((x) => x.state)).toEqual(['connecting', 'ready']);
    const link = port.last();
    link.emit('#69012');
    link.emit('34567892\r#]C101095011');
    link.emit(`01020917${GS}10LOT7\r\r`);
    expect(codes).toEqual(['6901234567892', `]C10109501101020917${GS}10LOT7`]);
    await s.stop();
    expect(s.status().state).toBe('disconnected');
  });

  it('goes disconnected when the port vanishes and reopens with backoff', async () => {
    vi.useFakeTimers();
    const { s, port, codes, statuses } = scanner();
    await s.start();
    await flush();
    port.failing = 'cannot open serial port /dev/ttyACM0: No such file or directory';
    port.last().emit('HALF');
    port.last().drop('serial port /dev/ttyACM0 disconnected');
    expect(s.status()).toEqual({ state: 'disconnected', detail: 'serial port /dev/ttyACM0 disconnected' });
    await vi.advanceTimersByTimeAsync(100); // 1st retry after minMs, fails
    expect(s.status().detail).toContain('No such file');
    await vi.advanceTimersByTimeAsync(200); // 2nd retry after 2·minMs, fails
    expect(port.attempts).toHaveLength(3);
    port.failing = null;
    await vi.advanceTimersByTimeAsync(399);
    expect(port.attempts).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1); // 3rd retry after 4·minMs (= maxMs), opens
    expect(s.status().state).toBe('ready');
    // Bytes from before the unplug belong to no code.
    port.last().emit('SF1\r');
    expect(codes).toEqual(['SF1']);
    expect(statuses.map((x) => x.state)).toEqual(['connecting', 'ready', 'disconnected', 'disconnected', 'ready']);
    await s.stop();
  });

  it('keeps reading when a listener throws', async () => {
    const { s, port, codes } = scanner();
    s.onScan(() => {
      throw new Error('listener bug');
    });
    await s.start();
    await flush();
    port.last().emit('A\rB\r');
    expect(codes).toEqual(['A', 'B']);
    await s.stop();
  });
});
