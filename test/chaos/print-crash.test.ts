// A crash never prints a label twice as an original. A real station process prints to a TCP label
// printer (the simulator, on 127.0.0.1); 30 times it is SIGKILLed the instant a label job's bytes
// reach the printer, restarted, and left to finish. Wherever the kill lands — before the journal's
// `done`, between it and the database, after both — each waybill is printed as an original at most
// once, any second copy carries the 补打 REPRINT mark, and its label.printed event says uncertain.
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateCatalog } from '../../src/demo/data/generator.js';
import { REPRINT_MARK } from '../../src/domain/label/layout.js';
import { PrinterSimServer } from '../../src/hardware/sim/printer-server.js';
import { connect, startStationProcess, writeConfig, type StationProcess, type WsClient } from '../helpers/process.js';
import { seedStationDb } from '../helpers/seed.js';
import { until } from '../helpers/wait.js';

vi.setConfig({ testTimeout: 240_000 });
const RUNS = 30;
const SEED = 11;
const STATION = 'CHAOS-PRN';
const dir = mkdtempSync(join(tmpdir(), 'packdesk-chaos-print-'));
const procs: StationProcess[] = [];
const clients: WsClient[] = [];
const sim = new PrinterSimServer({ language: 'tspl', port: 0 });

afterAll(async () => {
  for (const c of clients) c.close();
  for (const p of procs) await p.stop('SIGKILL');
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const MARK = iconv.encode(REPRINT_MARK, 'gbk');
const catalog = generateCatalog(SEED);

/** A saved TSPL job: its waybill (the Code 128 field) and whether it carries the reprint mark. */
function decode(bytes: Uint8Array): { waybill: string; marked: boolean } {
  const buf = Buffer.from(bytes);
  const waybill = /BARCODE \d+,\d+,"128",\d+,[01],0,\d+,\d+,"([^"]+)"/.exec(buf.toString('latin1'))?.[1];
  if (!waybill) throw new Error(`no waybill in a printed job: ${buf.toString('latin1').slice(0, 200)}`);
  return { waybill, marked: buf.includes(MARK) };
}

function labelsOf(orderId: string): { status: string; waybill: string | null }[] {
  const db = new Database(join(dir, `station-${STATION}.db`), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT l.status, p.waybill FROM labels l JOIN parcels p ON p.id = l.parcel_id
         WHERE p.order_id = ? ORDER BY l.created_at, l.rowid`,
      )
      .all(orderId) as { status: string; waybill: string | null }[];
  } finally {
    db.close();
  }
}

describe('SIGKILL the instant a label reaches the TCP printer', () => {
  it(`×${RUNS}: no waybill is printed twice as an original`, async () => {
    const port = await sim.listen();
    const config = writeConfig(dir, {
      station: { id: STATION },
      devices: {
        scale: { kind: 'sim', autoPlace: true, settleMs: 100, placeDelayMs: 50 },
        printer: { language: 'tspl', interface: `tcp://127.0.0.1:${port}`, statusTimeoutMs: 1000 },
      },
    });
    seedStationDb(dir, STATION, { seed: SEED, orders: RUNS * 3, waybillsPerCarrier: RUNS * 2 });

    let station: StationProcess;
    let client: WsClient;
    const start = async () => {
      station = await startStationProcess({ config, data: dir });
      procs.push(station);
      client = await connect(station.url);
      clients.push(client);
    };
    // Armed before the scan that completes a pack; the kill comes from the printer's side.
    let armed = false;
    sim.onReceiving(() => {
      if (!armed) return;
      armed = false;
      station.proc.kill('SIGKILL');
    });

    await start();
    await client!.call('scan.submit', { code: 'BADGE-P01', source: 'api' });
    const sheet = await client!.call('sheet.get', { orders: RUNS * 3 });
    const orders = sheet.orders.filter((o) => o.status === 'open' && o.flags.length === 0).map((o) => o.code);
    expect(orders.length).toBeGreaterThanOrEqual(RUNS);
    const done: string[] = [];

    for (let run = 0; run < RUNS; run++) {
      const orderId = orders[run] as string;
      expect((await client!.call('scan.submit', { code: orderId, source: 'api' })).verdict).toBe('order_opened');
      const snap = await client!.call('station.snapshot', {});
      const codes = (snap.pack?.lines ?? []).flatMap((line) => {
        const code = catalog.products.find((p) => p.id === line.productId)?.barcodes[0] ?? line.sku;
        return Array.from({ length: line.expected - line.scanned }, () => code);
      });
      expect(codes.length).toBeGreaterThan(0);
      for (const [i, code] of codes.entries()) {
        if (i === codes.length - 1) armed = true;
        expect((await client!.call('scan.submit', { code, source: 'api' })).verdict).toBe('item_ok');
      }
      const killed = station!;
      if (killed.proc.exitCode === null && killed.proc.signalCode === null) await once(killed.proc, 'exit');
      expect(killed.proc.signalCode).toBe('SIGKILL');
      client!.close();

      await start();
      await until(
        () => labelsOf(orderId),
        (ls) => ls.length > 0 && ls.every((l) => l.status === 'printed'),
        20_000,
        `labels of ${orderId} printed after restart ${run + 1}`,
      );
      done.push(orderId);
    }
    await station!.stop('SIGTERM');

    // What came out of the printer, per waybill.
    const copies = new Map<string, { originals: number; marked: number }>();
    for (const job of sim.jobs()) {
      const { waybill, marked } = decode(job.bytes);
      const c = copies.get(waybill) ?? { originals: 0, marked: 0 };
      if (marked) c.marked++;
      else c.originals++;
      copies.set(waybill, c);
    }
    // What the station recorded.
    const db = new Database(join(dir, `station-${STATION}.db`), { readonly: true });
    const events = (
      db.prepare("SELECT payload FROM outbox WHERE type = 'label.printed'").pluck().all() as string[]
    ).map((p) => JSON.parse(p) as { waybill: string; reprint: boolean; uncertain?: boolean });
    const waybills = done.flatMap((o) =>
      (db.prepare('SELECT waybill FROM parcels WHERE order_id = ?').pluck().all(o) as string[]).filter(Boolean),
    );
    db.close();

    const outcomes = { uncertain: 0, single: 0 };
    for (const waybill of waybills) {
      const c = copies.get(waybill) ?? { originals: 0, marked: 0 };
      const recorded = events.filter((e) => e.waybill === waybill);
      expect(c.originals + c.marked, `${waybill} never printed`).toBeGreaterThanOrEqual(1);
      expect(c.originals, `${waybill} printed twice as an original`).toBeLessThanOrEqual(1);
      expect(recorded, `${waybill}: one label.printed`).toHaveLength(1);
      expect(recorded[0]?.reprint).toBe(false);
      if (c.marked > 0) {
        expect(recorded[0]?.uncertain, `${waybill}: a marked copy is recorded as uncertain`).toBe(true);
        outcomes.uncertain++;
      } else {
        expect(recorded[0]?.uncertain).toBe(false);
        outcomes.single++;
      }
    }
    expect(waybills.length).toBeGreaterThanOrEqual(RUNS);
    console.info(
      `print-crash: ${waybills.length} waybills; ${outcomes.uncertain} reprinted marked, ${outcomes.single} once`,
    );
  });
});
