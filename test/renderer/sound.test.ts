import { describe, expect, it, vi } from 'vitest';
import { createSoundPlayer, soundPlan } from '../../src/renderer/sound.js';
import type { Sound } from '../../src/contract/station.js';

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
        return {
          type: '',
          frequency: param,
          connect: (n: unknown) => n,
          start: (t: number) => started.push(t),
          stop() {},
        };
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

describe('sound unlock state', () => {
  function fakeContext(initial: 'suspended' | 'running') {
    const param = { setValueAtTime() {}, linearRampToValueAtTime() {} };
    return class {
      state: string = initial;
      currentTime = 0;
      destination = {};
      private readonly handlers: (() => void)[] = [];
      addEventListener(_type: string, handler: () => void) {
        this.handlers.push(handler);
      }
      createOscillator() {
        return { type: '', frequency: param, connect: (n: unknown) => n, start() {}, stop() {} };
      }
      createGain() {
        return { gain: param, connect: (n: unknown) => n };
      }
      resume() {
        this.state = 'running';
        for (const h of this.handlers) h();
        return Promise.resolve();
      }
    } as unknown as new () => AudioContext;
  }

  it('reports locked until a gesture resumes the context, then tells its listeners once', async () => {
    const player = createSoundPlayer(fakeContext('suspended'));
    const heard = vi.fn();
    player.onUnlock(heard);
    expect(player.unlocked()).toBe(false);
    player.unlock();
    await Promise.resolve();
    expect(player.unlocked()).toBe(true);
    player.unlock();
    expect(heard).toHaveBeenCalledTimes(1);
    // A late subscriber hears at once rather than waiting for a gesture that already happened.
    const late = vi.fn();
    player.onUnlock(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('is unlocked at once where autoplay is allowed, and where there is no audio at all', () => {
    expect(createSoundPlayer(fakeContext('running')).unlocked()).toBe(true);
    expect(createSoundPlayer(null).unlocked()).toBe(true);
  });

  it('lets a listener unsubscribe before the unlock', () => {
    const player = createSoundPlayer(fakeContext('suspended'));
    const heard = vi.fn();
    const off = player.onUnlock(heard);
    off();
    player.unlock();
    expect(heard).not.toHaveBeenCalled();
  });
});
