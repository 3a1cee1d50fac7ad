// The demo's orders as the WeChat sandbox holds them: each generated order (src/demo/data) becomes a
// Channels order whose sku_code is the catalog SKU, so the hub maps every line back to the same
// product, exactly as it would for a real shop whose SKU codes match the warehouse's.
import type { Order, Product } from '../../contract/entities.js';
import type { DemoCatalog } from '../data/types.js';
import { buildChannelsOrder, type FakeChannelsOrder, type FakeProduct } from '../wechat-sandbox/index.js';

/** WeChat's view of a catalog product: the shop's own ids, sku_code = our SKU. */
export function sandboxProduct(p: Product): FakeProduct {
  return {
    product_id: `10${p.id}`,
    sku_id: `20${p.id}`,
    sku_code: p.sku,
    title: p.title,
    price_fen: p.priceFen,
    weight: p.unitWeightG,
  };
}

/** Bundles (组合商品) are sold as one SKU too, so every product is on sale in the sandbox shop. */
export function sandboxProducts(catalog: DemoCatalog): FakeProduct[] {
  return catalog.products.map(sandboxProduct);
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * A generated order as a paid Channels order. The demo's own cases become what WeChat would show:
 * cancelled → status 250, held → an open after-sale case, an ambiguous address → a buyer's pending
 * address change (the hub holds both). `updateTimeS` overrides when WeChat last touched the order.
 */
export function toChannelsOrder(
  order: Order,
  productsById: ReadonlyMap<number, Product>,
  opts: { updateTimeS?: number } = {},
): FakeChannelsOrder {
  const paidS = seconds(order.paidAt ?? order.updatedAt);
  const built = buildChannelsOrder({
    order_id: order.id,
    create_time: paidS - 30,
    update_time: opts.updateTimeS ?? Math.max(paidS, seconds(order.updatedAt)),
    status: order.status === 'cancelled' ? 250 : 20,
    lines: order.lines.map((l) => {
      const product = productsById.get(l.productId);
      if (!product) throw new RangeError(`demo order ${order.id}: product ${l.productId} is not in the catalog`);
      return { product: { ...sandboxProduct(product), price_fen: l.priceFen }, count: l.qty };
    }),
    openid: `o_demo_${order.recipientPhone.slice(-4)}`,
    address: {
      user_name: order.recipientName,
      tel_number: order.recipientPhone,
      province_name: order.address.province,
      city_name: order.address.city,
      county_name: order.address.district,
      detail_info: order.address.detail,
    },
    customer_notes: order.remark,
    order_scene: order.channel === 'live_room' ? 2 : 1,
  });
  built.order_detail.pay_info.pay_time = paidS;
  if (order.flags.includes('address_ambiguous')) built.order_detail.delivery_info.address_under_review = true;
  if (order.status === 'held') {
    built.aftersale_detail = {
      on_aftersale_order_cnt: 1,
      aftersale_order_list: [{ aftersale_order_id: `9${order.id.slice(1)}`, status: 2 }],
    };
  }
  return built;
}
