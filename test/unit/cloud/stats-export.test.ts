// GET /v1/stats/export (issue 12 §6): the spreadsheet export served by the hub — XLSX by default with
// Chinese headers (read back with exceljs), English on lang=en, CSV with a byte-order mark, the same
// table as JSON for a desk, and the stats API's own authentication and precise 400s.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../helpers/hub.js';

let t: TestHub;
let token: string;
beforeEach(async () => {
  t = await startTestHub();
  token = await t.addStation('S1');
});
afterEach(async () => {
  await t.close();
});

const get = (path: string, auth: string | null = token) =>
  fetch(`${t.hub.url}${path}`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });

describe('GET /v1/stats/export', () => {
  it('serves XLSX with Chinese headers by default', async () => {
    const res = await get('/v1/stats/export?by=packer');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('packdesk-packer.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const header = (wb.worksheets[0]?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['打包员工号', '打包员姓名', '订单数', '件数']);
    expect(header).toContain('运费（元）');
  });

  it('serves CSV in English on lang=en, and the table as JSON on format=table', async () => {
    const csv = await get('/v1/stats/export?format=csv&lang=en&by=station');
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.subarray(3)).split('\r\n')[0]).toMatch(/^Station ID,Station,Orders,Units,/);
    const table = (await (await get('/v1/stats/export?format=table&by=layout')).json()) as { headers: string[] };
    expect(table.headers[0]).toBe('布局');
  });

  it('refuses a stranger and names the bad field', async () => {
    expect((await get('/v1/stats/export', null)).status).toBe(401);
    const bad = await get('/v1/stats/export?format=pdf');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^format: expected xlsx, csv or table/);
    const lang = await get('/v1/stats/export?lang=fr');
    expect(((await lang.json()) as { message: string }).message).toMatch(/^lang: expected zh-CN or en/);
  });
});
