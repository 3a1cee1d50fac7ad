// The contract every scale protocol implements: a record of line settings and commands (data, as
// in Odoo's IoT drivers), a stateful decoder that turns a byte stream into frames, and an encoder
// the simulators use to produce the same frames. Protocol files are pure: no I/O, no timers.

export const SCALE_PROTOCOLS = [
  'mt-sics',
  'toledo-8217',
  'toledo-continuous',
  'st-gs',
  'yaohua-a9',
  'yaohua-eq',
  'yaohua-a12',
  'cas',
] as const;
export type ScaleProtocolId = (typeof SCALE_PROTOCOLS)[number];

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface LineSettings {
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: Parity;
  stopBits: 1 | 1.5 | 2;
}

export type WeightUnit = 'g' | 'kg' | 'lb' | 'oz';

/** Settings some protocols need because their frames do not say (spec: "make it a setting"). */
export interface ProtocolOptions {
  /** Unit of frames that carry none (yaohua-a9, yaohua-eq, toledo-8217). Default 'kg'. */
  unit?: WeightUnit;
  /** toledo-continuous: SWB bit 3 means 'motion' (Toledo, default) or 'stable' (some Chinese clones). */
  stabilityBit?: 'motion' | 'stable';
  /** yaohua-eq: digits sent least-significant first (A26 "format 1", default true) or not ("format 2"). */
  reversed?: boolean;
  /** Largest number of bytes kept while looking for a frame end (default 256). */
  maxBufferBytes?: number;
}

export interface ScaleFrame {
  /** weight: a reading; status: a status-only answer (e.g. 8217 "?A" in motion); ack: handshake step; error: the scale refused a command (ES/ET/EL, "S I"). */
  kind: 'weight' | 'status' | 'ack' | 'error';
  /** Normalised to grams; present for `weight` frames (also when over/under range, as far as the frame says). */
  grams?: number;
  /** From the protocol's own flag; undefined where the protocol has none (the driver infers it). */
  stable?: boolean;
  status: 'ok' | 'overload' | 'underload' | 'error';
  net?: boolean;
  /** Human-readable decoding of flags/status bits, e.g. "motion, centre of zero", "ES syntax error". */
  detail?: string;
  /** The frame's bytes as received (for the live raw-frame view). */
  raw: Uint8Array;
}

export interface DecoderStats {
  frames: number;
  badFrames: number;
  droppedBytes: number;
}

export interface FrameDecoder {
  /** Feed bytes as they arrive (any split); returns the complete frames they finished. Never throws. */
  push(chunk: Uint8Array): ScaleFrame[];
  stats(): DecoderStats;
  reset(): void;
}

/** One step of a request/response exchange: send these bytes, wait for a frame of this kind. */
export interface PollStep {
  send: Uint8Array;
  awaits: 'ack' | 'weight';
}

export interface SimReading {
  grams: number;
  stable: boolean;
  status: 'ok' | 'overload' | 'underload';
  net?: boolean;
}

export interface ScaleProtocol {
  id: ScaleProtocolId;
  title: string;
  /** Default line settings from the manuals; every field can be overridden in the station config. */
  line: LineSettings;
  /** stream: the indicator sends frames by itself; poll: the host asks (pollSteps) every pollIntervalMs. */
  mode: 'stream' | 'poll';
  pollSteps?: PollStep[];
  pollIntervalMs?: number;
  /** Whether frames carry a stability flag; if not, the driver uses N equal readings within T ms. */
  hasStabilityFlag: boolean;
  tareCommand?: Uint8Array;
  zeroCommand?: Uint8Array;
  createDecoder(options?: ProtocolOptions): FrameDecoder;
  /** Frames a simulated indicator sends (stream) or answers with (poll) for this reading. */
  encode(reading: SimReading, options?: ProtocolOptions): Uint8Array;
  /** Simulator side of a poll protocol: the bytes to answer `request` with (null = ignore / wait for more). */
  respond?(request: Uint8Array, reading: SimReading, options?: ProtocolOptions): Uint8Array | null;
}
