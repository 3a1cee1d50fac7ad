// The hub's tracking reads for the supervisor view, with this station's token: the stuck-parcel
// alerts (GET /v1/tracking/alerts) and a parcel's trace (GET /v1/tracking/:waybill). Every answer is
// parsed with its contract schema; a bad one is a SyncError like any other.
import {
  trackingAlertsSchema,
  trackingTimelineSchema,
  type TrackingAlert,
  type TrackingTimeline,
} from '../../contract/tracking.js';
import { SyncError } from './http.js';

export interface HubTracking {
  alerts(): Promise<TrackingAlert[]>;
  timeline(waybill: string): Promise<TrackingTimeline>;
}

export function hubTrackingReads(read: (pathAndQuery: string) => Promise<unknown>): HubTracking {
  return {
    async alerts() {
      const parsed = trackingAlertsSchema.safeParse(await read('/v1/tracking/alerts'));
      if (!parsed.success)
        throw new SyncError('bad_response', `tracking alerts: ${parsed.error.issues[0]?.message ?? 'invalid body'}`);
      return parsed.data.items;
    },
    async timeline(waybill) {
      const parsed = trackingTimelineSchema.safeParse(await read(`/v1/tracking/${encodeURIComponent(waybill)}`));
      if (!parsed.success)
        throw new SyncError('bad_response', `tracking timeline: ${parsed.error.issues[0]?.message ?? 'invalid body'}`);
      return parsed.data;
    },
  };
}
