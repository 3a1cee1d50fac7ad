// Stock at the desk in a real browser, by scanner (and a typed quantity) only: receiving against a
// location and a PO, a count approved by a supervisor's badge, and a return of an order with its
// item written off as damaged. The in-process hub (stock.enabled) applies the desk's events; the
// test reads the movements it booked with the admin token.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StockLevelItem, StockMovement } from '../../src/contract/stock-ledger.js';
import type { Product } from '../../src/contract/entities.js';
import { startStationProcess, writeConfig, type StationProcess } from '../helpers/process.js';
import { intakeOrder } from '../helpers/fleet.js';
import { startTestHub, until, type TestHub } from '../helpers/hub.js';
import { humanType, wedgeScan } from './wedge.js';

const STATION = 'E2E-STOCK';
const ORDER = 'E2E-STOCK-RETURN-1';
let hub: TestHub;
let dir: string;
let station: StationProcess;
let a: Product;
let b: Product;

const movements = async (kind: string) =>
  (await hub.admin<{ items: StockMovement[] }>('GET', `/v1/stock/movements?kind=${kind}`)).body.items;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  hub = await startTestHub({ config: { stock: { enabled: true } } });
  const plain = hub.catalog.products.filter((p) => p.components.length === 0 && p.barcodes.length > 0);
  [a, b] = [plain[0]!, plain[1]!];
  const token = await hub.addStation(STATION);
  // A paid order of one B: the return below brings it back.
  const posted = await hub.admin('POST', '/v1/orders', intakeOrder(ORDER, b.sku, { paidAt: Date.now() - 60_000 }));
  expect(posted.status).toBe(200);
  dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-stock-'));
  const config = writeConfig(dir, {
    station: { id: STATION, name: '收货工位', layout: 'u_shaped' },
    hub: { url: hub.hub.url, token, pullWaitS: 2 },
    devices: { scanner: { kind: 'sim' }, scale: { kind: 'sim' }, printer: { interface: 'sim' } },
  });
  station = await startStationProcess({ config, data: dir });
});

test.afterAll(async () => {
  await station?.stop();
  await hub?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('receiving, a count and a return by scanner; the hub books each once', async ({ page }) => {
  await page.goto(station.url);
  await expect(page.getByTestId('pack-state')).toBeVisible();
  // The desk has the hub's packers once it has pulled.
  await expect(async () => {
    await wedgeScan(page, 'BADGE-P01');
    await expect(page.getByTestId('status-packer')).toContainText('张伟', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // 收货: location, PO, 12 × A (typed quantity), 1 × B.
  await wedgeScan(page, 'CMD-RECEIVE');
  await expect(page.getByTestId('stock-mode')).toHaveText('收货');
  await wedgeScan(page, 'LOC-A-01');
  await wedgeScan(page, 'PO-E2E-0001');
  await expect(page.getByTestId('stock-fact-reference')).toContainText('PO-E2E-0001');
  await humanType(page, '12');
  await expect(page.getByTestId('stock-qty')).toHaveText('×12');
  await wedgeScan(page, a.barcodes[0]!);
  await wedgeScan(page, b.barcodes[0]!);
  await expect(page.getByTestId(`stock-line-${a.sku}`)).toHaveAttribute('data-qty', '12');
  await expect(page.getByTestId(`stock-line-${b.sku}`)).toHaveAttribute('data-qty', '1');
  // An unknown code: the red alert, cleared by CMD-ACK.
  await wedgeScan(page, 'NOT-A-PRODUCT-42');
  await expect(page.getByTestId('alert')).toBeVisible();
  await wedgeScan(page, 'CMD-ACK');
  await expect(page.getByTestId('alert')).toHaveCount(0);
  await wedgeScan(page, 'CMD-FINISH');
  await expect(page.getByTestId('pack-state')).toBeVisible();
  await expect(page.getByTestId('notice')).toContainText('收货已提交');

  const receipts = await until(
    () => movements('receipt'),
    (m) => m.length === 2,
    20_000,
    'two receipts at the hub',
  );
  expect(receipts.map((m) => [m.sku, m.qty, m.location, m.ref]).sort()).toEqual(
    [
      [a.sku, 12, 'A-01', 'PO-E2E-0001'],
      [b.sku, 1, 'A-01', 'PO-E2E-0001'],
    ].sort(),
  );

  // 盘点: A-01 holds 10 of A, not 12; the supervisor's badge approves.
  await wedgeScan(page, 'CMD-COUNT');
  await expect(page.getByTestId('stock-mode')).toHaveText('盘点');
  await wedgeScan(page, 'LOC-A-01');
  await wedgeScan(page, 'CMD-QTY-10');
  await wedgeScan(page, a.barcodes[0]!);
  await wedgeScan(page, 'CMD-FINISH');
  await expect(page.getByTestId('stock-next')).toHaveAttribute('data-step', 'approval');
  await wedgeScan(page, 'BADGE-S01');
  await expect(page.getByTestId('pack-state')).toBeVisible();
  const adjusts = await until(
    () => movements('adjust'),
    (m) => m.length === 1,
    20_000,
    'the count adjustment',
  );
  expect(adjusts.map((m) => [m.sku, m.qty, m.location, m.by])).toEqual([[a.sku, -2, 'A-01', 'S01']]);

  // 退货入库: the order (pulled from the hub), its B item damaged.
  await expect(async () => {
    await wedgeScan(page, 'CMD-RETURN');
    await wedgeScan(page, ORDER);
    await expect(page.getByTestId('stock-fact-order')).toContainText(ORDER, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await wedgeScan(page, a.barcodes[0]!); // not in this order: the red alert
  await expect(page.getByTestId('alert')).toBeVisible();
  await wedgeScan(page, 'CMD-ACK');
  await wedgeScan(page, b.barcodes[0]!);
  await expect(page.getByTestId('stock-next')).toHaveAttribute('data-step', 'condition');
  await wedgeScan(page, 'CMD-DAMAGED');
  await expect(page.getByTestId(`stock-line-${b.sku}`)).toHaveAttribute('data-condition', 'damaged');
  await wedgeScan(page, 'CMD-FINISH');
  await expect(page.getByTestId('pack-state')).toBeVisible();
  const written = await until(
    () => movements('return_damaged'),
    (m) => m.length === 1,
    20_000,
    'the write-off',
  );
  // One unit, against the order (the ledger's sign for a write-off is the hub's own convention).
  expect(written.map((m) => [m.sku, Math.abs(m.qty), m.orderId])).toEqual([[b.sku, 1, ORDER]]);

  // Every figure explained by those movements, each booked once.
  const levels = (await hub.admin<{ items: StockLevelItem[] }>('GET', `/v1/stock?sku=${encodeURIComponent(a.sku)}`))
    .body;
  expect(levels.items.find((l) => l.sku === a.sku)?.onHand).toBe(10);
  expect(await movements('receipt')).toHaveLength(2);
});
