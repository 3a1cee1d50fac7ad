// Live-room (直播间) order exports from Douyin, Kuaishou and Channels back ends: one row per order
// line, the order's recipient repeated on each row (or, when the sheet had merged cells, only on
// the first). Rows are grouped by order number into open live_room orders.
//
// Importing the same file again must not create duplicates: the order id comes from the platform's
// order number, and everything else from the file alone (plus ctx.now for updatedAt), so the hub's
// upsert sees the same order. `contentHash` covers all of it except updatedAt, so the hub can tell
// an unchanged order from one the platform changed (an address edited after payment, say).
import { createHash } from 'node:crypto';
import type { Order, OrderFlag, OrderLine, Product } from '../../contract/entities.js';
import { hubOrderSchema } from '../../contract/sync.js';
import { fieldProblems } from '../../contract/validation.js';
import { normalizeProvince } from '../../domain/routing.js';
import { NO_MAPPING, type ColumnMapping, type FieldSpec } from './mapping.js';
import { byLine, got, readTable, type CsvRow, type ImportError, type ImportResult } from './table.js';
import { parseDate, parseOrderNo, parsePhone, parsePriceFen, parseQty, type Parsed } from './values.js';

export const LIVE_ORDER_FIELDS: readonly FieldSpec[] = [
  { name: 'orderNo', required: true, headers: ['orderNo', 'order no', '订单号', '订单编号', '主订单编号'] },
  { name: 'sku', required: true, headers: ['sku', '商家编码', '商品编码', 'SKU编码', '货号'] },
  { name: 'qty', required: true, headers: ['qty', 'quantity', '数量', '商品数量', '购买数量'] },
  { name: 'price', required: false, headers: ['price', '单价', '商品单价', '价格'] },
  {
    name: 'recipientName',
    required: true,
    headers: ['recipientName', 'recipient', '收件人', '收货人', '收件人姓名', '收货人姓名'],
  },
  {
    name: 'recipientPhone',
    required: true,
    headers: ['recipientPhone', 'phone', '收件人手机', '收货人手机', '手机号', '联系电话'],
  },
  { name: 'province', required: true, headers: ['province', '省', '省份', '收件省'] },
  { name: 'city', required: true, headers: ['city', '市', '城市', '收件市'] },
  { name: 'district', required: false, headers: ['district', '区', '区县', '收件区'] },
  { name: 'detail', required: true, headers: ['detail', 'address', '详细地址', '收货地址', '地址'] },
  { name: 'remark', required: false, headers: ['remark', '买家留言', '备注', '买家备注'] },
  { name: 'paidAt', required: false, headers: ['paidAt', 'paid at', '付款时间', '支付时间'] },
  // Shown large at the desk and read out, never printed on the label (README "Packing slips, notes and inserts").
  { name: 'merchantNote', required: false, headers: ['merchantNote', 'merchant note', '商家备注', '卖家备注'] },
  { name: 'giftNote', required: false, headers: ['giftNote', 'gift note', '礼物留言', '赠言', '礼品留言'] },
];

/** Fields that belong to the order rather than the line; later rows may repeat them or leave them empty. */
const ORDER_FIELDS = [
  'recipientName',
  'recipientPhone',
  'province',
  'city',
  'district',
  'detail',
  'remark',
  'paidAt',
  'merchantNote',
  'giftNote',
] as const;
type OrderField = (typeof ORDER_FIELDS)[number];
const REQUIRED: readonly OrderField[] = ['recipientName', 'recipientPhone', 'province', 'city', 'detail'];

export interface LiveOrderContext {
  productBySku(sku: string): Product | undefined;
  now: number;
}

export interface ImportedOrder {
  order: Order;
  /** sha256 (hex) of the order without updatedAt: equal hashes mean nothing changed. */
  contentHash: string;
  /** Physical lines of the rows the order came from. */
  sourceLines: number[];
}

interface Group {
  orderNo: string;
  rows: CsvRow[];
  lines: OrderLine[];
  badLines: Set<number>;
}

function orderLineOf(
  row: CsvRow,
  lineNo: number,
  mapping: ColumnMapping,
  ctx: LiveOrderContext,
  errors: ImportError[],
): OrderLine | null {
  const before = errors.length;
  const fail = (field: string, expected: string, text: string): void => {
    errors.push({ line: row.line, field, message: `expected ${expected}, got ${got(text)}` });
  };
  const product = ctx.productBySku(row.cell('sku'));
  if (!product) fail('sku', 'the sku of a product on the hub', row.cell('sku'));
  const qty = parseQty(row.cell('qty'));
  if (!qty.ok) fail('qty', qty.expected, row.cell('qty'));
  // No price column: the line is charged at the catalogue price.
  const price: Parsed<number> =
    row.cell('price') === ''
      ? { ok: true, value: product?.priceFen ?? 0 }
      : parsePriceFen(row.cell('price'), mapping.priceUnit);
  if (!price.ok) fail('price', price.expected, row.cell('price'));
  if (errors.length > before || !product || !qty.ok || !price.ok) return null;
  return {
    lineNo,
    productId: product.id,
    sku: product.sku,
    title: product.title,
    qty: qty.value,
    priceFen: price.value,
  };
}

/** One value per order field: the first non-empty cell; a different non-empty cell later is a conflict. */
function orderValues(group: Group, errors: ImportError[]): Record<OrderField, string> {
  const values = Object.fromEntries(ORDER_FIELDS.map((f) => [f, ''])) as Record<OrderField, string>;
  const from = new Map<OrderField, number>();
  for (const row of group.rows) {
    for (const field of ORDER_FIELDS) {
      const text = row.cell(field);
      if (text === '') continue;
      if (!from.has(field)) {
        values[field] = text;
        from.set(field, row.line);
      } else if (text !== values[field]) {
        errors.push({
          line: row.line,
          field,
          message: `expected ${got(values[field])} as on line ${from.get(field)} of order ${group.orderNo}, got ${got(text)}`,
        });
        group.badLines.add(row.line);
      }
    }
  }
  return values;
}

function hashOf(order: Order): string {
  const { updatedAt: _updatedAt, ...content } = order;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function buildOrder(
  group: Group,
  mapping: ColumnMapping,
  ctx: LiveOrderContext,
  errors: ImportError[],
): ImportedOrder | null {
  const first = group.rows[0]?.line ?? 0;
  const v = orderValues(group, errors);
  const fail = (field: string, expected: string, text: string): void => {
    errors.push({ line: first, field, message: `expected ${expected}, got ${got(text)}` });
    group.badLines.add(first);
  };
  for (const field of REQUIRED)
    if (v[field] === '') fail(field, `a value on at least one row of order ${group.orderNo}`, '');
  const phone = v.recipientPhone === '' ? null : parsePhone(v.recipientPhone);
  if (phone && !phone.ok) fail('recipientPhone', phone.expected, v.recipientPhone);
  const paidAt = v.paidAt === '' ? null : parseDate(v.paidAt, mapping.dateFormat);
  if (paidAt && !paidAt.ok) fail('paidAt', paidAt.expected, v.paidAt);

  if (group.badLines.size > 0) {
    // A partial order would ship short: the whole order waits until the file is fixed.
    const bad = [...group.badLines].sort((a, b) => a - b);
    const on = `${bad.length === 1 ? 'line' : 'lines'} ${bad.join(', ')}`;
    errors.push({
      line: first,
      field: 'orderNo',
      message: `expected every row of order ${group.orderNo} to be valid, got errors on ${on}; the order was not imported`,
    });
    return null;
  }
  // An unrecognised province still imports, but a supervisor checks the address before packing.
  const flags: OrderFlag[] = normalizeProvince(v.province) ? [] : ['address_ambiguous'];
  const order: Order = {
    id: `${mapping.orderIdPrefix}${group.orderNo}`,
    channel: 'live_room',
    status: 'open',
    pickSlip: null,
    recipientName: v.recipientName,
    recipientPhone: v.recipientPhone,
    address: { province: v.province, city: v.city, district: v.district, detail: v.detail },
    remark: v.remark,
    // Notes apart for the desk when the file has a merchant or gift note (the remark is the buyer's);
    // files without those columns import exactly as before.
    ...(v.merchantNote.trim() || v.giftNote.trim()
      ? { notes: { buyer: v.remark.trim(), merchant: v.merchantNote.trim(), gift: v.giftNote.trim() } }
      : {}),
    flags,
    holdReason: null,
    valueFen: group.lines.reduce((sum, l) => sum + l.qty * l.priceFen, 0),
    paidAt: paidAt?.ok ? paidAt.value : null,
    updatedAt: ctx.now,
    lines: group.lines,
  };
  // What stations will read (lengths, totals, times): refused here, not stored to stall their pulls.
  const checked = hubOrderSchema.safeParse({ ...order, status: 'open', version: 1, preassigned: null });
  if (!checked.success) {
    for (const p of fieldProblems(checked.error, order))
      errors.push({
        line: first,
        field: p.path,
        message: `expected ${p.expected}, got ${p.got}; the order was not imported`,
      });
    return null;
  }
  return { order, contentHash: hashOf(order), sourceLines: group.rows.map((r) => r.line) };
}

export function importLiveOrders(
  bytes: Uint8Array,
  mapping: ColumnMapping | undefined,
  ctx: LiveOrderContext,
): ImportResult<ImportedOrder> {
  const map = mapping ?? NO_MAPPING;
  const table = readTable(bytes, LIVE_ORDER_FIELDS, map);
  const errors = [...table.errors];
  // Insertion order is first appearance in the file, so orders come out in file order.
  const groups = new Map<string, Group>();
  for (const row of table.rows) {
    const orderNo = parseOrderNo(row.cell('orderNo'));
    if (!orderNo.ok) {
      errors.push({
        line: row.line,
        field: 'orderNo',
        message: `expected ${orderNo.expected}, got ${got(row.cell('orderNo'))}`,
      });
      continue;
    }
    const group = groups.get(orderNo.value) ?? {
      orderNo: orderNo.value,
      rows: [],
      lines: [],
      badLines: new Set<number>(),
    };
    groups.set(orderNo.value, group);
    group.rows.push(row);
    const line = orderLineOf(row, group.lines.length + 1, map, ctx, errors);
    if (line) group.lines.push(line);
    else group.badLines.add(row.line);
  }
  const items = [...groups.values()].flatMap((g) => buildOrder(g, map, ctx, errors) ?? []);
  return { rows: table.count, items, errors: byLine(errors), encoding: table.encoding };
}
