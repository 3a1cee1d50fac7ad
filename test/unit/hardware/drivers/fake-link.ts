// An in-memory ByteLink: the seam where the drivers meet hardware (STYLE.md §9). Tests push device
// bytes with `emit`, read host bytes from `written`, pull the plug with `drop`, and can answer
// writes as a device would with `respond`.
import type { ByteLink } from '../../../../src/hardware/transport/types.js';

export const bytes = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));
export const text = (b: Uint8Array): string => String.fromCharCode(...b);

export class FakeLink implements ByteLink {
  readonly written: Uint8Array[] = [];
  closed = false;
  /** Called for each write, as the device would see it. */
  respond: ((data: Uint8Array, link: FakeLink) => void) | null = null;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(err: Error | null) => void>();

  constructor(readonly twoWay = true) {}

  async write(data: Uint8Array): Promise<void> {
    if (this.closed) throw new Error('fake link is closed');
    this.written.push(Uint8Array.from(data));
    this.respond?.(data, this);
  }

  writtenText(): string {
    return this.written.map(text).join('');
  }

  onData(listener: (chunk: Uint8Array) => void) {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (err: Error | null) => void) {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  emit(chunk: Uint8Array | string): void {
    const b = typeof chunk === 'string' ? bytes(chunk) : chunk;
    for (const l of [...this.dataListeners]) l(b);
  }

  /** The device vanished (USB unplug, socat SIGKILL). */
  drop(reason = 'device disconnected'): void {
    this.finish(new Error(reason));
  }

  async close(): Promise<void> {
    this.finish(null);
  }

  private finish(err: Error | null): void {
    if (this.closed) return;
    this.closed = true;
    for (const l of [...this.closeListeners]) l(err);
  }
}

/** An `open` to inject: hands out FakeLinks, or fails while `failing` is set; records when. */
export class FakePort {
  readonly links: FakeLink[] = [];
  readonly attempts: number[] = [];
  failing: string | null = null;
  onOpen: ((link: FakeLink) => void) | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly twoWay = true,
  ) {}

  open = async (): Promise<FakeLink> => {
    this.attempts.push(this.now());
    if (this.failing) throw new Error(this.failing);
    const link = new FakeLink(this.twoWay);
    this.links.push(link);
    this.onOpen?.(link);
    return link;
  };

  last(): FakeLink {
    const link = this.links[this.links.length - 1];
    if (!link) throw new Error('no link opened yet');
    return link;
  }
}

/** Lets promise callbacks (open, writes) run. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

export { waitFor as until } from '../../../helpers/wait.js';
