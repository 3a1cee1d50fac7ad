// Parcel tracking as the hub serves it (issue 14 §2, §4): normalised states, a parcel's timeline,
// the stuck-parcel alerts and the outbound figures. Stations and the admin read these over HTTP:
//
//   GET /v1/tracking/:waybill            (station)  GET /v1/admin/tracking/:waybill  (admin)  → TrackingTimeline
//   GET /v1/tracking/alerts              (station)  GET /v1/admin/tracking/alerts    (admin)  → TrackingAlerts
//   GET /v1/stats/outbound?from=&to=&by=carrier;day|province                                  → OutboundStats
import { z } from 'zod';

/**
 * Progress states in the order a parcel passes them; `exception` (问题件, 退回: detail says which)
 * stands beside them. A parcel never moves back to an earlier progress state.
 */
export const PROGRESS_STATES = ['awaiting_pickup', 'collected', 'in_transit', 'out_for_delivery', 'delivered'] as const;
export const TRACKING_STATES = [...PROGRESS_STATES, 'exception'] as const;
export type TrackingState = (typeof TRACKING_STATES)[number];
export type ProgressState = (typeof PROGRESS_STATES)[number];

/** Where an event came from: WeChat's e-waybill push or pull, or a tracking provider. */
export const TRACKING_SOURCES = ['wechat_push', 'wechat_pull', 'kuaidi100'] as const;
export type TrackingSource = (typeof TRACKING_SOURCES)[number];

const waybill = z.string().min(1).max(64);
const at = z.number().int().min(0);

export const trackingEventSchema = z.object({
  waybill,
  carrier: z.string().min(1).max(32),
  state: z.enum(TRACKING_STATES),
  at,
  place: z.string().max(200),
  /** The carrier's words (快件已签收…); for exceptions also `returned` when the parcel goes back. */
  detail: z.string().max(500),
  source: z.enum(TRACKING_SOURCES),
});
export type TrackingEvent = z.infer<typeof trackingEventSchema>;

export const trackingTimelineSchema = z.object({
  waybill,
  carrier: z.string(),
  orderId: z.string().nullable(),
  /** null: nothing heard from the carrier yet. */
  state: z.enum(TRACKING_STATES).nullable(),
  /** Oldest first. */
  events: z.array(trackingEventSchema),
  handedOverAt: at.nullable(),
  labelAt: at.nullable(),
  packedAt: at.nullable(),
});
export type TrackingTimeline = z.infer<typeof trackingTimelineSchema>;

export const TRACKING_ALERT_KINDS = ['not_collected', 'no_movement', 'return_started', 'exception'] as const;
export type TrackingAlertKind = (typeof TRACKING_ALERT_KINDS)[number];

export const trackingAlertSchema = z.object({
  kind: z.enum(TRACKING_ALERT_KINDS),
  waybill,
  orderId: z.string().nullable(),
  carrier: z.string(),
  /** Since when the rule holds: handover, the last scan, or the exception's time. */
  since: at,
  detail: z.string(),
});
export type TrackingAlert = z.infer<typeof trackingAlertSchema>;
export const trackingAlertsSchema = z.object({ items: z.array(trackingAlertSchema) });
export type TrackingAlerts = z.infer<typeof trackingAlertsSchema>;

export const OUTBOUND_DIMENSIONS = ['carrier', 'day', 'province'] as const;
export type OutboundDimension = (typeof OUTBOUND_DIMENSIONS)[number];

const ms = z.number().nullable();
export const outboundFiguresSchema = z.object({
  /** Parcels handed over in the range (the group's population). */
  parcels: z.number().int(),
  labelToHandoverP50Ms: ms,
  labelToHandoverP90Ms: ms,
  handoverToCollectedP50Ms: ms,
  handoverToCollectedP90Ms: ms,
  /** Paid → signed for (delivered). */
  paidToDeliveredP50Ms: ms,
  paidToDeliveredP90Ms: ms,
  delivered: z.number().int(),
  /** Parcels with a stuck alert now (not collected, no movement, return started, exception). */
  stuck: z.number().int(),
  stuckRate: z.number().nullable(),
  /** Handed over after the carrier's cut-off of the day they were labelled. */
  missedCutoffs: z.number().int(),
});
export type OutboundFigures = z.infer<typeof outboundFiguresSchema>;

export const outboundStatsSchema = z.object({
  from: at,
  to: at,
  groupings: z.array(
    z.object({
      by: z.array(z.enum(OUTBOUND_DIMENSIONS)),
      groups: z.array(z.object({ key: z.record(z.string(), z.string()), figures: outboundFiguresSchema })),
    }),
  ),
  total: outboundFiguresSchema,
});
export type OutboundStats = z.infer<typeof outboundStatsSchema>;
