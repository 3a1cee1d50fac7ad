// supervisor.export at a desk without a hub: the desk writes the spreadsheet itself from its own log.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';

let t: TestStation;
beforeEach(async () => {
  t = await makeStation();
  t.scan('BADGE-P01');
  t.scan(O.clean);
  t.scan(BARCODE.tshirt);
});
afterEach(async () => {
  await t.close();
});

describe('supervisor.export (local)', () => {
  it('writes an XLSX with Chinese headers and the packer name beside the id', async () => {
    const now = t.station.services.clock.now();
    const r = await t.station.core.call('supervisor.export', {
      from: now - 3_600_000,
      to: now + 1,
      by: 'packer',
      format: 'xlsx',
      lang: 'zh-CN',
    });
    expect(r.filename).toMatch(/^packdesk-packer-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['打包员工号', '打包员姓名', '订单数']);
    const row = (ws?.getRow(2).values as unknown[]).slice(1);
    expect(row[0]).toBe('P01');
    expect(typeof row[1]).toBe('string');
    expect(row[1]).not.toBe('P01');
  });

  it('writes CSV in English with a byte-order mark', async () => {
    const now = t.station.services.clock.now();
    const r = await t.station.core.call('supervisor.export', {
      from: now - 3_600_000,
      to: now + 1,
      by: 'station',
      format: 'csv',
      lang: 'en',
    });
    const text = Buffer.from(r.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFStation ID,Station,Orders,Units,')).toBe(true);
  });
});
