// Device slots: the station wires one stable scanner, scale and printer at start; the device behind
// each slot can be swapped while it runs (the settings screen changes a port or a protocol) without
// re-wiring the desk or dropping the UI's connection.
import { Listeners, StatusCell } from '../../../hardware/status.js';
import type {
  Device,
  DeviceStatus,
  LabelPrinter,
  PrintJob,
  PrintResult,
  Scale,
  ScaleReading,
  Scanner,
  Unsubscribe,
} from '../../../hardware/types.js';
import type { PrinterStatusReport } from '../../../hardware/printer/types.js';
import type { ScaleFrame } from '../../../hardware/scale/protocol.js';

const EMPTY: DeviceStatus = { state: 'disconnected', detail: 'not configured' };

export interface RawFrame {
  raw: Uint8Array;
  frame: ScaleFrame | null;
  at: number;
}

/** Optional extras a real scale driver offers (the live raw-frame view). */
interface FrameSource {
  onFrame(listener: (f: RawFrame) => void): Unsubscribe;
}
/** Optional extra a real printer driver offers (settings screen). */
interface StatusQuery {
  queryStatus(): Promise<PrinterStatusReport | null>;
}

abstract class Slot<T extends Device> implements Device {
  protected inner: T | null = null;
  private innerSubs: Unsubscribe[] = [];
  private readonly status_ = new StatusCell(EMPTY);
  private started = false;

  constructor(private readonly fallbackKind: string) {}

  get kind(): string {
    return this.inner?.kind ?? this.fallbackKind;
  }

  get simulated(): boolean {
    return this.inner?.simulated ?? false;
  }

  current(): T | null {
    return this.inner;
  }

  /** Put the first device in, before the station starts. */
  attach(device: T | null): void {
    if (this.started || this.inner) throw new Error('attach() is for the first device; use swap()');
    this.inner = device;
    if (device) {
      this.innerSubs = [device.onStatus((s) => this.status_.set(s)), ...this.forward(device)];
      this.status_.set(device.status());
    }
  }

  /** Stop the old device, start the new one (when the slot is running), forward its events. */
  async swap(next: T | null): Promise<void> {
    const old = this.inner;
    for (const u of this.innerSubs) u();
    this.innerSubs = [];
    if (old && this.started) await old.stop();
    this.inner = next;
    if (next) {
      this.innerSubs = [next.onStatus((s) => this.status_.set(s)), ...this.forward(next)];
      if (this.started) await next.start();
      this.status_.set(next.status());
    } else {
      this.status_.set(EMPTY);
    }
  }

  protected abstract forward(device: T): Unsubscribe[];

  async start(): Promise<void> {
    this.started = true;
    await this.inner?.start();
    if (this.inner) this.status_.set(this.inner.status());
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.inner?.stop();
  }

  status(): DeviceStatus {
    return this.status_.get();
  }

  onStatus(listener: (s: DeviceStatus) => void): Unsubscribe {
    return this.status_.subscribe(listener);
  }
}

export class ScaleSlot extends Slot<Scale> implements Scale {
  private readonly readings = new Listeners<ScaleReading>();
  private readonly frames = new Listeners<RawFrame>();

  protected forward(d: Scale): Unsubscribe[] {
    const subs = [d.onReading((r) => this.readings.emit(r))];
    const source = d as Partial<FrameSource>;
    if (typeof source.onFrame === 'function') subs.push(source.onFrame.call(d, (f: RawFrame) => this.frames.emit(f)));
    return subs;
  }

  onReading(listener: (r: ScaleReading) => void): Unsubscribe {
    return this.readings.add(listener);
  }

  onFrame(listener: (f: RawFrame) => void): Unsubscribe {
    return this.frames.add(listener);
  }

  async tare(): Promise<void> {
    if (!this.inner?.tare) throw new Error(`the ${this.kind} scale has no tare command`);
    await this.inner.tare();
  }

  async zero(): Promise<void> {
    if (!this.inner?.zero) throw new Error(`the ${this.kind} scale has no zero command`);
    await this.inner.zero();
  }

  canTare(): boolean {
    return typeof this.inner?.tare === 'function';
  }

  canZero(): boolean {
    return typeof this.inner?.zero === 'function';
  }
}

export class ScannerSlot extends Slot<Scanner> implements Scanner {
  private readonly scans = new Listeners<string>();

  protected forward(d: Scanner): Unsubscribe[] {
    return [d.onScan((code) => this.scans.emit(code))];
  }

  onScan(listener: (code: string) => void): Unsubscribe {
    return this.scans.add(listener);
  }
}

export class PrinterSlot extends Slot<LabelPrinter> implements LabelPrinter {
  get language(): string {
    return this.inner?.language ?? 'none';
  }

  protected forward(): Unsubscribe[] {
    return [];
  }

  async print(job: PrintJob): Promise<PrintResult> {
    if (!this.inner) throw new Error('no printer configured');
    return this.inner.print(job);
  }

  /** The printer's own answer to a status query, where the driver and link support it. */
  async queryStatus(): Promise<PrinterStatusReport | null> {
    const q = this.inner as Partial<StatusQuery> | null;
    return typeof q?.queryStatus === 'function' ? q.queryStatus.call(this.inner) : null;
  }
}
