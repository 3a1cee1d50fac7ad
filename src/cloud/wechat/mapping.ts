// A Channels order (wechat-api.md §2.2) → the fields of a HubOrder (src/contract/sync.ts). The hub
// adds `version` and `preassigned`; everything WeChat decides is decided here.
import type { HubOrder } from '../../contract/sync.js';
import { CANCELLED_STATUSES, SHIPPED_STATUSES, type WechatOrder, type WechatProductInfo } from './order-schema.js';

export interface CatalogLookup {
  productBySkuCode(code: string): { id: number; sku: string; title: string } | undefined;
}

/** productId is 0 when the sku_code is not in the catalog (the order is then held UNKNOWN-SKU). */
export type MappedLine = HubOrder['lines'][number] & {
  /** What delivery/send product_infos and e-waybill goods_list need for this line (§2.4). */
  wechat: { productId: string; skuId: string };
};

export type MappedOrder = Omit<HubOrder, 'version' | 'preassigned' | 'lines'> & {
  lines: MappedLine[];
  /**
   * false: do not publish to stations at all (unpaid, or a status this code does not know).
   * Shipped and cancelled orders stay publishable: a station may already hold the order and must
   * learn that it is gone.
   */
  packable: boolean;
  /** WeChat status (§2.3), kept for logs and for re-checks before shipping. */
  wechatStatus: number;
  /** update_time in seconds: the hub dedupes by order id + update time (§7.2). */
  updateTimeS: number;
};

/** Hold reasons, in priority order when several apply (first wins). */
export const HOLD = {
  /** An after-sale case is open: units may be refunded under the packer's hands (§2.2, §7.2). */
  aftersale: 'AFTERSALE',
  /** The buyer asked to change the address (§2.2 address_under_review). */
  addressReview: 'ADDRESS-REVIEW',
  /** Prefix; the sku_code(s) follow. */
  unknownSku: 'UNKNOWN-SKU:',
} as const;

export function mapChannelsOrder(o: WechatOrder, catalog: CatalogLookup): MappedOrder {
  const d = o.order_detail;
  const addr = d.delivery_info.address_info;
  const shippedUnits = unitsShipped(o);
  const open = o.status === 20 || o.status === 21;
  const unknown: string[] = [];

  const lines: MappedLine[] = [];
  d.product_infos.forEach((p, i) => {
    // Open orders list only what is left to pack: units already in a shipped package (status 21)
    // and units whose after-sale finished (refunded, §7.5 — they cannot be shipped, §2.4) go.
    // Shipped units are consumed as they are counted, in case one SKU appears on two lines.
    const key = unitKey(p.product_id, p.sku_id);
    const shipped = Math.min(p.sku_cnt, shippedUnits.get(key) ?? 0);
    shippedUnits.set(key, (shippedUnits.get(key) ?? 0) - shipped);
    const qty = open ? Math.max(0, p.sku_cnt - shipped - p.finish_aftersale_sku_cnt) : p.sku_cnt;
    if (qty === 0) return;
    const product = p.sku_code ? catalog.productBySkuCode(p.sku_code) : undefined;
    if (!product) unknown.push(p.sku_code || `sku_id=${p.sku_id}`);
    lines.push({
      // Position in product_infos, so a line keeps its number when earlier lines drop out.
      lineNo: i + 1,
      productId: product?.id ?? 0,
      sku: product?.sku ?? p.sku_code,
      title: product?.title ?? titleOf(p),
      qty,
      priceFen: p.sale_price,
      wechat: { productId: p.product_id, skuId: p.sku_id },
    });
  });

  const { status, holdReason, packable } = decide(o, lines.length, unknown);
  return {
    id: o.order_id,
    channel: 'channels_shop',
    status,
    pickSlip: null,
    recipientName: addr.user_name,
    recipientPhone: phoneOf(o),
    address: {
      province: addr.province_name,
      city: addr.city_name,
      district: addr.county_name,
      detail: [addr.detail_info, addr.house_number].filter(Boolean).join(' '),
    },
    remark: remarkOf(o),
    ...notesOf(o),
    ...(o.openid ? { buyerId: o.openid } : {}),
    flags: [],
    holdReason,
    valueFen: d.price_info.order_price ?? d.price_info.product_price ?? 0,
    paidAt: d.pay_info.pay_time ? d.pay_info.pay_time * 1000 : null,
    updatedAt: o.update_time * 1000,
    lines,
    packable,
    wechatStatus: o.status,
    updateTimeS: o.update_time,
  };
}

function decide(
  o: WechatOrder,
  remainingLines: number,
  unknownSkus: string[],
): { status: HubOrder['status']; holdReason: string | null; packable: boolean } {
  if (CANCELLED_STATUSES.has(o.status)) return { status: 'cancelled', holdReason: null, packable: true };
  if (SHIPPED_STATUSES.has(o.status)) return { status: 'shipped', holdReason: null, packable: true };
  if (o.status === 10) return { status: 'held', holdReason: 'UNPAID', packable: false };
  if (o.status !== 20 && o.status !== 21)
    return { status: 'held', holdReason: `WECHAT-STATUS:${o.status}`, packable: false };
  // 21 with nothing left: every remaining unit was refunded; WeChat moves such orders on shortly.
  if (remainingLines === 0) return { status: 'shipped', holdReason: null, packable: true };
  const aftersale =
    o.aftersale_detail.on_aftersale_order_cnt > 0 ||
    o.order_detail.product_infos.some((p) => p.on_aftersale_sku_cnt > 0);
  if (aftersale) return { status: 'held', holdReason: HOLD.aftersale, packable: true };
  if (o.order_detail.delivery_info.address_under_review)
    return { status: 'held', holdReason: HOLD.addressReview, packable: true };
  if (unknownSkus.length > 0)
    return { status: 'held', holdReason: HOLD.unknownSku + unknownSkus.join(','), packable: true };
  return { status: 'open', holdReason: null, packable: true };
}

/** Units already in shipped packages, by product + SKU (delivery_product_info, §2.2). */
export function unitsShipped(o: WechatOrder): Map<string, number> {
  const out = new Map<string, number>();
  for (const pkg of o.order_detail.delivery_info.delivery_product_info) {
    for (const x of pkg.product_infos) {
      const k = unitKey(x.product_id, x.sku_id);
      out.set(k, (out.get(k) ?? 0) + x.product_cnt);
    }
  }
  return out;
}

function unitKey(productId: string, skuId: string): string {
  return `${productId}/${skuId}`;
}

function titleOf(p: WechatProductInfo): string {
  const attrs = p.sku_attrs.map((a) => a.attr_value).filter(Boolean);
  return attrs.length ? `${p.title} (${attrs.join(' / ')})` : p.title;
}

/**
 * Masked phone as WeChat gives it (tel_number "183****2807", §2.2). When a virtual number is in
 * use, the virtual number with its extension is what the courier can dial, so it wins.
 */
function phoneOf(o: WechatOrder): string {
  const info = o.order_detail.delivery_info;
  const virtual = info.tel_number_ext_info?.virtual_tel_number ?? '';
  return info.use_tel_number && virtual ? virtual : info.address_info.tel_number;
}

/**
 * The notes apart, for the desk to show large and read out: buyer and merchant notes from ext_info,
 * the gift note of a gift order (§2.2 is_present/present_note). No key at all when there are none,
 * so orders without notes keep the content hash they had before notes were carried.
 */
export function notesOf(o: WechatOrder): { notes?: NonNullable<HubOrder['notes']> } {
  const { customer_notes: buyer, merchant_notes: merchant } = o.order_detail.ext_info;
  const notes = { buyer: buyer.trim(), merchant: merchant.trim(), gift: o.present_note.trim() };
  return notes.buyer || notes.merchant || notes.gift ? { notes } : {};
}

/** Buyer and merchant notes (ext_info, §2.2), labelled because the packer must tell them apart. */
function remarkOf(o: WechatOrder): string {
  const { customer_notes: buyer, merchant_notes: merchant } = o.order_detail.ext_info;
  const parts: string[] = [];
  if (buyer.trim()) parts.push(`买家备注: ${buyer.trim()}`);
  if (merchant.trim()) parts.push(`商家备注: ${merchant.trim()}`);
  return parts.join('\n');
}
