// The serial drivers against real pseudo-terminals (socat pty pairs, hardware.md D.1): the scale
// simulator on one end, the driver on the other, for every protocol; a scanner; an unplug.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SerialScale } from '../../../src/hardware/scale/serial-scale.js';
import { getProtocol } from '../../../src/hardware/scale/protocols/index.js';
import { SCALE_PROTOCOLS, type ScaleProtocolId } from '../../../src/hardware/scale/protocol.js';
import { SerialScanner } from '../../../src/hardware/scanner/serial-scanner.js';
import { SerialScaleSimulator } from '../../../src/hardware/sim/serial-scale-sim.js';
import { openSerial } from '../../../src/hardware/transport/serial.js';
import type { ScaleReading } from '../../../src/hardware/types.js';
import { openPtyPair, type PtyPair } from '../../helpers/pty.js';
import { waitFor } from '../../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-pty-'));
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => {});
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pair(name: string): Promise<PtyPair> {
  const p = await openPtyPair(dir, name);
  cleanup.push(() => p.kill('SIGKILL'));
  return p;
}

function scaleOn(path: string, id: ScaleProtocolId, readTimeoutMs = 2000) {
  const protocol = getProtocol(id);
  const scale = new SerialScale({
    path,
    protocol,
    line: protocol.line,
    protocolOptions: { unit: 'kg' },
    stableCount: 5,
    stableWindowMs: 1500,
    readTimeoutMs,
    reconnect: { minMs: 100, maxMs: 1000 },
    now: () => Date.now(),
  });
  const readings: ScaleReading[] = [];
  scale.onReading((r) => readings.push(r));
  cleanup.push(() => scale.stop());
  return { scale, readings };
}

const margins: string[] = [];
afterAll(() => {
  if (margins.length) console.log(`stable reading after the frames settled:\n  ${margins.join('\n  ')}`);
});

describe('SerialScale + SerialScaleSimulator on a pty pair', () => {
  it.each(SCALE_PROTOCOLS.map((id) => [id]))(
    '%s: a stable reading equal to the simulated weight within 1 s of the frames settling',
    async (id) => {
      const p = await pair(id);
      const protocol = getProtocol(id);
      const sim = new SerialScaleSimulator({
        path: p.a,
        protocol,
        options: { unit: 'kg' },
        intervalMs: 100,
        reading: { grams: 800, stable: false, status: 'ok' },
      });
      await sim.start();
      cleanup.push(() => sim.stop());
      const { scale, readings } = scaleOn(p.b, id);
      await scale.start();
      await waitFor(() => scale.status().state === 'ready' && readings.length >= 2, 3000, `${id} readings`);
      // A swinging parcel: for flagless protocols, a weight that keeps changing.
      for (const g of [900, 1000, 1100]) {
        sim.setReading({ grams: g, stable: false });
        await new Promise((r) => setTimeout(r, 120));
      }
      expect(readings.some((r) => r.stable && r.grams === 1234)).toBe(false);
      const settledAt = Date.now();
      const from = readings.length;
      sim.setReading({ grams: 1234, stable: true });
      await waitFor(
        () => readings.slice(from).some((r) => r.stable && r.grams === 1234 && r.status === 'ok'),
        1000,
        `${id} stable 1234 g`,
      );
      const took = Date.now() - settledAt;
      margins.push(
        `${id.padEnd(18)} ${String(took).padStart(4)} ms (${protocol.mode}${protocol.hasStabilityFlag ? ', flag' : ', 5 equal readings'})`,
      );
      expect(took).toBeLessThan(1000);
    },
  );
});

describe('SerialScanner on a pty pair', () => {
  it('receives codes written on the other end, GS intact', async () => {
    const p = await pair('scanner');
    const line = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
    const scanner = new SerialScanner({
      path: p.b,
      line,
      suffix: 'CR',
      prefix: '',
      reconnect: { minMs: 100, maxMs: 1000 },
    });
    const codes: string[] = [];
    scanner.onScan((c) => codes.push(c));
    await scanner.start();
    cleanup.push(() => scanner.stop());
    await waitFor(() => scanner.status().state === 'ready', 2000, 'scanner ready');
    const device = await openSerial(p.a, line);
    cleanup.push(() => device.close());
    await device.write(Buffer.from('SF1234567890123\r]C10109501101020917\x1d10LOT7\r顺丰'));
    await device.write(Buffer.from('QR\r'));
    await waitFor(() => codes.length === 3, 2000, 'three scans');
    expect(codes).toEqual(['SF1234567890123', ']C10109501101020917\x1d10LOT7', '顺丰QR']);
  });
});

describe('unplug and replug', () => {
  it('socat SIGKILL → disconnected; socat back on the same paths → ready with readings', async () => {
    const p = await pair('unplug');
    const protocol = getProtocol('st-gs');
    const sim = new SerialScaleSimulator({
      path: p.a,
      protocol,
      options: { unit: 'kg' },
      intervalMs: 50,
      reading: { grams: 1234, stable: true, status: 'ok' },
    });
    await sim.start();
    cleanup.push(() => sim.stop());
    const { scale, readings } = scaleOn(p.b, 'st-gs');
    await scale.start();
    await waitFor(() => readings.length >= 3, 2000, 'readings before the unplug');

    const killedAt = Date.now();
    await p.kill('SIGKILL');
    await waitFor(() => scale.status().state === 'disconnected', 2000, 'disconnected');
    const noticed = Date.now() - killedAt;
    expect(scale.status().detail).toContain('disconnected');

    await new Promise((r) => setTimeout(r, 300)); // unplugged for a while: a few failed reopens
    await p.restart();
    const backAt = Date.now();
    await sim.start(); // the indicator's side of the cable is back too
    await waitFor(() => scale.status().state === 'ready', 3000, 'ready again');
    const reopened = Date.now() - backAt;
    const before = readings.length;
    await waitFor(() => readings.length > before && readings.at(-1)?.grams === 1234, 2000, 'readings after replug');
    const firstReading = Date.now() - backAt;
    console.log(
      `unplug noticed in ${noticed} ms; after socat restart: port reopened in ${reopened} ms, first reading in ${firstReading} ms`,
    );
  });

  // D.1 saw SIGTERM give no close event until a write failed; here serialport usually does report
  // it ("disconnected: bad file descriptor"), but not always. Either way the scale must end up
  // disconnected: when no close comes, the silence check finds the device file gone (unit-tested).
  it('socat SIGTERM with the indicator off → disconnected; socat back → ready with readings', async () => {
    const p = await pair('quiet');
    const { scale, readings } = scaleOn(p.b, 'st-gs', 500);
    await scale.start();
    await waitFor(() => scale.status().state === 'error', 2000, 'silent');
    expect(scale.status().detail).toBe('scale silent for 0.5 s');
    const killedAt = Date.now();
    await p.kill('SIGTERM');
    await waitFor(() => scale.status().state === 'disconnected', 3000, 'disconnected after SIGTERM');
    const noticed = Date.now() - killedAt;
    const detail = scale.status().detail;
    await p.restart();
    const sim = new SerialScaleSimulator({
      path: p.a,
      protocol: getProtocol('st-gs'),
      options: { unit: 'kg' },
      intervalMs: 50,
      reading: { grams: 500, stable: true, status: 'ok' },
    });
    await sim.start();
    cleanup.push(() => sim.stop());
    const from = readings.length;
    await waitFor(() => scale.status().state === 'ready' && readings.length > from, 3000, 'readings after restart');
    console.log(`SIGTERM with an idle far end noticed in ${noticed} ms: ${detail}`);
  });
});
