// Parcel tracking texts, English: the supervisor view's stuck-parcel panel.
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
};
