// The demo's pair of hands: with a simulated scale, it puts each finished parcel on the platform
// (the correct weight; the scale's own offset setting makes it wrong on purpose) and takes it off
// again once the label is out. It watches the same snapshots the UI gets — nothing privileged.
import type { Clock, Timer } from '../../base/clock.js';
import type { StationSnapshot } from '../../contract/station.js';
import type { SimScale } from './scale.js';

export class SimOperator {
  private placedKey: string | null = null;
  private pending: Timer | null = null;
  private enabled: boolean;

  constructor(
    /** The simulated scale, while the scale slot holds one (settings may swap in a real scale). */
    private readonly scale: () => SimScale | null,
    private readonly clock: Clock,
    private readonly opts: { autoPlace: boolean; placeDelayMs: number; removeDelayMs: number },
  ) {
    this.enabled = opts.autoPlace;
  }

  autoPlace(): boolean {
    return this.enabled;
  }

  setAutoPlace(on: boolean): void {
    this.enabled = on;
    if (!on) this.cancel();
  }

  observe(s: StationSnapshot): void {
    const scale = this.scale();
    if (!this.enabled || !scale) return;
    const pack = s.pack;
    const weighing = pack && (pack.state === 'weighing' || pack.state === 'exception') && pack.weight;
    if (weighing && pack.weight) {
      const key = `${pack.packId}:${pack.parcelNo}`;
      if (this.placedKey === key) return;
      this.placedKey = key;
      const grams = pack.weight.expectedG;
      this.cancel();
      scale.place(null); // whatever was on the platform comes off first
      this.pending = this.clock.setTimeout(() => {
        this.pending = null;
        scale.place(grams);
      }, this.opts.placeDelayMs);
      return;
    }
    if (this.placedKey !== null && !this.pending) {
      this.placedKey = null;
      this.pending = this.clock.setTimeout(() => {
        this.pending = null;
        scale.place(null);
      }, this.opts.removeDelayMs);
    } else if (this.placedKey !== null && this.pending) {
      // Still waiting to place, but the pack moved on (cancelled): drop the plan.
      this.cancel();
      this.placedKey = null;
    }
  }

  private cancel(): void {
    this.pending?.cancel();
    this.pending = null;
  }
}
