// Device settings and diagnostics as the settings screen sees them.
import type { Layout } from '../entities.js';

export interface SerialPortInfo {
  path: string;
  manufacturer: string | null;
  serialNumber: string | null;
  vendorId: string | null;
  productId: string | null;
  /** Named in the station config (ptys and unplugged devices do not show in the OS list). */
  configured: boolean;
  /** Seen by the operating system right now. */
  present: boolean;
}

export interface ProtocolInfo {
  id: string;
  title: string;
  line: { baudRate: number; dataBits: number; parity: string; stopBits: number };
  mode: 'stream' | 'poll';
  hasStabilityFlag: boolean;
  canTare: boolean;
  canZero: boolean;
}

export interface SettingsView {
  /** The file settings are saved to; null when the station runs without one (tests). */
  configPath: string | null;
  /** The `devices` section of the station config now in force (JSON as in the file). */
  devices: Record<string, unknown>;
  /** The desk's bench layout now in force. */
  layout: Layout;
  protocols: ProtocolInfo[];
  languages: string[];
}

/** One frame from the scale as received, for the live raw-frame view. */
export interface ScaleFrameView {
  at: number;
  hex: string;
  text: string;
  /** null for a frame that could not be decoded (bad checksum, garbage). */
  kind: 'weight' | 'status' | 'ack' | 'error' | null;
  grams: number | null;
  stable: boolean | null;
  status: string | null;
  detail: string | null;
}

export interface PrinterStatusView {
  state: string;
  detail: string | null;
  /** The printer's own answer to a status query; null on one-way links or simulators. */
  report: { ready: boolean; fault: string | null; conditions: string[] } | null;
}
