// Building Channels orders: one order from a few lines (for tests that need a specific order) and
// a deterministic batch (for the demo and benchmarks). Addresses come back masked the way WeChat
// masks them (§2.2 "Address masking": user_name "林**", tel_number "183****2807", detail_info "****").
import type { FakeAddress, FakeChannelsOrder, FakeProduct } from './types.js';
import { Rng } from '../../base/prng.js';

export interface ChannelsOrderInput {
  /** Digit string, normally 19 digits (> 2^53). */
  order_id: string;
  /** Unix seconds. */
  create_time: number;
  lines: { product: FakeProduct; count: number }[];
  /** Default 20 (paid, awaiting shipment). */
  status?: number;
  /** Default create_time + 60 (paid a minute later). */
  update_time?: number;
  openid?: string;
  address?: Partial<FakeAddress>;
  customer_notes?: string;
  merchant_notes?: string;
  /** 1 other, 2 live room, 3 short video, … (§2.2 ext_info). Default 2. */
  order_scene?: number;
  freight_fen?: number;
}

const DAY_S = 86_400;

export function buildChannelsOrder(input: ChannelsOrderInput): FakeChannelsOrder {
  const payTime = input.update_time ?? input.create_time + 60;
  const products = input.lines.map(({ product: p, count }) => ({
    product_id: p.product_id,
    sku_id: p.sku_id,
    sku_cnt: count,
    sku_code: p.sku_code,
    title: p.title,
    thumb_img: `https://mmecimage.cn/p/${p.product_id}.jpg`,
    sku_attrs: [],
    sale_price: p.price_fen,
    market_price: p.price_fen,
    real_price: p.price_fen * count,
    on_aftersale_sku_cnt: 0,
    finish_aftersale_sku_cnt: 0,
    delivery_deadline: payTime + 2 * DAY_S,
  }));
  const productPrice = products.reduce((sum, p) => sum + p.real_price, 0);
  const freight = input.freight_fen ?? 0;
  const tail = input.order_id.slice(-8);
  return {
    order_id: input.order_id,
    status: input.status ?? 20,
    create_time: input.create_time,
    update_time: payTime,
    openid: input.openid ?? `o_buyer_${tail}`,
    unionid: `u_buyer_${tail}`,
    order_detail: {
      product_infos: products,
      pay_info: {
        payment_method: 1,
        prepay_id: `wx${tail}`,
        prepay_time: input.create_time,
        pay_time: payTime,
        transaction_id: `4200${input.order_id.slice(-16)}`,
      },
      price_info: {
        product_price: productPrice,
        order_price: productPrice + freight,
        freight,
        discounted_price: 0,
        is_discounted: false,
        original_order_price: productPrice + freight,
        merchant_receieve_price: productPrice + freight,
      },
      ext_info: {
        customer_notes: input.customer_notes ?? '',
        merchant_notes: input.merchant_notes ?? '',
        confirm_receipt_time: 0,
        finder_id: '',
        live_id: '',
        order_scene: input.order_scene ?? 2,
      },
      delivery_info: {
        address_info: {
          user_name: '林**',
          postal_code: '518000',
          province_name: '广东省',
          city_name: '深圳市',
          county_name: '南山区',
          detail_info: '****',
          national_code: '440305',
          house_number: '',
          tel_number: '183****2807',
          ...input.address,
        },
        deliver_method: 0,
        delivery_product_info: [],
        ship_done_time: 0,
        address_under_review: false,
        address_apply_time: 0,
        use_tel_number: 0,
        hash_code: `h${tail}`,
        ewaybill_order_code: `ENC_${tail}`,
      },
    },
    aftersale_detail: { on_aftersale_order_cnt: 0, aftersale_order_list: [] },
  };
}

const SURNAMES = ['林', '王', '李', '张', '陈', '刘', '黄', '赵', '吴', '周'];
const PLACES: [string, string, string, string, string][] = [
  ['广东省', '深圳市', '南山区', '518000', '440305'],
  ['广东省', '广州市', '天河区', '510000', '440106'],
  ['浙江省', '杭州市', '西湖区', '310000', '330106'],
  ['上海市', '上海市', '浦东新区', '200120', '310115'],
  ['北京市', '北京市', '朝阳区', '100020', '110105'],
  ['四川省', '成都市', '武侯区', '610041', '510107'],
  ['江苏省', '南京市', '鼓楼区', '210009', '320106'],
];
const NOTES = ['', '', '', '请尽快发货', '不要放快递柜', '送人的，不要放价格单'];

export interface GenerateOptions {
  count: number;
  seed: number;
  products: FakeProduct[];
  /** Unix seconds of the first order (the orders' own time unit). */
  startTime: number;
}

/**
 * Paid orders (status 20) with 1–3 distinct SKUs each, created 1–60 s apart (so 10,000 orders span
 * about a week) and paid 10–600 s after creation, so update_time runs across many list windows.
 */
export function generateChannelsOrders(opts: GenerateOptions): FakeChannelsOrder[] {
  if (opts.products.length === 0) throw new RangeError('generateChannelsOrders needs at least one product');
  // Catch a millisecond timestamp early: every time in a Channels order is in seconds (§General).
  if (opts.startTime > 1e11) throw new RangeError(`startTime must be Unix seconds, got ${opts.startTime}`);
  const stream = new Rng(opts.seed);
  const rand = () => stream.next();
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  // 19-digit ids above 2^53 like real ones; each seed gets its own block of ids.
  const idBase = 3_700_000_000_000_000_000n + BigInt((opts.seed >>> 0) % 100_000) * 1_000_000_000_000n;
  const out: FakeChannelsOrder[] = [];
  let created = opts.startTime;
  for (let i = 0; i < opts.count; i++) {
    created += int(1, 60);
    const wanted = Math.min(opts.products.length, int(1, 3));
    const pool = [...opts.products];
    const lines = Array.from({ length: wanted }, () => {
      const product = pool.splice(Math.floor(rand() * pool.length), 1)[0] as FakeProduct;
      return { product, count: rand() < 0.7 ? 1 : int(2, 3) };
    });
    const [province, city, county, postal, code] = pick(PLACES);
    const phone = `1${int(30, 99)}****${String(int(0, 9999)).padStart(4, '0')}`;
    out.push(
      buildChannelsOrder({
        order_id: (idBase + BigInt(i + 1) * 7919n).toString(),
        create_time: created,
        update_time: created + int(10, 600),
        lines,
        openid: `o_buyer_${int(1, Math.max(1, Math.floor(opts.count / 3)))}`,
        address: {
          user_name: `${pick(SURNAMES)}**`,
          province_name: province,
          city_name: city,
          county_name: county,
          postal_code: postal,
          national_code: code,
          tel_number: phone,
        },
        customer_notes: pick(NOTES),
        order_scene: int(1, 6),
      }),
    );
  }
  return out;
}
