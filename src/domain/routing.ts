// Carrier routing and shipping rates: which courier takes an order and what the parcel costs.
// Evaluated by the hub (to preview) and by stations (at label time) from the same RoutingTable,
// so both sides always agree. Pure: no Node, no DOM.
import type { Category } from '../contract/entities.js';
import type { RoutingRule, RoutingTable } from '../contract/sync.js';

export type RateTable = RoutingTable['rates'][string];

export interface RouteInput {
  categories: Category[];
  valueFen: number;
  province: string;
  weightG: number;
}

export interface RouteResult {
  carrier: string;
  carrierName: string;
  /** Index of the rule that matched; null when no rule did and the default carrier applies. */
  ruleIndex: number | null;
  /** Null when the carrier has no rate table (or its table has no price for the zone). */
  costFen: number | null;
  zone: string | null;
}

// Mainland provinces plus HK/Macau/Taiwan by their short names. Every full name starts with its
// short name ("新疆维吾尔自治区", "黑龙江省", "北京市") and no short name is a prefix of another,
// so a prefix match is enough to normalise.
const PROVINCES = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
  '台湾',
  '香港',
  '澳门',
] as const;

/** The short province name ("浙江省" → "浙江", "新疆维吾尔自治区" → "新疆"); null when unrecognised. */
export function normalizeProvince(name: string): string | null {
  const trimmed = name.trim();
  return PROVINCES.find((p) => trimmed.startsWith(p)) ?? null;
}

/** Compares by short name when both are recognised, else by the trimmed text. */
function sameProvince(a: string, b: string): boolean {
  return (normalizeProvince(a) ?? a.trim()) === (normalizeProvince(b) ?? b.trim());
}

/**
 * All given conditions must hold. Lower bounds are inclusive and upper bounds exclusive, so
 * adjacent rules (`maxWeightG: 5000` then `minWeightG: 5000`) split a range without overlap.
 * A condition given as an empty list matches nothing (validateRoutingTable reports it).
 */
export function ruleMatches(rule: RoutingRule, input: RouteInput): boolean {
  if (rule.categories && !input.categories.some((c) => rule.categories?.includes(c))) return false;
  if (rule.provinces && !rule.provinces.some((p) => sameProvince(p, input.province))) return false;
  if (rule.minValueFen !== undefined && input.valueFen < rule.minValueFen) return false;
  if (rule.maxValueFen !== undefined && input.valueFen >= rule.maxValueFen) return false;
  if (rule.minWeightG !== undefined && input.weightG < rule.minWeightG) return false;
  if (rule.maxWeightG !== undefined && input.weightG >= rule.maxWeightG) return false;
  return true;
}

function zoneFor(rate: RateTable, province: string): string {
  for (const [name, zone] of Object.entries(rate.provinceZones)) if (sameProvince(name, province)) return zone;
  return rate.defaultZone;
}

/**
 * First-weight price up to `firstWeightG`, then the per-kg price for every started kilogram:
 * Chinese couriers bill 1.2 kg over a 1 kg first weight as one additional kg, and 2.01 kg as two.
 * Throws when the zone has no price; validateRoutingTable catches that before a table ships.
 */
export function shippingCost(rate: RateTable, province: string, weightG: number): { costFen: number; zone: string } {
  if (!Number.isFinite(weightG) || weightG < 0) throw new RangeError(`weight: expected grams ≥ 0, got ${weightG}`);
  const zone = zoneFor(rate, province);
  const price = rate.zones[zone];
  if (!price) throw new RangeError(`zone: expected a price for zone "${zone}", got none`);
  const extraKg = weightG <= rate.firstWeightG ? 0 : Math.ceil((weightG - rate.firstWeightG) / 1000);
  return { costFen: price.firstFen + extraKg * price.additionalPerKgFen, zone };
}

export function route(table: RoutingTable, input: RouteInput): RouteResult {
  const index = table.rules.findIndex((rule) => ruleMatches(rule, input));
  const carrier = index === -1 ? table.defaultCarrier : (table.rules[index]?.carrier ?? table.defaultCarrier);
  const rate = table.rates[carrier];
  // A table with a hole in it must not stop a packer printing a label: the cost is informational.
  const cost =
    rate && rate.zones[zoneFor(rate, input.province)] ? shippingCost(rate, input.province, input.weightG) : null;
  return {
    carrier,
    carrierName: table.carrierNames[carrier] ?? carrier,
    ruleIndex: index === -1 ? null : index,
    costFen: cost?.costFen ?? null,
    zone: cost?.zone ?? null,
  };
}

function listed(names: string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

function checkRange(where: string, min: number | undefined, max: number | undefined, unit: string): string[] {
  if (min === undefined || max === undefined || min < max) return [];
  return [
    `${where}: expected min${unit} < max${unit} (min inclusive, max exclusive), got ${min} and ${max}, which nothing matches`,
  ];
}

function checkRule(rule: RoutingRule, i: number, known: string[]): string[] {
  const where = `rules[${i}]`;
  const problems: string[] = [];
  if (!known.includes(rule.carrier))
    problems.push(`${where}.carrier: expected one of carrierNames (${listed(known)}), got "${rule.carrier}"`);
  if (rule.categories?.length === 0)
    problems.push(`${where}.categories: expected at least one category, got an empty list, which matches nothing`);
  if (rule.provinces?.length === 0)
    problems.push(`${where}.provinces: expected at least one province, got an empty list, which matches nothing`);
  (rule.provinces ?? []).forEach((p, j) => {
    if (!normalizeProvince(p))
      problems.push(`${where}.provinces[${j}]: expected a province like 浙江 or 浙江省, got "${p}"`);
  });
  problems.push(...checkRange(where, rule.minValueFen, rule.maxValueFen, 'ValueFen'));
  problems.push(...checkRange(where, rule.minWeightG, rule.maxWeightG, 'WeightG'));
  return problems;
}

function checkRate(carrier: string, rate: RateTable, known: string[]): string[] {
  const where = `rates.${carrier}`;
  const zones = Object.keys(rate.zones);
  const problems: string[] = [];
  if (!known.includes(carrier))
    problems.push(`${where}: expected a carrier listed in carrierNames (${listed(known)}), got "${carrier}"`);
  if (!rate.zones[rate.defaultZone])
    problems.push(`${where}.defaultZone: expected one of its zones (${listed(zones)}), got "${rate.defaultZone}"`);
  const seen = new Map<string, string>();
  for (const [province, zone] of Object.entries(rate.provinceZones)) {
    const at = `${where}.provinceZones["${province}"]`;
    const short = normalizeProvince(province);
    if (!short) problems.push(`${at}: expected a province like 浙江 or 浙江省, got "${province}"`);
    else if (seen.has(short))
      problems.push(`${at}: expected each province once, got "${short}" again (also as "${seen.get(short)}")`);
    else seen.set(short, province);
    if (!rate.zones[zone]) problems.push(`${at}: expected one of its zones (${listed(zones)}), got "${zone}"`);
  }
  for (const [zone, price] of Object.entries(rate.zones)) {
    if (price.firstFen < 0 || price.additionalPerKgFen < 0) {
      problems.push(
        `${where}.zones["${zone}"]: expected prices ≥ 0 fen, got ${price.firstFen} and ${price.additionalPerKgFen}`,
      );
    }
  }
  return problems;
}

/** Problems that would misroute or misprice a parcel, each as "<where>: expected <what>, got <found>". */
export function validateRoutingTable(table: RoutingTable): string[] {
  const known = Object.keys(table.carrierNames);
  const problems = table.rules.flatMap((rule, i) => checkRule(rule, i, known));
  if (!known.includes(table.defaultCarrier)) {
    problems.push(`defaultCarrier: expected one of carrierNames (${listed(known)}), got "${table.defaultCarrier}"`);
  }
  // A rule without conditions matches every order, so whatever follows it is dead.
  const catchAll = table.rules.findIndex(
    (r) =>
      !r.categories &&
      !r.provinces &&
      r.minValueFen === undefined &&
      r.maxValueFen === undefined &&
      r.minWeightG === undefined &&
      r.maxWeightG === undefined,
  );
  if (catchAll !== -1 && catchAll < table.rules.length - 1) {
    problems.push(
      `rules[${catchAll}]: expected at least one condition, got none, so it matches every order and rules after it are never reached`,
    );
  }
  for (const [carrier, rate] of Object.entries(table.rates)) problems.push(...checkRate(carrier, rate, known));
  return problems;
}

// ——— The default table: a warehouse in Shanghai. ———
// Zones are the ones couriers quote to e-commerce shippers from Shanghai; prices are typical
// negotiated merchant rates (fen) for a first kilogram plus each started kilogram after it.
const ZONE_PROVINCES: Record<string, string[]> = {
  同城: ['上海'],
  江浙沪: ['江苏', '浙江'],
  华东华中: ['安徽', '江西', '山东', '福建', '湖北', '湖南', '河南'],
  华北华南: ['北京', '天津', '河北', '山西', '广东', '广西', '海南'],
  西南东北: ['重庆', '四川', '贵州', '云南', '陕西', '辽宁', '吉林', '黑龙江'],
  偏远: ['新疆', '西藏', '青海', '内蒙古', '宁夏', '甘肃'],
};

const SHANGHAI_ZONES: Record<string, string> = Object.fromEntries(
  Object.entries(ZONE_PROVINCES).flatMap(([zone, provinces]) => provinces.map((p) => [p, zone])),
);

/** [firstFen, additionalPerKgFen] per zone, in ZONE_PROVINCES order. */
function rates(prices: [number, number][]): RateTable {
  const zones = Object.keys(ZONE_PROVINCES);
  return {
    zones: Object.fromEntries(
      zones.map((zone, i) => [zone, { firstFen: prices[i]?.[0] ?? 0, additionalPerKgFen: prices[i]?.[1] ?? 0 }]),
    ),
    firstWeightG: 1000,
    provinceZones: { ...SHANGHAI_ZONES },
    // Anything not listed (Hong Kong, Macau, Taiwan, a typo) is priced as remote rather than cheap.
    defaultZone: '偏远',
  };
}

export const DEFAULT_ROUTING: RoutingTable = {
  version: 1,
  rules: [
    { carrier: 'SF', categories: ['valuable'] },
    // Declared value ≥ ¥1000: SF's insured service and signature on delivery.
    { carrier: 'SF', minValueFen: 100_000 },
    // JD runs its own cold chain; other couriers do not take perishables.
    { carrier: 'JD', categories: ['fresh'] },
    // YTO has the widest network (and the cheapest rate) in the far west.
    { carrier: 'YTO', provinces: ['新疆', '西藏', '青海'] },
    { carrier: 'ZTO', minWeightG: 5000 },
  ],
  defaultCarrier: 'ZTO',
  rates: {
    SF: rates([
      [1200, 200],
      [1300, 300],
      [1800, 600],
      [2000, 800],
      [2200, 1000],
      [2500, 1500],
    ]),
    ZTO: rates([
      [350, 100],
      [400, 150],
      [500, 250],
      [600, 350],
      [700, 500],
      [1500, 1200],
    ]),
    JD: rates([
      [1000, 200],
      [1200, 300],
      [1500, 500],
      [1800, 700],
      [2000, 900],
      [2500, 1400],
    ]),
    YTO: rates([
      [350, 100],
      [400, 150],
      [500, 250],
      [600, 350],
      [700, 500],
      [1200, 1000],
    ]),
  },
  carrierNames: { SF: '顺丰速运', ZTO: '中通快递', JD: '京东快递', YTO: '圆通速递' },
};
