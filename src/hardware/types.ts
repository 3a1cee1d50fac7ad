// The device contracts. Real drivers (serial, TCP, device files) and simulators implement the same
// interfaces; the core never knows which one it has. Nothing here knows about orders.
import type { LabelLayout } from '../contract/label.js';

export type Unsubscribe = () => void;

export type DeviceState = 'ready' | 'connecting' | 'disconnected' | 'error';

export interface DeviceStatus {
  state: DeviceState;
  /** Human-readable reason for anything but `ready` (e.g. "paper out", "scale silent for 2 s"). */
  detail: string | null;
}

export interface Device {
  readonly kind: string;
  readonly simulated: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
}

export interface Scanner extends Device {
  /** Each complete scan, prefix/suffix removed; AIM identifiers and GS (0x1D) are left for the parser. */
  onScan(listener: (code: string) => void): Unsubscribe;
}

export interface ScaleReading {
  grams: number;
  stable: boolean;
  status: 'ok' | 'overload' | 'underload' | 'error';
  at: number;
}

export interface Scale extends Device {
  onReading(listener: (reading: ScaleReading) => void): Unsubscribe;
  /** Present only where the protocol supports it. */
  tare?(): Promise<void>;
  zero?(): Promise<void>;
}

export interface PrintJob {
  /** Stable id: a retried job with the same id is never printed twice. */
  id: string;
  layout: LabelLayout;
  /** The layout carries the 补打 REPRINT mark: a second copy of it can never pass for the original. */
  reprint: boolean;
  copies: number;
}

export interface PrintResult {
  jobId: string;
  /** The job was printed before (journaled, or the printer's counter shows it): nothing was sent. */
  duplicate: boolean;
  /** Sent again after a crash or a broken link left unknown whether an earlier send printed. */
  uncertain?: true;
}

export type PrinterFaultReason = 'paper_out' | 'head_open' | 'offline' | 'ribbon_out' | 'paused' | 'error';

export class PrinterFault extends Error {
  constructor(
    readonly reason: PrinterFaultReason,
    message: string,
  ) {
    super(message);
    this.name = 'PrinterFault';
  }
}

/**
 * The job went out before without a record that it was delivered, and nothing shows it printed: it
 * may have. It is not sent again as an original; send it laid out as a reprint (`reprint: true`).
 */
export class PrintUncertain extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} may have printed before (interrupted while sending): print it marked as a reprint`);
    this.name = 'PrintUncertain';
  }
}

export interface LabelPrinter extends Device {
  readonly language: string;
  /**
   * Resolves when the printer has accepted the job; rejects with PrinterFault when it cannot, and
   * with PrintUncertain for an original whose earlier send may have printed.
   */
  print(job: PrintJob): Promise<PrintResult>;
}
