// Demo orders as a stream. Each order draws from its own PRNG stream keyed by (seed, index), so any
// index can be produced on its own: the benchmark resumes with startIndex and never holds the list.
import type { Channel, Order, OrderFlag, OrderLine, OrderStatus, Product } from '../../contract/entities.js';
import {
  AMBIGUOUS_DETAILS,
  DIGITS4,
  LOCALITIES,
  PHONE_HEADS,
  RECIPIENT_NAMES,
  REMARKS,
  STREET_DETAILS,
} from './places.js';
import { mixSeed, Rng } from '../../base/prng.js';
import type { DemoCatalog } from './types.js';

/** 2026-11-25 10:00 in Asia/Shanghai: the default "now" the demo orders count back from. */
export const DEFAULT_BASE_TIME = Date.UTC(2026, 10, 25, 2, 0, 0);

/** Orders 0–9 are easy: open, unflagged, 1–3 lines, no bundle, so a demo starts with a clean pack. */
export const EASY_ORDER_COUNT = 10;
/** Orders 10–29 are plain except the scripted cases below, so each case shows up exactly where listed. */
export const SCRIPTED_ORDER_COUNT = 30;
export const DEMO_ORDER_INDEXES = {
  bundle: 11,
  addressAmbiguous: 13,
  multiQty: 14,
  cancelled: 16,
  held: 19,
  comboConflict: 22,
  duplicatePayment: 25,
} as const;

/** Keeps offset − index × stride (see orderId) positive and 16 digits long. */
export const MAX_ORDER_INDEX = 1_000_000_000;

type Kind = 'plain' | 'normal' | 'bundle' | 'multi_qty' | 'cancelled' | 'held' | OrderFlag;

const SCRIPTED = new Map<number, Kind>([
  [DEMO_ORDER_INDEXES.bundle, 'bundle'],
  [DEMO_ORDER_INDEXES.addressAmbiguous, 'address_ambiguous'],
  [DEMO_ORDER_INDEXES.multiQty, 'multi_qty'],
  [DEMO_ORDER_INDEXES.cancelled, 'cancelled'],
  [DEMO_ORDER_INDEXES.held, 'held'],
  [DEMO_ORDER_INDEXES.comboConflict, 'combo_conflict'],
  [DEMO_ORDER_INDEXES.duplicatePayment, 'duplicate_payment'],
]);

const ORDER_GAP_MS = 90_000;

interface Tables {
  simple: readonly Product[];
  bundles: readonly Product[];
  orderSeed: number;
  idHead: string;
  idStride: number;
  idOffset: number;
  slipHead: string;
  baseTime: number;
}

function buildTables(seed: number, catalog: DemoCatalog, baseTime: number): Tables {
  const simple = catalog.products.filter((p) => p.components.length === 0);
  const bundles = catalog.products.filter((p) => p.components.length > 0);
  if (simple.length < 4) throw new Error('demo orders need a catalog with at least 4 non-bundle products');
  const rng = new Rng(mixSeed(seed, 0x1d5));
  // Ids fall by a fixed stride per index (older orders, smaller ids), so they are unique without a Set.
  const stride = 10_000 + rng.int(90_000);
  const offset = 2e15 + rng.int(6e7) * 1e8 + rng.int(1e8);
  // Pick slips are printed for the day's batch, dated in station time (UTC+8, no DST).
  const day = new Date(baseTime + 8 * 3_600_000);
  const ymd =
    String(day.getUTCFullYear()) +
    String(day.getUTCMonth() + 1).padStart(2, '0') +
    String(day.getUTCDate()).padStart(2, '0');
  return {
    simple,
    bundles,
    orderSeed: mixSeed(seed, 0x0de5),
    idHead: `37${String(rng.int(10))}`,
    idStride: stride,
    idOffset: offset,
    slipHead: `PS-${ymd}-`,
    baseTime,
  };
}

function kindAt(index: number, rng: Rng, hasBundles: boolean): Kind {
  let kind: Kind;
  if (index < SCRIPTED_ORDER_COUNT) {
    kind = index < EASY_ORDER_COUNT ? 'plain' : (SCRIPTED.get(index) ?? 'plain');
  } else {
    const u = rng.next();
    if (u < 0.05) kind = 'cancelled';
    else if (u < 0.0633) kind = 'address_ambiguous';
    else if (u < 0.0767) kind = 'duplicate_payment';
    else if (u < 0.09) kind = 'combo_conflict';
    else if (u < 0.1) kind = 'held';
    else kind = 'normal';
  }
  if (!hasBundles && (kind === 'bundle' || kind === 'combo_conflict')) kind = 'normal';
  return kind;
}

function channelFor(u: number): Channel {
  if (u < 0.45) return 'channels_shop';
  if (u < 0.7) return 'mini_program';
  if (u < 0.85) return 'official_account';
  return 'live_room';
}

function lineCount(rng: Rng, max: number): number {
  const u = rng.next();
  const n = u < 0.5 ? 1 : u < 0.78 ? 2 : u < 0.93 ? 3 : 4;
  return Math.min(n, max);
}

/** Scripted-range orders stay at qty ≤ 2 so the first qty ≥ 3 is the scripted multi-quantity order. */
function quantity(rng: Rng, max: number): number {
  const u = rng.next();
  return Math.min(u < 0.8 ? 1 : u < 0.94 ? 2 : 3, max);
}

function line(lineNo: number, product: Product, qty: number): OrderLine {
  return { lineNo, productId: product.id, sku: product.sku, title: product.title, qty, priceFen: product.priceFen };
}

/** Distinct products of the order being built: reused scratch keeps the hot loop free of per-order Sets. */
const chosen: Product[] = [];

function alreadyChosen(p: Product, n: number): boolean {
  for (let i = 0; i < n; i++) if (chosen[i] === p) return true;
  return false;
}

function buildLines(t: Tables, rng: Rng, kind: Kind, index: number): OrderLine[] {
  let count: number;
  let withBundle: boolean;
  switch (kind) {
    case 'plain':
      count = lineCount(rng, index < EASY_ORDER_COUNT ? 3 : 4);
      withBundle = false;
      break;
    case 'multi_qty':
      count = 1 + rng.int(2);
      withBundle = false;
      break;
    case 'bundle':
    case 'combo_conflict':
      count = lineCount(rng, 3);
      withBundle = true;
      break;
    default:
      count = lineCount(rng, 4);
      withBundle = t.bundles.length > 0 && rng.chance(0.08);
  }
  for (let n = 0; n < count;) {
    const p = rng.pick(t.simple);
    if (!alreadyChosen(p, n)) chosen[n++] = p;
  }
  if (withBundle) chosen[rng.int(count)] = rng.pick(t.bundles);
  const maxQty = index < SCRIPTED_ORDER_COUNT ? 2 : 3;
  const lines: OrderLine[] = [];
  for (let i = 0; i < count; i++) {
    const product = chosen[i] as Product;
    let qty: number;
    if (kind === 'multi_qty' && i === 0) qty = 3 + rng.int(3);
    else if (product.components.length > 0) qty = 1;
    else qty = quantity(rng, maxQty);
    lines.push(line(i + 1, product, qty));
  }
  return lines;
}

/** "37" + seed digit + 16 digits. Looked up in 4-digit groups: formatting a 16-digit double per order was a hot spot. */
function orderId(t: Tables, index: number): string {
  const v = t.idOffset - index * t.idStride;
  const g1 = Math.floor(v / 1e12);
  const r1 = v - g1 * 1e12;
  const g2 = Math.floor(r1 / 1e8);
  const r2 = r1 - g2 * 1e8;
  const g3 = Math.floor(r2 / 1e4);
  return t.idHead + DIGITS4[g1]! + DIGITS4[g2]! + DIGITS4[g3]! + DIGITS4[r2 - g3 * 1e4]!;
}

function makeOrder(t: Tables, rng: Rng, index: number): Order {
  rng.reseed(mixSeed(t.orderSeed, index));
  const kind = kindAt(index, rng, t.bundles.length > 0);
  const channel = channelFor(rng.next());
  const lines = buildLines(t, rng, kind, index);
  let valueFen = 0;
  for (const l of lines) valueFen += l.priceFen * l.qty;

  const locality = rng.pick(LOCALITIES);
  const detail = rng.pick(kind === 'address_ambiguous' ? AMBIGUOUS_DETAILS : STREET_DETAILS);
  const status: OrderStatus = kind === 'cancelled' ? 'cancelled' : kind === 'held' ? 'held' : 'open';
  const flags: OrderFlag[] =
    kind === 'address_ambiguous' || kind === 'duplicate_payment' || kind === 'combo_conflict' ? [kind] : [];

  const paidAt = t.baseTime - 60_000 - index * ORDER_GAP_MS - rng.int(60_000);
  // Cancellations and holds happen a while after payment; other orders were last touched at payment.
  const touchedAfter = status === 'open' ? rng.int(120_000) : 600_000 + rng.int(3_000_000);
  const updatedAt = Math.min(t.baseTime, paidAt + touchedAfter);

  return {
    id: orderId(t, index),
    channel,
    status,
    pickSlip: t.slipHead + (index < 9999 ? DIGITS4[index + 1]! : String(index + 1)),
    recipientName: rng.pick(RECIPIENT_NAMES),
    recipientPhone: rng.pick(PHONE_HEADS) + rng.pick(DIGITS4),
    address: { province: locality.province, city: locality.city, district: locality.district, detail },
    remark: rng.chance(0.15) ? rng.pick(REMARKS) : '',
    flags,
    holdReason: kind === 'held' ? 'STOCK-SHORT' : null,
    valueFen,
    paidAt,
    updatedAt,
    lines,
  };
}

/**
 * Yields `count` orders starting at `startIndex` (default 0). Order N is identical whether it was
 * reached from 0 or from a resumed start, and depends only on (seed, catalog, baseTime, N).
 */
export function* generateOrders(
  seed: number,
  catalog: DemoCatalog,
  count: number,
  opts: { startIndex?: number; baseTime?: number } = {},
): Generator<Order> {
  const start = opts.startIndex ?? 0;
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 0) {
    throw new Error(`startIndex and count must be non-negative integers (got ${start}, ${count})`);
  }
  if (start + count > MAX_ORDER_INDEX) throw new Error(`demo orders stop at index ${MAX_ORDER_INDEX}`);
  const tables = buildTables(seed, catalog, opts.baseTime ?? DEFAULT_BASE_TIME);
  const rng = new Rng(0);
  for (let i = start; i < start + count; i++) yield makeOrder(tables, rng, i);
}
