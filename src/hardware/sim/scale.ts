// A scale that behaves like a real indicator: a parcel put on it swings for `settleMs`, then reads
// steady (plus an optional fixed offset and noise). "Unstable" mode never settles, as happens with a
// fan blowing on the platform or a parcel hanging over the edge.
import type { Clock, Timer } from '../../base/clock.js';
import { Listeners, StatusDevice } from '../status.js';
import type { Scale, ScaleReading } from '../types.js';

export interface SimScaleSettings {
  offsetG: number;
  noiseG: number;
  settleMs: number;
  unstable: boolean;
  tickMs: number;
}

export class SimScale extends StatusDevice implements Scale {
  readonly kind = 'sim';
  readonly simulated = true;
  private readonly readings = new Listeners<ScaleReading>();
  private placedG: number | null = null;
  private placedAt = 0;
  private tareG = 0;
  private timer: Timer | null = null;
  private rng: () => number;

  constructor(
    private readonly clock: Clock,
    private settings: SimScaleSettings,
    seed = 1,
  ) {
    super();
    let s = seed >>> 0 || 1;
    // xorshift32: deterministic noise so tests can reproduce a run.
    this.rng = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 0x100000000;
    };
  }

  async start(): Promise<void> {
    this.status_.set({ state: 'ready', detail: null });
    this.schedule();
  }

  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    this.status_.set({ state: 'disconnected', detail: null });
  }

  onReading(listener: (r: ScaleReading) => void) {
    return this.readings.add(listener);
  }

  async tare(): Promise<void> {
    this.tareG = this.placedG ?? 0;
  }

  async zero(): Promise<void> {
    this.tareG = 0;
  }

  configure(patch: Partial<SimScaleSettings>): SimScaleSettings {
    this.settings = { ...this.settings, ...patch };
    return { ...this.settings };
  }

  getSettings(): SimScaleSettings {
    return { ...this.settings };
  }

  /** Put a parcel of `grams` on the platform (replacing what was there); null empties it. */
  place(grams: number | null): void {
    this.placedG = grams;
    this.placedAt = this.clock.now();
    this.emit();
  }

  placed(): number | null {
    return this.placedG;
  }

  /** The reading the indicator would show now. */
  read(): ScaleReading {
    const now = this.clock.now();
    if (this.placedG === null) {
      return { grams: -this.tareG, stable: true, status: 'ok', at: now };
    }
    const target = this.placedG + this.settings.offsetG - this.tareG;
    const elapsed = now - this.placedAt;
    const settling = this.settings.unstable || elapsed < this.settings.settleMs;
    if (settling) {
      // Damped swing around the target; amplitude shrinks as it settles.
      const left = this.settings.unstable ? 1 : 1 - elapsed / Math.max(1, this.settings.settleMs);
      const swing = Math.round((this.rng() - 0.5) * 2 * Math.max(40, target * 0.1) * left);
      return { grams: Math.max(0, target + swing), stable: false, status: 'ok', at: now };
    }
    const noise = this.settings.noiseG ? Math.round((this.rng() - 0.5) * 2 * this.settings.noiseG) : 0;
    return { grams: target + noise, stable: true, status: 'ok', at: now };
  }

  private emit(): void {
    if (this.status_.get().state === 'ready') this.readings.emit(this.read());
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.emit();
      this.schedule();
    }, this.settings.tickMs);
  }
}
