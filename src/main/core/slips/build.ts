// Queuing a pack's slip: called by endPack when a pack completes, inside its transaction, so the
// slip row exists exactly when the completed pack does (a crash loses neither or both).
import type { SlipModel } from '../../../contract/slip.js';
import { localDateTime } from '../../../base/time.js';
import { hasNotes } from '../../../contract/entities.js';
import type { ActivePack, DeskContext } from '../packing/context.js';
import { SlipStore } from '../store/slips.js';

export function buildSlipModel(ctx: DeskContext, pack: ActivePack, at: number): SlipModel {
  const cfg = ctx.config;
  const o = pack.order;
  const packer = ctx.rt.packer;
  return {
    packId: pack.id,
    orderId: o.id,
    title: cfg.packing.slip.title,
    station: { id: ctx.stationId, name: cfg.station.name ?? ctx.stationId },
    recipient: {
      name: o.recipientName,
      phone: o.recipientPhone,
      address: `${o.address.province}${o.address.city}${o.address.district}${o.address.detail}`,
    },
    lines: pack.lines.filter((l) => l.scanned > 0).map((l) => ({ sku: l.sku, title: l.title, qty: l.scanned })),
    notes: hasNotes(o.notes) ? { ...o.notes } : null,
    inserts: (pack.inserts ?? []).filter((i) => i.confirmed).map((i) => i.title),
    packer: packer ? { id: packer.id, name: packer.name } : null,
    parcels: pack.parcelNo,
    packedAt: at,
    dateText: localDateTime(at, cfg.station.timezone),
  };
}

/** Queues the slip of `pack` when slips are on (config packing.slip.enabled). */
export function queueSlip(ctx: DeskContext, pack: ActivePack): void {
  if (!ctx.config.packing.slip.enabled) return;
  const at = ctx.clock.now();
  new SlipStore(ctx.db).queue(buildSlipModel(ctx, pack, at), at);
}
