// Builds the StationSnapshot the UI renders: desk state plus labels, counters, pool and devices.
import type { Order } from '../../contract/entities.js';
import type { LabelModel } from '../../contract/label.js';
import {
  type ExceptionView,
  type DeviceStatus,
  type LabelView,
  type OrderView,
  type PackView,
  type StationSnapshot,
} from '../../contract/station.js';
import { labelSize } from '../config/schema.js';
import type { DeskContext } from './packing/context.js';
import { parcelWindow } from './packing/items.js';
import { carrierNames, stationCarriers } from './packing/carrier.js';
import { packerFigures, todayCounters } from './figures.js';
import { stockView } from './stock/view.js';
import { handoverView } from './handover/view.js';
import { withStockHints } from './stock/hints.js';

export function orderView(o: Order): OrderView {
  const { lines: _lines, holdReason: _hold, paidAt: _paid, updatedAt: _updated, ...view } = o;
  return view;
}

export function labelsOfPack(ctx: DeskContext, packId: string): LabelView[] {
  const out: LabelView[] = [];
  for (const parcel of ctx.stores.packs.parcelsOf(packId)) {
    const row = ctx.stores.labels.ofParcel(parcel.id).pop();
    if (!row) continue;
    const model = row.model ? (JSON.parse(row.model) as LabelModel) : null;
    const p = ctx.stores.packs.parcel(parcel.id);
    out.push({
      labelId: row.id,
      parcelId: parcel.id,
      parcelNo: parcel.parcel_no,
      status: row.status,
      waybill: p?.waybill ?? null,
      carrier: p?.carrier ?? '',
      model,
      error: row.error,
    });
  }
  return out;
}

function activePackView(ctx: DeskContext): PackView | null {
  const pack = ctx.rt.pack;
  if (!pack) return null;
  const weighing = pack.state === 'weighing' || pack.state === 'exception';
  return {
    packId: pack.id,
    state: pack.state,
    order: orderView(pack.order),
    lines: withStockHints(pack.order, pack.lines),
    parcelNo: pack.parcelNo,
    parcelUnits: pack.lines.reduce((n, l) => n + l.scanned - (pack.parceled.get(l.productId) ?? 0), 0),
    packaging: { ...pack.packaging },
    carrier: pack.carrier,
    weight: weighing ? parcelWindow(ctx, pack) : null,
    measuredG: pack.measuredG,
    qtyMultiplier: ctx.rt.qty,
    labels: labelsOfPack(ctx, pack.id),
    startedAt: pack.startedAt,
    inserts: (pack.inserts ?? []).map((i) => ({ ...i })),
  };
}

function lastPackView(ctx: DeskContext): PackView | null {
  const id = ctx.rt.lastPackId;
  if (!id || ctx.rt.pack) return null;
  const row = ctx.stores.packs.get(id);
  const order = row ? ctx.stores.orders.get(row.order_id) : undefined;
  if (!row || !order) return null;
  return {
    packId: row.id,
    // Completed packs read "labeling" until every label is out of the printer (transitions.ts).
    state: row.state,
    order: orderView(order),
    lines: ctx.stores.packs.lines(id),
    parcelNo: row.parcel_no,
    parcelUnits: 0,
    packaging: { code: row.packaging, tareG: ctx.config.packing.packaging.catalog[row.packaging]?.tareG ?? 0 },
    carrier: row.carrier,
    weight: null,
    measuredG: row.measured_g,
    qtyMultiplier: null,
    labels: labelsOfPack(ctx, id),
    startedAt: row.started_at,
  };
}

export interface SnapshotExtras {
  devices: DeviceStatus[];
  sync: StationSnapshot['sync'];
}

export function buildSnapshot(ctx: DeskContext, extras: SnapshotExtras): StationSnapshot {
  const cfg = ctx.config;
  const labelCounts = ctx.stores.labels.counts();
  return {
    station: {
      id: ctx.stationId,
      name: cfg.station.name ?? ctx.stationId,
      layout: cfg.station.layout,
      requireLogin: cfg.packing.requireLogin,
      labelSize: labelSize(cfg),
      carriers: carrierNames(ctx),
      scanRejoinMs: cfg.scanner.rejoinMs,
      bins: { intercept: cfg.ui.bins.intercept ?? null, shelf: cfg.ui.bins.shelf ?? null },
    },
    packer: ctx.rt.packer,
    pack: activePackView(ctx),
    lastPack: lastPackView(ctx),
    alert: ctx.rt.alert,
    prompt: ctx.rt.prompt,
    notice: ctx.rt.notice,
    scale: ctx.rt.reading,
    devices: extras.devices,
    sync: extras.sync,
    counters: todayCounters(ctx),
    waybillPool: ctx.stores.pool.counts(stationCarriers(ctx)),
    pendingLabels: labelCounts.pending,
    queuedLabels: labelCounts.queued,
    exceptions: ctx.stores.sync
      .exceptions(10)
      .map(({ id, orderId, kind, detail, at, source }): ExceptionView => ({ id, orderId, kind, detail, at, source })),
    packerFigures: packerFigures(ctx),
    supervisor: ctx.rt.supervisor ? { id: ctx.rt.supervisor.id, name: ctx.rt.supervisor.name } : null,
    stock: stockView(ctx),
    handover: handoverView(ctx),
  };
}
