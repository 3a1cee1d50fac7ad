import { describe, expect, it } from 'vitest';
import { matchWaybill, normalizeScan, readWaybill } from '../../../../src/domain/barcode/index.js';

const NOW = new Date(2026, 5, 15);
const read = (raw: string) => readWaybill(normalizeScan(raw, NOW));

describe('matchWaybill', () => {
  it('names the carrier of each waybill shape', () => {
    const cases: [string, string][] = [
      ['SF1000000000001', 'SF'],
      ['SF140123456789', 'SF'],
      ['JDVA00012345678', 'JD'],
      ['JDV000696998332', 'JD'],
      ['YT1000000000001', 'YTO'],
      ['JT0001234567890', 'JTSD'],
      ['DPK364012345678', 'DBKD'],
      ['EA123456789CN', 'EMS'],
      ['710000000001', 'ZTO'],
      ['73100000000012', 'ZTO'],
      ['7700000000012', 'STO'],
      ['400000000000001', 'YUNDA'],
    ];
    for (const [code, carrier] of cases) expect([code, matchWaybill(code)?.carriers[0]]).toEqual([code, carrier]);
    // Lower case from a wedge with Caps Lock on still matches; the waybill is upper-cased.
    expect(matchWaybill('sf1000000000001')?.waybill).toBe('SF1000000000001');
  });

  it('reads a JD package code as its waybill and the package number', () => {
    expect(matchWaybill('JDVA00012345678-1-2-')).toEqual({
      carriers: ['JD'],
      waybill: 'JDVA00012345678',
      package: { no: 1, of: 2 },
    });
    expect(matchWaybill('JDVA00012345678-2-2')?.package).toEqual({ no: 2, of: 2 });
    expect(matchWaybill('JDVA00012345678-3-2-')).toBeNull();
  });

  it('matches nothing for SKUs, order ids and command codes', () => {
    for (const code of ['SKU-APP-0042', '3710542960130516992', 'CMD-ACK', 'SF12', 'JD123', '']) {
      expect([code, matchWaybill(code)]).toEqual([code, null]);
    }
  });
});

describe('readWaybill', () => {
  it('keeps a product GTIN from being taken for an all-digit waybill', () => {
    // 4006381333931 is a valid EAN-13 and also Yunda-shaped (13 digits from 1–5).
    expect(matchWaybill('4006381333931')?.carriers).toContain('YUNDA');
    expect(read('4006381333931')).toBeNull();
    expect(read(']E04006381333931')).toBeNull();
    // Under ]C0 (Code 128, what carrier labels use) it is the carrier's.
    expect(read(']C04006381333931')?.carriers).toContain('YUNDA');
    // A 12-digit ZTO number whose last digit fails the GTIN check is a waybill, not a bad check digit.
    const zto = normalizeScan('710000000001', NOW);
    expect(zto.gtin14).toBeNull();
    expect(readWaybill(zto)?.carriers).toEqual(['ZTO']);
  });

  it('reads letter-led waybills and package codes whatever the scanner sends', () => {
    expect(read('SF1000000000001\r')?.carriers).toEqual(['SF']);
    expect(read(']C0JDVA00012345678-1-1-')?.waybill).toBe('JDVA00012345678');
    expect(read('(01)06901234567892')).toBeNull();
  });
});
