import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readingPatch, runSim, scaleCommand, type SimIo } from '../../../../src/hosts/cli/sim.js';
import { until } from './fake-link.js';

function io() {
  const stdin = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  const sim: SimIo = { stdin, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { sim, stdin, out, err };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  process.exitCode = undefined;
});

describe('packdesk sim: options', () => {
  it.each([
    [['scale', '--path', '/tmp/x'], '--protocol is required (e.g. --protocol mt-sics)'],
    [
      ['scale', '--protocol', 'dibal', '--path', '/tmp/x'],
      '--protocol: expected one of mt-sics, toledo-8217, toledo-continuous, st-gs, yaohua-a9, yaohua-eq, yaohua-a12, cas, got "dibal"',
    ],
    [
      ['scale', '--protocol', 'st-gs', '--path', '/tmp/x', '--interval', 'fast'],
      '--interval: expected a whole number 10–60000, got "fast"',
    ],
    [
      ['scale', '--protocol', 'st-gs', '--path', '/tmp/x', '--reversed', 'yes'],
      '--reversed: expected one of true, false, got "yes"',
    ],
    [
      ['scale', '--protocol', 'st-gs', '--path', '/tmp/x', '--weight', '1kg'],
      '--weight: expected grams as a number like 1234, got "1kg"',
    ],
    [
      ['printer', '--listen', '9100', '--out', '/tmp/o'],
      '--listen: expected host:port like 127.0.0.1:9100, got "9100"',
    ],
    [['printer', '--out', '/tmp/o', '--language', 'epl'], '--language: expected one of tspl, zpl, escpos, got "epl"'],
    [['fax'], 'sim: unknown device "fax" (expected scale, printer, wechat-printer or tracking)'],
    [['wechat-printer', '--fail-next', 'many'], '--fail-next: expected a whole number 0–999999, got "many"'],
    [['wechat-printer', '--port', '70000'], '--port: expected 0–65535, got "70000"'],
  ])('%j → %s', async (argv, message) => {
    const t = io();
    await runSim(argv, t.sim);
    expect(t.err[0]?.split('\n')[0]).toBe(message);
    expect(process.exitCode).toBe(2);
  });

  it('names the path when the serial port cannot be opened', async () => {
    const t = io();
    await runSim(['scale', '--protocol', 'st-gs', '--path', '/nonexistent/tty'], t.sim);
    expect(t.err[0]).toMatch(/^--path: cannot open serial port \/nonexistent\/tty: /);
  });

  it('reads stdin commands for the scale and checks HTTP bodies', () => {
    const r = { grams: 1000, stable: true, status: 'ok' as const };
    expect(scaleCommand('1234', r)).toEqual({ grams: 1234, status: 'ok' });
    expect(scaleCommand('+50', r)).toEqual({ grams: 1050 });
    expect(scaleCommand('-50', r)).toEqual({ grams: 950 });
    expect(scaleCommand('unstable', r)).toEqual({ stable: false });
    expect(scaleCommand('overload', r)).toEqual({ status: 'overload' });
    expect(scaleCommand('quit', r)).toBe('quit');
    expect(scaleCommand('heavy', r)).toMatch(/^unknown command "heavy"/);
    expect(readingPatch({ grams: 5, stable: false })).toEqual({ grams: 5, stable: false });
    expect(() => readingPatch({ grams: '5' })).toThrow('body.grams: expected a number, got "5"');
    expect(() => readingPatch({ weight: 5 })).toThrow('body.weight: unknown field');
  });
});

describe('packdesk sim printer', () => {
  it('listens on 127.0.0.1, saves jobs, takes paper out/ok on stdin and POST /state', async () => {
    const out = mkdtempSync(join(tmpdir(), 'packdesk-simcli-'));
    dirs.push(out);
    const t = io();
    const running = runSim(
      ['printer', '--listen', '127.0.0.1:0', '--out', out, '--language', 'tspl', '--http', '0'],
      t.sim,
    );
    await until(() => t.out.some((l) => l.startsWith('http:')), 3000, 'http line');
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(t.out[0] ?? '')?.[1]);
    const http = Number(/127\.0\.0\.1:(\d+)/.exec(t.out[1] ?? '')?.[1]);
    expect(t.out[0]).toBe(`printer simulator: tspl on 127.0.0.1:${port}, jobs saved to ${out}`);

    const socket = connect({ host: '127.0.0.1', port });
    socket.on('data', () => {});
    socket.write('\x1b!?CLS\r\nPRINT 1,1\r\n');
    await until(() => t.out.some((l) => l.startsWith('job 1 saved')), 2000, 'job line');
    expect(t.out).toContain('status ESC ! ? → <00>');
    expect(t.out).toContain(`job 1 saved: 16 bytes → ${join(out, 'job-0001.tspl')}`);

    t.stdin.write('paper out\n');
    await until(() => t.out.some((l) => l.includes('"paperOut":true')), 2000, 'paper out');
    const res = await fetch(`http://127.0.0.1:${http}/state`, {
      method: 'POST',
      body: JSON.stringify({ paperOut: false }),
    });
    expect(await res.json()).toEqual({ paperOut: false, headOpen: false, held: 0 });
    const bad = await fetch(`http://127.0.0.1:${http}/state`, {
      method: 'POST',
      body: JSON.stringify({ paperOut: 'no' }),
    });
    expect(bad.status).toBe(400);
    expect(await (await fetch(`http://127.0.0.1:${http}/jobs`)).json()).toMatchObject([{ seq: 1, bytes: 16 }]);

    socket.destroy();
    t.stdin.write('quit\n');
    await running;
    expect(t.err).toEqual([]);
  });
});
