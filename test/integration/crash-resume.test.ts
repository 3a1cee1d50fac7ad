// SIGKILL in the middle of a pack: after restart the same pack resumes with the same scans.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, startStationProcess, writeConfig, type StationProcess } from '../helpers/process.js';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { seedStationDb } from '../helpers/seed.js';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-crash-'));
const procs: StationProcess[] = [];
afterAll(async () => {
  for (const p of procs) await p.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('crash recovery', () => {
  it('resumes the same pack with the same scans after SIGKILL', async () => {
    const config = writeConfig(dir, {
      station: { id: 'CRASH-1' },
      devices: { scale: { kind: 'sim', autoPlace: false } },
    });
    seedStationDb(dir, 'CRASH-1', { seed: 7, orders: 40, waybillsPerCarrier: 20 });
    const first = await startStationProcess({ config, data: dir });
    procs.push(first);
    const c1 = await connect(first.url);
    await c1.call('scan.submit', { code: 'BADGE-P01', source: 'api' });
    const sheet = await c1.call('sheet.get', { orders: 40 });
    const order = sheet.orders.find((o) => o.status === 'open' && o.flags.length === 0);
    if (!order) throw new Error('demo has no open order');
    expect((await c1.call('scan.submit', { code: order.code, source: 'api' })).verdict).toBe('order_opened');
    const snap1 = await c1.call('station.snapshot', {});
    const line = snap1.pack?.lines[0];
    if (!line) throw new Error('no line');
    const catalog = generateCatalog(7);
    const product = catalog.products.find((p) => p.id === line.productId);
    const barcode = product?.barcodes[0];
    if (!barcode) throw new Error('no barcode');
    expect((await c1.call('scan.submit', { code: barcode, source: 'api' })).verdict).toBe('item_ok');
    const before = await c1.call('station.snapshot', {});
    c1.close();

    await first.stop('SIGKILL');
    expect(first.proc.signalCode).toBe('SIGKILL');

    const second = await startStationProcess({ config, data: dir });
    procs.push(second);
    const c2 = await connect(second.url);
    const after = await c2.call('station.snapshot', {});
    expect(after.pack?.packId).toBe(before.pack?.packId);
    expect(after.pack?.lines).toEqual(before.pack?.lines);
    expect(after.packer?.id).toBe('P01');
    c2.close();

    const db = new Database(join(dir, 'station-CRASH-1.db'), { readonly: true });
    const scans = db
      .prepare('SELECT verdict FROM scans WHERE pack_id = ? ORDER BY id')
      .pluck()
      .all(before.pack?.packId);
    expect(scans).toEqual(['order_opened', 'item_ok']);
    db.close();
  });
});
