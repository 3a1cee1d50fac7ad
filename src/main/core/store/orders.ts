// Orders and their lines as the station knows them.
import type { Db } from '../../../base/node/sqlite/open.js';
import { hasNotes } from '../../../contract/entities.js';
import type { Channel, Order, OrderFlag, OrderLine, OrderNotes, OrderStatus } from '../../../contract/entities.js';
import type { StockHint } from '../../../contract/stock-desk.js';

interface OrderRow {
  id: string;
  channel: Channel;
  status: OrderStatus;
  pick_slip: string | null;
  recipient_name: string;
  recipient_phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  remark: string;
  /** JSON OrderNotes, null when the order has none (migration 0008). */
  notes: string | null;
  flags: string;
  hold_reason: string | null;
  value_fen: number;
  paid_at: number | null;
  updated_at: number;
}

export interface SheetOrderRow {
  id: string;
  pickSlip: string | null;
  status: OrderStatus;
  flags: string[];
  name: string;
}

export class OrderStore {
  private readonly byId;
  private readonly byPickSlip;
  private readonly byWaybill;
  private readonly linesOf;
  private readonly upsertOrder;
  private readonly deleteLines;
  private readonly insertLine;
  private readonly statusStmt;
  private readonly flagsStmt;
  private readonly parceledStmt;
  private readonly sheetStmt;
  private readonly anyStmt;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.byId = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?');
    this.byPickSlip = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE pick_slip = ? COLLATE NOCASE');
    this.byWaybill = db.prepare<[string], OrderRow>(
      'SELECT o.* FROM parcels p JOIN orders o ON o.id = p.order_id WHERE p.waybill = ? COLLATE NOCASE',
    );
    this.linesOf = db.prepare<[string], Omit<OrderLine, 'stockHint'> & { stockHint: StockHint | null }>(
      'SELECT line_no AS lineNo, product_id AS productId, sku, title, qty, price_fen AS priceFen, stock_hint AS stockHint FROM order_lines WHERE order_id = ? ORDER BY line_no',
    );
    this.upsertOrder = db.prepare(
      `INSERT INTO orders (id, channel, status, pick_slip, recipient_name, recipient_phone, province, city, district,
         address, remark, notes, flags, hold_reason, value_fen, paid_at, updated_at)
       VALUES (@id, @channel, @status, @pickSlip, @recipientName, @recipientPhone, @province, @city, @district,
         @detail, @remark, @notes, @flags, @holdReason, @valueFen, @paidAt, @updatedAt)
       ON CONFLICT(id) DO UPDATE SET channel = excluded.channel, status = excluded.status, pick_slip = excluded.pick_slip,
         recipient_name = excluded.recipient_name, recipient_phone = excluded.recipient_phone, province = excluded.province,
         city = excluded.city, district = excluded.district, address = excluded.address, remark = excluded.remark,
         notes = excluded.notes, flags = excluded.flags, hold_reason = excluded.hold_reason, value_fen = excluded.value_fen,
         paid_at = excluded.paid_at, updated_at = excluded.updated_at`,
    );
    this.deleteLines = db.prepare('DELETE FROM order_lines WHERE order_id = ?');
    this.insertLine = db.prepare(
      'INSERT INTO order_lines (order_id, line_no, product_id, sku, title, qty, price_fen, stock_hint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.statusStmt = db.prepare('UPDATE orders SET status = ?, hold_reason = ?, updated_at = ? WHERE id = ?');
    this.flagsStmt = db.prepare('UPDATE orders SET flags = ?, updated_at = ? WHERE id = ?');
    this.parceledStmt = db.prepare<[string], { productId: number; qty: number }>(
      `SELECT i.product_id AS productId, sum(i.qty) AS qty FROM parcels p JOIN parcel_items i ON i.parcel_id = p.id
       WHERE p.order_id = ? GROUP BY i.product_id`,
    );
    this.sheetStmt = db.prepare<[number], Omit<SheetOrderRow, 'flags'> & { flags: string }>(
      'SELECT id, pick_slip AS pickSlip, status, flags, recipient_name AS name FROM orders ORDER BY rowid LIMIT ?',
    );
    this.anyStmt = db.prepare<[], number>('SELECT 1 FROM orders LIMIT 1').pluck();
  }

  /** Whether the station knows any order yet (a new database gets demo data). */
  isEmpty(): boolean {
    return this.anyStmt.get() === undefined;
  }

  /** The first `limit` orders in arrival order, as the barcode sheet lists them. */
  sheet(limit: number): SheetOrderRow[] {
    return this.sheetStmt.all(limit).map((r) => ({ ...r, flags: JSON.parse(r.flags) as string[] }));
  }

  get(id: string): Order | undefined {
    const row = this.byId.get(id);
    return row ? this.hydrate(row) : undefined;
  }

  /** Order scan: by order id, pick-slip code or a waybill already printed for one of its parcels. */
  findByScan(code: string): Order | undefined {
    const row = this.byId.get(code) ?? this.byPickSlip.get(code) ?? this.byWaybill.get(code);
    return row ? this.hydrate(row) : undefined;
  }

  upsert(orders: Iterable<Order>): void {
    this.db.transaction(() => {
      for (const o of orders) this.upsertOne(o);
    })();
  }

  /** The order's buyer (migration 0010), or null when the hub did not say. */
  buyerOf(orderId: string): string | null {
    return (
      this.db.prepare<[string], string>('SELECT buyer_id FROM order_buyers WHERE order_id = ?').pluck().get(orderId) ??
      null
    );
  }

  /** Open orders of the buyer other than `exceptId`, oldest first (merge candidates, 合单). */
  openOfBuyer(buyerId: string, exceptId: string): Order[] {
    return this.db
      .prepare<[string, string], OrderRow>(
        `SELECT o.* FROM order_buyers b JOIN orders o ON o.id = b.order_id
         WHERE b.buyer_id = ? AND o.id <> ? AND o.status = 'open' ORDER BY o.rowid`,
      )
      .all(buyerId, exceptId)
      .map((r) => ({ ...this.hydrate(r), buyerId }));
  }

  /** Insert or replace one order with its lines; call inside a transaction. */
  upsertOne(o: Order): void {
    this.upsertOrder.run({
      id: o.id,
      channel: o.channel,
      status: o.status,
      pickSlip: o.pickSlip,
      recipientName: o.recipientName,
      recipientPhone: o.recipientPhone,
      province: o.address.province,
      city: o.address.city,
      district: o.address.district,
      detail: o.address.detail,
      remark: o.remark,
      notes: hasNotes(o.notes) ? JSON.stringify(o.notes) : null,
      flags: JSON.stringify(o.flags),
      holdReason: o.holdReason,
      valueFen: o.valueFen,
      paidAt: o.paidAt,
      updatedAt: o.updatedAt,
    });
    if (o.buyerId)
      this.db
        .prepare(
          'INSERT INTO order_buyers (order_id, buyer_id) VALUES (?, ?) ON CONFLICT(order_id) DO UPDATE SET buyer_id = excluded.buyer_id',
        )
        .run(o.id, o.buyerId);
    this.deleteLines.run(o.id);
    for (const l of o.lines)
      this.insertLine.run(o.id, l.lineNo, l.productId, l.sku, l.title, l.qty, l.priceFen, l.stockHint ?? null);
  }

  setStatus(id: string, status: OrderStatus, holdReason: string | null = null): void {
    this.statusStmt.run(status, holdReason, this.now(), id);
  }

  setFlags(id: string, flags: OrderFlag[]): void {
    this.flagsStmt.run(JSON.stringify(flags), this.now(), id);
  }

  /** Units of each product already in parcels of this order (earlier packs, earlier parcels). */
  parceledItems(orderId: string): Map<number, number> {
    return new Map(this.parceledStmt.all(orderId).map((r) => [r.productId, r.qty]));
  }

  private hydrate(row: OrderRow): Order {
    return {
      id: row.id,
      channel: row.channel,
      status: row.status,
      pickSlip: row.pick_slip,
      recipientName: row.recipient_name,
      recipientPhone: row.recipient_phone,
      address: { province: row.province, city: row.city, district: row.district, detail: row.address },
      remark: row.remark,
      ...(row.notes ? { notes: JSON.parse(row.notes) as OrderNotes } : {}),
      flags: JSON.parse(row.flags) as OrderFlag[],
      holdReason: row.hold_reason,
      valueFen: row.value_fen,
      paidAt: row.paid_at,
      updatedAt: row.updated_at,
      // A line without a stock warning keeps its old shape (no stockHint key).
      lines: this.linesOf.all(row.id).map(({ stockHint, ...l }) => (stockHint ? { ...l, stockHint } : l)),
    };
  }
}
