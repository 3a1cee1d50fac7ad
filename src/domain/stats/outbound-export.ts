// The outbound figures as the spreadsheet table (CSV/XLSX through export-table.ts): one grouping,
// headers in the chosen language, durations in hours, rates as fractions shown as %.
import type { OutboundDimension, OutboundFigures, OutboundStats } from '../../contract/tracking.js';
import type { ColumnKind, ExportLang, ExportTable } from './export-table.js';

type Header = Record<ExportLang, string>;

const KEYS: Record<OutboundDimension, Header> = {
  carrier: { 'zh-CN': '快递公司', en: 'Carrier' },
  day: { 'zh-CN': '交接日期', en: 'Handover date' },
  province: { 'zh-CN': '省份', en: 'Province' },
};

const HOUR = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : ms / HOUR);

const COLUMNS: { header: Header; kind: ColumnKind; value: (f: OutboundFigures) => number | null }[] = [
  { header: { 'zh-CN': '交接包裹数', en: 'Parcels handed over' }, kind: 'int', value: (f) => f.parcels },
  {
    header: { 'zh-CN': '打单→交接 中位数（小时）', en: 'Label → handover median (h)' },
    kind: 'dec1',
    value: (f) => hours(f.labelToHandoverP50Ms),
  },
  {
    header: { 'zh-CN': '打单→交接 P90（小时）', en: 'Label → handover p90 (h)' },
    kind: 'dec1',
    value: (f) => hours(f.labelToHandoverP90Ms),
  },
  {
    header: { 'zh-CN': '交接→揽收 中位数（小时）', en: 'Handover → collected median (h)' },
    kind: 'dec1',
    value: (f) => hours(f.handoverToCollectedP50Ms),
  },
  {
    header: { 'zh-CN': '交接→揽收 P90（小时）', en: 'Handover → collected p90 (h)' },
    kind: 'dec1',
    value: (f) => hours(f.handoverToCollectedP90Ms),
  },
  {
    header: { 'zh-CN': '付款→签收 中位数（小时）', en: 'Paid → delivered median (h)' },
    kind: 'dec1',
    value: (f) => hours(f.paidToDeliveredP50Ms),
  },
  {
    header: { 'zh-CN': '付款→签收 P90（小时）', en: 'Paid → delivered p90 (h)' },
    kind: 'dec1',
    value: (f) => hours(f.paidToDeliveredP90Ms),
  },
  { header: { 'zh-CN': '已签收', en: 'Delivered' }, kind: 'int', value: (f) => f.delivered },
  { header: { 'zh-CN': '异常滞留', en: 'Stuck' }, kind: 'int', value: (f) => f.stuck },
  { header: { 'zh-CN': '滞留率', en: 'Stuck rate' }, kind: 'percent', value: (f) => f.stuckRate },
  { header: { 'zh-CN': '错过揽收截止', en: 'Missed cut-offs' }, kind: 'int', value: (f) => f.missedCutoffs },
];

export function outboundExportTable(result: OutboundStats, groupingIndex: number, lang: ExportLang): ExportTable {
  const grouping = result.groupings[groupingIndex];
  if (!grouping) throw new RangeError(`no grouping ${groupingIndex}: the result has ${result.groupings.length}`);
  return {
    headers: [...grouping.by.map((d) => KEYS[d][lang]), ...COLUMNS.map((c) => c.header[lang])],
    kinds: [...grouping.by.map((): ColumnKind => 'text'), ...COLUMNS.map((c) => c.kind)],
    rows: grouping.groups.map((g) => [
      ...grouping.by.map((d) => g.key[d] ?? ''),
      ...COLUMNS.map((c) => c.value(g.figures)),
    ]),
  };
}
