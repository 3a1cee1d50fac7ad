// The app's keyboard-wedge scanner: where a scan goes depends on the screen (issue 12 §4). On the pack
// screen it goes to the core. The barcode sheet and the supervisor view never act on a scan silently:
// the app returns to the pack screen first and says so. The settings screen uses none (its fields are
// guarded against the scanner's keys) and says so. A misread is counted by the core and shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MisreadReason } from '../../contract/station.js';
import { useApp, useServices } from '../context.js';
import type { View } from '../store.js';
import { submitScan } from '../wiring.js';
import { DEFAULT_REJOIN_MS, installWedge } from './wedge.js';

export type ScanToast =
  | { kind: 'redirected'; code: string; from: View; seq: number }
  | { kind: 'ignored'; code: string; seq: number }
  | { kind: 'misread'; seq: number };

/** A wedge scan on the evidence screen, as a window event (detail: the code). */
export const EVIDENCE_SCAN = 'packdesk:evidence-scan';

/** Long enough to read from the desk, short enough not to hide the next thing. */
export const TOAST_MS = 6000;

export function useWedge(): { toast: ScanToast | null; dismiss: () => void } {
  const { client, store, sound } = useServices();
  const rejoinMs = useApp((s) => s.snapshot?.station.scanRejoinMs ?? DEFAULT_REJOIN_MS);
  const [toast, setToast] = useState<ScanToast | null>(null);
  // A new toast for each scan, even with the same text, so its timer starts again.
  const seqRef = useRef(0);
  const dismiss = useCallback(() => setToast(null), []);

  useEffect(() => {
    if (toast === null) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  useEffect(() => {
    const onScan = (code: string) => {
      // The scanner's keystrokes are the user gesture browsers need before audio may play.
      sound.unlock();
      const view = store.getState().view;
      // The evidence screen looks the scanned waybill or order up (screens/EvidenceScreen.tsx).
      if (view === 'evidence') {
        window.dispatchEvent(new CustomEvent(EVIDENCE_SCAN, { detail: code }));
        return;
      }
      if (view === 'settings') {
        sound.play('error');
        setToast({ kind: 'ignored', code, seq: ++seqRef.current });
        return;
      }
      if (view !== 'pack') {
        window.location.hash = '#/';
        store.getState().setView('pack');
        setToast({ kind: 'redirected', code, from: view, seq: ++seqRef.current });
      } else setToast(null);
      submitScan(client, store, sound, code);
    };
    const onMisread = (m: { text: string; reason: MisreadReason }) => {
      sound.unlock();
      const view = store.getState().view;
      // On the pack screen the core's notice says it; elsewhere the toast does.
      if (view !== 'pack') setToast({ kind: 'misread', seq: ++seqRef.current });
      if (view === 'settings') sound.play('error');
      else submitScan(client, store, sound, m.text, m.reason);
    };
    return installWedge(window, onScan, {
      rejoinMs,
      onMisread,
      guardInputs: () => ['settings', 'evidence'].includes(store.getState().view),
    });
  }, [client, store, sound, rejoinMs]);

  return { toast, dismiss };
}
