// Raw order/get `order` objects (wechat-api.md §2.2) for stubs and mapping tests.
import { wechatOrderSchema, type WechatOrder } from '../../../../src/cloud/wechat/order-schema.js';

export const BIG_ID = '3705115058471208928';

export interface RawLine {
  product_id: string;
  sku_id: string;
  sku_cnt: number;
  sku_code: string;
  title?: string;
  sale_price?: number;
  on_aftersale_sku_cnt?: number;
  finish_aftersale_sku_cnt?: number;
}

export interface RawPackage {
  waybill_id: string;
  delivery_id: string;
  product_infos: { product_id: string; sku_id: string; product_cnt: number }[];
}

export function rawOrder(
  over: {
    order_id?: string;
    status?: number;
    update_time?: number;
    lines?: RawLine[];
    shipped?: RawPackage[];
    aftersaleCnt?: number;
    addressUnderReview?: boolean;
    notes?: [string, string];
  } = {},
): Record<string, unknown> {
  return {
    order_id: over.order_id ?? BIG_ID,
    status: over.status ?? 20,
    create_time: 1_700_000_000,
    update_time: over.update_time ?? 1_700_000_500,
    openid: 'o-buyer',
    order_detail: {
      product_infos: (over.lines ?? [line('P1', 'S1', 2, 'TEA-01'), line('P2', 'S2', 1, 'CUP-02')]).map((l) => ({
        title: 'WeChat title',
        sale_price: 990,
        ...l,
      })),
      pay_info: { pay_time: 1_700_000_100, transaction_id: '4200001' },
      price_info: { product_price: 2970, order_price: 3470, freight: 500 },
      ext_info: { customer_notes: over.notes?.[0] ?? '', merchant_notes: over.notes?.[1] ?? '' },
      delivery_info: {
        address_info: {
          user_name: '林**',
          province_name: '广东省',
          city_name: '深圳市',
          county_name: '南山区',
          detail_info: '****',
          house_number: '',
          tel_number: '183****2807',
        },
        deliver_method: 0,
        delivery_product_info: over.shipped ?? [],
        address_under_review: over.addressUnderReview ?? false,
      },
    },
    aftersale_detail: { on_aftersale_order_cnt: over.aftersaleCnt ?? 0, aftersale_order_list: [] },
  };
}

export function line(
  productId: string,
  skuId: string,
  count: number,
  skuCode: string,
  extra: Partial<RawLine> = {},
): RawLine {
  return { product_id: productId, sku_id: skuId, sku_cnt: count, sku_code: skuCode, ...extra };
}

export function order(over: Parameters<typeof rawOrder>[0] = {}): WechatOrder {
  return wechatOrderSchema.parse(rawOrder(over));
}
