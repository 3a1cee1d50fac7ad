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
  reprint: boolean;
  copies: number;
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

export interface LabelPrinter extends Device {
  readonly language: string;
  /** Resolves when the printer has accepted the job; rejects with PrinterFault when it cannot. */
  print(job: PrintJob): Promise<{ jobId: string; duplicate: boolean }>;
}
