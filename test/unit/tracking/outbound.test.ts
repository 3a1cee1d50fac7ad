// Outbound figures against hand-computed values.
import { describe, expect, it } from 'vitest';
import { computeOutbound, missedCutoff, type OutboundParcel } from '../../../src/domain/stats/outbound.js';
import { outboundExportTable } from '../../../src/domain/stats/outbound-export.js';
import { exportTableCsv } from '../../../src/domain/stats/export-table.js';

const H = 3_600_000;
const M = 60_000;
// 2026-12-01 00:00 China time.
const DAY = Date.UTC(2026, 10, 30, 16);
const TZ = 'Asia/Shanghai';

const row = (p: Partial<OutboundParcel> & Pick<OutboundParcel, 'waybill'>): OutboundParcel => ({
  carrier: 'SF',
  province: '浙江省',
  labelAt: DAY + 9 * H,
  handedOverAt: DAY + 10 * H,
  collectedAt: null,
  paidAt: null,
  deliveredAt: null,
  stuck: false,
  missedCutoff: false,
  ...p,
});

describe('outbound figures', () => {
  const rows = [
    row({ waybill: 'a', labelAt: DAY + 9 * H, collectedAt: DAY + 12 * H, paidAt: DAY, deliveredAt: DAY + 30 * H }),
    row({ waybill: 'b', labelAt: DAY + 8 * H, collectedAt: DAY + 11 * H, paidAt: DAY + H, deliveredAt: DAY + 49 * H }),
    row({ waybill: 'c', labelAt: DAY + 7 * H, stuck: true }),
    row({ waybill: 'd', carrier: 'ZTO', province: '广东省', labelAt: DAY + 9 * H + 30 * M, missedCutoff: true }),
    // Handed over the next day: another day group.
    row({ waybill: 'e', carrier: 'ZTO', labelAt: DAY + 20 * H, handedOverAt: DAY + 26 * H }),
  ];

  it('groups by carrier and day and takes nearest-rank percentiles', () => {
    const r = computeOutbound(rows, { from: DAY, to: DAY + 48 * H, timezone: TZ, groupings: [['carrier', 'day']] });
    const [sf, zto1, zto2] = r.groupings[0]!.groups;
    expect(sf!.key).toEqual({ carrier: 'SF', day: '2026-12-01' });
    // label→handover: 1 h, 2 h, 3 h → p50 2 h, p90 3 h.
    expect(sf!.figures).toMatchObject({
      parcels: 3,
      labelToHandoverP50Ms: 2 * H,
      labelToHandoverP90Ms: 3 * H,
      handoverToCollectedP50Ms: H,
      handoverToCollectedP90Ms: 2 * H,
      paidToDeliveredP50Ms: 30 * H,
      paidToDeliveredP90Ms: 48 * H,
      delivered: 2,
      stuck: 1,
      missedCutoffs: 0,
    });
    expect(sf!.figures.stuckRate).toBeCloseTo(1 / 3);
    expect(zto1!.key).toEqual({ carrier: 'ZTO', day: '2026-12-01' });
    expect(zto1!.figures).toMatchObject({ parcels: 1, labelToHandoverP50Ms: 30 * M, missedCutoffs: 1 });
    expect(zto2!.key.day).toBe('2026-12-02');
    expect(r.total).toMatchObject({ parcels: 5, stuck: 1, missedCutoffs: 1, delivered: 2 });
  });

  it('groups by province and leaves out parcels handed over outside the range', () => {
    const r = computeOutbound(rows, { from: DAY, to: DAY + 24 * H, timezone: TZ, groupings: [['province']] });
    expect(r.groupings[0]!.groups.map((g) => [g.key.province, g.figures.parcels])).toEqual([
      ['广东省', 1],
      ['浙江省', 3],
    ]);
  });

  it('exports the grouping as a CSV with Chinese headers', () => {
    const r = computeOutbound(rows, { from: DAY, to: DAY + 48 * H, timezone: TZ, groupings: [['carrier']] });
    const csv = exportTableCsv(outboundExportTable(r, 0, 'zh-CN'));
    const [header, sf] = csv.split('\r\n');
    expect(header!.startsWith('快递公司,交接包裹数,打单→交接 中位数（小时）')).toBe(true);
    expect(sf!.startsWith('SF,3,2.0,3.0,1.0,2.0,30.0,48.0,2,1,0.3333,0')).toBe(true);
  });

  it('judges cut-offs by the day the parcel was labelled', () => {
    expect(missedCutoff(DAY + 9 * H, DAY + 17 * H, '17:00', TZ)).toBe(false);
    expect(missedCutoff(DAY + 9 * H, DAY + 17 * H + 1, '17:00', TZ)).toBe(true);
    // Labelled after the cut-off: due by the next day's.
    expect(missedCutoff(DAY + 18 * H, DAY + 24 * H + 16 * H, '17:00', TZ)).toBe(false);
    expect(missedCutoff(DAY + 18 * H, DAY + 24 * H + 18 * H, '17:00', TZ)).toBe(true);
    expect(missedCutoff(DAY, DAY + 90 * H, undefined, TZ)).toBe(false);
  });
});
