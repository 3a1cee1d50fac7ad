import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobSplitter, PrinterSimServer, type SimPrinterLanguage } from '../../../../src/hardware/sim/printer-server.js';
import { escposStatus, tsplStatus, zplStatus } from '../../../../src/hardware/printer/status.js';
import { bytes, text, until } from './fake-link.js';

const servers: PrinterSimServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(language: SimPrinterLanguage, outDir?: string) {
  const server = new PrinterSimServer({ language, port: 0, outDir });
  servers.push(server);
  const port = await server.listen();
  return { server, port };
}

/** A client socket that collects what the printer sends back. */
async function client(
  port: number,
): Promise<{ socket: Socket; received: () => Uint8Array; send: (b: Uint8Array | string) => void }> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise((r) => socket.once('connect', r));
  let got = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => (got = Buffer.concat([got, d])));
  return {
    socket,
    received: () => Uint8Array.from(got),
    send: (b) => socket.write(typeof b === 'string' ? bytes(b) : b),
  };
}

const split = (language: SimPrinterLanguage, chunks: (string | Uint8Array)[]) => {
  const s = new JobSplitter(language);
  return chunks.flatMap((c) => s.push(typeof c === 'string' ? bytes(c) : c));
};

describe('JobSplitter', () => {
  it('TSPL: a job runs through PRINT; a BITMAP payload holding "PRINT" and ESC ! ? is skipped by length', () => {
    const payload = bytes('PRINT 1\r\n\x1b!?\n\xff\x00\n');
    const job = Uint8Array.from([
      ...bytes('SIZE 100 mm,180 mm\r\nCLS\r\nBITMAP 0,0,4,4,0,'),
      ...payload,
      ...bytes('\r\nPRINT 1,1\r\n'),
    ]);
    expect(payload.length).toBe(16);
    const items = split('tspl', [job, '\x1b!?', 'SIZE 50 mm,30 mm\r\nPRINT 2,1\r\n']);
    expect(items.map((i) => i.type)).toEqual(['job', 'query', 'job']);
    expect(items[0]?.type === 'job' && items[0].bytes).toEqual(job);
  });

  it('TSPL: the same jobs for every split of the stream', () => {
    const stream = '\x1b!?CLS\r\nTEXT 1,1,"1",0,1,1,"A"\r\nPRINT 1,1\r\n\x1b!?CLS\r\nPRINT 1\r\n';
    const whole = split('tspl', [stream]);
    expect(split('tspl', [...stream])).toEqual(whole);
    expect(whole.map((i) => i.type)).toEqual(['query', 'job', 'query', 'job']);
  });

  it('ZPL: ~HS between formats is a query; ^XA…^XZ is a job, also when split mid-token', () => {
    const stream = '~HS^XA^FO10,10^FDone^FS^XZ\r\n~HS^XA^FDtwo^FS^XZ';
    const whole = split('zpl', [stream]);
    expect(whole.map((i) => (i.type === 'job' ? text(i.bytes) : 'query'))).toEqual([
      'query',
      '^XA^FO10,10^FDone^FS^XZ',
      'query',
      '^XA^FDtwo^FS^XZ',
    ]);
    expect(split('zpl', [...stream])).toEqual(whole);
  });

  it('ESC/POS: DLE EOT n is a query; a job runs through the cut; raster bytes that look like a cut are data', () => {
    const raster = [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x1d, 0x56, 0x10, 0x04];
    const job = Uint8Array.from([0x1b, 0x40, ...bytes('hello\n'), ...raster, 0x1d, 0x56, 0x00]);
    const items = split('escpos', [
      Uint8Array.of(0x10, 0x04, 0x02, 0x10, 0x04, 0x04),
      job,
      Uint8Array.of(0x1b, 0x40, 0x1d, 0x56, 0x41, 0x03),
    ]);
    expect(items.map((i) => i.type)).toEqual(['query', 'query', 'job', 'job']);
    expect(items[2]?.type === 'job' && items[2].bytes).toEqual(job);
  });
});

describe('PrinterSimServer', () => {
  it('TSPL answers ESC ! ? with b2 paper out and b0 head open', async () => {
    const { server, port } = await start('tspl');
    const c = await client(port);
    c.send('\x1b!?');
    await until(() => c.received().length === 1);
    server.setPaperOut(true);
    c.send('\x1b!?');
    await until(() => c.received().length === 2);
    server.setHeadOpen(true);
    c.send('\x1b!?');
    await until(() => c.received().length === 3);
    expect([...c.received()]).toEqual([0x00, 0x04, 0x05]);
    expect(tsplStatus.parse(c.received().subarray(2)).conditions).toEqual(['head open', 'paper out']);
    c.socket.destroy();
  });

  it('ZPL answers ~HS with three STX…ETX lines when ready, and nothing at all while paper is out', async () => {
    const { server, port } = await start('zpl');
    const c = await client(port);
    c.send('~HS');
    await until(() => zplStatus.complete(c.received()));
    expect(zplStatus.parse(c.received())).toEqual({ ready: true, fault: null, conditions: [] });
    server.setPaperOut(true);
    const before = c.received().length;
    c.send('~HS');
    await new Promise((r) => setTimeout(r, 150));
    expect(c.received().length).toBe(before);
    c.socket.destroy();
  });

  it('ESC/POS answers DLE EOT 2 and 4 per the bit table', async () => {
    const { server, port } = await start('escpos');
    const c = await client(port);
    c.send(escposStatus.query);
    await until(() => c.received().length === 2);
    server.setPaperOut(true);
    c.send(escposStatus.query);
    await until(() => c.received().length === 4);
    server.setPaperOut(false);
    server.setHeadOpen(true);
    c.send(escposStatus.query);
    await until(() => c.received().length === 6);
    expect([...c.received()]).toEqual([0x12, 0x12, 0x32, 0x72, 0x16, 0x12]);
    expect(escposStatus.parse(c.received().subarray(2, 4)).fault).toBe('paper_out');
    expect(escposStatus.parse(c.received().subarray(4, 6)).fault).toBe('head_open');
    c.socket.destroy();
  });

  it('saves each job to a numbered file and holds a job sent while paper is out until paper is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-psim-'));
    dirs.push(dir);
    const { server, port } = await start('tspl', dir);
    const seen: number[] = [];
    server.onJob((j) => seen.push(j.seq));
    const c = await client(port);
    c.send('CLS\r\nPRINT 1,1\r\n');
    await until(() => server.jobs().length === 1);
    server.setPaperOut(true);
    c.send('CLS\r\nTEXT 1,1,"1",0,1,1,"held"\r\nPRINT 1,1\r\n');
    await until(() => server.state().held === 1);
    expect(server.jobs()).toHaveLength(1);
    server.setPaperOut(false);
    expect(server.jobs()).toHaveLength(2);
    server.setPaperOut(false);
    expect(server.jobs()).toHaveLength(2); // printed once, not again
    const second = server.jobs()[1];
    expect(second?.file).toBe(join(dir, 'job-0002.tspl'));
    expect(readFileSync(second?.file ?? '', 'latin1')).toContain('"held"');
    expect(seen).toEqual([1, 2]);
    c.socket.destroy();
  });

  it('listens on 127.0.0.1 by default', async () => {
    const server = new PrinterSimServer({ language: 'zpl', port: 0 });
    servers.push(server);
    await server.listen();
    const address = (server as unknown as { server: { address(): { address: string } } }).server.address();
    expect(address.address).toBe('127.0.0.1');
  });
});
