import { describe, expect, it, vi } from 'vitest';
import { createSoundPlayer, soundPlan } from '../../src/renderer/sound.js';
import type { Sound } from '../../src/shared/station.js';

const ALL: Sound[] = ['good', 'error', 'done', 'intercept', 'none'];

describe('sound', () => {
  it('does not throw where there is no AudioContext (jsdom)', () => {
    const player = createSoundPlayer();
    for (const s of ALL) expect(() => player.play(s)).not.toThrow();
    expect(() => player.unlock()).not.toThrow();
  });

  it('does not throw when creating the AudioContext fails', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const player = createSoundPlayer(
      class {
        constructor() {
          throw new Error('no audio device');
        }
      } as unknown as new () => AudioContext,
    );
    for (const s of ALL) expect(() => player.play(s)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('plans the tones the packer learns to recognise', () => {
    expect(soundPlan('good')).toEqual([{ freq: 1800, startS: 0, durS: 0.08, type: 'sine', gain: 0.35 }]);
    const error = soundPlan('error');
    expect(error).toHaveLength(3);
    expect(error.every((t) => t.type === 'square' && t.freq === 220 && t.durS === 0.18)).toBe(true);
    const done = soundPlan('done');
    expect(done[1]!.freq).toBeGreaterThan(done[0]!.freq);
    const alarm = soundPlan('intercept');
    const end = Math.max(...alarm.map((t) => t.startS + t.durS));
    expect(end).toBeGreaterThan(0.9);
    expect(end).toBeLessThan(1.1);
    expect(new Set(alarm.map((t) => t.freq)).size).toBe(2);
    expect(soundPlan('none')).toEqual([]);
  });

  it('schedules oscillators on a working context', () => {
    const started: number[] = [];
    const param = { setValueAtTime() {}, linearRampToValueAtTime() {} };
    class FakeCtx {
      state = 'running';
      currentTime = 0;
      destination = {};
      createOscillator() {
        return { type: '', frequency: param, connect: (n: unknown) => n, start: (t: number) => started.push(t), stop() {} };
      }
      createGain() {
        return { gain: param, connect: (n: unknown) => n };
      }
      resume() {
        return Promise.resolve();
      }
    }
    const player = createSoundPlayer(FakeCtx as unknown as new () => AudioContext);
    player.play('error');
    expect(started).toHaveLength(3);
  });
});
