// The statistics export people open in a spreadsheet (issue 12 §6): one grouping as a table with
// headers in the UI's language, durations in minutes, money in yuan, percentages as fractions the
// spreadsheet formats, and names beside ids. The hub serves it as XLSX or CSV (GET /v1/stats/export)
// and a desk writes the same table (src/base/node/xlsx.ts) from the hub's answer or its own log.
// The raw CSV (statsToCsv, /v1/stats.csv) stays as it was for scripts that read field names.
import type { Figures, StatsDimension, StatsResult } from '../../contract/stats.js';
import { csvTextCell, formulaSafe } from '../csv-cell.js';
import { withMinActive } from './figures.js';

export const EXPORT_LANGS = ['zh-CN', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

/** How a column's values are written: text, whole numbers, one decimal (minutes, rates), yuan, a fraction shown as %. */
export type ColumnKind = 'text' | 'int' | 'dec1' | 'yuan' | 'percent';

export interface ExportTable {
  headers: string[];
  kinds: ColumnKind[];
  rows: (string | number | null)[][];
}

export interface ExportNames {
  stations: Record<string, string>;
  packers: Record<string, string>;
}

type Header = Record<ExportLang, string>;

const KEY_COLUMNS: Record<StatsDimension, { id: Header; name?: Header }> = {
  station: { id: { 'zh-CN': '工位编号', en: 'Station ID' }, name: { 'zh-CN': '工位名称', en: 'Station' } },
  packer: { id: { 'zh-CN': '打包员工号', en: 'Packer ID' }, name: { 'zh-CN': '打包员姓名', en: 'Packer' } },
  hour: { id: { 'zh-CN': '小时', en: 'Hour' } },
  day: { id: { 'zh-CN': '日期', en: 'Date' } },
  layout: { id: { 'zh-CN': '布局', en: 'Layout' } },
};

const LAYOUT_NAMES: Record<string, Header> = {
  u_shaped: { 'zh-CN': 'U 形线', en: 'U-shaped' },
  straight: { 'zh-CN': '直线', en: 'Straight' },
  island: { 'zh-CN': '岛式', en: 'Island' },
};

const MIN = 60_000;
const minutes = (ms: number | null) => (ms === null ? null : ms / MIN);
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

interface Column {
  header: Header;
  kind: ColumnKind;
  value: (f: Figures) => number | null;
}

// The order people read a day's work in: volume, time, pace, quality, exceptions, cost, outbound.
const COLUMNS: Column[] = [
  { header: { 'zh-CN': '订单数', en: 'Orders' }, kind: 'int', value: (f) => f.orders },
  { header: { 'zh-CN': '件数', en: 'Units' }, kind: 'int', value: (f) => f.units },
  { header: { 'zh-CN': '包裹数', en: 'Parcels' }, kind: 'int', value: (f) => f.parcels },
  { header: { 'zh-CN': '在岗时长（分钟）', en: 'Active time (min)' }, kind: 'dec1', value: (f) => minutes(f.activeMs) },
  { header: { 'zh-CN': '班次时长（分钟）', en: 'Shift time (min)' }, kind: 'dec1', value: (f) => minutes(f.shiftMs) },
  { header: { 'zh-CN': '件/在岗小时', en: 'Units per active hour' }, kind: 'dec1', value: (f) => f.unitsPerActiveHour },
  {
    header: { 'zh-CN': '单/在岗小时', en: 'Orders per active hour' },
    kind: 'dec1',
    value: (f) => f.ordersPerActiveHour,
  },
  { header: { 'zh-CN': '件/班次小时', en: 'Units per shift hour' }, kind: 'dec1', value: (f) => f.unitsPerShiftHour },
  {
    header: { 'zh-CN': '单均用时中位数（分钟）', en: 'Pack time median (min)' },
    kind: 'dec1',
    value: (f) => minutes(f.packTimeP50Ms),
  },
  {
    header: { 'zh-CN': '单均用时 P90（分钟）', en: 'Pack time p90 (min)' },
    kind: 'dec1',
    value: (f) => minutes(f.packTimeP90Ms),
  },
  { header: { 'zh-CN': '空闲次数', en: 'Idle gaps' }, kind: 'int', value: (f) => f.idleGaps },
  { header: { 'zh-CN': '空闲时长（分钟）', en: 'Idle time (min)' }, kind: 'dec1', value: (f) => minutes(f.idleMs) },
  { header: { 'zh-CN': '验货件数', en: 'Units scanned' }, kind: 'int', value: (f) => f.scannedUnits },
  { header: { 'zh-CN': '扫错次数', en: 'Scan errors' }, kind: 'int', value: (f) => f.scanErrors },
  { header: { 'zh-CN': '扫错商品', en: 'Wrong items' }, kind: 'int', value: (f) => f.wrongItems },
  { header: { 'zh-CN': '未知条码', en: 'Unknown codes' }, kind: 'int', value: (f) => f.unknownCodes },
  { header: { 'zh-CN': '多扫', en: 'Over-scans' }, kind: 'int', value: (f) => f.overScans },
  { header: { 'zh-CN': '扫错率', en: 'Scan error rate' }, kind: 'percent', value: (f) => f.errorRate },
  { header: { 'zh-CN': '误读（扫码枪）', en: 'Misreads (scanner)' }, kind: 'int', value: (f) => f.misreads ?? 0 },
  { header: { 'zh-CN': '称重异常', en: 'Weight exceptions' }, kind: 'int', value: (f) => f.weightExceptions },
  { header: { 'zh-CN': '主管放行', en: 'Supervisor overrides' }, kind: 'int', value: (f) => f.overrides },
  { header: { 'zh-CN': '拦截', en: 'Interceptions' }, kind: 'int', value: (f) => f.interceptions },
  { header: { 'zh-CN': '补打面单', en: 'Reprints' }, kind: 'int', value: (f) => f.reprints },
  { header: { 'zh-CN': '待分配面单', en: 'Labels waiting for a waybill' }, kind: 'int', value: (f) => f.labelPending },
  { header: { 'zh-CN': '运费（元）', en: 'Shipping cost (CNY)' }, kind: 'yuan', value: (f) => yuan(f.costFen) },
  {
    header: { 'zh-CN': '每包裹运费（元）', en: 'Cost per parcel (CNY)' },
    kind: 'yuan',
    value: (f) => yuan(f.costPerParcelFen),
  },
  { header: { 'zh-CN': '运费占货值', en: 'Cost share of value' }, kind: 'percent', value: (f) => f.costShare },
  {
    header: { 'zh-CN': '付款到打包中位数（分钟）', en: 'Paid to packed median (min)' },
    kind: 'dec1',
    value: (f) => minutes(f.paidToPackedP50Ms),
  },
  {
    header: { 'zh-CN': '打包到交接中位数（分钟）', en: 'Packed to handover median (min)' },
    kind: 'dec1',
    value: (f) => minutes(f.packedToHandoverP50Ms),
  },
];

/**
 * Grouping `groupingIndex` of `result` as a table. Rates per hour below `minActiveMs` of active time
 * are left empty like on screen (no "1040 件/h" after two minutes).
 */
export function exportTable(
  result: StatsResult,
  groupingIndex: number,
  opts: { lang: ExportLang; names: ExportNames; minActiveMs: number },
): ExportTable {
  const grouping = result.groupings[groupingIndex];
  if (!grouping) throw new RangeError(`no grouping ${groupingIndex}: the result has ${result.groupings.length}`);
  const { lang, names } = opts;
  const headers: string[] = [];
  const kinds: ColumnKind[] = [];
  for (const d of grouping.by) {
    const k = KEY_COLUMNS[d];
    headers.push(k.id[lang]);
    kinds.push('text');
    if (k.name) {
      headers.push(k.name[lang]);
      kinds.push('text');
    }
  }
  for (const c of COLUMNS) {
    headers.push(c.header[lang]);
    kinds.push(c.kind);
  }
  const rows = grouping.groups.map((g) => {
    const keys: string[] = [];
    for (const d of grouping.by) {
      const v = g.key[d] ?? '';
      if (d === 'layout') keys.push(LAYOUT_NAMES[v]?.[lang] ?? v);
      else keys.push(v);
      if (d === 'station') keys.push(names.stations[v] ?? v);
      if (d === 'packer') keys.push(names.packers[v] ?? v);
    }
    const f = withMinActive(g.figures, opts.minActiveMs);
    return [...keys, ...COLUMNS.map((c) => c.value(f))];
  });
  return { headers, kinds, rows };
}

function csvNumber(v: number, kind: ColumnKind): string {
  // Plain digits (no grouping, no exponent) so every spreadsheet locale reads them the same.
  if (kind === 'int') return String(Math.round(v));
  if (kind === 'yuan') return v.toFixed(2);
  if (kind === 'percent') return v.toFixed(4);
  return v.toFixed(1);
}

/** The table as RFC 4180 CSV; text cells neutralised against formula injection (csv-cell.ts). */
export function exportTableCsv(table: ExportTable): string {
  const lines = [table.headers.map(csvTextCell).join(',')];
  for (const row of table.rows) {
    lines.push(
      row
        .map((v, i) => {
          const kind = table.kinds[i] ?? 'text';
          if (v === null) return '';
          if (typeof v === 'number') return kind === 'text' ? csvTextCell(String(v)) : csvNumber(v, kind);
          return csvTextCell(v);
        })
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  int: '0',
  dec1: '0.0',
  yuan: '0.00',
  percent: '0.00%',
};

/** The table as one XLSX worksheet (src/base/node/xlsx.ts writes it); text cells neutralised like the CSV's. */
export function xlsxSheet(
  table: ExportTable,
  name: string,
): { name: string; headers: string[]; numFmts: (string | undefined)[]; rows: (string | number | null)[][] } {
  const isText = (i: number) => (table.kinds[i] ?? 'text') === 'text';
  return {
    name,
    headers: table.headers.map(formulaSafe),
    numFmts: table.kinds.map((k) => NUM_FMT[k]),
    rows: table.rows.map((row) => row.map((v, i) => (typeof v === 'string' && isText(i) ? formulaSafe(v) : v))),
  };
}
