// RawLabelPrinter against printers that answer like real ones: the TCP printer simulator (TSPL, ZPL)
// on 127.0.0.1, and over pty pairs as a serial printer and a two-way device file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RawLabelPrinter, type RealPrinterInterface } from '../../../src/hardware/printer/raw-printer.js';
import { encoderFor } from '../../../src/hardware/printer/encoders/index.js';
import { createCanvasRasterizer } from '../../../src/hardware/printer/raster.js';
import { tsplStatus, zplStatus } from '../../../src/hardware/printer/status.js';
import type { EncodeOptions, PrinterLanguage } from '../../../src/hardware/printer/types.js';
import { JobSplitter, PrinterSimServer, statusAnswer } from '../../../src/hardware/sim/printer-server.js';
import { openSerial } from '../../../src/hardware/transport/serial.js';
import { PrinterFault, type PrintJob } from '../../../src/hardware/types.js';
import type { LabelLayout } from '../../../src/contract/label.js';
import { openPtyPair } from '../../helpers/pty.js';
import { waitFor } from '../../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-prn-'));
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => {});
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const layout: LabelLayout = {
  widthMm: 100,
  heightMm: 180,
  elements: [
    { type: 'text', x: 5, y: 5, size: 6, text: '顺丰速运 SF', bold: true },
    { type: 'code128', x: 5, y: 20, height: 15, moduleWidth: 0.375, text: 'SF1234567890123', showText: true },
    { type: 'qr', x: 70, y: 60, size: 25, text: 'SF1234567890123' },
    { type: 'line', x: 0, y: 50, width: 100, height: 0.5 },
  ],
};
const encodeOptions: EncodeOptions = {
  dpi: 203,
  offsetXmm: 0,
  offsetYmm: 0,
  density: 10,
  media: { kind: 'gap', sizeMm: 2, offsetMm: 0 },
  copies: 1,
};
const job = (id: string): PrintJob => ({ id, layout, reprint: false, copies: 1 });
const STATUS = { tspl: tsplStatus, zpl: zplStatus, escpos: null };

function printerFor(language: PrinterLanguage, iface: RealPrinterInterface, name: string) {
  const p = new RawLabelPrinter({
    language,
    iface,
    encoder: encoderFor(language, createCanvasRasterizer()),
    encodeOptions,
    status: STATUS[language],
    twoWay: true,
    statusTimeoutMs: 300,
    faultPollMs: 100,
    journalFile: join(dir, `${name}-journal.txt`),
    reconnect: { minMs: 100, maxMs: 500 },
    now: () => Date.now(),
  });
  cleanup.push(() => p.stop());
  return p;
}

describe.each([['tspl' as const], ['zpl' as const]])('RawLabelPrinter → PrinterSimServer over TCP (%s)', (language) => {
  it('delivers a job; paper out → PrinterFault, nothing printed; paper back → ready; the retry prints exactly once', async () => {
    const outDir = join(dir, `out-${language}`);
    const sim = new PrinterSimServer({ language, port: 0, outDir });
    const port = await sim.listen();
    cleanup.push(() => sim.close());
    const printer = printerFor(language, { kind: 'tcp', host: '127.0.0.1', port }, `tcp-${language}`);
    await printer.start();
    await waitFor(() => printer.status().state === 'ready', 3000, 'printer ready');

    expect(await printer.print(job('L1'))).toEqual({ jobId: 'L1', duplicate: false });
    await waitFor(() => sim.jobs().length === 1, 2000, 'first job saved');
    const saved = sim.jobs()[0];
    expect(saved?.file).toBe(join(outDir, `job-0001.${language}`));
    // The job as the printer's parser sees it: through PRINT's CRLF (TSPL) or ^XZ (ZPL, whose trailing newline is between formats).
    const sent = Buffer.from(encoderFor(language, createCanvasRasterizer()).encode(layout, encodeOptions)).toString(
      'latin1',
    );
    expect(readFileSync(saved?.file ?? '').toString('latin1')).toBe(language === 'zpl' ? sent.trimEnd() : sent);

    sim.setPaperOut(true);
    const err = (await printer.print(job('L2')).catch((e: unknown) => e)) as PrinterFault;
    expect(err).toBeInstanceOf(PrinterFault);
    // TSPL reports paper out; a Zebra stays silent, which reads as offline (hardware.md C.2).
    expect(err.reason).toBe(language === 'tspl' ? 'paper_out' : 'offline');
    expect(printer.status().state).toBe('error');
    await new Promise((r) => setTimeout(r, 250)); // fault polls run meanwhile
    expect(sim.jobs()).toHaveLength(1);
    expect(sim.state().held).toBe(0);

    const readyAt = Date.now();
    sim.setPaperOut(false);
    await waitFor(() => printer.status().state === 'ready', 2000, 'ready after paper is back');
    console.log(`${language}: status ready ${Date.now() - readyAt} ms after paper came back (faultPollMs 100)`);
    expect(await printer.print(job('L2'))).toEqual({ jobId: 'L2', duplicate: false });
    expect(await printer.print(job('L2'))).toEqual({ jobId: 'L2', duplicate: true });
    await waitFor(() => sim.jobs().length === 2, 2000, 'second job saved');
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.jobs().map((j) => j.seq)).toEqual([1, 2]);
  });

  it('a closed port is PrinterFault offline', async () => {
    const sim = new PrinterSimServer({ language, port: 0 });
    const port = await sim.listen();
    await sim.close();
    const printer = printerFor(language, { kind: 'tcp', host: '127.0.0.1', port }, `closed-${language}`);
    const err = (await printer.print(job('L1')).catch((e: unknown) => e)) as PrinterFault;
    expect(err.reason).toBe('offline');
    expect(err.message).toContain('connection refused');
  });
});

/** A TSPL printer on the far end of a pty: answers ESC ! ? and collects jobs, as the TCP sim does. */
async function ptyTsplPrinter(path: string) {
  const link = await openSerial(path, { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
  cleanup.push(() => link.close());
  const state = { paperOut: false, headOpen: false };
  const jobs: Uint8Array[] = [];
  const splitter = new JobSplitter('tspl');
  link.onData((chunk) => {
    for (const item of splitter.push(chunk)) {
      if (item.type === 'job') jobs.push(item.bytes);
      else void link.write(statusAnswer('tspl', item.query, state) ?? new Uint8Array(0));
    }
  });
  return { state, jobs };
}

describe('RawLabelPrinter over a pty pair', () => {
  it('as a serial printer: status checked, job delivered, paper out refused', async () => {
    const pair = await openPtyPair(dir, 'serial-printer');
    cleanup.push(() => pair.kill('SIGKILL'));
    const device = await ptyTsplPrinter(pair.b);
    const printer = printerFor('tspl', { kind: 'serial', path: pair.a, line: { baudRate: 115200 } }, 'serial');
    await printer.start();
    await waitFor(() => printer.status().state === 'ready', 3000, 'serial printer ready');
    await printer.print(job('S1'));
    await waitFor(() => device.jobs.length === 1, 2000, 'job over serial');
    device.state.paperOut = true;
    await expect(printer.print(job('S2'))).rejects.toMatchObject({ reason: 'paper_out' });
    expect(device.jobs).toHaveLength(1);
  });

  it('as a two-way device file (a pty stands in for /dev/usb/lp0)', async () => {
    const pair = await openPtyPair(dir, 'lp');
    cleanup.push(() => pair.kill('SIGKILL'));
    const device = await ptyTsplPrinter(pair.b);
    const printer = printerFor('tspl', { kind: 'device', path: pair.a }, 'device');
    device.state.headOpen = true;
    await expect(printer.print(job('D1'))).rejects.toMatchObject({ reason: 'head_open' });
    device.state.headOpen = false;
    await printer.print(job('D1'));
    await waitFor(() => device.jobs.length === 1, 2000, 'job through the device file');
    expect(Buffer.from(device.jobs[0] ?? new Uint8Array()).toString('latin1')).toMatch(
      /^SIZE 100 mm,180 mm\r\n[\s\S]*PRINT 1,1\r\n$/,
    );
  });
});
