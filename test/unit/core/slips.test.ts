// Packing slips (发货单): queued in the completing transaction, printed once on the slip printer,
// never twice after a crash between the print and its record.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../../src/main/core/store/migrations.js';
import { stationConfigSchema } from '../../../src/main/config/schema.js';
import { createStation, type Station } from '../../../src/main/core/station.js';
import { SimScale } from '../../../src/hardware/sim/scale.js';
import { SimPrinter } from '../../../src/hardware/sim/printer.js';
import { layoutSlip } from '../../../src/domain/slip/layout.js';
import { escposEncoder } from '../../../src/hardware/printer/encoders/escpos.js';
import { createPdfEncoder } from '../../../src/hardware/printer/encoders/pdf.js';
import type { SlipModel } from '../../../src/contract/slip.js';
import type { LabelPrinter } from '../../../src/hardware/types.js';
import { PrinterSimServer } from '../../../src/hardware/sim/printer-server.js';
import { createDeviceFactory } from '../../../src/hosts/station/devices.js';
import { slipConfig } from '../../../src/main/config/packing-extras.js';
import { waitFor } from '../../helpers/wait.js';
import { ManualClock } from '../../helpers/clock.js';
import { BARCODE, O, ORDERS, PACKERS, PRODUCTS, WAYBILLS } from '../../helpers/fixtures.js';

interface Desk {
  station: Station;
  db: Db;
  clock: ManualClock;
  scale: SimScale;
  close(): Promise<void>;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A station with slips on, its slip printer given (so a test can keep it across a "restart"). */
async function desk(
  file: string,
  slipPrinter: LabelPrinter,
  clock = new ManualClock(),
  language: 'escpos' | 'pdf' = 'escpos',
): Promise<Desk> {
  const config = stationConfigSchema.parse({
    station: { id: 'T1', name: '测试工位' },
    devices: { scale: { kind: 'sim', autoPlace: false } },
    packing: {
      slip: { enabled: true, paperWidthMm: 58, language },
      inserts: [{ id: 'CARD', title: '感谢卡', skus: ['SKU-TEE'] }],
    },
  });
  const db = openDatabase(file, stationMigrations);
  const scale = new SimScale(clock, { offsetG: 0, noiseG: 0, settleMs: 500, unstable: false, tickMs: 100 });
  const station = createStation({
    db,
    config,
    clock,
    devices: { scanner: null, scale, printer: new SimPrinter('tspl', () => clock.now()), slipPrinter },
  });
  if (db.prepare('SELECT 1 FROM products LIMIT 1').get() === undefined) {
    const s = station.services.stores;
    s.catalog.upsert(PRODUCTS);
    s.packers.upsert(PACKERS);
    s.orders.upsert(
      ORDERS.map((o) => (o.id === O.clean ? { ...o, notes: { buyer: '', merchant: '', gift: '生日快乐' } } : o)),
    );
    for (const [carrier, numbers] of Object.entries(WAYBILLS))
      if (numbers.length) s.pool.add(carrier, numbers, clock.now());
  }
  await station.start();
  return {
    station,
    db,
    clock,
    scale,
    async close() {
      await station.close();
      db.close();
    },
  };
}

async function packClean(d: Desk): Promise<void> {
  const scan = (c: string) => d.station.services.desk.scan(c, 'api');
  scan('BADGE-P01');
  scan(O.clean);
  scan(BARCODE.tshirt);
  scan(BARCODE.tshirt);
  scan(BARCODE.earbuds);
  scan('CMD-OK'); // the thank-you card
  d.scale.place(640);
  d.clock.advance(700);
  await d.station.services.printQueue.idle();
  await new Promise((r) => setImmediate(r));
  await d.station.services.slips?.queue.idle();
}

const slipRows = (db: Db) =>
  db.prepare('SELECT pack_id AS packId, status, error FROM slips').all() as { status: string }[];

describe('packing slips', () => {
  it('prints one slip when the pack completes, with the order, lines, notes, inserts and packer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-slip-'));
    dirs.push(dir);
    const printer = new SimPrinter('escpos', () => 0);
    const d = await desk(join(dir, 's.db'), printer);
    await packClean(d);
    expect(slipRows(d.db)).toEqual([{ packId: expect.any(String), status: 'printed', error: null }]);
    const jobs = printer.jobs();
    expect(jobs).toHaveLength(1);
    const texts = jobs[0]?.job.layout.elements.flatMap((e) => (e.type === 'text' ? [e.text] : [])) ?? [];
    expect(texts).toEqual(
      expect.arrayContaining([
        '发货单',
        `订单 ${O.clean}`,
        '收件人 林晓 18312342807',
        '纯棉T恤 白色 L ×2',
        '蓝牙耳机 ×1',
        '赠品/插页 感谢卡',
        '礼物留言 生日快乐',
        '打包员 张伟 (P01)',
      ]),
    );
    expect(jobs[0]?.job.id).toMatch(/^slip-/);
    await d.close();
  });

  it('does not print a slip twice after a crash between the print and its record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-slip-'));
    dirs.push(dir);
    const file = join(dir, 's.db');
    // One physical printer (its journal = the SimPrinter's memory of job ids) across two runs.
    const printer = new SimPrinter('escpos', () => 0);
    const clock = new ManualClock();
    const first = await desk(file, printer, clock);
    await packClean(first);
    // The crash: the slip went out but its row never said so.
    first.db.prepare("UPDATE slips SET status = 'queued', printed_at = NULL").run();
    await first.close();

    const second = await desk(file, printer, clock);
    await second.station.services.slips?.queue.idle();
    expect(slipRows(second.db).map((r) => r.status)).toEqual(['printed']);
    expect(printer.jobs()).toHaveLength(1);
    await second.close();
  });

  it('keeps a slip queued while the slip printer is out of paper and prints it when it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-slip-'));
    dirs.push(dir);
    const printer = new SimPrinter('escpos', () => 0, { paperOut: true });
    const d = await desk(join(dir, 's.db'), printer);
    await packClean(d);
    expect(slipRows(d.db).map((r) => r.status)).toEqual(['queued']);
    const row = () => d.station.services.snapshot().devices.find((x) => x.role === 'slip_printer');
    expect(row()).toMatchObject({ state: 'error', detail: 'paper_out' });
    printer.setPaperOut(false);
    await d.station.services.slips?.queue.idle();
    expect(slipRows(d.db).map((r) => r.status)).toEqual(['printed']);
    expect(printer.jobs()).toHaveLength(1);
    expect(row()?.state).toBe('ready');
    await d.close();
  });
});

describe('packing slips on a real ESC/POS link', () => {
  it('journals the slip in slip-journal.txt, so a restart after an unrecorded print sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-slip-'));
    dirs.push(dir);
    const server = new PrinterSimServer({ language: 'escpos', port: 0 });
    const port = await server.listen();
    try {
      const clock = new ManualClock();
      const factory = createDeviceFactory(clock, { dataDir: dir });
      const cfg = slipConfig.parse({ enabled: true, interface: `tcp://127.0.0.1:${port}`, paperWidthMm: 58 });
      const slipPrinter = factory.slipPrinter?.(cfg);
      if (!slipPrinter) throw new Error('no slip printer from the factory');
      const first = await desk(join(dir, 's.db'), slipPrinter, clock);
      await packClean(first);
      await waitFor(() => slipRows(first.db)[0]?.status === 'printed', 10_000, 'slip printed');
      expect(server.jobs()).toHaveLength(1);
      expect(readFileSync(join(dir, 'slip-journal.txt'), 'utf8')).toMatch(/^intent slip-\S+\ndone slip-\S+\n$/);
      first.db.prepare("UPDATE slips SET status = 'queued', printed_at = NULL").run();
      await first.close();

      const again = factory.slipPrinter?.(cfg);
      if (!again) throw new Error('no slip printer from the factory');
      const second = await desk(join(dir, 's.db'), again, clock);
      await waitFor(() => slipRows(second.db)[0]?.status === 'printed', 10_000, 'slip recorded');
      expect(server.jobs()).toHaveLength(1);
      await second.close();
    } finally {
      await server.close();
    }
  });
});

describe('layoutSlip', () => {
  const model: SlipModel = {
    packId: 'PK1',
    orderId: '3710542960130516992',
    title: '发货单',
    station: { id: 'S1', name: '一号台' },
    recipient: {
      name: '林**',
      phone: '183****2807',
      address: '新疆维吾尔自治区乌鲁木齐市天山区解放南路一号院三号楼二单元',
    },
    lines: [{ sku: 'SKU-TEE', title: '纯棉T恤 白色 L 加长款 男女同款 夏季新品', qty: 2 }],
    notes: { buyer: '请不要放发票', merchant: '', gift: '' },
    inserts: [],
    packer: null,
    parcels: 1,
    packedAt: 0,
    dateText: '2026-11-25 09:00',
  };

  it('wraps every row inside the printable width of 58 and 80 mm paper', () => {
    for (const paper of [58, 80] as const) {
      const layout = layoutSlip(model, paper);
      expect(layout.widthMm).toBe(paper === 58 ? 48 : 72);
      for (const e of layout.elements) {
        if (e.type !== 'text') continue;
        // CJK glyphs are as wide as they are tall, ASCII half that.
        const width = [...e.text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? e.size : e.size / 2), 0);
        expect(width, e.text).toBeLessThanOrEqual(layout.widthMm + 0.01);
      }
      expect(layout.elements.some((e) => e.type === 'code128' && e.text === model.orderId)).toBe(true);
    }
  });

  it('encodes to ESC/POS bytes that enter Chinese mode (FS &)', () => {
    const bytes = escposEncoder.encode(layoutSlip(model, 58), {
      dpi: 203,
      offsetXmm: 0,
      offsetYmm: 0,
      density: 10,
      media: { kind: 'continuous', sizeMm: 0, offsetMm: 0 },
      copies: 1,
      paperWidthMm: 58,
    });
    const hex = Buffer.from(bytes).toString('hex');
    expect(hex).toContain('1c26');
    expect(bytes.length).toBeGreaterThan(100);
  });
});

describe('packing slips on an A4 office printer (PDF)', () => {
  const model: SlipModel = {
    packId: 'PK2',
    orderId: '3710542960130516993',
    title: '发货单',
    station: { id: 'S1', name: '一号台' },
    recipient: { name: '林晓', phone: '18312342807', address: '浙江省杭州市西湖区文三路88号' },
    lines: [{ sku: 'SKU-TEE', title: '纯棉T恤 白色 L', qty: 2 }],
    notes: null,
    inserts: [],
    packer: { id: 'P01', name: '张伟' },
    parcels: 1,
    packedAt: 0,
    dateText: '2026-11-25 09:00',
  };
  const options = {
    dpi: 203 as const,
    offsetXmm: 0,
    offsetYmm: 0,
    density: 10,
    media: { kind: 'continuous' as const, sizeMm: 0, offsetMm: 0 },
    copies: 1,
  };
  const pages = (pdf: string) => pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;

  it('lays the slip out 180 mm wide and draws it on A4 pages, continuing on a second page when long', () => {
    const layout = layoutSlip(model, 'a4');
    expect(layout.widthMm).toBe(180);
    const one = Buffer.from(createPdfEncoder().encode(layout, options)).toString('latin1');
    expect(one.startsWith('%PDF-')).toBe(true);
    expect(pages(one)).toBe(1);
    // A4 in points (595.28 × 841.89), as Skia writes it.
    expect(one).toMatch(/\/MediaBox\s*\[0 0 595(\.\d+)? 84[12](\.\d+)?\]/);

    const long = {
      ...model,
      lines: Array.from({ length: 30 }, (_, i) => ({ sku: `SKU-${i}`, title: `商品 ${i}`, qty: 1 })),
    };
    const two = Buffer.from(createPdfEncoder().encode(layoutSlip(long, 'a4'), options)).toString('latin1');
    expect(pages(two)).toBe(2);
  });

  it('sends one PDF job to the printer port for a completed pack, journaled like a receipt slip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-slip-pdf-'));
    dirs.push(dir);
    const received: Buffer[] = [];
    const server = createServer((socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    try {
      const clock = new ManualClock();
      const factory = createDeviceFactory(clock, { dataDir: dir });
      const cfg = slipConfig.parse({ enabled: true, language: 'pdf', interface: `tcp://127.0.0.1:${port}` });
      const slipPrinter = factory.slipPrinter?.(cfg);
      if (!slipPrinter) throw new Error('no slip printer from the factory');
      const d = await desk(join(dir, 's.db'), slipPrinter, clock, 'pdf');
      await packClean(d);
      await waitFor(() => slipRows(d.db)[0]?.status === 'printed', 10_000, 'slip printed');
      await waitFor(() => Buffer.concat(received).toString('latin1').includes('%%EOF'), 10_000, 'the PDF arrived');
      const pdf = Buffer.concat(received).toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      expect(pages(pdf)).toBe(1);
      expect(readFileSync(join(dir, 'slip-journal.txt'), 'utf8')).toMatch(/^intent slip-\S+\ndone slip-\S+\n$/);
      await d.close();
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });

  it('refuses a slip language it does not know, naming the field', () => {
    const r = slipConfig.safeParse({ enabled: true, language: 'ps' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['language']);
  });
});
