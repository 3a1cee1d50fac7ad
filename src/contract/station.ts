// What the station shows: the snapshot the core pushes to the UI after every commit.
import type { Layout, Order, PackLine, PackState, Packer } from './entities.js';
import type { ReasonPurpose } from './commands.js';
import type { LabelModel, LabelSize } from './label.js';
import type { PackerFigures } from './api/supervisor.js';
import { STOCK_NOTICE_CODES, type StockNoticeParams, type StockSessionView } from './stock-desk.js';
import {
  HANDOVER_ALERTS,
  HANDOVER_NOTICE_CODES,
  HANDOVER_VERDICTS,
  type HandoverAlertParams,
  type HandoverNoticeParams,
  type HandoverView,
} from './handover.js';

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
  /** A WeChat Channels e-waybill, and this desk has no WeChat print component configured. */
  'order_needs_wechat_printer',
] as const;
export type ErrorAlertCode = (typeof ERROR_ALERTS)[number];
export type InterceptAlertCode = (typeof INTERCEPT_ALERTS)[number];
export const ALERT_CODES = [
  ...ERROR_ALERTS,
  ...INTERCEPT_ALERTS,
  'weight_out_of_tolerance',
  ...HANDOVER_ALERTS,
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

/** What each alert's message is filled with (src/renderer/messages.ts and the i18n templates). */
export interface AlertParams extends HandoverAlertParams {
  wrong_item: { title: string; sku: string; orderId: string };
  /** reason: why a GS1 string did not parse, '' for a plain unknown code. */
  unknown_code: { code: string; reason: string };
  bad_check_digit: { code: string };
  over_scan: { title: string; sku: string; expected: number; scanned: number; adding: number };
  /** scanned: the other order's id. */
  pack_in_progress: { orderId: string; scanned: string };
  order_cancelled: InterceptParams;
  order_packed: InterceptParams;
  order_shipped: InterceptParams;
  order_held: InterceptParams & { reason: string };
  /** flags: the order's flags joined with commas. */
  order_flagged: InterceptParams & { flags: string };
  order_changed: InterceptParams;
  /** station: the station holding the claim, '?' when the hub did not say. */
  order_claimed: InterceptParams & { station: string };
  /** carrier and waybill of the e-waybill WeChat issued. */
  order_needs_wechat_printer: InterceptParams & { carrier: string; waybill: string };
  weight_out_of_tolerance: { measuredG: number; expectedG: number; minG: number; maxG: number; diffG: number };
}
/** Every intercept names its order. */
export interface InterceptParams {
  orderId: string;
}

export interface AlertOf<C extends AlertCode> {
  kind: 'error' | 'intercept' | 'weight';
  code: C;
  /** Values for the message template (product title, order id, weights...). */
  params: AlertParams[C];
  orderId: string | null;
  /** ack: CMD-ACK; ack_or_supervisor: CMD-ACK dismisses, a supervisor badge releases; supervisor: badge + reason. */
  clearBy: 'ack' | 'ack_or_supervisor' | 'supervisor';
  at: number;
}
/** Told apart by `code`, which also types `params`. */
export type Alert = { [C in AlertCode]: AlertOf<C> }[AlertCode];

/** What an intercept adds to the order id every intercept carries. */
export type InterceptExtra<C extends InterceptAlertCode> = Omit<AlertParams[C], 'orderId'>;

/** Optional when a code's params are empty: `notice(ctx, 'warn', 'login_required')`. */
export type ParamsArg<P> = P extends NoParams ? [params?: P] : [params: P];

export type Prompt =
  { kind: 'reason'; purpose: ReasonPurpose; supervisorId: string | null } | { kind: 'supervisor'; purpose: 'override' };

/** Non-blocking one-line message; replaced by the next scan's outcome. */
export interface NoticeOf<C extends NoticeCode> {
  level: 'info' | 'success' | 'warn' | 'error';
  code: C;
  params: NoticeParams[C];
}
export type Notice = { [C in NoticeCode]: NoticeOf<C> }[NoticeCode];

/** A message with nothing to fill in. */
export type NoParams = Record<string, never>;
/** What each notice's message is filled with (src/renderer/messages.ts and the i18n templates). */
export interface NoticeParams extends StockNoticeParams, HandoverNoticeParams {
  /** A scanner burst that made no code (a wireless fragment, a too-short burst): scan again. */
  misread: NoParams;
  login_required: NoParams;
  logged_in: { name: string };
  logged_out: { name: string };
  scan_order_first: { title: string };
  unknown_order: { code: string };
  /** command: the command refused (LOGOUT, BADGE…). */
  finish_pack_first: { command: string };
  command_not_now: { command: string };
  unknown_command: { code: string };
  reason_not_now: { reason: string };
  qty_set: { qty: number };
  qty_too_large: { qty: number };
  /** code: the packaging code (POLY-BAG…). */
  packaging_set: { code: string };
  unknown_packaging: { code: string };
  nothing_to_reprint: NoParams;
  reprinted: { waybill: string };
  pack_cancelled: { orderId: string };
  /** The hub gave this desk's claim on the order away (expired and taken, or a supervisor's release). */
  claim_lost: { orderId: string };
  order_held: { orderId: string; reason: string };
  /** supervisor: the supervisor's name. */
  order_released: { orderId: string; supervisor: string };
  alert_acknowledged: { code: AlertCode };
  label_printed: { waybill: string };
  label_pending: { carrier: string; orderId: string };
  label_queued: { reason: string };
  parcel_closed: { parcelNo: number };
  next_parcel_empty: NoParams;
  not_supervisor: { name: string };
  /** supervisor: the supervisor's id; reason: the reason code scanned. */
  override_recorded: { supervisor: string; reason: string };
  weight_accepted: { grams: number };
  reweigh: NoParams;
  supervisor_required: NoParams;
  supervisor_view: { name: string };
  supervisor_view_closed: { name: string };
  /** A carrier waybill scanned during a pack where a product was expected: not an item, ignored. */
  waybill_ignored: { code: string; carrier: string };
  /** A carrier waybill (or JD package code) no order here has. */
  waybill_unknown: { code: string; carrier: string };
  /** An insert (赠品/插页) confirmed by its scan; title: the insert's name. */
  insert_confirmed: { title: string };
  /** Split rules (wechat-api-2.md §5): why a scan or command that would split wrongly was refused. */
  split_sku_closed: { sku: string };
  split_sku_partial: { sku: string; inParcel: number; expected: number };
  split_qty1: { sku: string; carriers: string };
  split_parcel_limit: { max: number };
  /** CMD-SPLIT accepted: one more box (a 子母单 child) after the open parcel. */
  split_extra_box: { parcelNo: number };
  /** 子母单 child labels (or JD's renumbered ones) queued. */
  suborder_labels: { orderId: string; count: number };
  /** Merge (合单): open orders of the same buyer and address wait; CMD-MERGE packs them together. */
  merge_offer: { count: number; orderIds: string };
  merge_joined: { count: number; orderIds: string };
  merge_none: NoParams;
  /** Packdesk will not print its own label for a masked receiver; fields: name,phone,address that carry the mask. */
  label_masked_address: { orderId: string; fields: string };
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
  'claim_lost',
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
  'waybill_ignored',
  'waybill_unknown',
  'insert_confirmed',
  'misread',
  'split_sku_closed',
  'split_sku_partial',
  'split_qty1',
  'split_parcel_limit',
  'split_extra_box',
  'suborder_labels',
  'merge_offer',
  'merge_joined',
  'merge_none',
  'label_masked_address',
  ...STOCK_NOTICE_CODES,
  ...HANDOVER_NOTICE_CODES,
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
  /** Inserts (赠品/插页) the packer must confirm by scan before weighing; absent from an older core. */
  inserts?: InsertView[];
}

/** One insert of a pack (src/domain/packing/inserts.ts). */
export interface InsertView {
  id: string;
  title: string;
  /** null: confirmed with CMD-OK. */
  barcode: string | null;
  weightG: number;
  confirmed: boolean;
  /** The parcel it went into, once confirmed. */
  parcelNo: number | null;
}

export interface ScaleView {
  grams: number;
  stable: boolean;
  status: 'ok' | 'overload' | 'underload' | 'error';
  at: number;
}

export type DeviceState = 'ready' | 'connecting' | 'disconnected' | 'error';
export interface DeviceStatus {
  /** wechat_printer: WeChat's print component, present when the desk has one configured. */
  /** slip_printer: the packing-slip printer, present when packing.slip is enabled. */
  role: 'scanner' | 'scale' | 'printer' | 'wechat_printer' | 'camera' | 'slip_printer';
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
  /** Keyboard-wedge rejoin window (config scanner.rejoinMs); absent from an older core: the UI default. */
  scanRejoinMs?: number;
  /**
   * What this warehouse calls the places goods go when an alert stops a pack (config ui.bins):
   * intercept: where stopped orders' goods go (拦截筐); shelf: where a wrong or extra item goes back
   * (退回货架). Absent or null: the UI's own words.
   */
  bins?: { intercept: string | null; shelf: string | null };
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
  /**
   * deadLetters: events the hub refused for good, out of the queue (the supervisor looks at them);
   * quarantined: rows of hub pulls this desk could not apply and set aside (fixed at the hub);
   * hub: the hub instance the desk talks to now, of those configured (absent when it runs alone).
   */
  sync: {
    mode: SyncMode;
    queueDepth: number;
    deadLetters: number;
    quarantined: number;
    lastError: string | null;
    hub?: string;
  };
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
  /** The open receiving / count / returns session (the stock screen); absent from an older core. */
  stock?: StockSessionView | null;
  /** Handover mode (交接): the open batch and the last closed one; absent or null outside the mode. */
  handover?: HandoverView | null;
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
  /** A carrier waybill scanned where a product was expected: ignored, not the packer's error. */
  'waybill',
  /** Not a code: a scan fragment or noise. Counted as a misread, never as the packer's error. */
  'misread',
  ...HANDOVER_VERDICTS,
  /** A product counted into a receiving, count or return (stock modes): not a packed unit in statistics. */
  'stock_item',
] as const;
export type ScanVerdict = (typeof SCAN_VERDICTS)[number];

/**
 * Verdicts counted as the packer's scan errors: wrong items (a well-formed code the order or the
 * catalog does not know is one too) and over-scans (issue 12 §4). Misreads are the scanner's.
 */
export const SCAN_ERROR_VERDICTS: readonly ScanVerdict[] = ['wrong_item', 'unknown_code', 'over_scan'];

/** Verdicts that are always misreads; an unknown_code scan is one when its event says `misread`. */
export const SCAN_MISREAD_VERDICTS: readonly ScanVerdict[] = ['misread', 'bad_check_digit'];

/** How a keyboard-wedge burst failed to be a scan (src/renderer/scan/wedge.ts). */
export const MISREAD_REASONS = ['fragment', 'short'] as const;
export type MisreadReason = (typeof MISREAD_REASONS)[number];

export interface ScanResult {
  scanId: number;
  verdict: ScanVerdict;
  sound: Sound;
}
