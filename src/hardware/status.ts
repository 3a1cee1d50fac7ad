// Small helper every device uses to hold and broadcast its status.
import type { DeviceStatus, Unsubscribe } from './types.js';

export class StatusCell {
  private current: DeviceStatus;
  private readonly listeners = new Set<(s: DeviceStatus) => void>();

  constructor(initial: DeviceStatus) {
    this.current = initial;
  }

  get(): DeviceStatus {
    return this.current;
  }

  set(next: DeviceStatus): void {
    if (next.state === this.current.state && next.detail === this.current.detail) return;
    this.current = next;
    for (const l of this.listeners) l(next);
  }

  subscribe(listener: (s: DeviceStatus) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A typed multi-listener emitter for device data (readings, scans). */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const l of this.set) l(value);
  }
}

/** status() and onStatus() for a device, backed by one StatusCell its subclass updates. */
export abstract class StatusDevice {
  protected readonly status_ = new StatusCell({ state: 'disconnected', detail: null });

  status(): DeviceStatus {
    return this.status_.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): Unsubscribe {
    return this.status_.subscribe(listener);
  }
}
