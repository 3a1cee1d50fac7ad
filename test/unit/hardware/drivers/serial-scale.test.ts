import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SerialScale,
  type RawScaleFrame,
  type SerialScaleOptions,
} from '../../../../src/hardware/scale/serial-scale.js';
import { getProtocol } from '../../../../src/hardware/scale/protocols/index.js';
import type { ScaleProtocolId, SimReading } from '../../../../src/hardware/scale/protocol.js';
import type { DeviceStatus, ScaleReading } from '../../../../src/hardware/types.js';
import { FakePort, bytes, text, type FakeLink } from './fake-link.js';

const STABLE_1234: SimReading = { grams: 1234, stable: true, status: 'ok' };

function scale(id: ScaleProtocolId, over: Partial<SerialScaleOptions> = {}, port = new FakePort()) {
  const protocol = getProtocol(id);
  const s = new SerialScale({
    path: '/dev/ttyUSB0',
    protocol,
    line: protocol.line,
    protocolOptions: { unit: 'kg' },
    stableCount: 5,
    stableWindowMs: 1500,
    readTimeoutMs: 2000,
    reconnect: { minMs: 100, maxMs: 400 },
    open: port.open,
    exists: () => true,
    now: () => Date.now(),
    ...over,
  });
  const readings: ScaleReading[] = [];
  const statuses: DeviceStatus[] = [];
  const frames: RawScaleFrame[] = [];
  s.onReading((r) => readings.push(r));
  s.onStatus((st) => statuses.push(st));
  s.onFrame((f) => frames.push(f));
  return { s, port, protocol, readings, statuses, frames };
}

/** A poll-protocol indicator behind the fake link: answers what the simulator would. */
function answering(id: ScaleProtocolId, reading: () => SimReading | null) {
  const protocol = getProtocol(id);
  return (link: FakeLink) => {
    link.respond = (data, l) => {
      const r = reading();
      const answer = r && protocol.respond?.(data, r, { unit: 'kg' });
      if (answer) setTimeout(() => l.emit(answer), 5);
    };
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SerialScale, stream protocols', () => {
  it('decodes frames split anywhere into readings with the frame’s own stability flag', async () => {
    const { s, port, protocol, readings, statuses } = scale('st-gs');
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    const frame = protocol.encode({ grams: 1500, stable: false, status: 'ok' });
    const link = port.last();
    for (const b of frame) link.emit(Uint8Array.of(b));
    link.emit(protocol.encode(STABLE_1234));
    expect(readings.map(({ grams, stable, status }) => ({ grams, stable, status }))).toEqual([
      { grams: 1500, stable: false, status: 'ok' },
      { grams: 1234, stable: true, status: 'ok' },
    ]);
    expect(statuses.map((x) => x.state)).toEqual(['connecting', 'ready']);
    expect(s.stats()).toMatchObject({ frames: 2, badFrames: 0, readings: 2 });
    await s.stop();
  });

  it('infers stability from N equal readings within the window when frames carry no flag', async () => {
    let t = 0;
    const { s, port, protocol, readings } = scale('yaohua-a9', { now: () => t, stableCount: 3, stableWindowMs: 500 });
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    const send = (grams: number, at: number) => {
      t = at;
      port.last().emit(protocol.encode({ grams, stable: true, status: 'ok' }, { unit: 'kg' }));
    };
    send(1000, 0);
    send(1234, 100);
    send(1234, 200);
    send(1234, 300); // third equal reading
    send(1234, 400);
    send(1236, 500); // moved
    send(1236, 1600);
    send(1236, 2700); // three equal, but spread over 2.1 s > window
    expect(readings.map((r) => [r.grams, r.stable])).toEqual([
      [1000, false],
      [1234, false],
      [1234, false],
      [1234, true],
      [1234, true],
      [1236, false],
      [1236, false],
      [1236, false],
    ]);
    await s.stop();
  });

  it('shows rejected bytes in the raw-frame view with frame null, and keeps going', async () => {
    const { s, port, protocol, frames, readings } = scale('yaohua-a9');
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    const good = protocol.encode(STABLE_1234, { unit: 'kg' });
    const bad = Uint8Array.from(good);
    bad[9] = 0x30 + ((bad[9] ?? 0) === 0x30 ? 1 : 0); // checksum no longer matches
    port.last().emit(bad);
    port.last().emit(good);
    expect(frames.map((f) => f.frame === null)).toEqual([true, false]);
    expect(readings).toHaveLength(1);
    expect(s.stats().badFrames).toBe(1);
    await s.stop();
  });

  it('a throwing reading listener does not stop the scale', async () => {
    const { s, port, protocol, readings } = scale('st-gs');
    s.onReading(() => {
      throw new Error('listener bug');
    });
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    port.last().emit(protocol.encode(STABLE_1234));
    port.last().emit(protocol.encode(STABLE_1234));
    expect(readings).toHaveLength(2);
    await s.stop();
  });
});

describe('SerialScale, poll protocols', () => {
  it('MT-SICS: sends SI every poll interval and reads the answers', async () => {
    const port = new FakePort();
    let on: SimReading = STABLE_1234;
    port.onOpen = answering('mt-sics', () => on);
    const { s, readings } = scale('mt-sics', { pollIntervalMs: 200 }, port);
    await s.start();
    await vi.advanceTimersByTimeAsync(450);
    expect(port.last().written.map(text)).toEqual(['SI\r\n', 'SI\r\n', 'SI\r\n']);
    expect(readings.map((r) => [r.grams, r.stable])).toEqual([
      [1234, true],
      [1234, true],
      [1234, true],
    ]);
    on = { grams: 2000, stable: false, status: 'ok' };
    await vi.advanceTimersByTimeAsync(200);
    expect(readings.at(-1)).toMatchObject({ grams: 2000, stable: false, status: 'ok' });
    on = { grams: 0, stable: false, status: 'overload' };
    await vi.advanceTimersByTimeAsync(200);
    expect(readings.at(-1)).toMatchObject({ grams: 2000, stable: false, status: 'overload' });
    await s.stop();
  });

  it('CAS: one step at a time — DC1 only after the ACK to ENQ; a missing ACK ends the cycle', async () => {
    const port = new FakePort();
    let acks = true;
    const cas = getProtocol('cas');
    port.onOpen = (link) => {
      link.respond = (data, l) => {
        if (data[0] === 0x05 && !acks) return;
        const answer = cas.respond?.(data, STABLE_1234, { unit: 'kg' });
        if (answer) setTimeout(() => l.emit(answer), 20);
      };
    };
    const { s, readings } = scale('cas', { pollIntervalMs: 200, readTimeoutMs: 300 }, port);
    await s.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(port.last().written.map((b) => b[0])).toEqual([0x05]); // DC1 waits for the ACK
    await vi.advanceTimersByTimeAsync(20);
    expect(port.last().written.map((b) => b[0])).toEqual([0x05, 0x11]);
    await vi.advanceTimersByTimeAsync(30);
    expect(readings.map((r) => [r.grams, r.stable])).toEqual([[1234, true]]);
    acks = false;
    const sent = port.last().written.length;
    await vi.advanceTimersByTimeAsync(1000);
    const after = port
      .last()
      .written.slice(sent)
      .map((b) => b[0]);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((b) => b === 0x05)).toBe(true); // step timeout (300 ms), next cycle, no DC1
    await s.stop();
  });

  it('tare and zero send the protocol’s commands; protocols without them, or a closed port, reject', async () => {
    const port = new FakePort();
    port.onOpen = answering('mt-sics', () => STABLE_1234);
    const { s } = scale('mt-sics', {}, port);
    await expect(s.tare()).rejects.toThrow('not connected');
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    // Commands wait for the poll step on the wire to finish, so they never split an exchange.
    const done = Promise.all([s.tare(), s.zero()]);
    await vi.advanceTimersByTimeAsync(10);
    await done;
    expect(port.last().written.map(text).slice(0, 3)).toEqual(['SI\r\n', 'T\r\n', 'Z\r\n']);
    await s.stop();
    const a9 = scale('yaohua-a9').s;
    await expect(a9.tare()).rejects.toThrow('no tare command');
    await expect(a9.zero()).rejects.toThrow('no zero command');
  });
});

describe('SerialScale status', () => {
  it('goes error "scale silent" after readTimeoutMs without a frame and back to ready on the next', async () => {
    const { s, port, protocol, statuses } = scale('st-gs', { readTimeoutMs: 500 });
    await s.start();
    await vi.advanceTimersByTimeAsync(499);
    expect(s.status().state).toBe('ready');
    port.last().emit(bytes('garbage without a frame\r\n'));
    await vi.advanceTimersByTimeAsync(1);
    expect(s.status()).toEqual({ state: 'error', detail: 'scale silent for 0.5 s' });
    port.last().emit(protocol.encode(STABLE_1234));
    expect(s.status()).toEqual({ state: 'ready', detail: null });
    expect(statuses.map((x) => x.state)).toEqual(['connecting', 'ready', 'error', 'ready']);
    await s.stop();
  });

  it('unplugged: disconnected with the reason, reopened with backoff minMs, 2·minMs … maxMs', async () => {
    const { s, port, protocol, readings } = scale('st-gs');
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    port.failing = 'cannot open serial port /dev/ttyUSB0: No such file or directory';
    const t0 = Date.now();
    port.last().drop('serial port /dev/ttyUSB0 disconnected');
    expect(s.status()).toEqual({ state: 'disconnected', detail: 'serial port /dev/ttyUSB0 disconnected' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(port.attempts.slice(1).map((t) => t - t0)).toEqual([100, 300, 700, 1100, 1500]);
    expect(s.status()).toEqual({
      state: 'disconnected',
      detail: 'cannot open serial port /dev/ttyUSB0: No such file or directory',
    });
    port.failing = null;
    await vi.advanceTimersByTimeAsync(400);
    expect(s.status().state).toBe('ready');
    port.last().emit(protocol.encode(STABLE_1234));
    expect(readings).toHaveLength(1);
    // A successful open starts the backoff over.
    port.last().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(s.status().state).toBe('ready');
    await s.stop();
    expect(s.status().state).toBe('disconnected');
  });

  it('silent and its device file gone (a peer that quit quietly): disconnected, then reopened', async () => {
    let present = true;
    const { s, port, protocol } = scale('st-gs', { readTimeoutMs: 500, exists: () => present });
    await s.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(s.status().detail).toBe('scale silent for 0.5 s');
    present = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(s.status()).toEqual({ state: 'disconnected', detail: 'serial port /dev/ttyUSB0 is gone' });
    expect(port.links[0]?.closed).toBe(true);
    present = true;
    await vi.advanceTimersByTimeAsync(100);
    expect(s.status().state).toBe('ready');
    port.last().emit(protocol.encode(STABLE_1234));
    expect(s.status().state).toBe('ready');
    await s.stop();
  });

  it('an open that fails at start is retried too', async () => {
    const port = new FakePort();
    port.failing = 'cannot open serial port /dev/ttyUSB0: Cannot lock port';
    const { s } = scale('st-gs', {}, port);
    await s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.status()).toEqual({
      state: 'disconnected',
      detail: 'cannot open serial port /dev/ttyUSB0: Cannot lock port',
    });
    port.failing = null;
    await vi.advanceTimersByTimeAsync(100);
    expect(s.status().state).toBe('ready');
    await s.stop();
  });
});
