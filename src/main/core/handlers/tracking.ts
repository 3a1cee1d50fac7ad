// The supervisor view's stuck parcels (tracking alerts) from the hub, read with this station's token.
// No hub, or a hub out of reach, is an answer the view shows, never an error.
import type { TrackingAlertsResult } from '../../../contract/api.js';
import { SyncError } from '../../sync/http.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

export function trackingHandlers(s: StationServices, log: (line: string) => void): Pick<Handlers, 'tracking.alerts'> {
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
  };
}
