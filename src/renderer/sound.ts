// Scan feedback tones, synthesised with Web Audio so no audio files ship and nothing is fetched.
// A packer hears the verdict before looking up: short high beep = good, loud low buzz = error,
// rising chime = pack done, alternating alarm = intercepted order.
import type { Sound } from '../contract/station.js';

interface Tone {
  freq: number;
  startS: number;
  durS: number;
  type: OscillatorType;
  gain: number;
}

function tones(sound: Sound): Tone[] {
  switch (sound) {
    case 'good':
      return [{ freq: 1800, startS: 0, durS: 0.08, type: 'sine', gain: 0.35 }];
    case 'error':
      // Square waves carry over warehouse noise far better than sines at the same volume.
      return [0, 0.25, 0.5].map((startS) => ({ freq: 220, startS, durS: 0.18, type: 'square' as const, gain: 0.6 }));
    case 'done':
      return [
        { freq: 880, startS: 0, durS: 0.14, type: 'sine', gain: 0.4 },
        { freq: 1320, startS: 0.15, durS: 0.22, type: 'sine', gain: 0.4 },
      ];
    case 'intercept':
      return Array.from({ length: 8 }, (_, i) => ({
        freq: i % 2 === 0 ? 960 : 640,
        startS: i * 0.125,
        durS: 0.12,
        type: 'square' as const,
        gain: 0.5,
      }));
    case 'none':
      return [];
  }
}

export interface SoundPlayer {
  play(sound: Sound): void;
  /** Browsers start audio suspended until a user gesture; a scanner keystroke counts as one. */
  unlock(): void;
  /**
   * True once audio may play: the context runs (after a gesture, or at once where the autoplay
   * policy allows it, as in the Electron window), or there is no audio to unlock at all.
   */
  unlocked(): boolean;
  /** Called once, when audio becomes unlocked; returns an unsubscribe. */
  onUnlock(listener: () => void): () => void;
}

type AudioContextCtor = new () => AudioContext;

function defaultContextCtor(): AudioContextCtor | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

export function createSoundPlayer(Ctor: AudioContextCtor | null = defaultContextCtor()): SoundPlayer {
  let ctx: AudioContext | null = null;
  let failed = false;
  let isUnlocked = false;
  const listeners = new Set<() => void>();

  function markUnlocked(): void {
    if (isUnlocked) return;
    isUnlocked = true;
    const pending = [...listeners];
    listeners.clear();
    for (const listener of pending) listener();
  }

  function context(): AudioContext | null {
    if (ctx || failed || !Ctor) return ctx;
    try {
      const created = new Ctor();
      ctx = created;
      // resume() may settle after the gesture's handler returned; the state change is the signal.
      if (typeof created.addEventListener === 'function') {
        created.addEventListener('statechange', () => {
          if (created.state === 'running') markUnlocked();
        });
      }
    } catch (err) {
      // No audio device (kiosk without speakers, jsdom): the screen still tells the story.
      failed = true;
      console.warn('audio unavailable', err);
    }
    return ctx;
  }

  function unlock(): void {
    const c = context();
    if (!c) return;
    if (c.state === 'running') markUnlocked();
    else if (c.state === 'suspended')
      void c.resume().then(
        () => {
          if (c.state === 'running') markUnlocked();
        },
        () => {},
      );
  }

  return {
    unlock,
    unlocked() {
      const c = context();
      // Without a context there is nothing a click could unlock, so nobody should be asked to.
      if (!c) return true;
      if (c.state === 'running') markUnlocked();
      return isUnlocked;
    },
    onUnlock(listener) {
      if (isUnlocked) {
        listener();
        return () => {};
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    play(sound) {
      const list = tones(sound);
      if (list.length === 0) return;
      const c = context();
      if (!c) return;
      try {
        unlock();
        const t0 = c.currentTime + 0.01;
        for (const tone of list) {
          const osc = c.createOscillator();
          const gain = c.createGain();
          osc.type = tone.type;
          osc.frequency.setValueAtTime(tone.freq, t0 + tone.startS);
          // Short ramps avoid the click a hard on/off makes at the ends of each tone.
          gain.gain.setValueAtTime(0, t0 + tone.startS);
          gain.gain.linearRampToValueAtTime(tone.gain, t0 + tone.startS + 0.005);
          gain.gain.setValueAtTime(tone.gain, t0 + tone.startS + tone.durS - 0.01);
          gain.gain.linearRampToValueAtTime(0, t0 + tone.startS + tone.durS);
          osc.connect(gain).connect(c.destination);
          osc.start(t0 + tone.startS);
          osc.stop(t0 + tone.startS + tone.durS + 0.02);
        }
      } catch (err) {
        console.warn('could not play sound', sound, err);
      }
    },
  };
}

/** For tests and previews: the tone plan of a sound, without any audio. */
export const soundPlan = tones;
