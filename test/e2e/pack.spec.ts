// The packing loop in a real browser (Debian Chromium), driven only by an emulated keyboard-wedge
// scanner: a clean order, a wrong item first, and an out-of-tolerance weight with a supervisor override.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  connect,
  startStationProcess,
  writeConfig,
  ROOT,
  type StationProcess,
  type WsClient,
} from '../helpers/process.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { seedStationDb } from '../helpers/seed.js';
import type { StationSnapshot } from '../../src/contract/station.js';
import { humanType, wedgeScan } from './wedge.js';

const SEED = 4242;
const shots = join(ROOT, 'test-results', 'screenshots');
let dir: string;
let station: StationProcess;
let ws: WsClient;

test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-'));
  const config = writeConfig(dir, {
    station: { id: 'E2E-1', name: '端到端工位', layout: 'u_shaped' },
    devices: { scale: { kind: 'sim', autoPlace: true, settleMs: 400, placeDelayMs: 300 } },
  });
  seedStationDb(dir, 'E2E-1', { seed: SEED, orders: 60, waybillsPerCarrier: 30 });
  station = await startStationProcess({ config, data: dir });
  ws = await connect(station.url);
});

test.afterAll(async () => {
  ws?.close();
  await station?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const catalog = generateCatalog(SEED);
const barcodeOf = (productId: number) => {
  const p = catalog.products.find((x) => x.id === productId);
  if (!p?.barcodes[0]) throw new Error(`no barcode for product ${productId}`);
  return p.barcodes[0];
};
const snapshot = () => ws.call('station.snapshot', {});
const db = () => new Database(join(dir, 'station-E2E-1.db'), { readonly: true });

async function openOrders(n: number): Promise<string[]> {
  const sheet = await ws.call('sheet.get', { orders: 60 });
  return sheet.orders
    .filter((o) => o.status === 'open' && o.flags.length === 0)
    .slice(0, n)
    .map((o) => o.code);
}

async function scanAllItems(page: Page, snap: StationSnapshot) {
  for (const line of snap.pack?.lines ?? []) {
    for (let i = 0; i < line.expected; i++) {
      await wedgeScan(page, barcodeOf(line.productId));
      await expect(page.getByTestId(`line-${line.productId}`)).toHaveAttribute('data-scanned', String(i + 1));
    }
  }
}

async function expectPacked(page: Page, orderId: string) {
  await expect(page.getByTestId('pack-state')).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(page.getByTestId('label-preview')).toContainText(orderId);
  const d = db();
  try {
    const order = d.prepare('SELECT status FROM orders WHERE id = ?').get(orderId) as { status: string };
    expect(order.status).toBe('packed');
    const label = d
      .prepare(
        'SELECT l.status, p.waybill FROM labels l JOIN parcels p ON p.id = l.parcel_id WHERE p.order_id = ? AND l.reprint = 0',
      )
      .get(orderId) as { status: string; waybill: string };
    expect(label.status).toBe('printed');
    await expect(page.getByTestId('label-preview')).toContainText(label.waybill);
    const types = d
      .prepare('SELECT type FROM outbox WHERE payload LIKE ? ORDER BY seq')
      .pluck()
      .all(`%${orderId}%`) as string[];
    for (const t of ['pack.started', 'weight.accepted', 'parcel.packed', 'pack.completed', 'label.printed'])
      expect(types).toContain(t);
    return types;
  } finally {
    d.close();
  }
}

test('packs three orders by scanner alone', async ({ page }) => {
  await page.goto(station.url);
  await expect(page.getByTestId('pack-state')).toBeVisible();
  const [clean, wrongFirst, heavy] = await openOrders(3);
  if (!clean || !wrongFirst || !heavy) throw new Error('demo data has too few open orders');

  await wedgeScan(page, 'BADGE-P01');
  await expect(page.getByTestId('status-packer')).toContainText('张伟');

  // 1. A clean order.
  await wedgeScan(page, clean);
  await expect(page.getByTestId('order-id')).toContainText(clean);
  await expect(page.getByTestId('packaging')).toBeVisible();
  await scanAllItems(page, await snapshot());
  await expectPacked(page, clean);
  await page.screenshot({ path: join(shots, '1-clean-order-done.png') });

  // 2. A wrong item first: red alert, acknowledged by scan, then the right items.
  await wedgeScan(page, wrongFirst);
  await expect(page.getByTestId('order-id')).toContainText(wrongFirst);
  const snap2 = await snapshot();
  const inOrder = new Set(snap2.pack?.lines.map((l) => l.productId));
  const wrong = catalog.products.find((p) => !inOrder.has(p.id) && p.components.length === 0);
  if (!wrong) throw new Error('no product outside the order');
  await wedgeScan(page, wrong.barcodes[0] ?? wrong.sku);
  const alert = page.getByTestId('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('data-kind', 'error');
  await expect(alert).toHaveAttribute('data-code', 'wrong_item');
  await expect(alert).toContainText(wrong.title);
  await page.screenshot({ path: join(shots, '2-wrong-item-alert.png') });
  await page.waitForTimeout(1500);
  await expect(alert).toBeVisible(); // sticky: it does not clear itself
  await wedgeScan(page, 'CMD-ACK');
  await expect(alert).toBeHidden();
  await scanAllItems(page, snap2);
  await expectPacked(page, wrongFirst);
  const d2 = db();
  const verdicts = d2
    .prepare('SELECT s.verdict FROM scans s JOIN packs p ON p.id = s.pack_id WHERE p.order_id = ? ORDER BY s.id')
    .pluck()
    .all(wrongFirst);
  d2.close();
  expect(verdicts.slice(0, 3)).toEqual(['order_opened', 'wrong_item', 'command']);

  // 3. The scale reads 400 g heavy: weight exception, then a supervisor override with a reason.
  await ws.call('sim.scale', { offsetG: 400 });
  await wedgeScan(page, heavy);
  await expect(page.getByTestId('order-id')).toContainText(heavy);
  await scanAllItems(page, await snapshot());
  await expect(alert).toHaveAttribute('data-code', 'weight_out_of_tolerance', { timeout: 15_000 });
  await expect(alert).toHaveAttribute('data-kind', 'weight');
  await page.screenshot({ path: join(shots, '3-weight-exception.png') });
  await wedgeScan(page, 'BADGE-S01');
  await expect(page.getByTestId('prompt')).toBeVisible();
  await wedgeScan(page, 'RSN-SUPERVISOR-CHECKED');
  await expect(alert).toBeHidden();
  const types = await expectPacked(page, heavy);
  expect(types).toContain('weight.exception');
  await ws.call('sim.scale', { offsetG: 0 });
  const d3 = db();
  const parcel = d3
    .prepare('SELECT override_by, override_reason, weight_g - expected_g AS diff FROM parcels WHERE order_id = ?')
    .get(heavy);
  d3.close();
  expect(parcel).toEqual({ override_by: 'S01', override_reason: 'SUPERVISOR-CHECKED', diff: 400 });
  await expect(page.getByTestId('counter-orders')).toContainText('3');
  await page.screenshot({ path: join(shots, '4-three-orders-packed.png') });
});

test('typing at 80 ms or more per key never registers as a scan', async ({ page }) => {
  await page.goto(station.url);
  await expect(page.getByTestId('pack-state')).toBeVisible();
  const d = db();
  const before = d.prepare('SELECT count(*) FROM scans').pluck().get() as number;
  await humanType(page, 'CMD-LOGOUT', 80);
  await humanType(page, 'BADGE-P02', 120);
  await page.waitForTimeout(500);
  const after = d.prepare('SELECT count(*) FROM scans').pluck().get() as number;
  d.close();
  expect(after).toBe(before);
  await expect(page.getByTestId('status-packer')).not.toContainText('李娜');
  // The same text at scanner speed does register.
  await wedgeScan(page, 'CMD-LOGOUT');
  await expect(page.getByTestId('status-packer')).not.toContainText('张伟');
});
