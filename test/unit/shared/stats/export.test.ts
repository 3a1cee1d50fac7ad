// The spreadsheet export (issue 12 §6): headers in the UI's language, minutes and yuan, names beside
// ids, rates held back below the minimum active time, formula injection neutralised — and an XLSX a
// spreadsheet library (exceljs) reads back with its Chinese headers.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../../../../src/base/node/xlsx.js';
import { computeStats, withMinActive } from '../../../../src/domain/stats/compute.js';
import { exportTable, exportTableCsv, xlsxSheet } from '../../../../src/domain/stats/export-table.js';
import { buildSupervisorView } from '../../../../src/domain/stats/supervisor.js';
import { ev, MIN, q, scan, t } from './log.js';

// P1 at station A packs two orders in two minutes: 40 units → "1200 units/h" if nothing held it back.
const short = [
  scan(t('09:00'), 'item_ok', 20),
  ev('pack.completed', t('09:01'), { packId: 'K1', units: 20 }),
  scan(t('09:01:30'), 'item_ok', 20),
  scan(t('09:01:40'), 'wrong_item'),
  ev('pack.completed', t('09:02'), { packId: 'K2', units: 20 }),
  ev('parcel.packed', t('09:02'), { parcelId: 'K2-1', packId: 'K2', costFen: 1234, valueFen: 10_000 }),
];
const names = { stations: { A: '一号台' }, packers: { P1: '=HYPERLINK("x")' } };

describe('minimum active time before rates show', () => {
  const f = computeStats(short, q()).total;

  it('holds back per-hour rates below the minimum and keeps the counts', () => {
    expect(f.activeMs).toBe(2 * MIN);
    expect(f.unitsPerActiveHour).toBe(1200);
    const held = withMinActive(f, 15 * MIN);
    expect(held.unitsPerActiveHour).toBeNull();
    expect(held.ordersPerActiveHour).toBeNull();
    expect(held.units).toBe(40);
    expect(withMinActive(f, 2 * MIN).unitsPerActiveHour).toBe(1200);
    expect(withMinActive(f, 0)).toBe(f);
  });

  it('the supervisor view shows no rate after two minutes and says which minimum it used', () => {
    const view = buildSupervisorView({
      scope: 'station',
      now: t('09:03'),
      from: t('00:00'),
      to: t('09:03'),
      timezone: 'UTC',
      shifts: [],
      idleGapMs: 5 * MIN,
      events: short,
      layouts: [],
      handovers: [],
      stations: [{ id: 'A', name: '一号台', layout: 'u_shaped', lastSeenAt: null, report: null, packerId: 'P1' }],
      packerNames: {},
      exceptions: [],
      thresholds: { offlineMinutes: 5, errorRate: 0.02, labelPending: 10 },
      minActiveMs: 15 * MIN,
    });
    expect(view.minActiveMinutes).toBe(15);
    expect(view.total.unitsPerActiveHour).toBeNull();
    expect(view.tiles[0]?.unitsPerHourToday).toBeNull();
    expect(view.tiles[0]?.activeMsToday).toBe(2 * MIN);
    expect(view.packers[0]?.figures.unitsPerActiveHour).toBeNull();
    expect(view.total.units).toBe(40);
  });
});

describe('export table', () => {
  const result = computeStats(short, q({ groupings: [['packer'], ['station']] }));

  it('has Chinese headers with names beside ids, minutes and yuan', () => {
    const table = exportTable(result, 1, { lang: 'zh-CN', names, minActiveMs: 15 * MIN });
    expect(table.headers.slice(0, 4)).toEqual(['工位编号', '工位名称', '订单数', '件数']);
    expect(table.headers).toContain('在岗时长（分钟）');
    expect(table.headers).toContain('运费（元）');
    expect(table.headers).toContain('误读（扫码枪）');
    const row = table.rows[0] ?? [];
    const col = (h: string) => row[table.headers.indexOf(h)];
    expect(col('工位名称')).toBe('一号台');
    expect(col('在岗时长（分钟）')).toBe(2);
    expect(col('运费（元）')).toBe(12.34);
    expect(col('件/在岗小时')).toBeNull(); // two minutes: held back
    expect(col('扫错率')).toBe(1 / 40);
  });

  it('has English headers when the UI is English', () => {
    const table = exportTable(result, 0, { lang: 'en', names, minActiveMs: 0 });
    expect(table.headers.slice(0, 3)).toEqual(['Packer ID', 'Packer', 'Orders']);
    expect(table.rows[0]?.[table.headers.indexOf('Units per active hour')]).toBe(1200);
  });

  it('writes CSV with fixed decimals and neutralises formula-looking names', () => {
    const csv = exportTableCsv(exportTable(result, 0, { lang: 'zh-CN', names, minActiveMs: 15 * MIN }));
    const [header, row] = csv.split('\r\n');
    expect(header?.startsWith('打包员工号,打包员姓名,订单数,件数')).toBe(true);
    // The name starts with "=": quoted text prefixed with ' so no spreadsheet runs it.
    expect(row?.startsWith(`P1,"'=HYPERLINK(""x"")",2,40,`)).toBe(true);
    expect(row).toContain(',0.0250,'); // the error rate as a fraction with 4 decimals
    expect(row).toContain(',12.34,'); // yuan with 2 decimals
  });

  it('writes an XLSX exceljs reads back: Chinese headers, numbers as numbers with formats, safe text', async () => {
    const table = exportTable(result, 0, { lang: 'zh-CN', names, minActiveMs: 15 * MIN });
    const buf = await writeXlsx(xlsxSheet(table, 'packdesk-packer'));
    expect([...buf.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a ZIP, as every .xlsx is
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('packdesk-packer');
    expect(ws).toBeDefined();
    const header = (ws?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['打包员工号', '打包员姓名', '订单数', '件数']);
    expect(header).toContain('运费（元）');
    const row = ws?.getRow(2);
    const cell = (h: string) => row?.getCell(header.indexOf(h) + 1);
    expect(cell('打包员姓名')?.value).toBe(`'=HYPERLINK("x")`);
    expect(cell('件数')?.value).toBe(40);
    expect(cell('运费（元）')?.value).toBe(12.34);
    expect(cell('运费（元）')?.numFmt).toBe('0.00');
    expect(cell('扫错率')?.value).toBe(0.025);
    expect(cell('扫错率')?.numFmt).toBe('0.00%');
    expect(cell('件/在岗小时')?.value ?? null).toBeNull();
  });
});
