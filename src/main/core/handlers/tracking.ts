// The supervisor view's stuck parcels (tracking alerts) and a returned parcel's trace from the hub,
// read with this station's token. No hub, or a hub out of reach, is an answer the view shows, never
// an error.
import type { TrackingAlertsResult, TrackingTimelineResult } from '../../../contract/api.js';
import { SyncError } from '../../sync/http.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

export function trackingHandlers(
  s: StationServices,
  log: (line: string) => void,
): Pick<Handlers, 'tracking.alerts' | 'tracking.timeline'> {
  return {
    'tracking.alerts': async (): Promise<TrackingAlertsResult> => {
      const hub = s.hubTracking;
      if (!hub) return { ok: false, reason: 'no_hub', message: '' };
      try {
        return { ok: true, alerts: await hub.alerts() };
      } catch (err) {
        if (!(err instanceof SyncError)) throw err;
        log(`tracking alerts: the hub is out of reach (${err.reason}: ${err.message})`);
        return { ok: false, reason: 'unreachable', message: err.message };
      }
    },
    'tracking.timeline': async ({ waybill }): Promise<TrackingTimelineResult> => {
      const hub = s.hubTracking;
      if (!hub) return { ok: false, reason: 'no_hub', message: '' };
      try {
        return { ok: true, timeline: await hub.timeline(waybill) };
      } catch (err) {
        if (!(err instanceof SyncError)) throw err;
        if (err.status === 404) return { ok: false, reason: 'not_found', message: err.message };
        log(`tracking timeline: the hub is out of reach (${err.reason}: ${err.message})`);
        return { ok: false, reason: 'unreachable', message: err.message };
      }
    },
  };
}
