// Writes one worksheet as an .xlsx workbook with exceljs (a runtime dependency: the hub serves XLSX
// exports and a desk without a hub writes its own). Numbers stay numbers with a display format so a
// supervisor can sum and chart them. Cells arrive ready: neutralising text is the caller's
// (domain/stats/export-table.ts xlsxSheet, the same rule as the CSV's). exceljs is loaded on the
// first export, not with the hub: its module graph is tens of MB of heap a hub that never exports
// would carry all day.

export interface XlsxSheet {
  name: string;
  headers: string[];
  /** Excel number format per column ('0.0', '0.00%'…); undefined for text. */
  numFmts: (string | undefined)[];
  rows: (string | number | null)[][];
}

export async function writeXlsx(sheet: XlsxSheet): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Packdesk';
  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  const ws = wb.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = sheet.headers.map((h, i) => {
    // CJK characters are about twice as wide as Latin ones in a spreadsheet column.
    const width = Math.min(
      40,
      Math.max(
        10,
        [...h].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 2),
      ),
    );
    const numFmt = sheet.numFmts[i];
    return { header: h, key: `c${i}`, width, ...(numFmt ? { style: { numFmt } } : {}) };
  });
  ws.getRow(1).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
