// The demo catalog: a small WeChat shop's range across the packaging categories, with valid GS1
// barcodes and a few bundles (组合商品) that the packer verifies component by component.
import type { Category, Packer, Product } from '../../contract/entities.js';
import { ean13, gtin14 } from './barcodes.js';
import { mixSeed, Rng } from '../../base/prng.js';
import type { DemoCatalog } from './types.js';

/** [title, unit weight in g (with retail packaging), list price in yuan] */
type Spec = readonly [string, number, number];

const SPECS: Record<Category, readonly Spec[]> = {
  fragile: [
    ['玻璃香薰瓶 200ml', 300, 59],
    ['陶瓷马克杯 350ml', 380, 39],
    ['手工玻璃花瓶 30cm', 1200, 129],
    ['骨瓷餐盘 8寸 四件套', 1600, 168],
    ['精华液 30ml 玻璃瓶', 120, 239],
    ['香水 50ml', 260, 399],
    ['红酒杯 两只装', 520, 89],
    ['景德镇青花茶杯', 180, 49],
    ['玻璃密封罐 1L', 650, 35],
    ['陶瓷花盆 中号', 900, 45],
    ['爽肤水 200ml 玻璃瓶', 280, 139],
    ['面霜 50g 玻璃罐', 210, 289],
    ['紫砂壶 西施壶', 350, 268],
  ],
  apparel: [
    ['纯棉T恤 白色 L', 210, 79],
    ['纯棉T恤 黑色 M', 205, 79],
    ['牛仔裤 直筒 30码', 620, 199],
    ['羊毛围巾 灰色', 180, 159],
    ['连帽卫衣 藏青 XL', 650, 229],
    ['真丝睡衣套装 M', 300, 459],
    ['运动袜 五双装', 250, 39],
    ['羽绒马甲 黑色 L', 420, 299],
    ['棉麻衬衫 米白 M', 260, 169],
    ['针织开衫 燕麦色 S', 380, 259],
    ['帆布鞋 白色 39码', 780, 129],
    ['棒球帽 卡其', 120, 59],
    ['加绒打底裤 黑色 M', 300, 69],
  ],
  food: [
    ['坚果礼盒 500g', 650, 128],
    ['手工牛轧糖 300g', 340, 45],
    ['云南普洱茶饼 357g', 420, 168],
    ['西湖龙井 250g 罐装', 380, 258],
    ['螺蛳粉 3袋装', 960, 39.9],
    ['麻辣牛肉干 200g', 230, 59],
    ['五常大米 5kg', 5080, 89],
    ['蜂蜜 500g 瓶装', 720, 68],
    ['黑芝麻丸 240g', 280, 49],
    ['挂耳咖啡 20包', 260, 79],
    ['红枣夹核桃 400g', 430, 42],
    ['酸辣粉 6桶装', 1450, 49.9],
    ['手工月饼礼盒 8枚', 1100, 158],
  ],
  fresh: [
    ['阳光玫瑰葡萄 2kg', 2200, 99],
    ['丹东草莓 1.5kg', 1650, 139],
    ['阳澄湖大闸蟹 8只', 2600, 398],
    ['赣南脐橙 5kg', 5300, 59.9],
    ['三文鱼刺身 500g', 620, 168],
    ['原切牛排 1kg', 1150, 199],
    ['猕猴桃 12个装', 1350, 49.9],
    ['鲜牛奶 950ml×2', 2050, 36],
    ['海南芒果 3kg', 3200, 69],
    ['车厘子 JJ级 1kg', 1200, 189],
    ['鲜虾仁 500g', 560, 79],
    ['鲜切玫瑰 19支', 900, 129],
    ['云南鲜松茸 500g', 560, 299],
  ],
  valuable: [
    ['银手镯 足银999', 85, 699],
    ['黄金转运珠 3D硬金', 40, 1280],
    ['淡水珍珠项链', 95, 899],
    ['蓝牙耳机 降噪版', 210, 899],
    ['智能手表 运动版', 320, 1299],
    ['和田玉吊坠', 70, 1680],
    ['机械手表 自动上链', 380, 2599],
    ['钢笔 金尖礼盒', 260, 680],
    ['移动硬盘 2TB', 290, 549],
    ['18K金耳钉', 40, 1580],
    ['翡翠手镯', 150, 3800],
    ['定焦镜头 50mm f/1.8', 420, 1099],
    ['银饰套装 项链耳钉', 110, 599],
  ],
  general: [
    ['数据线 Type-C 1m', 60, 19.9],
    ['帆布收纳袋 大号', 320, 29],
    ['手机支架 铝合金', 150, 35],
  ],
};

/** Bundles name their components by title so the table stays readable; ids are resolved below. */
const BUNDLES: readonly { title: string; parts: readonly (readonly [string, number])[] }[] = [
  {
    title: '护肤三件套',
    parts: [
      ['爽肤水 200ml 玻璃瓶', 1],
      ['精华液 30ml 玻璃瓶', 1],
      ['面霜 50g 玻璃罐', 1],
    ],
  },
  {
    title: '坚果零食大礼包',
    parts: [
      ['坚果礼盒 500g', 1],
      ['麻辣牛肉干 200g', 2],
      ['手工牛轧糖 300g', 1],
    ],
  },
  {
    title: '情侣T恤两件装',
    parts: [
      ['纯棉T恤 白色 L', 1],
      ['纯棉T恤 黑色 M', 1],
    ],
  },
  {
    title: '青花茶具礼盒',
    parts: [
      ['景德镇青花茶杯', 4],
      ['西湖龙井 250g 罐装', 1],
    ],
  },
  {
    title: '鲜果礼篮',
    parts: [
      ['阳光玫瑰葡萄 2kg', 1],
      ['猕猴桃 12个装', 1],
      ['车厘子 JJ级 1kg', 1],
    ],
  },
];

const SKU_CODES: Record<Category, string> = {
  fragile: 'FRG',
  apparel: 'APP',
  food: 'FOD',
  fresh: 'FRS',
  valuable: 'VAL',
  general: 'GEN',
};

const PACKERS: readonly Packer[] = [
  { id: 'P01', name: '张伟', badge: 'BADGE-P01', role: 'packer' },
  { id: 'P02', name: '李娜', badge: 'BADGE-P02', role: 'packer' },
  { id: 'P03', name: '王芳', badge: 'BADGE-P03', role: 'packer' },
  { id: 'P04', name: '刘洋', badge: 'BADGE-P04', role: 'packer' },
  { id: 'S01', name: '陈静', badge: 'BADGE-S01', role: 'supervisor' },
];

const PRODUCTS_PER_COMPANY = 4;

/** Issues EAN-13s the way GS1 China does: 690–691 get 4-digit company numbers, 692–699 get 5. */
class BarcodeIssuer {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  companyPrefix(): string {
    const country = 690 + this.rng.int(10);
    const companyDigits = country <= 691 ? 4 : 5;
    return String(country) + String(this.rng.int(10 ** companyDigits)).padStart(companyDigits, '0');
  }

  ean(prefix: string): string {
    const refDigits = 12 - prefix.length;
    for (;;) {
      const code = ean13(prefix + String(this.rng.int(10 ** refDigits)).padStart(refDigits, '0'));
      if (this.claim(code)) return code;
    }
  }

  claim(code: string): boolean {
    if (this.used.has(code)) return false;
    this.used.add(code);
    return true;
  }
}

function demoPrice(rng: Rng, baseFen: number): number {
  // Seed-dependent list prices, rounded to whole yuan and often ending in .90 like real shop prices.
  const yuan = Math.max(2, Math.round((baseFen * (0.94 + rng.next() * 0.12)) / 100));
  return yuan * 100 - (rng.chance(0.4) ? 10 : 0);
}

export function generateCatalog(seed: number): DemoCatalog {
  const rng = new Rng(mixSeed(seed, 0xca7a));
  const issuer = new BarcodeIssuer(rng);
  const products: Product[] = [];
  const byTitle = new Map<string, Product>();

  for (const [category, specs] of Object.entries(SPECS) as [Category, readonly Spec[]][]) {
    let prefix = '';
    specs.forEach(([title, weightG, yuan], i) => {
      if (i % PRODUCTS_PER_COMPANY === 0) prefix = issuer.companyPrefix();
      const primary = issuer.ean(prefix);
      const barcodes = [primary];
      if (rng.chance(0.35)) {
        // Either the case GTIN-14 a supplier prints on the outer carton, or the EAN-13 of a repackaged version.
        if (rng.chance(0.5)) {
          const caseCode = gtin14(1 + rng.int(3), primary);
          if (issuer.claim(caseCode)) barcodes.push(caseCode);
        } else {
          barcodes.push(issuer.ean(prefix));
        }
      }
      const product: Product = {
        id: products.length + 1,
        sku: `SKU-${SKU_CODES[category]}-${String(i + 1).padStart(4, '0')}`,
        title,
        category,
        unitWeightG: weightG,
        priceFen: demoPrice(rng, Math.round(yuan * 100)),
        barcodes,
        components: [],
      };
      products.push(product);
      byTitle.set(title, product);
    });
  }

  const bundlePrefix = issuer.companyPrefix();
  BUNDLES.forEach((bundle, i) => {
    let weight = 0;
    let price = 0;
    let heaviestWeight = -1;
    let category: Category = 'general';
    const components: Product['components'] = [];
    for (const [title, qty] of bundle.parts) {
      const part = byTitle.get(title);
      if (!part) throw new Error(`bundle ${bundle.title} names an unknown product: ${title}`);
      const partWeight = part.unitWeightG * qty;
      weight += partWeight;
      price += part.priceFen * qty;
      if (partWeight > heaviestWeight) {
        heaviestWeight = partWeight;
        category = part.category;
      }
      components.push({ productId: part.id, qty });
    }
    products.push({
      id: products.length + 1,
      sku: `SKU-BDL-${String(i + 1).padStart(4, '0')}`,
      title: bundle.title,
      category,
      unitWeightG: weight,
      // Bundles sell at roughly 10% off the parts, ending in .90.
      priceFen: Math.round((price * 0.9) / 100) * 100 - 10,
      barcodes: [issuer.ean(bundlePrefix)],
      components,
    });
  });

  return { products, packers: PACKERS.map((p) => ({ ...p })) };
}
