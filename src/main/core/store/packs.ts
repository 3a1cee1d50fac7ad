// Pack sessions, their expanded lines, scans and parcels.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { PackLine, PackState } from '../../../contract/entities.js';
import { SCAN_ERROR_VERDICTS, type ScanVerdict } from '../../../contract/station.js';

const HOUR = 3_600_000;
const ERROR_MARKS = SCAN_ERROR_VERDICTS.map(() => '?').join(',');

export interface PackRow {
  id: string;
  order_id: string;
  station_id: string;
  packer_id: string | null;
  state: PackState;
  parcel_no: number;
  packaging: string;
  carrier: string;
  measured_g: number | null;
  started_at: number;
  ended_at: number | null;
  end_reason: 'completed' | 'cancelled' | 'held' | null;
}

export interface ScanInsert {
  at: number;
  stationId: string;
  packerId: string | null;
  packId: string | null;
  parcelNo: number | null;
  raw: string;
  code: string;
  source: string;
  verdict: ScanVerdict;
  productId: number | null;
  qty: number;
  detail: string | null;
}

export interface ParcelInsert {
  id: string;
  packId: string;
  orderId: string;
  parcelNo: number;
  weightG: number;
  expectedG: number;
  toleranceG: number;
  overrideBy: string | null;
  overrideReason: string | null;
  packaging: string;
  carrier: string;
  waybill: string | null;
  costFen: number | null;
  createdAt: number;
  items: { productId: number; qty: number }[];
}

export class PackStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      insertPack: db.prepare(
        `INSERT INTO packs (id, order_id, station_id, packer_id, state, parcel_no, packaging, carrier, started_at)
         VALUES (@id, @orderId, @stationId, @packerId, @state, 1, @packaging, @carrier, @startedAt)`,
      ),
      insertLine: db.prepare(
        'INSERT INTO pack_lines (pack_id, product_id, position, expected, scanned, bundle_title) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare('UPDATE packs SET state = ?, parcel_no = ?, packaging = ?, measured_g = ? WHERE id = ?'),
      scanned: db.prepare('UPDATE pack_lines SET scanned = ? WHERE pack_id = ? AND product_id = ?'),
      end: db.prepare('UPDATE packs SET state = ?, ended_at = ?, end_reason = ? WHERE id = ?'),
      setState: db.prepare('UPDATE packs SET state = ? WHERE id = ?'),
      open: db.prepare<[string], PackRow>(
        'SELECT * FROM packs WHERE ended_at IS NULL AND station_id = ? ORDER BY started_at DESC LIMIT 1',
      ),
      byId: db.prepare<[string], PackRow>('SELECT * FROM packs WHERE id = ?'),
      lines: db.prepare<[string], PackLine>(
        `SELECT l.product_id AS productId, p.sku, p.title, p.category, p.unit_weight_g AS unitWeightG,
                l.expected, l.scanned, l.bundle_title AS bundleTitle
         FROM pack_lines l JOIN products p ON p.id = l.product_id WHERE l.pack_id = ? ORDER BY l.position`,
      ),
      insertScan: db.prepare(
        `INSERT INTO scans (at, station_id, packer_id, pack_id, parcel_no, raw, code, source, verdict, product_id, qty, detail)
         VALUES (@at, @stationId, @packerId, @packId, @parcelNo, @raw, @code, @source, @verdict, @productId, @qty, @detail)`,
      ),
      insertParcel: db.prepare(
        `INSERT INTO parcels (id, pack_id, order_id, parcel_no, weight_g, expected_g, tolerance_g, override_by, override_reason,
           packaging, carrier, waybill, cost_fen, created_at)
         VALUES (@id, @packId, @orderId, @parcelNo, @weightG, @expectedG, @toleranceG, @overrideBy, @overrideReason,
           @packaging, @carrier, @waybill, @costFen, @createdAt)`,
      ),
      insertParcelItem: db.prepare('INSERT INTO parcel_items (parcel_id, product_id, qty) VALUES (?, ?, ?)'),
      parcelsOfPack: db.prepare<[string], { id: string; parcel_no: number }>(
        'SELECT id, parcel_no FROM parcels WHERE pack_id = ? ORDER BY parcel_no',
      ),
      parceledInPack: db.prepare<[string], { productId: number; qty: number }>(
        `SELECT i.product_id AS productId, sum(i.qty) AS qty FROM parcels p JOIN parcel_items i ON i.parcel_id = p.id
         WHERE p.pack_id = ? GROUP BY i.product_id`,
      ),
      setWaybill: db.prepare('UPDATE parcels SET waybill = ? WHERE id = ?'),
      parcel: db.prepare<[string], ParcelRow>('SELECT * FROM parcels WHERE id = ?'),
      parcelItems: db.prepare<[string], { productId: number; sku: string; title: string; qty: number }>(
        `SELECT i.product_id AS productId, p.sku, p.title, i.qty FROM parcel_items i JOIN products p ON p.id = i.product_id
         WHERE i.parcel_id = ? ORDER BY p.sku`,
      ),
      packOfParcel: db.prepare<[string], string>('SELECT pack_id FROM parcels WHERE id = ?').pluck(),
      waybillUsed: db.prepare<[string], number>('SELECT 1 FROM parcels WHERE waybill = ?').pluck(),
      completed: db.prepare<[string, number, string | null, string | null], { orders: number; units: number }>(
        `SELECT count(DISTINCT p.id) AS orders, coalesce(sum(l.scanned), 0) AS units FROM packs p JOIN pack_lines l ON l.pack_id = p.id
         WHERE p.station_id = ? AND p.end_reason = 'completed' AND p.ended_at >= ? AND (? IS NULL OR p.packer_id = ?)`,
      ),
      scanErrors: db
        .prepare<unknown[], number>(
          `SELECT count(*) FROM scans WHERE at >= ? AND station_id = ? AND (? IS NULL OR packer_id = ?) AND verdict IN (${ERROR_MARKS})`,
        )
        .pluck(),
      // The offset is bound as a float, so the division would be too: CAST makes it the clock hour.
      bestHour: db.prepare<[number, string, string], { h: number; units: number }>(
        `SELECT CAST((p.ended_at + ?) / ${HOUR} AS INTEGER) AS h, sum(l.scanned) AS units FROM packs p JOIN pack_lines l ON l.pack_id = p.id
         WHERE p.station_id = ? AND p.packer_id = ? AND p.end_reason = 'completed' GROUP BY h ORDER BY units DESC, h DESC LIMIT 1`,
      ),
    };
  }

  create(
    pack: {
      id: string;
      orderId: string;
      stationId: string;
      packerId: string | null;
      state: PackState;
      packaging: string;
      carrier: string;
      startedAt: number;
    },
    lines: readonly PackLine[],
  ): void {
    this.s.insertPack.run(pack);
    lines.forEach((l, i) => this.s.insertLine.run(pack.id, l.productId, i, l.expected, l.scanned, l.bundleTitle));
  }

  update(id: string, state: PackState, parcelNo: number, packaging: string, measuredG: number | null): void {
    this.s.update.run(state, parcelNo, packaging, measuredG, id);
  }

  setScanned(packId: string, productId: number, scanned: number): void {
    this.s.scanned.run(scanned, packId, productId);
  }

  end(id: string, state: PackState, at: number, reason: 'completed' | 'cancelled' | 'held'): void {
    this.s.end.run(state, at, reason, id);
  }

  /** A state change after the pack ended (labeling → done). */
  setState(id: string, state: PackState): void {
    this.s.setState.run(state, id);
  }

  open(stationId: string): PackRow | undefined {
    return this.s.open.get(stationId);
  }

  get(id: string): PackRow | undefined {
    return this.s.byId.get(id);
  }

  lines(packId: string): PackLine[] {
    return this.s.lines.all(packId);
  }

  insertScan(scan: ScanInsert): number {
    return Number(this.s.insertScan.run(scan).lastInsertRowid);
  }

  insertParcel(p: ParcelInsert): void {
    const { items, ...row } = p;
    this.s.insertParcel.run(row);
    for (const i of items) this.s.insertParcelItem.run(p.id, i.productId, i.qty);
  }

  parcelsOf(packId: string): { id: string; parcel_no: number }[] {
    return this.s.parcelsOfPack.all(packId);
  }

  /** Units already closed into parcels of this pack; the open parcel holds scanned minus these. */
  parceledInPack(packId: string): Map<number, number> {
    return new Map(this.s.parceledInPack.all(packId).map((r) => [r.productId, r.qty]));
  }

  setWaybill(parcelId: string, waybill: string): void {
    this.s.setWaybill.run(waybill, parcelId);
  }

  parcel(id: string): ParcelRow | undefined {
    return this.s.parcel.get(id);
  }

  parcelItems(parcelId: string) {
    return this.s.parcelItems.all(parcelId);
  }

  /** The pack a parcel belongs to ('' for an unknown parcel). */
  packOfParcel(parcelId: string): string {
    return this.s.packOfParcel.get(parcelId) ?? '';
  }

  /** The parcels of the order's latest completed pack, by parcel number (a 子母单's child waybills go to them). */
  parcelsOfOrder(orderId: string): { id: string; parcel_no: number; waybill: string | null }[] {
    return this.db
      .prepare<[string, string], { id: string; parcel_no: number; waybill: string | null }>(
        `SELECT id, parcel_no, waybill FROM parcels WHERE order_id = ? AND pack_id = (
           SELECT id FROM packs WHERE order_id = ? AND end_reason = 'completed' ORDER BY started_at DESC, rowid DESC LIMIT 1)
         ORDER BY parcel_no`,
      )
      .all(orderId, orderId);
  }

  /** Whether a parcel already carries this waybill number. */
  waybillUsed(waybill: string): boolean {
    return this.s.waybillUsed.get(waybill) !== undefined;
  }

  /** Completed packs and their units since `since`, for the station or one packer. */
  completedSince(stationId: string, since: number, packerId: string | null): { orders: number; units: number } {
    return this.s.completed.get(stationId, since, packerId, packerId) ?? { orders: 0, units: 0 };
  }

  /** Scans with an error verdict (SCAN_ERROR_VERDICTS) since `since`, for the station or one packer. */
  scanErrorsSince(stationId: string, since: number, packerId: string | null): number {
    return this.s.scanErrors.get(since, stationId, packerId, packerId, ...SCAN_ERROR_VERDICTS) ?? 0;
  }

  /**
   * The packer's best clock hour by units packed: `h` counts hours since the epoch in local time,
   * where `offsetMs` is the zone's offset from UTC.
   */
  bestHour(stationId: string, packerId: string, offsetMs: number): { h: number; units: number } | undefined {
    return this.s.bestHour.get(offsetMs, stationId, packerId);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

export interface ParcelRow {
  id: string;
  pack_id: string;
  order_id: string;
  parcel_no: number;
  weight_g: number;
  expected_g: number;
  tolerance_g: number;
  override_by: string | null;
  override_reason: string | null;
  packaging: string;
  carrier: string;
  waybill: string | null;
  created_at: number;
}
