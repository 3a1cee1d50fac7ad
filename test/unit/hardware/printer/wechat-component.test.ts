// The WeChat print component driver against the component simulator, over real WebSockets on
// 127.0.0.1: request/response by requestID (either spelling), per-task results, a failure result as
// a fault that clears once the component is asked again, reconnect after the component went away,
// and the two-phase journal: a retried task is never printed twice, an unanswered one comes back
// only as a marked reprint task.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WechatComponentPrinter } from '../../../../src/hardware/printer/wechat-component.js';
import { WechatComponentSim } from '../../../../src/hardware/sim/wechat-component.js';
import { SimWechatComponentDevice } from '../../../../src/hardware/sim/wechat-component-device.js';
import { PrinterFault, PrintUncertain, type DeviceStatus } from '../../../../src/hardware/types.js';
import { waitFor } from '../../../helpers/wait.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(
  opts: { replyKey?: 'requestID' | 'requestId'; printer?: string | null; requestTimeoutMs?: number } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-wxc-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const sim = new WechatComponentSim({ port: 0, dir: join(dir, 'tasks'), replyKey: opts.replyKey });
  await sim.listen();
  cleanups.push(() => sim.close());
  const journalFile = join(dir, 'journal.txt');
  const make = () => {
    const p = new WechatComponentPrinter({
      url: sim.url,
      printer: opts.printer === undefined ? 'SIM-76x130' : opts.printer,
      journalFile,
      reconnect: { minMs: 50, maxMs: 200 },
      faultPollMs: 50,
      requestTimeoutMs: opts.requestTimeoutMs ?? 5000,
    });
    cleanups.push(() => p.stop());
    return p;
  };
  const printer = make();
  await printer.start();
  await waitFor(() => ['ready', 'error'].includes(printer.status().state), 5000, 'component answered');
  return { sim, printer, dir, make, journalFile };
}

const job = (id: string, reprint = false) => ({
  id,
  printInfo: `PRINT-INFO-${id}`,
  printNum: { curNum: 1, sumNum: 1 },
  reprint,
});

describe('WeChat print component driver', () => {
  it('connects, lists printers and prints a task with its print_info and counter', async () => {
    const { sim, printer, dir } = await setup();
    expect(printer.appVersion()).toBe('1.3.4');
    expect((await printer.printers()).map((p) => p.name)).toEqual(['SIM-76x130', 'SIM-100x180']);
    const r = await printer.print(job('L1'));
    expect(r).toEqual({ jobId: 'L1', duplicate: false });
    expect(sim.tasks()).toMatchObject([
      { taskID: 'L1', printer: 'SIM-76x130', printInfo: 'PRINT-INFO-L1', printNum: { curNum: 1, sumNum: 1 } },
    ]);
    expect(readdirSync(join(dir, 'tasks'))).toEqual(['0001-L1.json']);
  });

  it('matches answers spelled requestId as well', async () => {
    const { sim, printer } = await setup({ replyKey: 'requestId' });
    await printer.print(job('L2'));
    expect(sim.tasks()).toHaveLength(1);
  });

  it('never prints a task twice: a retry of a done task is a duplicate', async () => {
    const { sim, printer, make } = await setup();
    await printer.print(job('L3'));
    expect(await printer.print(job('L3'))).toEqual({ jobId: 'L3', duplicate: true });
    // A restarted station reads the same journal.
    await printer.stop();
    const again = make();
    await again.start();
    await waitFor(() => again.status().state === 'ready', 5000, 'ready again');
    expect(await again.print(job('L3'))).toEqual({ jobId: 'L3', duplicate: true });
    expect(sim.tasks().map((t) => t.taskID)).toEqual(['L3']);
  });

  it('a failure result is a fault; the same task prints once the component is asked again', async () => {
    const { sim, printer } = await setup();
    const states: DeviceStatus[] = [];
    printer.onStatus((s) => states.push(s));
    sim.failNext(1, '打印机缺纸');
    const err = await printer.print(job('L4')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterFault);
    expect((err as PrinterFault).message).toContain('打印机缺纸');
    expect(states[0]).toEqual({ state: 'error', detail: '打印机缺纸' });
    // The fault poll asks the component again and reports ready: the queue then retries.
    await waitFor(() => printer.status().state === 'ready', 5000, 'ready after the fault');
    expect(await printer.print(job('L4'))).toEqual({ jobId: 'L4', duplicate: false });
    expect(sim.tasks().map((t) => t.taskID)).toEqual(['L4']);
  });

  it('an unanswered task is uncertain: refused as an original, printed once as a marked reprint task', async () => {
    const { sim, printer } = await setup({ requestTimeoutMs: 300 });
    sim.holdNext(1);
    await expect(printer.print(job('L5'))).rejects.toBeInstanceOf(PrinterFault);
    await waitFor(() => printer.status().state === 'ready', 5000, 'reconnected');
    await expect(printer.print(job('L5'))).rejects.toBeInstanceOf(PrintUncertain);
    expect(await printer.print(job('L5', true))).toEqual({ jobId: 'L5', duplicate: false, uncertain: true });
    expect(await printer.print(job('L5', true))).toEqual({ jobId: 'L5', duplicate: true });
    expect(sim.tasks().map((t) => [t.taskID, t.reprint])).toEqual([
      ['L5', false],
      ['L5.R', true],
    ]);
  });

  it('shows the component gone, reconnects with backoff and prints again', async () => {
    const { sim, printer } = await setup();
    const port = Number(new URL(sim.url).port);
    await sim.close();
    await waitFor(() => printer.status().state === 'disconnected', 5000, 'disconnected');
    expect(printer.status().detail).toMatch(/not reachable.*retrying in/);
    await expect(printer.print(job('L6'))).rejects.toMatchObject({ reason: 'offline' });
    const back = new WechatComponentSim({ port });
    await back.listen();
    cleanups.push(() => back.close());
    await waitFor(() => printer.status().state === 'ready', 5000, 'ready after reconnect');
    await printer.print(job('L6'));
    expect(back.tasks().map((t) => t.taskID)).toEqual(['L6']);
  });

  it('says which printer is missing from the component list', async () => {
    const { printer } = await setup({ printer: 'ZD-888' });
    await waitFor(() => printer.status().state === 'error', 5000, 'fault');
    expect(printer.status().detail).toBe(
      'printer "ZD-888" is not in the WeChat print component\'s list (SIM-76x130, SIM-100x180)',
    );
  });

  it('runs a simulated component inside the station for url "sim" (the demo)', async () => {
    const device = new SimWechatComponentDevice({ printer: null, reconnect: { minMs: 50, maxMs: 200 } });
    cleanups.push(() => device.stop());
    expect(device.simulated).toBe(true);
    await device.start();
    await waitFor(() => device.status().state === 'ready', 5000, 'simulated component ready');
    expect(device.appVersion()).toBe('1.3.4');
    expect(await device.print(job('D1'))).toEqual({ jobId: 'D1', duplicate: false });
    expect(device.sim.tasks()).toMatchObject([{ taskID: 'D1', printer: 'SIM-76x130' }]);
  });
});
