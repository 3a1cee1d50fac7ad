// Desk state across restarts: the open pack comes back from its tables, everything else (packer,
// alert, prompt, quantity, last pack, scale-cleared) from desk_state. A SIGKILL mid-pack therefore
// resumes the same pack with the same scans.
import type { Alert, Prompt } from '../../../contract/station.js';
import type { StationConfig } from '../../config/schema.js';
import type { ActivePack, DeskContext, DeskRuntime, Stores } from './context.js';
import { restoreInserts } from './inserts.js';
import { restoreMerge } from './merge.js';

export function loadRuntime(stores: Stores, config: StationConfig): DeskRuntime {
  const packerId = stores.desk.get<string>('packer');
  return {
    packer: packerId ? (stores.packers.get(packerId) ?? null) : null,
    pack: restoreMerge(stores, loadOpenPack(stores, config)),
    lastPackId: stores.desk.get<string>('lastPackId'),
    alert: stores.desk.get<Alert>('alert'),
    prompt: stores.desk.get<Prompt>('prompt'),
    qty: stores.desk.get<number>('qty'),
    notice: null,
    scaleCleared: stores.desk.get<boolean>('scaleCleared') ?? true,
    reading: null,
    supervisor: null,
  };
}

function loadOpenPack(stores: Stores, config: StationConfig): ActivePack | null {
  const row = stores.packs.open(config.station.id);
  if (!row) return null;
  const order = stores.orders.get(row.order_id);
  if (!order) return null;
  return {
    id: row.id,
    order,
    lines: stores.packs.lines(row.id),
    state: row.state,
    parcelNo: row.parcel_no,
    packaging: { code: row.packaging, tareG: config.packing.packaging.catalog[row.packaging]?.tareG ?? 0 },
    carrier: row.carrier,
    measuredG: row.measured_g,
    startedAt: row.started_at,
    parceled: stores.packs.parceledInPack(row.id),
    inserts: restoreInserts(stores, config, order, row.id),
  };
}

/** Writes the keys whose value changed since `previous`; returns the new baseline. */
export function persistRuntime(ctx: DeskContext, previous: Map<string, string>): Map<string, string> {
  const rt = ctx.rt;
  const values: Record<string, unknown> = {
    packer: rt.packer?.id ?? null,
    alert: rt.alert,
    prompt: rt.prompt,
    qty: rt.qty,
    lastPackId: rt.lastPackId,
    scaleCleared: rt.scaleCleared,
  };
  const next = new Map<string, string>();
  for (const [key, value] of Object.entries(values)) {
    const json = JSON.stringify(value ?? null);
    next.set(key, json);
    if (previous.get(key) !== json) ctx.stores.desk.set(key, value ?? null);
  }
  return next;
}
