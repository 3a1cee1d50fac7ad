import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, type Migration } from '../../../src/base/node/sqlite/migrate.js';
import { openDatabase } from '../../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../../src/main/core/store/migrations.js';

const table =
  (name: string): Migration['up'] =>
  (db) =>
    db.exec(`CREATE TABLE ${name} (x INTEGER)`);
const tables = (db: Database.Database) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();

describe('migrations', () => {
  it('applies in order, once, and records each', () => {
    const db = new Database(':memory:');
    const list = [
      { id: '0001_a', up: table('a') },
      { id: '0002_b', up: table('b') },
    ];
    expect(migrate(db, list, () => 5)).toEqual(['0001_a', '0002_b']);
    expect(migrate(db, list)).toEqual([]);
    expect(db.prepare('SELECT id, applied_at FROM _migrations ORDER BY id').all()).toEqual([
      { id: '0001_a', applied_at: 5 },
      { id: '0002_b', applied_at: 5 },
    ]);
    expect(migrate(db, [...list, { id: '0003_c', up: table('c') }])).toEqual(['0003_c']);
  });

  it('refuses a database whose applied list is not a prefix of the known list', () => {
    const db = new Database(':memory:');
    migrate(db, [
      { id: '0001_a', up: table('a') },
      { id: '0002_other', up: table('o') },
    ]);
    expect(() =>
      migrate(db, [
        { id: '0001_a', up: table('a') },
        { id: '0002_b', up: table('b') },
      ]),
    ).toThrow(/0002_other at position 2, but this build expects 0002_b/);
    // A newer database (more applied than known) is refused too.
    expect(() => migrate(db, [{ id: '0001_a', up: table('a') }])).toThrow(MigrationError);
  });

  it('refuses a known list that is out of order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ id: '0002_b', up: table('b') }])).toThrow(/expected it to start with 0001_/);
  });

  it('runs each migration in its own transaction: a failure keeps earlier ones and rolls back its own', () => {
    const db = new Database(':memory:');
    const failing: Migration = {
      id: '0002_bad',
      up(d) {
        d.exec('CREATE TABLE half (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [{ id: '0001_a', up: table('a') }, failing])).toThrow('boom');
    expect(tables(db)).toEqual(['_migrations', 'a']);
    expect(db.prepare('SELECT id FROM _migrations').pluck().all()).toEqual(['0001_a']);
  });

  it('the station schema opens in WAL mode with foreign keys on', () => {
    const db = openDatabase(':memory:', stationMigrations);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'products',
        'product_barcodes',
        'bundle_components',
        'orders',
        'order_lines',
        'packers',
        'packs',
        'pack_lines',
        'scans',
        'parcels',
        'parcel_items',
        'labels',
        'waybill_pool',
        'outbox',
        'desk_state',
      ]),
    );
  });
  it('0005 moves the events rejected before it to the dead letters, and the outbox keeps their rows', () => {
    const db = new Database(':memory:');
    const upTo = stationMigrations.findIndex((m) => m.id === '0005_dead_letters');
    migrate(db, stationMigrations.slice(0, upTo));
    const insert = db.prepare(
      'INSERT INTO outbox (id, type, at, packer_id, payload, sent_at, rejected_reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('E1', 'packer.login', 10, 'P01', '{"packerId":"P01","role":"packer"}', 20, null);
    insert.run('E2', 'scan.recorded', 11, 'P01', '{"qty":-1}', 21, 'payload.qty: expected ≥ 0, got -1');
    insert.run('E3', 'packer.logout', 12, 'P01', '{"packerId":"P01"}', null, null);
    migrate(db, stationMigrations);
    expect(db.prepare('SELECT id, type, payload, reason, rejected_at FROM dead_letters').all()).toEqual([
      {
        id: 'E2',
        type: 'scan.recorded',
        payload: '{"qty":-1}',
        reason: 'payload.qty: expected ≥ 0, got -1',
        rejected_at: 21,
      },
    ]);
    expect(db.prepare('SELECT id FROM outbox ORDER BY seq').pluck().all()).toEqual(['E1', 'E2', 'E3']);
    expect(db.prepare('SELECT id FROM outbox WHERE sent_at IS NULL').pluck().all()).toEqual(['E3']);
  });
});
