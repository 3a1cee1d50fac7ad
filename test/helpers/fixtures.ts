// A small hand-made catalog and order set whose every number a test can reason about.
import type { Order, Packer, Product } from '../../src/contract/entities.js';
import { gtinCheckDigit } from '../../src/domain/barcode/index.js';

export const ean = (body12: string) => body12 + String(gtinCheckDigit(body12));

export const P = {
  vase: 1,
  tshirt: 2,
  nuts: 3,
  bangle: 4,
  cleanser: 5,
  toner: 6,
  skincareSet: 7,
  earbuds: 8,
} as const;

export const BARCODE = {
  vase: ean('690100000001'),
  tshirt: ean('690100000002'),
  tshirtCase: '1' + ean('690100000002').slice(0, 12) + '0', // replaced below with a valid GTIN-14
  nuts: ean('690100000003'),
  bangle: ean('690100000004'),
  cleanser: ean('690100000005'),
  toner: ean('690100000006'),
  skincareSet: ean('690100000007'),
  earbuds: ean('690100000008'),
  notInCatalog: ean('690199999999'),
};
{
  const body = '1' + BARCODE.tshirt.slice(0, 12);
  BARCODE.tshirtCase = body + String(gtinCheckDigit(body));
}

const product = (
  id: number,
  sku: string,
  title: string,
  category: Product['category'],
  unitWeightG: number,
  barcodes: string[],
  components: Product['components'] = [],
): Product => ({
  id,
  sku,
  title,
  category,
  unitWeightG,
  priceFen: 1000 * id,
  barcodes,
  components,
});

export const PRODUCTS: Product[] = [
  product(P.vase, 'SKU-VASE', '玻璃花瓶', 'fragile', 800, [BARCODE.vase]),
  product(P.tshirt, 'SKU-TEE', '纯棉T恤 白色 L', 'apparel', 250, [BARCODE.tshirt, BARCODE.tshirtCase]),
  product(P.nuts, 'SKU-NUTS', '坚果礼盒 500g', 'food', 600, [BARCODE.nuts]),
  product(P.bangle, 'SKU-BANGLE', '银手镯', 'valuable', 50, [BARCODE.bangle]),
  product(P.cleanser, 'SKU-CLEANSER', '洁面乳', 'general', 150, [BARCODE.cleanser]),
  product(P.toner, 'SKU-TONER', '爽肤水', 'general', 200, [BARCODE.toner]),
  product(
    P.skincareSet,
    'SKU-SET',
    '护肤套装',
    'general',
    350,
    [BARCODE.skincareSet],
    [
      { productId: P.cleanser, qty: 1 },
      { productId: P.toner, qty: 1 },
    ],
  ),
  product(P.earbuds, 'SKU-EAR', '蓝牙耳机', 'general', 120, [BARCODE.earbuds]),
];

export const PACKERS: Packer[] = [
  { id: 'P01', name: '张伟', badge: 'BADGE-P01', role: 'packer' },
  { id: 'P02', name: '李娜', badge: 'BADGE-P02', role: 'packer' },
  { id: 'S01', name: '王主管', badge: 'BADGE-S01', role: 'supervisor' },
];

const order = (id: string, lines: [number, number][], extra: Partial<Order> = {}): Order => ({
  id,
  channel: 'channels_shop',
  status: 'open',
  pickSlip: `PS-${id.slice(-4)}`,
  // Unmasked: the desk prints its own label, which refuses a masked receiver (domain/label/masked.ts).
  recipientName: '林晓',
  recipientPhone: '18312342807',
  address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路88号' },
  remark: '',
  flags: [],
  holdReason: null,
  valueFen: lines.reduce((n, [pid, q]) => n + 1000 * pid * q, 0),
  paidAt: Date.UTC(2026, 10, 24),
  updatedAt: Date.UTC(2026, 10, 24),
  lines: lines.map(([productId, qty], i) => {
    const p = PRODUCTS.find((x) => x.id === productId);
    if (!p) throw new Error(`fixture: no product ${productId}`);
    return { lineNo: i + 1, productId, sku: p.sku, title: p.title, qty, priceFen: p.priceFen };
  }),
  ...extra,
});

export const O = {
  clean: '3700000000000000001', // T恤×2 + 耳机×1 → apparel decides: POLY-BAG, YTO
  vase: '3700000000000000002', // fragile: CARTON5-BUBBLE, SF
  cancelled: '3700000000000000003',
  flagged: '3700000000000000004',
  held: '3700000000000000005',
  bundle: '3700000000000000006', // 护肤套装×1 + 银手镯×1 → valuable: CARTON-SEAL, SF
  multi: '3700000000000000007', // T恤×3
  nuts: '3700000000000000008', // food → JD (empty pool in the fixture)
} as const;

export const ORDERS: Order[] = [
  order(O.clean, [
    [P.tshirt, 2],
    [P.earbuds, 1],
  ]),
  order(O.vase, [[P.vase, 1]]),
  order(O.cancelled, [[P.nuts, 1]], { status: 'cancelled' }),
  order(O.flagged, [[P.earbuds, 1]], { flags: ['address_ambiguous'] }),
  order(O.held, [[P.earbuds, 1]], { status: 'held', holdReason: 'STOCK-SHORT' }),
  order(O.bundle, [
    [P.skincareSet, 1],
    [P.bangle, 1],
  ]),
  order(O.multi, [[P.tshirt, 3]]),
  order(O.nuts, [[P.nuts, 1]]),
];

export const WAYBILLS: Record<string, string[]> = {
  SF: ['SF1000000000001', 'SF1000000000002', 'SF1000000000003'],
  YTO: ['YT1000000000001', 'YT1000000000002', 'YT1000000000003', 'YT1000000000004'],
  ZTO: ['710000000001', '710000000002'],
  JD: [],
};
