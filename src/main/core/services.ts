// What the request handlers may use. Built once per station by the composition root.
import type { HandoverCutoffs, HandoverExpected } from '../../contract/handover-wire.js';
import type { Clock } from '../../base/clock.js';
import type { Db } from '../../base/node/sqlite/open.js';
import type { StationConfig } from '../config/schema.js';
import type { StationSnapshot } from '../../contract/station.js';
import type { LabelPrinter, Scale, Scanner } from '../../hardware/types.js';
import type { SimPrinter } from '../../hardware/sim/printer.js';
import type { WechatPrinterDevice } from '../../hardware/printer/wechat-component.js';
import type { WechatComponentConfig } from '../config/wechat-component.js';
import type { SlipConfig } from '../config/packing-extras.js';
import type { SlipQueue } from './slips/queue.js';
import type { SimScale } from '../../hardware/sim/scale.js';
import type { PrinterConfig, ScaleConfig, ScannerConfig } from '../config/devices.js';
import type { SerialPortInfo } from '../../contract/api.js';
import type { SupervisorView } from '../../contract/api/supervisor.js';
import type { ExportTable } from '../../domain/stats/export-table.js';
import type { StationReport } from '../../contract/sync.js';
import type { PrinterSlot, ScaleSlot, ScannerSlot } from './devices/slots.js';
import type { Desk } from './packing/desk.js';
import type { PrintQueue } from './labels/queue.js';
import type { Stores } from './packing/context.js';
import type { HubStock } from '../sync/stock-reads.js';
import type { HubTracking } from '../sync/tracking-reads.js';

export interface StationDevices {
  scanner: Scanner | null;
  scale: Scale;
  printer: LabelPrinter;
  /** WeChat's print component (devices.wechatComponent), for Channels e-waybills; none when absent. */
  wechatPrinter?: WechatPrinterDevice | null;
  /** The packing-slip printer (packing.slip); absent with slips on: a simulator. */
  slipPrinter?: LabelPrinter | null;
}

export interface DeviceSlots {
  scanner: ScannerSlot;
  scale: ScaleSlot;
  printer: PrinterSlot;
}

/** Builds devices from config sections: what a settings change swaps into the slots. */
export interface DeviceFactory {
  scanner(cfg: ScannerConfig): Scanner | null;
  scale(cfg: ScaleConfig): Scale;
  printer(cfg: PrinterConfig): LabelPrinter;
  /** WeChat's print component; a change of devices.wechatComponent takes a restart. */
  wechatPrinter?(cfg: WechatComponentConfig): WechatPrinterDevice;
  /** The packing-slip printer (ESC/POS, its own print journal); a change of packing.slip takes a restart. */
  slipPrinter?(cfg: SlipConfig): LabelPrinter;
  /** Serial ports the OS sees (ptys do not show; configured paths are added by the caller). */
  listPorts(): Promise<Omit<SerialPortInfo, 'configured' | 'present'>[]>;
}

/**
 * The hub's statistics for the supervisor view at a desk, through the sync engine's client: a hub
 * out of reach throws its typed SyncError (src/main/sync/http.ts) and the desk shows its own figures.
 */
export interface HubStats {
  supervisorView(from: number, to: number): Promise<SupervisorView>;
  statsCsv(from: number, to: number, by: string): Promise<string>;
  /** The spreadsheet export table (GET /v1/stats/export?format=table); the desk writes the file. */
  statsExportTable(from: number, to: number, by: string, lang: string): Promise<ExportTable>;
}

/** The hub's handover lists (GET /v1/handover/expected), through the sync engine's client. */
export interface HandoverHub {
  expected(carrier: string, day: string): Promise<HandoverExpected>;
  cutoffs(): Promise<HandoverCutoffs>;
}

/** Where a changed config is written; absent when the station has no file (tests, benchmarks). */
export interface ConfigStore {
  path: string;
  save(config: StationConfig): void;
}

export interface StationServices {
  db: Db;
  /** The station's tables; every query lives in one of these. */
  stores: Stores;
  clock: Clock;
  /** The config in force; a saved settings change replaces it (see handlers/settings.ts). */
  config(): StationConfig;
  desk: Desk;
  devices: DeviceSlots;
  factory: DeviceFactory | null;
  configStore: ConfigStore | null;
  printQueue: PrintQueue;
  /** Packing slips (packing.slip.enabled); null when off. */
  slips?: { queue: SlipQueue; printer: LabelPrinter } | null;
  /** WeChat's print component, when this desk has one (its printer list for the settings screen). */
  wechatPrinter?: WechatPrinterDevice | null;
  /** Absent when the station runs without a hub. */
  hubStats: HubStats | null;
  /** The hub's handover lists and cut-offs; absent (or null) when the station runs without a hub. */
  hubHandover?: HandoverHub | null;
  /** The hub's stock board reads; absent (or null) when the station runs without a hub. */
  hubStock?: HubStock | null;
  /** The hub's tracking alerts and traces; absent (or null) when the station runs without a hub. */
  hubTracking?: HubTracking | null;
  snapshot(): StationSnapshot;
  applyConfig(config: StationConfig): void;
  /** Layout, queue depth, pending labels and device faults, as the hub gets them. */
  report(): StationReport;
  /** The simulator behind a slot, when it is one (the demo and tests drive it). */
  sim: { scale(): SimScale | null; printer(): SimPrinter | null };
}
