// Parcel tracking texts, English: the supervisor view's stuck-parcel panel and a returned parcel's
// trace at the desk.
import type { trackingZhCN } from './tracking.zh-CN.js';

type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> };

export const trackingEn: Same<typeof trackingZhCN> = {
  title: 'Stuck parcels',
  none: 'No parcel is stuck or in trouble',
  offline: 'Hub unreachable: stuck parcels unavailable',
  count: '{{count}} to follow up',
  more: '{{count}} more not shown',
  since: 'since {{time}}',
  kind: {
    not_collected: 'Not collected after handover',
    no_movement: 'No tracking update for a long time',
    return_started: 'Being returned',
    exception: 'Carrier exception',
  },
  trace: {
    title: 'Tracking',
    loading: 'Reading the trace…',
    none: 'No scan from the carrier yet',
    notFound: 'The hub does not follow this waybill',
    offline: 'Hub unreachable: tracking unavailable',
    state: {
      awaiting_pickup: 'Awaiting pickup',
      collected: 'Collected',
      in_transit: 'In transit',
      out_for_delivery: 'Out for delivery',
      delivered: 'Delivered',
      exception: 'Exception',
    },
  },
};
