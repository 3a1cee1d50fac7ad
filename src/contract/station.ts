// What the station shows: the snapshot the core pushes to the UI after every commit.
import type { Layout, Order, PackLine, PackState, Packer } from './entities.js';
import type { ReasonPurpose } from './commands.js';
import type { LabelModel, LabelSize } from './label.js';
import type { PackerFigures } from './api/supervisor.js';

/** Sticky alerts: they stay on screen until cleared by the scan named in `clearBy`. */
export const ERROR_ALERTS = ['wrong_item', 'unknown_code', 'bad_check_digit', 'over_scan', 'pack_in_progress'] as const;
export const INTERCEPT_ALERTS = [
  'order_cancelled',
  'order_packed',
  'order_shipped',
  'order_held',
  'order_flagged',
  'order_changed',
  /** The hub refused this station's claim: another station is packing the order. */
  'order_claimed',
] as const;
export type ErrorAlertCode = (typeof ERROR_ALERTS)[number];
export type InterceptAlertCode = (typeof INTERCEPT_ALERTS)[number];
export type AlertCode = ErrorAlertCode | InterceptAlertCode | 'weight_out_of_tolerance';

export interface Alert {
  kind: 'error' | 'intercept' | 'weight';
  code: AlertCode;
  /** Values for the message template (product title, order id, weights...). */
  params: Record<string, string | number>;
  orderId: string | null;
  /** ack: CMD-ACK; ack_or_supervisor: CMD-ACK dismisses, a supervisor badge releases; supervisor: badge + reason. */
  clearBy: 'ack' | 'ack_or_supervisor' | 'supervisor';
  at: number;
}

export type Prompt =
  { kind: 'reason'; purpose: ReasonPurpose; supervisorId: string | null } | { kind: 'supervisor'; purpose: 'override' };

/** Non-blocking one-line message; replaced by the next scan's outcome. */
export interface Notice {
  level: 'info' | 'success' | 'warn' | 'error';
  code: NoticeCode;
  params: Record<string, string | number>;
}
export const NOTICE_CODES = [
  'login_required',
  'logged_in',
  'logged_out',
  'scan_order_first',
  'unknown_order',
  'finish_pack_first',
  'command_not_now',
  'unknown_command',
  'reason_not_now',
  'qty_set',
  'qty_too_large',
  'packaging_set',
  'unknown_packaging',
  'nothing_to_reprint',
  'reprinted',
  'pack_cancelled',
  'order_held',
  'order_released',
  'alert_acknowledged',
  'label_printed',
  'label_pending',
  'label_queued',
  'parcel_closed',
  'next_parcel_empty',
  'not_supervisor',
  'override_recorded',
  'weight_accepted',
  'reweigh',
  'supervisor_required',
  'supervisor_view',
  'supervisor_view_closed',
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

/** What the desk shows of an order: lines come as PackLines, bookkeeping fields stay in the core. */
export type OrderView = Omit<Order, 'lines' | 'holdReason' | 'paidAt' | 'updatedAt'>;

export interface WeightWindow {
  expectedG: number;
  toleranceG: number;
  minG: number;
  maxG: number;
}

export interface LabelView {
  labelId: string;
  parcelId: string;
  parcelNo: number;
  status: LabelStatus;
  waybill: string | null;
  carrier: string;
  model: LabelModel | null;
  error: string | null;
}
export type LabelStatus = 'queued' | 'printed' | 'pending_waybill' | 'failed';

export interface PackView {
  packId: string;
  state: PackState;
  order: OrderView;
  lines: PackLine[];
  parcelNo: number;
  /** Units scanned into the parcel currently being filled. */
  parcelUnits: number;
  packaging: { code: string; tareG: number };
  carrier: string;
  weight: WeightWindow | null;
  measuredG: number | null;
  qtyMultiplier: number | null;
  labels: LabelView[];
  startedAt: number;
}

export interface ScaleView {
  grams: number;
  stable: boolean;
  status: 'ok' | 'overload' | 'underload' | 'error';
  at: number;
}

export type DeviceState = 'ready' | 'connecting' | 'disconnected' | 'error';
export interface DeviceStatus {
  role: 'scanner' | 'scale' | 'printer';
  kind: string;
  simulated: boolean;
  state: DeviceState;
  detail: string | null;
}

export type SyncMode = 'local' | 'online' | 'offline' | 'paused';

export interface Counters {
  orders: number;
  units: number;
  errors: number;
}

export interface StationInfo {
  id: string;
  name: string;
  layout: Layout;
  /** Orders are refused until a packer badge is scanned. */
  requireLogin: boolean;
  /** The label stock loaded in the printer; previews use the same size. */
  labelSize: LabelSize;
  /** Carrier code → display name from the station config (顺丰速运 …). */
  carriers: Record<string, string>;
}

/** A problem the hub (or this station's sync) found with an order already packed here. */
export interface ExceptionView {
  id: string;
  orderId: string;
  kind: string;
  detail: string;
  at: number;
  source: 'hub' | 'station';
}

export interface StationSnapshot {
  station: StationInfo;
  packer: Packer | null;
  pack: PackView | null;
  /** Summary of the last finished pack, shown in the done state until the next order. */
  lastPack: PackView | null;
  alert: Alert | null;
  prompt: Prompt | null;
  notice: Notice | null;
  scale: ScaleView | null;
  devices: DeviceStatus[];
  sync: { mode: SyncMode; queueDepth: number; lastError: string | null };
  counters: Counters;
  waybillPool: Record<string, number>;
  pendingLabels: number;
  queuedLabels: number;
  /** The latest exceptions about parcels packed here (cancelled after packing, packed twice…). */
  exceptions: ExceptionView[];
  /** The logged-in packer's own figures (today, this hour, personal best, errors). */
  packerFigures: PackerFigures | null;
  /** A supervisor badge opened the supervisor view at this desk. */
  supervisor: { id: string; name: string } | null;
}

export type ScanSource = 'wedge' | 'serial' | 'sim' | 'api';
export type Sound = 'good' | 'error' | 'done' | 'intercept' | 'none';

export const SCAN_VERDICTS = [
  'order_opened',
  'order_intercepted',
  'order_unknown',
  'item_ok',
  'wrong_item',
  'unknown_code',
  'bad_check_digit',
  'over_scan',
  'command',
  'command_rejected',
  'login',
  'logout',
  'supervisor',
  'reason',
  'packaging',
  'blocked',
  'no_order',
  'login_required',
  'pack_in_progress',
] as const;
export type ScanVerdict = (typeof SCAN_VERDICTS)[number];

/** Verdicts counted as scan errors (DESIGN §4: wrong / unknown / over-scan). */
export const SCAN_ERROR_VERDICTS: readonly ScanVerdict[] = [
  'wrong_item',
  'unknown_code',
  'bad_check_digit',
  'over_scan',
];

export interface ScanResult {
  scanId: number;
  verdict: ScanVerdict;
  sound: Sound;
}
