// Domain vocabulary shared by the core, the hub and the UI. Pure data: no Node, no DOM.
// Names follow the warehouse: order, line, pack, parcel, waybill, carrier, station, packer.
import type { StockHint } from './stock-desk.js';

export const CHANNELS = ['channels_shop', 'mini_program', 'official_account', 'live_room'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = ['fragile', 'apparel', 'food', 'fresh', 'valuable', 'general'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Station-side life of an order. `packing` = a pack session is open on it. */
export const ORDER_STATUSES = ['open', 'packing', 'packed', 'shipped', 'cancelled', 'held'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Exception flags raised upstream (hub / import); a flagged order needs a supervisor to release it. */
export const ORDER_FLAGS = ['address_ambiguous', 'duplicate_payment', 'combo_conflict'] as const;
export type OrderFlag = (typeof ORDER_FLAGS)[number];

export const LAYOUTS = ['u_shaped', 'straight', 'island'] as const;
export type Layout = (typeof LAYOUTS)[number];

export const CARRIERS = ['SF', 'ZTO', 'JD', 'YTO'] as const;
export type CarrierCode = string;

// idle → verifying → weighing → labeling → done, plus exception, held and cancelled (the table in
// src/main/core/packing/transitions.ts). `labeling`: completed, its labels not all out of the printer.
export const PACK_STATES = [
  'idle',
  'verifying',
  'weighing',
  'labeling',
  'done',
  'exception',
  'held',
  'cancelled',
] as const;
export type PackState = (typeof PACK_STATES)[number];

export const PACKER_ROLES = ['packer', 'supervisor'] as const;
export type PackerRole = (typeof PACKER_ROLES)[number];

export interface Packer {
  id: string;
  name: string;
  badge: string;
  role: PackerRole;
}

export interface Product {
  id: number;
  sku: string;
  title: string;
  category: Category;
  unitWeightG: number;
  priceFen: number;
  barcodes: string[];
  /** Non-empty for a bundle (组合商品): the components a packer actually scans. */
  components: { productId: number; qty: number }[];
  /** A small product photo (a WeChat product image the hub cached), shown on the pack screen; absent: none. */
  imageUrl?: string | null;
  /** The hub's cached photo (contract/sync.ts productImageSchema); stations turn it into imageUrl. */
  image?: { sha256: string; contentType: string } | null;
}

export interface OrderLine {
  lineNo: number;
  productId: number;
  sku: string;
  title: string;
  qty: number;
  priceFen: number;
  /** The hub's stock warning for this line (last unit on hand, or short); absent: nothing to say. */
  stockHint?: StockHint;
}

export interface Address {
  province: string;
  city: string;
  district: string;
  detail: string;
}

/** What the people around an order wrote: '' for none. */
export interface OrderNotes {
  /** 买家备注 (Channels ext_info.customer_notes, intake remark). */
  buyer: string;
  /** 商家备注 (ext_info.merchant_notes). */
  merchant: string;
  /** 礼物留言 (a gift order's present_note). */
  gift: string;
}

/** True when any note has text. */
export function hasNotes(n: OrderNotes | undefined): n is OrderNotes {
  return n !== undefined && (n.buyer.trim() !== '' || n.merchant.trim() !== '' || n.gift.trim() !== '');
}

export interface Order {
  id: string;
  channel: Channel;
  status: OrderStatus;
  pickSlip: string | null;
  recipientName: string;
  recipientPhone: string;
  address: Address;
  remark: string;
  /** The buyer (Channels openid, mini-program payer openid): same buyer + address may be merged (合单). */
  buyerId?: string | null;
  /** Buyer, merchant and gift notes apart (the desk shows and reads them out); absent: none known. */
  notes?: OrderNotes;
  flags: OrderFlag[];
  holdReason: string | null;
  valueFen: number;
  paidAt: number | null;
  updatedAt: number;
  lines: OrderLine[];
}

/** One product to verify in a pack (order lines merged by product, bundles expanded). */
export interface PackLine {
  productId: number;
  sku: string;
  title: string;
  category: Category;
  unitWeightG: number;
  expected: number;
  scanned: number;
  /** Title of the bundle this component comes from, when it does. */
  bundleTitle: string | null;
  /** The product's photo (Product.imageUrl), when the catalog has one: the pack screen's hero shows it. */
  imageUrl?: string | null;
  /** The order line's stock warning (OrderLine.stockHint): an amber note on the line. */
  stockHint?: StockHint;
}

export interface PackagingRule {
  code: string;
  tareG: number;
}
