// Tare and zero from the settings screen reach the scale through the core; a scale that cannot do
// them is refused with the command named.
import { afterEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import type { ScaleReading } from '../../../src/hardware/types.js';

let t: TestStation | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('devices.scale.tare / zero', () => {
  it('tares off what is on the simulated scale and zeroes back', async () => {
    t = await makeStation();
    const readings: ScaleReading[] = [];
    t.scale.onReading((r) => readings.push(r));
    const last = () => readings.at(-1)?.grams;
    t.scale.place(500);
    t.clock.advance(700);
    expect(last()).toBe(500);
    expect(await t.station.core.call('devices.scale.tare', {})).toEqual({ ok: true });
    t.clock.advance(200);
    expect(last()).toBe(0);
    expect(await t.station.core.call('devices.scale.zero', {})).toEqual({ ok: true });
    t.clock.advance(200);
    expect(last()).toBe(500);
  });

  it('refuses them for a desk without a scale, naming the command', async () => {
    t = await makeStation();
    await t.station.services.devices.scale.swap(null);
    for (const command of ['tare', 'zero'] as const) {
      const err = await t.station.core.dispatch(`devices.scale.${command}`, {}).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'device_unavailable', retryable: true });
      expect((err as { message: string }).message).toMatch(
        new RegExp(`^${command}: the .* scale has no ${command} command$`),
      );
    }
  });
});
