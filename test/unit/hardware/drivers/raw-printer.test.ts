import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PrintJournal,
  RawLabelPrinter,
  type RawLabelPrinterOptions,
} from '../../../../src/hardware/printer/raw-printer.js';
import { tsplStatus, zplStatus } from '../../../../src/hardware/printer/status.js';
import type { LabelEncoder } from '../../../../src/hardware/printer/types.js';
import { PrinterFault, PrintUncertain, type DeviceStatus, type PrintJob } from '../../../../src/hardware/types.js';
import { FakePort, bytes, text, until, type FakeLink } from './fake-link.js';

/** Stands in for the TSPL encoder: what matters here is which bytes reach the link, and when. */
const encoder: LabelEncoder = {
  language: 'tspl',
  encode: (layout, o) => bytes(`SIZE ${layout.widthMm} mm,${layout.heightMm} mm\r\nCLS\r\nPRINT ${o.copies},1\r\n`),
};

const job = (id: string, copies = 1): PrintJob => ({
  id,
  layout: { widthMm: 100, heightMm: 180, elements: [] },
  reprint: false,
  copies,
});

/** A TSPL printer behind the fake link: answers ESC ! ? from its state, keeps what it was sent. */
class FakeTsplPrinter {
  paperOut = false;
  silent = false;
  readonly received: string[] = [];
  attach = (link: FakeLink) => {
    link.respond = (data, l) => {
      if (text(data) === '\x1b!?') {
        if (!this.silent) setImmediate(() => l.emit(Uint8Array.of(this.paperOut ? 0x04 : 0x00)));
      } else this.received.push(text(data));
    };
  };
}

let dir: string;
const printers: RawLabelPrinter[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'packdesk-rawprn-'));
});
afterEach(async () => {
  for (const p of printers.splice(0)) await p.stop();
  rmSync(dir, { recursive: true, force: true });
});

function printer(port: FakePort, over: Partial<RawLabelPrinterOptions> = {}) {
  const p = new RawLabelPrinter({
    language: 'tspl',
    iface: { kind: 'tcp', host: '127.0.0.1', port: 9100 },
    encoder,
    encodeOptions: {
      dpi: 203,
      offsetXmm: 0,
      offsetYmm: 0,
      density: 10,
      media: { kind: 'gap', sizeMm: 2, offsetMm: 0 },
      copies: 1,
    },
    status: tsplStatus,
    twoWay: true,
    statusTimeoutMs: 100,
    faultPollMs: 30,
    idlePollMs: 60_000,
    journalFile: join(dir, 'printer-journal.txt'),
    now: () => Date.now(),
    open: port.open,
    ...over,
  });
  printers.push(p);
  const statuses: DeviceStatus[] = [];
  p.onStatus((s) => statuses.push(s));
  return { p, statuses };
}

function tsplPort(): { port: FakePort; device: FakeTsplPrinter } {
  const port = new FakePort();
  const device = new FakeTsplPrinter();
  port.onOpen = device.attach;
  return { port, device };
}

describe('RawLabelPrinter', () => {
  it('asks for status, sends the encoded job with the job’s copies, closes the connection', async () => {
    const { port, device } = tsplPort();
    const { p } = printer(port);
    await p.start();
    await until(() => p.status().state === 'ready');
    expect(await p.print(job('L1', 2))).toEqual({ jobId: 'L1', duplicate: false });
    const link = port.last();
    expect(text(link.written[0] ?? new Uint8Array())).toBe('\x1b!?');
    expect(device.received).toEqual(['SIZE 100 mm,180 mm\r\nCLS\r\nPRINT 2,1\r\n']);
    expect(link.closed).toBe(true);
  });

  it('never sends a journaled job twice, across instances (a restart)', async () => {
    const { port, device } = tsplPort();
    const first = printer(port).p;
    await first.print(job('L1'));
    await first.stop();
    const opens = port.attempts.length;
    const second = printer(port).p;
    expect(await second.print(job('L1'))).toEqual({ jobId: 'L1', duplicate: true });
    expect(port.attempts.length).toBe(opens);
    expect(device.received).toHaveLength(1);
    expect(readFileSync(join(dir, 'printer-journal.txt'), 'utf8')).toBe('intent L1\ndone L1\n');
  });

  it('a job killed mid-send (intent, no done) is never sent again as an original, only marked', async () => {
    const { port, device } = tsplPort();
    writeFileSync(join(dir, 'printer-journal.txt'), 'intent L1\n'); // the station died while sending L1
    const { p } = printer(port);
    const err = await p.print(job('L1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrintUncertain);
    expect((err as PrintUncertain).jobId).toBe('L1');
    expect(port.attempts).toHaveLength(0); // not even a connection
    expect(await p.print({ ...job('L1'), reprint: true })).toEqual({ jobId: 'L1', duplicate: false, uncertain: true });
    expect(device.received).toHaveLength(1);
    expect(await p.print({ ...job('L1'), reprint: true })).toEqual({ jobId: 'L1', duplicate: true });
    expect(device.received).toHaveLength(1);
  });

  it('a send that failed halfway leaves the job uncertain: the retry must be marked', async () => {
    const { port, device } = tsplPort();
    port.onOpen = (link) => {
      device.attach(link);
      const respond = link.respond;
      link.respond = (data, l) => {
        respond?.(data, l);
        if (text(data) !== '\x1b!?') l.closed = true; // the bytes left, the connection broke
      };
      const write = link.write.bind(link);
      link.write = async (data) => {
        await write(data);
        if (link.closed) throw new Error('connection reset');
      };
    };
    const { p } = printer(port);
    await expect(p.print(job('L1'))).rejects.toMatchObject({ reason: 'offline' });
    expect(device.received).toHaveLength(1); // it may well be on the paper
    await expect(p.print(job('L1'))).rejects.toBeInstanceOf(PrintUncertain);
    port.onOpen = device.attach;
    expect((await p.print({ ...job('L1'), reprint: true })).uncertain).toBe(true);
    expect(device.received).toHaveLength(2);
  });

  it('a fault before the send (paper out) leaves no intent: the retry prints as the original', async () => {
    const { port, device } = tsplPort();
    const { p } = printer(port);
    device.paperOut = true;
    await expect(p.print(job('L1'))).rejects.toMatchObject({ reason: 'paper_out' });
    device.paperOut = false;
    expect(await p.print(job('L1'))).toEqual({ jobId: 'L1', duplicate: false });
  });

  it('paper out: PrinterFault, status error, nothing sent; polls until ready, then status ready', async () => {
    const { port, device } = tsplPort();
    const { p, statuses } = printer(port);
    await p.start();
    await until(() => p.status().state === 'ready');
    device.paperOut = true;
    const err = await p.print(job('L1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterFault);
    expect((err as PrinterFault).reason).toBe('paper_out');
    expect(p.status()).toEqual({ state: 'error', detail: 'paper out' });
    expect(device.received).toEqual([]);
    const polls = port.attempts.length;
    await until(() => port.attempts.length >= polls + 2, 1000, 'fault polls');
    expect(p.status().state).toBe('error');
    device.paperOut = false;
    await until(() => p.status().state === 'ready', 1000, 'ready after paper is back');
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'ready', 'error', 'ready']);
    await p.print(job('L1'));
    expect(device.received).toHaveLength(1);
  });

  it('no answer to the status query: PrinterFault offline, then ready once it answers again', async () => {
    const { port, device } = tsplPort();
    const { p } = printer(port);
    device.silent = true;
    const err = (await p.print(job('L1')).catch((e: unknown) => e)) as PrinterFault;
    expect(err).toBeInstanceOf(PrinterFault);
    expect(err.reason).toBe('offline');
    expect(err.message).toBe('no answer to status query within 0.1 s');
    expect(device.received).toEqual([]);
    await p.start();
    device.silent = false;
    await until(() => p.status().state === 'ready', 1000);
  });

  it('a refused connection is PrinterFault offline with the reason', async () => {
    const port = new FakePort();
    port.failing = 'cannot connect to printer at 127.0.0.1:9100: connection refused';
    const { p } = printer(port);
    const err = (await p.print(job('L1')).catch((e: unknown) => e)) as PrinterFault;
    expect(err.reason).toBe('offline');
    expect(err.message).toContain('connection refused');
    expect(p.status()).toEqual({
      state: 'disconnected',
      detail: 'cannot connect to printer at 127.0.0.1:9100: connection refused',
    });
  });

  it('a one-way link gets the job without a status query', async () => {
    const port = new FakePort(Date.now, false);
    const { p } = printer(port, { iface: { kind: 'device', path: '/dev/usb/lp0' }, twoWay: false });
    await p.print(job('L1'));
    expect(port.last().written.map(text)).toEqual(['SIZE 100 mm,180 mm\r\nCLS\r\nPRINT 1,1\r\n']);
  });

  it('a printer whose status protocol is null is not asked either', async () => {
    const { port } = tsplPort();
    const { p } = printer(port, { status: null });
    await p.print(job('L1'));
    expect(port.last().written.map(text)).toEqual(['SIZE 100 mm,180 mm\r\nCLS\r\nPRINT 1,1\r\n']);
  });

  it('runs jobs one at a time, in order', async () => {
    const { port, device } = tsplPort();
    const { p } = printer(port);
    let open = 0;
    let most = 0;
    port.onOpen = (link) => {
      device.attach(link);
      open++;
      most = Math.max(most, open);
      const close = link.close.bind(link);
      link.close = async () => {
        open--;
        await close();
      };
    };
    await Promise.all(
      ['A', 'B', 'C'].map((id) =>
        p.print({ ...job(id), layout: { widthMm: id.charCodeAt(0), heightMm: 1, elements: [] } }),
      ),
    );
    expect(most).toBe(1);
    expect(device.received.map((r) => r.slice(0, 8))).toEqual(['SIZE 65 ', 'SIZE 66 ', 'SIZE 67 ']);
  });

  it('queryStatus returns the parsed answer (ZPL: null while the printer is silent)', async () => {
    const port = new FakePort();
    let answer = true;
    port.onOpen = (link) => {
      link.respond = (_d, l) => {
        if (answer)
          setImmediate(() =>
            l.emit(
              '\x02030,0,0,1440,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n',
            ),
          );
      };
    };
    const { p } = printer(port, { language: 'zpl', status: zplStatus });
    expect(await p.queryStatus()).toEqual({ ready: true, fault: null, conditions: [] });
    answer = false;
    expect(await p.queryStatus()).toBeNull();
  });
});

describe('PrintJournal', () => {
  it('records intent and done; across a reopen a job with only an intent is uncertain', () => {
    const file = join(dir, 'j.txt');
    const j = new PrintJournal(file);
    j.intent('L1');
    j.done('L1');
    j.intent('L 2/é');
    const reopened = new PrintJournal(file);
    expect(reopened.lookup('L1')).toEqual({ done: true });
    expect(reopened.has('L1')).toBe(true);
    expect(reopened.lookup('L 2/é')).toEqual({ done: false });
    expect(reopened.has('L 2/é')).toBe(false);
    expect(reopened.lookup('L3')).toBeNull();
    // Another instance (the settings screen's test print) finishing the job is seen.
    j.done('L 2/é');
    expect(reopened.has('L 2/é')).toBe(true);
  });

  it('reads journals written before the two-phase record; ignores damaged lines and one torn by a crash', () => {
    const file = join(dir, 'j.txt');
    writeFileSync(file, 'OLD1\n%zz\nintent L2\n');
    appendFileSync(file, 'done L2'); // no newline: the write was cut short
    const j = new PrintJournal(file);
    expect(j.has('OLD1')).toBe(true);
    expect(j.lookup('L2')).toEqual({ done: false });
    j.done('L3'); // on a line of its own, not glued to the torn one
    expect(new PrintJournal(file).has('L3')).toBe(true);
  });

  it('compaction keeps open intents, however old', () => {
    const file = join(dir, 'j.txt');
    const j = new PrintJournal(file, 10);
    j.intent('OPEN');
    for (let i = 0; i < 40; i++) {
      j.intent(`L${i}`);
      j.done(`L${i}`);
    }
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeLessThanOrEqual(20);
    const reloaded = new PrintJournal(file, 10);
    expect(reloaded.lookup('OPEN')).toEqual({ done: false });
    expect(reloaded.has('L39')).toBe(true);
    expect(reloaded.has('L0')).toBe(false);
  });

  it('keeps the last `keep` ids (2000 by default), in the file too', () => {
    const file = join(dir, 'j.txt');
    const j = new PrintJournal(file, 50);
    for (let i = 0; i < 101; i++) j.done(`L${i}`);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(100);
    const reloaded = new PrintJournal(file, 50);
    expect(reloaded.has('L100')).toBe(true);
    expect(reloaded.has('L51')).toBe(true);
    expect(reloaded.has('L50')).toBe(false);
    expect(reloaded.has('L0')).toBe(false);
  });
});
