// A byte link to a device: serial port, TCP socket (raw 9100) or device file (/dev/usb/lp0).
import type { Unsubscribe } from '../types.js';
import type { LineSettings } from '../scale/protocol.js';

export interface ByteLink {
  /** Whether the device can answer (status queries need it). */
  readonly twoWay: boolean;
  write(data: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe;
  /** Fires once when the link ends; `err` null for a close we asked for. */
  onClose(listener: (err: Error | null) => void): Unsubscribe;
  close(): Promise<void>;
}

export type PrinterInterface =
  | { kind: 'sim' }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'device'; path: string }
  | { kind: 'serial'; path: string; line: Partial<LineSettings> };
