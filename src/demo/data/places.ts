// Lookup tables for demo recipients. Everything is expanded once at module load so the order
// generator only indexes arrays: it has to stream a million orders for the benchmark.

/** province → city → districts (real names). */
const REGIONS: readonly (readonly [string, readonly (readonly [string, readonly string[]])[]])[] = [
  [
    '广东省',
    [
      ['广州市', ['天河区', '越秀区', '海珠区', '番禺区']],
      ['深圳市', ['南山区', '福田区', '宝安区', '龙岗区']],
    ],
  ],
  [
    '浙江省',
    [
      ['杭州市', ['西湖区', '余杭区', '滨江区', '拱墅区']],
      ['宁波市', ['鄞州区', '海曙区']],
    ],
  ],
  [
    '江苏省',
    [
      ['南京市', ['鼓楼区', '玄武区', '江宁区']],
      ['苏州市', ['姑苏区', '吴中区', '虎丘区']],
    ],
  ],
  ['上海市', [['上海市', ['浦东新区', '徐汇区', '静安区', '闵行区']]]],
  ['北京市', [['北京市', ['朝阳区', '海淀区', '东城区', '丰台区']]]],
  ['四川省', [['成都市', ['武侯区', '锦江区', '青羊区', '成华区']]]],
  ['湖北省', [['武汉市', ['洪山区', '江汉区', '武昌区']]]],
  ['湖南省', [['长沙市', ['岳麓区', '天心区', '芙蓉区']]]],
  [
    '山东省',
    [
      ['青岛市', ['市南区', '崂山区', '黄岛区']],
      ['济南市', ['历下区', '市中区']],
    ],
  ],
  [
    '福建省',
    [
      ['厦门市', ['思明区', '湖里区']],
      ['福州市', ['鼓楼区', '仓山区']],
    ],
  ],
  ['河南省', [['郑州市', ['金水区', '二七区', '中原区']]]],
  ['陕西省', [['西安市', ['雁塔区', '碑林区', '未央区']]]],
  ['重庆市', [['重庆市', ['渝中区', '江北区', '南岸区', '渝北区']]]],
  ['天津市', [['天津市', ['和平区', '南开区', '河西区']]]],
  [
    '辽宁省',
    [
      ['沈阳市', ['和平区', '沈河区']],
      ['大连市', ['中山区', '沙河口区']],
    ],
  ],
  ['云南省', [['昆明市', ['五华区', '盘龙区']]]],
  ['安徽省', [['合肥市', ['蜀山区', '包河区', '庐阳区']]]],
  ['广西壮族自治区', [['南宁市', ['青秀区', '兴宁区']]]],
  ['黑龙江省', [['哈尔滨市', ['南岗区', '道里区']]]],
  ['河北省', [['石家庄市', ['长安区', '桥西区']]]],
  ['江西省', [['南昌市', ['东湖区', '红谷滩区']]]],
];

export interface Locality {
  province: string;
  city: string;
  district: string;
}

export const LOCALITIES: readonly Locality[] = REGIONS.flatMap(([province, cities]) =>
  cities.flatMap(([city, districts]) => districts.map((district) => ({ province, city, district }))),
);

const STREETS = [
  '科技路',
  '人民路',
  '中山路',
  '建设路',
  '解放大道',
  '文化路',
  '长江路',
  '和平街',
  '学府路',
  '东风路',
  '滨江大道',
  '振兴路',
  '花园路',
  '新华路',
  '工业大道',
  '青年路',
];
const COMMUNITIES = ['阳光花园', '锦绣华庭', '幸福里小区', '翠苑新村', '金色家园', '滨江壹号'];

/**
 * Full house numbers and rooms: the demo's orders print on Packdesk's own labels, which refuse a
 * masked receiver (src/domain/label/masked.ts). Masked Channels orders come from the WeChat sandbox.
 */
export const STREET_DETAILS: readonly string[] = STREETS.flatMap((street, i) => {
  const community = COMMUNITIES[i % COMMUNITIES.length] ?? '';
  const no = 11 + ((i * 37) % 180);
  const building = 1 + (i % 9);
  return [
    `${street}${no}号`,
    `${street}${no}号${building}栋${1 + (i % 3)}单元`,
    `${street}${no}号${community}${building}栋${building}0${1 + (i % 4)}室`,
    `${street}${no}号${building + 2}楼`,
  ];
});

/** Details a courier could not deliver to without asking: the reason behind `address_ambiguous`. */
export const AMBIGUOUS_DETAILS: readonly string[] = [
  '村委会附近',
  '老街12号(新旧门牌不一致)',
  '火车站对面附近',
  '阳光小区(未写楼栋号)',
  '东门8号或西门10号',
];

const SURNAMES = [
  '张',
  '王',
  '李',
  '赵',
  '刘',
  '陈',
  '杨',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '慕容',
];
const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '杰', '婷', '浩然', '子涵', '雨桐'];
export const RECIPIENT_NAMES: readonly string[] = SURNAMES.map(
  (s, i) => s + (GIVEN_NAMES[i % GIVEN_NAMES.length] ?? ''),
);

const MOBILE_PREFIXES = [
  130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 155, 156, 157, 158, 159, 166, 177, 180, 181, 182, 183,
  185, 186, 187, 188, 189, 191, 195, 198, 199,
];
/** The first seven digits of a mobile number; DIGITS4 completes it. */
export const PHONE_HEADS: readonly string[] = MOBILE_PREFIXES.map(
  (p) => `${p}${String((p * 7919) % 10000).padStart(4, '0')}`,
);

/** "0000"…"9999": phone tails and order-id groups come from here instead of formatting numbers per order. */
export const DIGITS4: readonly string[] = Array.from({ length: 10000 }, (_, i) => String(i).padStart(4, '0'));

export const REMARKS: readonly string[] = [
  '请尽快发货',
  '不要放发票',
  '送人的，不要放价格单',
  '周末不在家，请放快递柜',
  '多放点冰袋',
  '包装结实一点，谢谢',
  '需要开发票，抬头见留言',
];
