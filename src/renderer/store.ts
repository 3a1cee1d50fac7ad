// UI state. One store per app instance (createAppStore), handed down through React context, so
// each test builds its own and nothing module-level needs resetting.
// Scale readings arrive ~10/s and live in their own field: components that show the snapshot
// select snapshot parts, so a reading re-renders only the scale panel.
import { create } from 'zustand';
import type { ErrorEnvelope } from '../contract/api/errors.js';
import type { ScaleView, ScanVerdict, Sound, StationSnapshot } from '../contract/station.js';
import type { ConnectionState } from './client/types.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type View = 'pack' | 'sheet' | 'settings' | 'supervisor' | 'evidence';

export interface Feedback {
  verdict: ScanVerdict;
  sound: Sound;
  scanId: number;
}

/** A request that failed on its way to the core, e.g. a scan sent while the link was down. */
export interface RequestFailure {
  method: string;
  error: ErrorEnvelope;
  /** The scanned code, when the failed request was a scan: the packer must rescan it. */
  code: string | null;
  at: number;
}

export interface AppState {
  snapshot: StationSnapshot | null;
  scale: ScaleView | null;
  connection: ConnectionState;
  locale: Locale;
  view: View;
  feedback: Feedback | null;
  failure: RequestFailure | null;
  setSnapshot(snapshot: StationSnapshot): void;
  setScale(reading: ScaleView): void;
  setConnection(state: ConnectionState): void;
  setLocale: (locale: Locale) => void;
  setView: (view: View) => void;
  setFeedback(feedback: Feedback): void;
  setFailure(failure: RequestFailure | null): void;
}

export interface AppStoreInit {
  locale?: Locale;
  view?: View;
  snapshot?: StationSnapshot | null;
}

export function createAppStore(init: AppStoreInit = {}) {
  return create<AppState>()((set) => ({
    snapshot: init.snapshot ?? null,
    scale: init.snapshot?.scale ?? null,
    connection: 'connecting',
    locale: init.locale ?? DEFAULT_LOCALE,
    view: init.view ?? 'pack',
    feedback: null,
    failure: null,
    setSnapshot: (snapshot) =>
      set((s) => {
        // The snapshot carries the reading at commit time; keep whichever reading is newer.
        const scale = snapshot.scale && (!s.scale || snapshot.scale.at >= s.scale.at) ? snapshot.scale : s.scale;
        return { snapshot, scale };
      }),
    setScale: (reading) => set({ scale: reading }),
    setConnection: (connection) => set({ connection }),
    setLocale: (locale) => set({ locale }),
    setView: (view) => set({ view }),
    // Only the next scan that lands clears a "scan did not reach the station" warning: a reconnect
    // snapshot alone does not mean the packer has rescanned the lost code.
    setFeedback: (feedback) => set({ feedback, failure: null }),
    setFailure: (failure) => set({ failure }),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
