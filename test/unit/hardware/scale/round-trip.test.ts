// encode → decode gives the reading back, as far as each format can carry it. What a format
// cannot say is spelled out per protocol below (no stability flag, no overload flag, 8217 sends a
// status byte instead of a negative or moving weight).
import { describe, expect, it } from 'vitest';
import type {
  ProtocolOptions,
  ScaleFrame,
  ScaleProtocolId,
  SimReading,
} from '../../../../src/hardware/scale/protocol.js';
import { getProtocol } from '../../../../src/hardware/scale/protocols/index.js';
import { bytes, concat, decode } from './feed.js';

const WEIGHTS = [0, 1, 5, 999, 1234, 4139, 25_000, 99_999, -20, -1234];

function readings(): SimReading[] {
  return WEIGHTS.flatMap((grams) =>
    [true, false].flatMap((stable) => [false, true].map((net) => ({ grams, stable, status: 'ok' as const, net }))),
  );
}

function roundTrip(id: ScaleProtocolId, reading: SimReading, options?: ProtocolOptions): ScaleFrame {
  // "=" frames end at the next '='.
  const trailer = id === 'yaohua-eq' ? bytes('=') : new Uint8Array(0);
  const { frames, stats } = decode(id, concat(getProtocol(id).encode(reading, options), trailer), options);
  expect(stats.badFrames).toBe(0);
  expect(frames).toHaveLength(1);
  return frames[0] as ScaleFrame;
}

/** What each protocol's decoder should report for a reading in range. */
const EXPECTED: Record<ScaleProtocolId, (r: SimReading) => Partial<ScaleFrame>> = {
  'mt-sics': (r) => ({ kind: 'weight', grams: r.grams, stable: r.stable, status: 'ok' }),
  'toledo-8217': (r) =>
    r.stable && r.grams >= 0
      ? { kind: 'weight', grams: r.grams, stable: true, status: 'ok', net: r.net }
      : { kind: 'status', grams: undefined, stable: r.stable, status: r.grams < 0 ? 'underload' : 'ok', net: r.net },
  'toledo-continuous': (r) => ({ kind: 'weight', grams: r.grams, stable: r.stable, status: 'ok', net: r.net }),
  'st-gs': (r) => ({ kind: 'weight', grams: r.grams, stable: r.stable, status: 'ok', net: r.net }),
  'yaohua-a9': (r) => ({ kind: 'weight', grams: r.grams, stable: undefined, status: 'ok' }),
  'yaohua-eq': (r) => ({ kind: 'weight', grams: r.grams, stable: undefined, status: 'ok' }),
  'yaohua-a12': (r) => ({ kind: 'weight', grams: r.grams, stable: undefined, status: 'ok', net: r.net }),
  cas: (r) => ({ kind: 'weight', grams: r.grams, stable: r.stable, status: 'ok' }),
};

/** toMatchObject, where a key expected as undefined must be absent or undefined. */
function expectFrame(frame: ScaleFrame, expected: Partial<ScaleFrame>, label: string): void {
  const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
  expect(frame, label).toMatchObject(present);
  for (const [key, value] of Object.entries(expected))
    if (value === undefined) expect(frame[key as keyof ScaleFrame], `${label} ${key}`).toBeUndefined();
}

describe.each(Object.keys(EXPECTED) as ScaleProtocolId[])('%s round trip', (id) => {
  it('gives back every weight from −1.234 kg to 99.999 kg, steady or not, gross or net', () => {
    for (const r of readings()) expectFrame(roundTrip(id, r), EXPECTED[id](r), JSON.stringify(r));
  });
});

describe('round trips out of range', () => {
  const over: SimReading = { grams: 150_000, stable: true, status: 'overload' };
  const under: SimReading = { grams: -30_000, stable: true, status: 'underload' };
  const cases: [ScaleProtocolId, Partial<ScaleFrame>, Partial<ScaleFrame>][] = [
    ['mt-sics', { kind: 'status', status: 'overload' }, { kind: 'status', status: 'underload' }],
    ['toledo-8217', { kind: 'status', status: 'overload' }, { kind: 'status', status: 'underload' }],
    [
      'toledo-continuous',
      { kind: 'weight', grams: 150_000, status: 'overload' },
      { kind: 'weight', grams: -30_000, status: 'underload' },
    ],
    ['st-gs', { kind: 'status', status: 'overload' }, { kind: 'status', status: 'underload' }],
    // No overload flag in these formats: full scale (and its negative) is what goes out.
    ['yaohua-a9', { kind: 'weight', grams: 999_999, status: 'ok' }, { kind: 'weight', grams: -999_999, status: 'ok' }],
    ['yaohua-eq', { kind: 'weight', grams: 999_999, status: 'ok' }, { kind: 'weight', grams: -999_999, status: 'ok' }],
    ['yaohua-a12', { kind: 'status', status: 'overload' }, { kind: 'status', status: 'underload' }],
    // CAS: F for overload; below range is only a negative weight.
    ['cas', { kind: 'status', status: 'overload' }, { kind: 'weight', grams: -30_000, status: 'ok' }],
  ];
  it.each(cases)('%s', (id, overloaded, underloaded) => {
    expect(roundTrip(id, over)).toMatchObject(overloaded);
    expect(roundTrip(id, under)).toMatchObject(underloaded);
  });
});

describe('round trips in pounds', () => {
  // 0.01 lb (the 8217's lb resolution) is 4.54 g, so every protocol must land within half of it.
  const ids: ScaleProtocolId[] = [
    'mt-sics',
    'toledo-8217',
    'toledo-continuous',
    'st-gs',
    'yaohua-a9',
    'yaohua-eq',
    'yaohua-a12',
    'cas',
  ];
  it.each(ids)('%s', (id) => {
    for (const grams of [0, 453.59237, 1234, 20_000]) {
      const frame = roundTrip(id, { grams, stable: true, status: 'ok' }, { unit: 'lb' });
      expect(Math.abs((frame.grams ?? NaN) - grams), `${grams} g`).toBeLessThanOrEqual(2.27);
    }
  });
});
