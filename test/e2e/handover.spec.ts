// Courier handover (交接) in a real browser, by scanner only: HND-START, the courier's badge, one of
// the two parcels packed today, HND-CLOSE. The 交接单 comes out of the slip printer (a TCP printer
// simulator) as ESC/POS that the grammar reader accepts, listing the waybill and the batch id as a
// QR code; the screen lists the other parcel as missing.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../src/main/core/store/migrations.js';
import { createStores } from '../../src/main/core/station.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import type { Order, Product } from '../../src/contract/entities.js';
import { PrinterSimServer } from '../../src/hardware/sim/printer-server.js';
import { connect, startStationProcess, writeConfig, type StationProcess, type WsClient } from '../helpers/process.js';
import { seedStationDb } from '../helpers/seed.js';
import { parseEscpos } from '../helpers/escpos-grammar.js';
import { until } from '../helpers/wait.js';
import { wedgeScan } from './wedge.js';

const SEED = 5151;
const STATION = 'E2E-HANDOVER';
const COURIER = 'ZTO-KD-0381';
let dir: string;
let station: StationProcess;
let ws: WsClient;
let printer: PrinterSimServer;
const catalog = generateCatalog(SEED);
// Two general goods: routed to the same carrier (packing.carriers.byCategory.general).
const general: Product[] = catalog.products.filter(
  (p) => p.components.length === 0 && p.barcodes.length > 0 && p.category === 'general',
);

function order(id: string, p: Product): Order {
  return {
    id,
    channel: 'live_room',
    status: 'open',
    pickSlip: null,
    recipientName: '王小明',
    recipientPhone: '13900001111',
    address: { province: '浙江省', city: '杭州市', district: '余杭区', detail: '文一西路 969 号' },
    remark: '',
    flags: [],
    holdReason: null,
    valueFen: 1000,
    paidAt: Date.now() - 60_000,
    updatedAt: Date.now() - 60_000,
    lines: [{ lineNo: 1, productId: p.id, sku: p.sku, title: p.title, qty: 1, priceFen: 1000 }],
  };
}
const ORDERS = [order('3729100000000000001', general[0]!), order('3729100000000000002', general[1]!)];

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'packdesk-handover-'));
  printer = new PrinterSimServer({ language: 'escpos', port: 0 });
  const port = await printer.listen();
  const config = writeConfig(dir, {
    station: { id: STATION, name: '交接工位', layout: 'u_shaped' },
    devices: { scale: { kind: 'sim', autoPlace: true, settleMs: 300, placeDelayMs: 200 } },
    packing: { slip: { interface: `tcp://127.0.0.1:${port}`, paperWidthMm: 80 } },
    handover: { couriers: { [COURIER]: 'ZTO' }, printer: 'slip' },
  });
  seedStationDb(dir, STATION, { seed: SEED, orders: 0, waybillsPerCarrier: 20 });
  const db = openDatabase(join(dir, `station-${STATION}.db`), stationMigrations);
  try {
    createStores(db, STATION, () => Date.now()).orders.upsert(ORDERS);
  } finally {
    db.close();
  }
  station = await startStationProcess({ config, data: dir });
  ws = await connect(station.url);
});

test.afterAll(async () => {
  ws?.close();
  await station?.stop();
  await printer?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Packs one single-item order through the core (the handover below is what this test drives by scanner). */
async function pack(o: Order): Promise<{ carrier: string; waybill: string }> {
  await ws.call('scan.submit', { code: o.id, source: 'api' });
  await ws.call('scan.submit', {
    code: general.find((p) => p.id === o.lines[0]!.productId)!.barcodes[0]!,
    source: 'api',
  });
  const snap = await until(
    () => ws.call('station.snapshot', {}),
    (s) => s.pack === null && s.lastPack?.order.id === o.id && s.lastPack.state === 'done',
    20_000,
    `order ${o.id} packed`,
  );
  const waybill = snap.lastPack?.labels[0]?.waybill;
  if (!waybill || !snap.lastPack) throw new Error(`no waybill for ${o.id}`);
  await ws.call('sim.scale', { place: null });
  return { carrier: snap.lastPack.carrier, waybill };
}

test('a handover batch by scanner: 交接单 printed, missing parcel listed', async ({ page }) => {
  await ws.call('scan.submit', { code: 'BADGE-P01', source: 'api' });
  const first = await pack(ORDERS[0]!);
  const second = await pack(ORDERS[1]!);
  expect(first.carrier).toBe('ZTO');
  expect(second.carrier).toBe('ZTO');

  await page.goto(station.url);
  await expect(page.getByTestId('pack-state')).toBeVisible();
  await wedgeScan(page, 'HND-START');
  await expect(page.getByTestId('handover-mode')).toHaveText('快递交接');
  await wedgeScan(page, COURIER);
  await expect(page.getByTestId('handover-carrier')).toHaveText('中通快递');
  await wedgeScan(page, first.waybill);
  await expect(page.getByTestId('handover-count')).toHaveText('1 件');
  // The same parcel again: a red alert until CMD-ACK.
  await wedgeScan(page, first.waybill);
  await expect(page.getByTestId('alert-title')).toContainText('已经交接过');
  await wedgeScan(page, 'CMD-ACK');
  await expect(page.getByTestId('alert')).toHaveCount(0);
  await wedgeScan(page, 'HND-CLOSE');

  const missing = page.getByTestId('handover-missing');
  await expect(missing).toContainText('未交接 1 件');
  await expect(missing).toContainText(second.waybill);
  await expect(page.getByTestId('handover-print')).toHaveText('交接单已打印');

  const jobs = printer.jobs();
  expect(jobs).toHaveLength(1);
  const slip = parseEscpos(jobs[0]!.bytes, 576);
  const text = slip.lines.map((l) => l.text).join('\n');
  expect(text).toContain('快递交接单');
  expect(text).toContain('快递公司 中通快递 (ZTO)');
  expect(text).toContain(`快递员 ${COURIER}`);
  expect(text).toContain(`1. ${first.waybill}`);
  expect(text).not.toContain(second.waybill);
  expect(text).toContain('交接 1 件  未交接 1 件');
  expect(slip.cuts).toBe(1);
  const batchId = Buffer.from(slip.qrs[0]!.data).toString('utf8');
  expect(batchId).toMatch(/^[0-9a-f-]{36}$/);
  expect(text).toContain(batchId);

  // Back to packing by scanner.
  await wedgeScan(page, 'HND-EXIT');
  await expect(page.getByTestId('pack-state')).toBeVisible();
});
