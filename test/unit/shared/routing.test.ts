import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROUTING,
  normalizeProvince,
  route,
  shippingCost,
  validateRoutingTable,
  type RateTable,
  type RouteInput,
} from '../../../src/domain/routing.js';
import { routingTableSchema, type RoutingTable } from '../../../src/contract/sync.js';

function input(overrides: Partial<RouteInput> = {}): RouteInput {
  return { categories: ['general'], valueFen: 5_000, province: '上海市', weightG: 800, ...overrides };
}

// A small table whose numbers are easy to check by hand.
const RATE: RateTable = {
  zones: { near: { firstFen: 500, additionalPerKgFen: 200 }, far: { firstFen: 1000, additionalPerKgFen: 700 } },
  firstWeightG: 1000,
  provinceZones: { 浙江省: 'near', 上海: 'near' },
  defaultZone: 'far',
};

describe('normalizeProvince', () => {
  it('reduces full names to the short name', () => {
    expect(normalizeProvince('浙江省')).toBe('浙江');
    expect(normalizeProvince(' 新疆维吾尔自治区 ')).toBe('新疆');
    expect(normalizeProvince('内蒙古自治区')).toBe('内蒙古');
    expect(normalizeProvince('广西壮族自治区')).toBe('广西');
    expect(normalizeProvince('北京市')).toBe('北京');
    expect(normalizeProvince('黑龙江省')).toBe('黑龙江');
    expect(normalizeProvince('香港特别行政区')).toBe('香港');
    expect(normalizeProvince('陕西')).toBe('陕西');
    expect(normalizeProvince('浙西')).toBeNull();
  });
});

describe('shippingCost', () => {
  it('charges the first weight up to and including firstWeightG', () => {
    expect(shippingCost(RATE, '浙江', 0)).toEqual({ costFen: 500, zone: 'near' });
    expect(shippingCost(RATE, '浙江', 1000)).toEqual({ costFen: 500, zone: 'near' });
  });

  it('rounds every started kilogram after the first up', () => {
    expect(shippingCost(RATE, '浙江', 1001)).toEqual({ costFen: 700, zone: 'near' }); // 500 + 1×200
    expect(shippingCost(RATE, '浙江', 2000)).toEqual({ costFen: 700, zone: 'near' });
    expect(shippingCost(RATE, '浙江', 2001)).toEqual({ costFen: 900, zone: 'near' }); // 500 + 2×200
    expect(shippingCost(RATE, '四川省', 3500)).toEqual({ costFen: 3100, zone: 'far' }); // 1000 + ceil(2.5)=3 × 700
  });

  it('matches zone keys and destinations by normalised name', () => {
    expect(shippingCost(RATE, '浙江', 500).zone).toBe('near'); // key "浙江省", input "浙江"
    expect(shippingCost(RATE, '上海市', 500).zone).toBe('near'); // key "上海", input "上海市"
    expect(shippingCost(RATE, '火星', 500).zone).toBe('far');
  });

  it('refuses a negative weight and a zone without a price', () => {
    expect(() => shippingCost(RATE, '浙江', -1)).toThrow('weight: expected grams ≥ 0, got -1');
    expect(() => shippingCost({ ...RATE, defaultZone: 'moon' }, '四川', 500)).toThrow(
      'zone: expected a price for zone "moon", got none',
    );
  });
});

describe('route with DEFAULT_ROUTING (warehouse in Shanghai)', () => {
  it('sends valuables by SF whatever their price', () => {
    expect(
      route(DEFAULT_ROUTING, input({ categories: ['general', 'valuable'], valueFen: 800, province: '浙江省' })),
    ).toEqual({
      carrier: 'SF',
      carrierName: '顺丰速运',
      ruleIndex: 0,
      costFen: 1300,
      zone: '江浙沪',
    });
  });

  it('sends a declared value of ¥1000 or more by SF (inclusive lower bound)', () => {
    expect(route(DEFAULT_ROUTING, input({ valueFen: 100_000 }))).toMatchObject({
      carrier: 'SF',
      ruleIndex: 1,
      costFen: 1200,
      zone: '同城',
    });
    expect(route(DEFAULT_ROUTING, input({ valueFen: 99_999 }))).toEqual({
      carrier: 'ZTO',
      carrierName: '中通快递',
      ruleIndex: null,
      costFen: 350,
      zone: '同城',
    });
  });

  it('sends fresh food by JD, priced per started kilogram', () => {
    // 华北华南: 1800 + ceil((2300 − 1000) / 1000) = 2 × 700 = 3200
    expect(route(DEFAULT_ROUTING, input({ categories: ['fresh'], province: '北京市', weightG: 2300 }))).toMatchObject({
      carrier: 'JD',
      ruleIndex: 2,
      costFen: 3200,
      zone: '华北华南',
    });
  });

  it('sends the far west by YTO, matching full province names', () => {
    // 偏远: 1200 + 1 × 1000
    expect(route(DEFAULT_ROUTING, input({ province: '新疆维吾尔自治区', weightG: 1500 }))).toMatchObject({
      carrier: 'YTO',
      ruleIndex: 3,
      costFen: 2200,
      zone: '偏远',
    });
    expect(route(DEFAULT_ROUTING, input({ province: '西藏', weightG: 1000 }))).toMatchObject({
      carrier: 'YTO',
      costFen: 1200,
    });
    // Earlier rules win: fresh food to Xinjiang still goes by JD (偏远: 2500 + 0).
    expect(route(DEFAULT_ROUTING, input({ categories: ['fresh'], province: '新疆', weightG: 900 }))).toMatchObject({
      carrier: 'JD',
      ruleIndex: 2,
      costFen: 2500,
    });
  });

  it('sends 5 kg and more by ZTO under the heavy rule, lighter parcels by the default', () => {
    // 华北华南: 600 + ceil(4000 / 1000) = 4 × 350 = 2000
    expect(route(DEFAULT_ROUTING, input({ province: '广东省', weightG: 5000 }))).toMatchObject({
      carrier: 'ZTO',
      ruleIndex: 4,
      costFen: 2000,
      zone: '华北华南',
    });
    // ceil(3999 / 1000) is also 4: same price, but no rule matched.
    expect(route(DEFAULT_ROUTING, input({ province: '广东省', weightG: 4999 }))).toMatchObject({
      carrier: 'ZTO',
      ruleIndex: null,
      costFen: 2000,
    });
  });

  it('prices an unknown destination as remote', () => {
    expect(route(DEFAULT_ROUTING, input({ province: '香港', weightG: 1200 }))).toMatchObject({
      carrier: 'ZTO',
      zone: '偏远',
      costFen: 2700,
    }); // 1500 + 1200
  });

  it('is a valid table with no problems', () => {
    expect(routingTableSchema.safeParse(DEFAULT_ROUTING).success).toBe(true);
    expect(validateRoutingTable(DEFAULT_ROUTING)).toEqual([]);
  });
});

describe('route with custom tables', () => {
  const table: RoutingTable = {
    version: 3,
    rules: [
      { carrier: 'EMS', categories: ['food'], provinces: ['广东'], maxWeightG: 3000 },
      { carrier: 'SF', categories: [] },
      { carrier: 'SF', minValueFen: 1_000, maxValueFen: 2_000 },
    ],
    defaultCarrier: 'ZTO',
    rates: { SF: RATE },
    carrierNames: { SF: '顺丰速运', ZTO: '中通快递' },
  };

  it('needs every given condition of a rule, with an exclusive upper bound', () => {
    expect(route(table, input({ categories: ['food'], province: '广东省', weightG: 2999 }))).toEqual({
      carrier: 'EMS',
      carrierName: 'EMS',
      ruleIndex: 0,
      costFen: null,
      zone: null,
    });
    expect(route(table, input({ categories: ['food'], province: '广东省', weightG: 3000 })).ruleIndex).toBeNull();
    expect(route(table, input({ categories: ['food'], province: '广西', weightG: 100 })).ruleIndex).toBeNull();
    expect(route(table, input({ categories: ['apparel'], province: '广东', weightG: 100 })).ruleIndex).toBeNull();
  });

  it('never matches an empty category list, and treats the value range as [min, max)', () => {
    expect(route(table, input({ valueFen: 1_000 }))).toMatchObject({
      carrier: 'SF',
      ruleIndex: 2,
      costFen: 500,
      zone: 'near',
    });
    expect(route(table, input({ valueFen: 1_999 })).ruleIndex).toBe(2);
    expect(route(table, input({ valueFen: 2_000 }))).toEqual({
      carrier: 'ZTO',
      carrierName: '中通快递',
      ruleIndex: null,
      costFen: null,
      zone: null,
    });
  });

  it('gives no cost rather than failing when the rate table has a hole', () => {
    const holed: RoutingTable = {
      ...table,
      rules: [],
      defaultCarrier: 'SF',
      rates: { SF: { ...RATE, defaultZone: 'moon' } },
    };
    expect(route(holed, input({ province: '四川', valueFen: 0 }))).toEqual({
      carrier: 'SF',
      carrierName: '顺丰速运',
      ruleIndex: null,
      costFen: null,
      zone: null,
    });
  });
});

describe('validateRoutingTable', () => {
  it('names each problem with where it is, what was expected and what was found', () => {
    const table: RoutingTable = {
      version: 1,
      rules: [
        { carrier: 'EMS', provinces: ['浙西', '浙江'] },
        { carrier: 'SF', categories: [], provinces: [] },
        { carrier: 'SF', minWeightG: 5000, maxWeightG: 5000 },
        { carrier: 'SF' },
        { carrier: 'ZTO', minValueFen: 10 },
      ],
      defaultCarrier: 'YTO',
      rates: {
        SF: {
          zones: { near: { firstFen: 500, additionalPerKgFen: -1 } },
          firstWeightG: 1000,
          provinceZones: { 浙江: 'near', 浙江省: 'near', 江苏: 'mid', 火星: 'near' },
          defaultZone: 'far',
        },
        DHL: { ...RATE },
      },
      carrierNames: { SF: '顺丰速运', ZTO: '中通快递' },
    };
    expect(validateRoutingTable(table)).toEqual([
      'rules[0].carrier: expected one of carrierNames (SF, ZTO), got "EMS"',
      'rules[0].provinces[0]: expected a province like 浙江 or 浙江省, got "浙西"',
      'rules[1].categories: expected at least one category, got an empty list, which matches nothing',
      'rules[1].provinces: expected at least one province, got an empty list, which matches nothing',
      'rules[2]: expected minWeightG < maxWeightG (min inclusive, max exclusive), got 5000 and 5000, which nothing matches',
      'defaultCarrier: expected one of carrierNames (SF, ZTO), got "YTO"',
      'rules[3]: expected at least one condition, got none, so it matches every order and rules after it are never reached',
      'rates.SF.defaultZone: expected one of its zones (near), got "far"',
      'rates.SF.provinceZones["浙江省"]: expected each province once, got "浙江" again (also as "浙江")',
      'rates.SF.provinceZones["江苏"]: expected one of its zones (near), got "mid"',
      'rates.SF.provinceZones["火星"]: expected a province like 浙江 or 浙江省, got "火星"',
      'rates.SF.zones["near"]: expected prices ≥ 0 fen, got 500 and -1',
      'rates.DHL: expected a carrier listed in carrierNames (SF, ZTO), got "DHL"',
    ]);
  });
});
