// The core contract: CoreApi (request name → args → result) and CoreEvents (pushed events).
// Arguments are validated at the transport boundary with these schemas; results are typed only.
import { z } from 'zod';
import type { CoreMethod, CoreEventName } from './api/methods.js';
import type { BarcodeSheet } from './api/sheet.js';
import type { PrinterStatusView, ScaleFrameView, SerialPortInfo, SettingsView } from './api/devices.js';
import type { SupervisorView } from './api/supervisor.js';
import type { EvidenceResult } from './api/video.js';
import { stockRequestSchemas, type StockBoardResult, type StockMovementsResult } from './api/stock.js';
import { handoverRequestSchemas, type HandoverCutoffsResult } from './api/handover.js';
import { trackingRequestSchemas, type TrackingAlertsResult, type TrackingTimelineResult } from './api/tracking.js';
import { disputeRequestSchemas, type DisputesResult } from './api/disputes.js';
import type { DisputeCase } from './disputes.js';
import type { LabelLayout, LabelModel } from './label.js';
import type { LabelStatus, ScaleView, ScanResult, Sound, StationSnapshot, ScanVerdict } from './station.js';
import { LAYOUTS } from './entities.js';
import { MISREAD_REASONS } from './station.js';

export * from './api/methods.js';
export * from './api/errors.js';
export type { BarcodeSheet, SheetEntry } from './api/sheet.js';
export type { EvidenceClip, EvidenceFile, EvidenceMark, EvidenceResult } from './api/video.js';
export type { StockBoardResult, StockMovementsResult, StockUnavailable } from './api/stock.js';
export type { HandoverCutoffsResult } from './api/handover.js';
export type { TrackingAlertsResult, TrackingTimelineResult } from './api/tracking.js';
export type { DeskDisputeCase, DisputesResult } from './api/disputes.js';
export type { PrinterStatusView, ProtocolInfo, ScaleFrameView, SerialPortInfo, SettingsView } from './api/devices.js';
export type {
  ExceptionRow,
  PackerFigures,
  StationTile,
  SupervisorAlert,
  SupervisorAlertKind,
  SupervisorView,
} from './api/supervisor.js';

const carrier = z.string().regex(/^[A-Z0-9_]{2,12}$/, 'carrier code: 2–12 of A–Z, 0–9, _');

export const requestSchemas = {
  'station.snapshot': z.object({}).strict(),
  'scan.submit': z
    .object({
      code: z.string().min(1).max(512),
      source: z.enum(['wedge', 'serial', 'sim', 'api']),
      /** Set when the keys were a scanner burst that made no code (the wedge's rejoin rule); counted, not routed. */
      misread: z.enum(MISREAD_REASONS).optional(),
    })
    .strict(),
  'sheet.get': z.object({ orders: z.number().int().min(0).max(500).optional() }).strict(),
  'labels.get': z.object({ labelId: z.string().min(1) }).strict(),
  'printer.jobs': z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
  'waybills.add': z
    .object({
      carrier,
      numbers: z
        .array(z.string().regex(/^[A-Za-z0-9]{6,32}$/, 'waybill: 6–32 letters/digits'))
        .min(1)
        .max(100000),
    })
    .strict(),
  'waybills.pool': z.object({}).strict(),
  'sim.scale': z
    .object({
      offsetG: z.number().int().min(-100000).max(100000).optional(),
      noiseG: z.number().int().min(0).max(1000).optional(),
      settleMs: z.number().int().min(0).max(60000).optional(),
      unstable: z.boolean().optional(),
      autoPlace: z.boolean().optional(),
      /** Put a parcel of this many grams on the scale; null takes it off. */
      place: z.number().int().min(0).max(1000000).nullable().optional(),
    })
    .strict(),
  'sim.printer': z.object({ paperOut: z.boolean().optional() }).strict(),
  'settings.get': z.object({}).strict(),
  // The devices section is validated by the station config schema in the core (one source of truth).
  'settings.save': z.object({ devices: z.record(z.string(), z.unknown()) }).strict(),
  /** The bench layout of this desk (statistics compare layouts; the hub keeps the history). */
  'settings.layout': z.object({ layout: z.enum(LAYOUTS) }).strict(),
  'devices.ports': z.object({}).strict(),
  'devices.scale.tare': z.object({}).strict(),
  'devices.scale.zero': z.object({}).strict(),
  'devices.printer.status': z.object({}).strict(),
  'devices.printer.test': z.object({}).strict(),
  /** WeChat's print component: its version and printer list (getPrinterList). */
  'devices.wechatPrinter.list': z.object({}).strict(),
  /** Print Channels e-waybills on this component printer (saved as devices.wechatComponent.printer). */
  'devices.wechatPrinter.use': z
    .object({ printer: z.string().min(1, 'a printer name from the list').max(256) })
    .strict(),
  'supervisor.view': z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).strict(),
  'supervisor.csv': z
    .object({
      from: z.number().int(),
      to: z.number().int(),
      by: z.enum(['station', 'packer', 'layout', 'hour', 'day']),
    })
    .strict(),
  /** Leave supervisor mode at this desk (the view was opened by a supervisor badge). */
  'supervisor.close': z.object({}).strict(),
  /** The spreadsheet export (headers in `lang`, minutes, yuan, names beside ids): XLSX or CSV. */
  'supervisor.export': z
    .object({
      from: z.number().int(),
      to: z.number().int(),
      by: z.enum(['station', 'packer', 'layout', 'hour', 'day']),
      format: z.enum(['xlsx', 'csv']),
      lang: z.enum(['zh-CN', 'en']),
    })
    .strict(),
  /** Packing video of a parcel, by the waybill or order id a person scanned or typed. */
  'video.find': z.object({ code: z.string().trim().min(1, 'a waybill or order id').max(128) }).strict(),
  /** Keep (or release) a pack's clips past the retention quota: an open dispute. */
  'video.pin': z.object({ packId: z.string().min(1).max(128), pinned: z.boolean() }).strict(),
  ...stockRequestSchemas,
  ...handoverRequestSchemas,
  ...trackingRequestSchemas,
  ...disputeRequestSchemas,
} satisfies { [K in CoreMethod]: z.ZodType };

export interface PrintJobView {
  jobId: string;
  labelId: string | null;
  reprint: boolean;
  status: 'queued' | 'printed' | 'failed';
  at: number;
  waybill: string | null;
  /** Language-specific bytes summary for the simulated printer (e.g. "layout: 23 elements"). */
  detail: string;
}

/** WeChat's e-waybill print component at this desk (README "Labels: which path each channel takes"). */
export interface WechatPrinterView {
  /** devices.wechatComponent is set. */
  configured: boolean;
  url: string | null;
  /** The configured printer name; null = the component's first. */
  printer: string | null;
  state: 'ready' | 'connecting' | 'disconnected' | 'error';
  detail: string | null;
  version: string | null;
  /** As getPrinterList answered; empty when the component cannot be reached (see detail). */
  printers: { name: string; displayName: string; status: number | null }[];
}

export interface SimScaleState {
  offsetG: number;
  noiseG: number;
  settleMs: number;
  unstable: boolean;
  autoPlace: boolean;
  placedG: number | null;
}

type Args<K extends CoreMethod> = z.input<(typeof requestSchemas)[K]>;

interface Results {
  'station.snapshot': StationSnapshot;
  'scan.submit': ScanResult;
  'sheet.get': BarcodeSheet;
  'labels.get': { model: LabelModel; layout: LabelLayout; status: LabelStatus };
  'printer.jobs': PrintJobView[];
  'waybills.add': { added: number; duplicates: number; labelsReleased: number };
  'waybills.pool': Record<string, number>;
  'sim.scale': SimScaleState;
  'sim.printer': { paperOut: boolean; jobs: number };
  'settings.get': SettingsView;
  'settings.save': SettingsView;
  'settings.layout': SettingsView;
  'devices.ports': SerialPortInfo[];
  'devices.scale.tare': { ok: true };
  'devices.scale.zero': { ok: true };
  'devices.printer.status': PrinterStatusView;
  'devices.printer.test': { jobId: string; duplicate: boolean };
  'devices.wechatPrinter.list': WechatPrinterView;
  'devices.wechatPrinter.use': WechatPrinterView;
  'supervisor.view': SupervisorView;
  'supervisor.csv': { filename: string; csv: string };
  /** The file, base64 (XLSX is binary; the transports carry JSON). */
  'supervisor.export': { filename: string; mime: string; base64: string };
  'supervisor.close': { ok: true };
  'video.find': EvidenceResult;
  'video.pin': { packId: string; pinned: boolean };
  'video.disputes': DisputesResult;
  'video.disputeProof': DisputeCase;
  'stock.board': StockBoardResult;
  'stock.movements': StockMovementsResult;
  'handover.cutoffs': HandoverCutoffsResult;
  'tracking.alerts': TrackingAlertsResult;
  'tracking.timeline': TrackingTimelineResult;
}

export type CoreApi = { [K in CoreMethod]: { args: Args<K>; result: Results[K] } };

export interface CoreEvents {
  'station.snapshot': StationSnapshot;
  'scale.reading': ScaleView;
  /** One per scan, with the verdict's sound. */
  'scan.feedback': { verdict: ScanVerdict; sound: Sound; scanId: number };
  'scale.frame': ScaleFrameView;
  /** A sound no scan carries: the completion chime, a weight exception, an intercept from the hub. */
  'effect.sound': { sound: Sound };
}

// Compile-time check that the event map and the dependency-free name list agree.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const eventsAgree: Exact<keyof CoreEvents, CoreEventName> = true;
export * from './api/wire.js';
