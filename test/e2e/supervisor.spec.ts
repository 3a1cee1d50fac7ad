// The supervisor view in a real browser (Debian Chromium). A hub process on 127.0.0.1 gathers a
// short shift from three stations — U-shaped, straight, island — scripted in this process at
// different speeds and error rates (test/helpers/shift.ts); a fourth station process serves the UI.
// A packer logs in at that desk, a supervisor scans a badge, and the view must show every station's
// tile with the hub's figures and the layout comparison against the reference lines.
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeWechat } from '../../src/demo/wechat-sandbox/index.js';
import type { SupervisorView } from '../../src/contract/api/supervisor.js';
import {
  drained,
  expectedFigures,
  packShift,
  seedHub,
  startShiftStation,
  type ShiftStation,
  type StationPlan,
} from '../helpers/shift.js';
import { ROOT, startHubProcess, startStationProcess, writeConfig, type StationProcess } from '../helpers/process.js';
import { wedgeScan } from './wedge.js';

const ADMIN = 'e2e-admin-token-0123456789abcdef';
const MINI = { id: 'mini1', appid: 'wx-mini-1', secret: 'mini-secret' };
const shots = join(ROOT, 'test-results', 'screenshots');

/**
 * A fixed-offset zone in which it is now around noon, so the short shift below (the last 12 minutes)
 * lies inside "today" and the day shift whenever the test runs. Etc/GMT-N is UTC+N (POSIX signs).
 */
function zoneAtNoon(now: number): string {
  const n = 12 - new Date(now).getUTCHours();
  return n === 0 ? 'Etc/GMT' : n > 0 ? `Etc/GMT-${n}` : `Etc/GMT+${-n}`;
}
const TZ = zoneAtNoon(Date.now());
test.use({ timezoneId: TZ, locale: 'zh-CN' });

const plans: StationPlan[] = [
  {
    stationId: 'U1',
    layout: 'u_shaped',
    packer: { id: 'PU', name: '陈快手', badge: 'BADGE-PU' },
    orders: 8,
    cycleS: 60,
    itemGapS: 12,
    toScaleS: 8,
    errors: [],
  },
  {
    stationId: 'S1',
    layout: 'straight',
    packer: { id: 'PS', name: '李稳', badge: 'BADGE-PS' },
    orders: 5,
    cycleS: 90,
    itemGapS: 20,
    toScaleS: 10,
    errors: [{ order: 2, kind: 'unknown_code' }],
  },
  {
    stationId: 'I1',
    layout: 'island',
    packer: { id: 'PI', name: '周岛', badge: 'BADGE-PI' },
    orders: 6,
    cycleS: 75,
    itemGapS: 16,
    toScaleS: 10,
    errors: [{ order: 4, kind: 'over_scan' }],
  },
];

let dir: string;
let fake: FakeWechat;
let hub: StationProcess;
let desk: StationProcess;
const shift: ShiftStation[] = [];
let start: number;

async function admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${hub.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const t0 = Date.now();
const step = (what: string) =>
  process.stderr.write(`[supervisor e2e +${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}\n`);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  mkdirSync(shots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-sv-'));
  fake = new FakeWechat({ apps: [{ appid: MINI.appid, secret: MINI.secret, kind: 'miniprogram' }] });
  const apiBase = await fake.listen();
  const hubConfig = writeConfig(
    dir,
    {
      hub: { adminToken: ADMIN },
      wechat: { apiBase, timeoutMs: 1500, miniPrograms: [MINI] },
      stations: { maxWaitS: 5 },
      // The short synthetic shift's rates are compared as numbers: none is held back for lack of active time.
      stats: { timezone: TZ, minActiveMinutes: 0 },
    },
    'hub.json',
  );
  hub = await startHubProcess({ config: hubConfig, data: join(dir, 'hub') });
  step('hub up');
  start = Date.now() - 12 * 60_000;
  const tokens = await seedHub(admin, plans, start - 3_600_000);
  await admin('POST', '/v1/admin/packers', [{ id: 'PD', name: '吴前台', badge: 'BADGE-PD', role: 'packer' }]);
  const deskToken = (
    await admin<{ token: string }>('POST', '/v1/admin/stations', { id: 'DESK', name: '主管工位', layout: 'island' })
  ).body.token;

  // The shift: each station on its own clock from 12 minutes ago; every event goes to the hub.
  for (const plan of plans) shift.push(await startShiftStation(plan, hub.url, tokens.get(plan.stationId) ?? '', start));
  step('shift stations have their orders');
  await Promise.all(shift.map((s) => packShift(s)));
  for (const s of shift) await drained(s);
  step('shift packed and at the hub');

  const deskData = join(dir, 'desk');
  mkdirSync(deskData, { recursive: true });
  const deskConfig = writeConfig(deskData, {
    station: { id: 'DESK', name: '主管工位', layout: 'island', timezone: TZ },
    hub: { url: hub.url, token: deskToken, pullWaitS: 5 },
    devices: {
      scanner: { kind: 'sim' },
      scale: { kind: 'sim', autoPlace: true, settleMs: 120, placeDelayMs: 30, tickMs: 40 },
      printer: { interface: 'sim' },
    },
  });
  desk = await startStationProcess({ config: deskConfig, data: deskData });
  step('desk up');
});

test.afterAll(async () => {
  step('closing');
  for (const s of shift) await s.close();
  step('shift stations closed');
  await desk?.stop();
  step('desk stopped');
  await hub?.stop();
  step('hub stopped');
  await fake?.close();
  step('fake closed');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a supervisor badge opens the view: tiles and the layout comparison match the hub', async ({ page }) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('pack-state')).toBeVisible();
  // The desk has the hub's packers once it has pulled; a packer logs in, then the supervisor badge.
  await expect(async () => {
    await wedgeScan(page, 'BADGE-PD');
    await expect(page.getByTestId('status-packer')).toContainText('吴前台', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await wedgeScan(page, 'BADGE-S01');
  await expect(page.getByTestId('supervisor-view')).toBeVisible();
  await expect(page).toHaveURL(/#\/supervisor/);
  await expect(page.getByTestId('supervisor-name')).toContainText('王主管');
  await expect(page.getByTestId('supervisor-main')).toBeVisible({ timeout: 15_000 });

  // What the hub says, for the same day, with the admin token.
  const now = Date.now();
  const view = (await admin<SupervisorView>('GET', `/v1/stats/supervisor?from=${now - 86_400_000}&to=${now + 1}`)).body;
  expect(view.timezone).toBe(TZ);

  for (const plan of plans) {
    const expected = expectedFigures(plan, start);
    const api = view.tiles.find((t) => t.stationId === plan.stationId);
    expect(api, plan.stationId).toBeDefined();
    expect([api?.ordersToday, api?.unitsToday, api?.online]).toEqual([expected.orders, expected.units, true]);
    expect(api?.errorRateToday).toBeCloseTo(expected.errorRate, 10);
    const tile = page.getByTestId(`tile-${plan.stationId}`);
    await expect(tile).toHaveAttribute('data-online', 'true');
    await expect(tile.locator('[data-field="orders"] dd')).toHaveText(String(expected.orders));
    await expect(tile.locator('[data-field="units"] dd')).toHaveText(String(expected.units));
    // A rate is held back ("—") until the station has stats.minActiveMinutes of work today, as the hub says.
    const rate = api?.unitsPerHourToday ?? null;
    await expect(tile.locator('[data-field="unitsPerHour"] dd')).toHaveText(rate === null ? '—' : rate.toFixed(1));
    await expect(tile.locator('[data-field="errorRate"] dd')).toHaveText(`${(expected.errorRate * 100).toFixed(1)}%`);
    await expect(tile.locator('[data-field="queue"] dd')).toHaveText('0');
    await expect(tile.locator('[data-field="state"]')).toHaveText('在线');
  }
  // The desk itself is a fourth tile: online, with the packer who is logged in there.
  await expect(page.getByTestId('tile-DESK')).toHaveAttribute('data-online', 'true');
  await expect(page.getByTestId('tile-DESK').locator('[data-field="packer"]')).toContainText('吴前台');

  // Layout comparison: each layout's pace and error rate beside its reference line.
  const refs = { u_shaped: ['68', '0.007'], island: ['52', '0.015'], straight: ['45', '0.021'] } as const;
  for (const plan of plans) {
    const row = page.getByTestId(`layout-${plan.layout}`);
    const api = view.layouts.find((g) => g.key.layout === plan.layout)?.figures;
    expect(api?.orders, plan.layout).toBe(plan.orders);
    await expect(row).toHaveAttribute('data-units-per-hour', String(api?.unitsPerActiveHour ?? ''));
    await expect(row).toHaveAttribute('data-error-rate', String(api?.errorRate));
    await expect(row).toHaveAttribute('data-reference-units-per-hour', refs[plan.layout][0]);
    await expect(row).toHaveAttribute('data-reference-error-rate', refs[plan.layout][1]);
    await expect(row.locator('[data-field="referenceUnitsPerHour"]')).toHaveText(refs[plan.layout][0]);
  }
  await expect(page.getByTestId('chart-layout-units').locator('.recharts-reference-line')).toHaveCount(3);
  await expect(page.getByTestId('chart-layout-errors').locator('.recharts-reference-line')).toHaveCount(3);

  await page.screenshot({ path: join(shots, 'supervisor-view.png'), fullPage: true });

  // 返回打包 closes the view; the packer is still logged in.
  await page.getByTestId('supervisor-back').click();
  await expect(page.getByTestId('pack-state')).toBeVisible();
  await expect(page.getByTestId('status-packer')).toContainText('吴前台');
});
