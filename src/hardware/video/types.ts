// The camera contract the station core sees: a device that records a rolling buffer of short
// segments, shows an overlay the core writes, and hands back the segments covering a time span.
// Nothing here knows about orders; the overlay lines are plain text from the core.
import type { Device } from '../types.js';

export type CameraKind = 'uvc' | 'rtsp' | 'lavfi' | 'http';

export interface CameraSpec {
  id: string;
  kind: CameraKind;
  /** uvc: /dev/video0; rtsp/http: the stream URL; lavfi: an FFmpeg filter source (testsrc2=…). */
  source: string;
  width: number;
  height: number;
  fps: number;
}

/** A finished segment of the rolling buffer: its file and its wall-clock start (epoch ms, 1 s steps). */
export interface Segment {
  file: string;
  startMs: number;
}

export interface Camera extends Device {
  readonly id: string;
  /** Lines burned into the picture from now on (station, packer, order, waybill, verdicts, weight). */
  setOverlay(lines: string[]): void;
  /** Finished segments, oldest first. The one being written is not listed. */
  segments(): Segment[];
  /** Copies the newest decoded frame (JPEG) to `dest`; false when none is there yet. */
  still(dest: string): Promise<boolean>;
  /** Deletes finished segments that started before `beforeMs` (the rolling buffer). */
  prune(beforeMs: number): number;
}
