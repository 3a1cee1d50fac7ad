// A hub upgraded with parcels an older version left waiting: the one whose pack.completed came first
// is released by the first check, the one whose pack.completed never came becomes parts_missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../src/base/node/sqlite/open.js';
import type { HubContext } from '../../../src/cloud/context.js';
import { flagOverdueParts } from '../../../src/cloud/services/pack-parts.js';
import { hubMigrations } from '../../../src/cloud/store/sqlite/migrations.js';
import { SqliteHubStore } from '../../../src/cloud/store/sqlite/store.js';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-parts-upgrade-'));
let store: SqliteHubStore | null = null;
afterEach(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const NOW = Date.UTC(2025, 5, 1, 8);

it('watches the parcels an older hub left in packing, and releases those that were complete', async () => {
  const file = join(dir, 'hub.db');
  const old = openDatabase(
    file,
    hubMigrations.filter((m) => m.id < '0006'),
  );
  const parcel = old.prepare(
    `INSERT INTO shipments (parcel_id, order_id, station_id, pack_id, parcel_no, carrier, waybill, items, weight_g, packed_at, state)
     VALUES (?, ?, 'A', ?, 1, 'ZTO', ?, '[]', 800, ?, 'packing')`,
  );
  parcel.run('parcel-1', 'O-1', 'pack-1', '730000000001', NOW - 7200_000);
  parcel.run('parcel-2', 'O-2', 'pack-2', '730000000002', NOW - 7200_000);
  // Only pack-1's pack.completed reached the hub (before its parcel: the old hub then left it waiting).
  old
    .prepare(
      `INSERT INTO station_events (id, station_id, type, at, packer_id, payload, received_at) VALUES (?, 'A', 'pack.completed', ?, 'P01', ?, ?)`,
    )
    .run('ev-1', NOW - 7300_000, JSON.stringify({ packId: 'pack-1', orderId: 'O-1', parcels: 1 }), NOW - 7300_000);
  old.close();

  store = new SqliteHubStore(file);
  const s = store;
  expect(
    await s.tx(async (t) => [(await t.packs.get('pack-1'))?.parcels, (await t.packs.get('pack-2'))?.parcels]),
  ).toEqual([1, null]);
  const warned: unknown[] = [];
  const ctx = { store: s, now: () => NOW, warn: (line: string) => warned.push(line) } as unknown as HubContext;
  expect(await flagOverdueParts(ctx, 1800_000)).toBe(1);
  expect(
    await s.tx(async (t) => [(await t.shipments.get('parcel-1'))?.state, (await t.shipments.get('parcel-2'))?.state]),
  ).toEqual(['pending', 'packing']);
  const raised = await s.tx((t) => t.exceptions.list({ open: true }));
  expect(raised).toEqual([
    expect.objectContaining({
      orderId: 'O-2',
      kind: 'parts_missing',
      detail: expect.stringContaining('pack.completed'),
    }),
  ]);
  expect(warned).toHaveLength(1);
  // Flagged once: the next check raises nothing new.
  expect(await flagOverdueParts(ctx, 1800_000)).toBe(0);
});
