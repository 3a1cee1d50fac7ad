// The evidence screen's view of a parcel's packing video: the clip, its stills and the scans on its
// timeline. Files are fetched over HTTP (browser mode: /video/… with the session secret).
import type { ScanVerdict } from '../station.js';

/**
 * Under Electron the page is a file:// page: the station's /video/… paths are served by this
 * privileged scheme instead (src/hosts/electron/evidence.ts).
 */
export const EVIDENCE_ORIGIN = 'packdesk-evidence://station';

export interface EvidenceMark {
  /** Epoch ms; offset into the clip = at − clip.startMs. */
  at: number;
  kind: 'order' | 'scan' | 'weight' | 'label';
  /** The scanned code, "1234 g", or the waybill. */
  text: string;
  verdict: ScanVerdict | null;
}

export interface EvidenceFile {
  id: number;
  kind: 'clip' | 'still';
  cameraId: string;
  /** still: what it shows (scan / weight / label); clip: null. */
  moment: string | null;
  at: number;
  bytes: number;
  sha256: string;
  /** Path under the station's HTTP server (add ?session=…); null once retention deleted the file. */
  url: string | null;
}

export interface EvidenceClip {
  packId: string;
  orderId: string;
  waybills: string[];
  packerId: string | null;
  startMs: number;
  endMs: number;
  pinned: boolean;
  clips: EvidenceFile[];
  stills: EvidenceFile[];
  marks: EvidenceMark[];
  /** Zip of the clips, stills and a manifest of hashes. */
  exportUrl: string;
}

export interface EvidenceResult {
  code: string;
  /** Newest first: an order packed twice (a repack) has two. */
  packs: EvidenceClip[];
}
