// Handover mode (交接) at the desk: entered by HND-START, a courier badge opens the batch, each
// waybill is checked (red alert for no carrier, wrong carrier, already handed over, cancelled after
// packing, unknown), every step goes to the outbox in its scan's transaction, HND-CLOSE lists the
// missing parcels and prints the 交接单 once (journaled by job id), on the slip printer as ESC/POS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimPrinter } from '../../../src/hardware/sim/printer.js';
import { escposEncoder } from '../../../src/hardware/printer/encoders/escpos.js';
import { layoutHandoverSlip } from '../../../src/domain/handover/slip.js';
import { HandoverStore } from '../../../src/main/core/store/handovers.js';
import { stationConfigSchema } from '../../../src/main/config/schema.js';
import { parseEscpos } from '../../helpers/escpos-grammar.js';
import { makeStation, type TestStation } from '../../helpers/station.js';
import { BARCODE, O } from '../../helpers/fixtures.js';
import { until } from '../../helpers/wait.js';

let t: TestStation;
const snap = () => t.station.services.snapshot();
const alertCode = () => snap().alert?.code ?? null;

beforeEach(async () => {
  t = await makeStation({
    config: {
      handover: { couriers: { 'YTO-KD-01': 'YTO', 'SF-KD-07': 'SF' }, printer: 'slip' },
      packing: { slip: { paperWidthMm: 80 } },
    },
  });
});
afterEach(async () => {
  await t.close();
});

async function pack(orderId: string, items: string[]): Promise<string> {
  expect(t.scan(orderId).verdict).toBe('order_opened');
  for (const code of items) {
    t.clock.advance(2000);
    expect(t.scan(code).verdict).toBe('item_ok');
  }
  await t.weigh(snap().pack?.weight?.expectedG ?? 0);
  const waybill = snap().lastPack?.labels[0]?.waybill;
  t.lift();
  if (!waybill) throw new Error(`no waybill for ${orderId}`);
  return waybill;
}

const handoverEvents = () => t.outbox().filter((e) => e.type.startsWith('handover.'));

function slipPrinter(): SimPrinter {
  const p = t.station.services.slips?.printer;
  if (!(p instanceof SimPrinter)) throw new Error('no sim slip printer');
  return p;
}

describe('handover mode at the desk', () => {
  it('alerts by scan for each refusal and records accepted parcels in the outbox', async () => {
    t.scan('BADGE-P01');
    const clean = await pack(O.clean, [BARCODE.tshirt, BARCODE.tshirt, BARCODE.earbuds]);
    const vase = await pack(O.vase, [BARCODE.vase]);
    expect(clean).toMatch(/^YT/);
    expect(vase).toMatch(/^SF/);

    expect(t.scan('HND-START').verdict).toBe('command');
    expect(snap().handover).toEqual({ open: null, lastClosed: null });

    // No carrier yet.
    expect(t.scan(clean).verdict).toBe('handover_refused');
    expect(alertCode()).toBe('handover_no_carrier');
    expect(t.scan(clean).verdict).toBe('blocked'); // the alert holds until acknowledged
    t.scan('CMD-ACK');

    expect(t.scan('YTO-KD-01').verdict).toBe('command');
    expect(snap().handover?.open).toMatchObject({ carrier: 'YTO', courier: 'YTO-KD-01', count: 0, expected: 1 });

    expect(t.scan(vase).verdict).toBe('handover_refused');
    expect(snap().alert).toMatchObject({
      code: 'handover_wrong_carrier',
      kind: 'error',
      params: { waybill: vase, carrier: 'YTO', parcelCarrier: 'SF' },
    });
    t.scan('CMD-ACK');

    expect(t.scan(clean).verdict).toBe('handover_scanned');
    expect(snap().handover?.open?.count).toBe(1);
    expect(t.scan(clean).verdict).toBe('handover_refused');
    expect(snap().alert).toMatchObject({ code: 'handover_already_handed_over', params: { station: 'T1' } });
    t.scan('CMD-ACK');

    expect(t.scan('YT9999999999999').verdict).toBe('handover_refused');
    expect(alertCode()).toBe('handover_unknown_waybill');
    t.scan('CMD-ACK');

    // Another courier while the batch has parcels: close it first.
    expect(t.scan('SF-KD-07').verdict).toBe('command_rejected');
    expect(snap().notice?.code).toBe('handover_close_first');
    expect(t.scan('HND-EXIT').verdict).toBe('command_rejected');

    const events = handoverEvents();
    expect(events).toEqual([
      {
        type: 'handover.scanned',
        payload: {
          batchId: snap().handover?.open?.batchId,
          carrier: 'YTO',
          waybill: clean,
          orderId: O.clean,
          parcelId: expect.any(String),
        },
      },
    ]);
  });

  it('refuses a parcel whose order was cancelled after packing', async () => {
    t.scan('BADGE-P01');
    const vase = await pack(O.vase, [BARCODE.vase]);
    t.station.services.stores.orders.setStatus(O.vase, 'cancelled');
    t.scan('HND-START');
    t.scan('HND-CARRIER-SF');
    expect(t.scan(vase).verdict).toBe('handover_refused');
    expect(snap().alert).toMatchObject({
      code: 'handover_intercepted',
      params: { waybill: vase, orderId: O.vase, reason: 'order_cancelled' },
    });
    t.scan('CMD-ACK');
    expect(handoverEvents()).toEqual([]);
  });

  it('will not enter handover mode in the middle of a pack', async () => {
    t.scan('BADGE-P01');
    t.scan(O.vase);
    expect(t.scan('HND-START').verdict).toBe('command_rejected');
    expect(snap().handover ?? null).toBeNull();
  });

  it('closes the batch: missing list, handover.closed, the 交接单 printed once as ESC/POS', async () => {
    t.scan('BADGE-P01');
    const clean = await pack(O.clean, [BARCODE.tshirt, BARCODE.tshirt, BARCODE.earbuds]);
    const multi = await pack(O.multi, [BARCODE.tshirt, BARCODE.tshirt, BARCODE.tshirt]);
    expect(multi).toMatch(/^YT/);
    t.scan('HND-START');
    expect(t.scan('HND-CLOSE').verdict).toBe('command_rejected'); // nothing to close
    t.scan('YTO-KD-01');
    t.scan(clean);
    t.clock.advance(60_000);
    expect(t.scan('HND-CLOSE').verdict).toBe('command');

    const closed = snap().handover?.lastClosed;
    expect(closed).toMatchObject({ carrier: 'YTO', count: 1, missing: [multi], missingFrom: 'desk' });
    expect(snap().handover?.open).toBeNull();
    const batchId = closed?.batchId ?? '';
    expect(handoverEvents().map((e) => e.type)).toEqual(['handover.scanned', 'handover.closed']);
    expect(handoverEvents()[1]?.payload).toEqual({
      batchId,
      carrier: 'YTO',
      courier: 'YTO-KD-01',
      openedAt: expect.any(Number),
      count: 1,
      waybills: [clean],
      missing: [multi],
    });

    await until(
      async () => snap().handover?.lastClosed?.print,
      (s) => s === 'printed',
      5000,
      'the 交接单 printed',
    );
    const jobs = slipPrinter().jobs();
    expect(jobs.map((j) => j.job.id)).toEqual([`handover-${batchId}-1`]);
    const bytes = escposEncoder.encode(jobs[0]!.job.layout, {
      dpi: 203,
      offsetXmm: 0,
      offsetYmm: 0,
      density: 10,
      media: { kind: 'continuous', sizeMm: 0, offsetMm: 0 },
      copies: 1,
      paperWidthMm: 80,
    });
    const printed = parseEscpos(bytes, 576);
    const text = printed.lines.map((l) => l.text).join('\n');
    expect(text).toContain('快递交接单');
    expect(text).toContain('YTO');
    expect(text).toContain(`1. ${clean}`);
    expect(text).toContain('交接 1 件  未交接 1 件');
    expect(printed.qrs.map((q) => Buffer.from(q.data).toString('utf8'))).toEqual([batchId]);

    // A crash between the print and its record: the journal (job id) keeps it from printing twice.
    t.db.prepare("UPDATE handover_batches SET print_status = 'queued'").run();
    t.station.services.desk.scan('HND-START', 'api');
    await until(
      async () => new HandoverStore(t.db).get(batchId)?.printStatus,
      (s) => s === 'printed',
      5000,
      'the sheet recorded as printed',
    );
    expect(slipPrinter().jobs()).toHaveLength(1);

    // After closing, the desk may go back to packing.
    expect(t.scan('HND-EXIT').verdict).toBe('command');
    expect(snap().handover ?? null).toBeNull();
  });

  it('keeps the mode and the open batch across a restart', async () => {
    await t.close();
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-handover-desk-'));
    const file = join(dir, 'station.db');
    const config = { handover: { couriers: { 'YTO-KD-01': 'YTO' }, printer: 'slip' as const } };
    try {
      t = await makeStation({ file, config });
      t.scan('BADGE-P01');
      const clean = await pack(O.clean, [BARCODE.tshirt, BARCODE.tshirt, BARCODE.earbuds]);
      const multi = await pack(O.multi, [BARCODE.tshirt, BARCODE.tshirt, BARCODE.tshirt]);
      for (const code of ['HND-START', 'YTO-KD-01', clean]) t.scan(code);
      await t.close();
      t = await makeStation({ file, config });
      expect(snap().handover?.open).toMatchObject({ carrier: 'YTO', count: 1 });
      expect(t.scan(clean).verdict).toBe('handover_refused');
      t.scan('CMD-ACK');
      expect(t.scan(multi).verdict).toBe('handover_scanned');
      expect(t.scan('HND-CLOSE').verdict).toBe('command');
      expect(snap().handover?.lastClosed).toMatchObject({ count: 2, missing: [] });
    } finally {
      await t.close();
      t = await makeStation();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints on the label printer when packing slips are off and no printer is named', async () => {
    await t.close();
    t = await makeStation({ config: { handover: { couriers: { 'YTO-KD-01': 'YTO' } } } });
    expect(t.station.services.slips).toBeNull(); // no slip printer was set up for it
    t.scan('BADGE-P01');
    const clean = await pack(O.clean, [BARCODE.tshirt, BARCODE.tshirt, BARCODE.earbuds]);
    for (const code of ['HND-START', 'YTO-KD-01', clean, 'HND-CLOSE']) t.scan(code);
    await until(
      async () => snap().handover?.lastClosed?.print,
      (s) => s === 'printed',
      5000,
      'the 交接单 printed on the label printer',
    );
    const sheets = t.printer.jobs().filter((j) => j.job.id.startsWith('handover-'));
    expect(sheets).toHaveLength(1);
    expect(sheets[0]?.job.layout).toMatchObject({ widthMm: 100, heightMm: 180 });
  });

  it('refuses a courier badge that names no carrier code, with the field named', () => {
    const res = stationConfigSchema.safeParse({
      station: { id: 'T1' },
      handover: { couriers: { 'KD-1': 'sf express' } },
    });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual(['handover', 'couriers', 'KD-1']);
    expect(res.error?.issues[0]?.message).toBe('a carrier code such as SF or ZTO');
  });

  it('paginates the sheet on label stock and keeps every waybill', () => {
    const waybills = Array.from({ length: 60 }, (_, i) => `YT${String(1000000000000 + i)}`);
    const pages = layoutHandoverSlip(
      {
        batchId: 'B-1',
        title: '快递交接单',
        station: { id: 'T1', name: '一号台' },
        carrier: 'YTO',
        carrierName: '圆通',
        courier: null,
        packer: null,
        openedText: '2026-12-02 09:00',
        closedText: '2026-12-02 10:00',
        count: waybills.length,
        waybills,
        missing: 0,
      },
      { widthMm: 100, heightMm: 150 },
    );
    expect(pages.length).toBeGreaterThan(1);
    const texts = pages.flatMap((p) => p.elements.flatMap((e) => (e.type === 'text' ? [e.text] : [])));
    for (const w of waybills) expect(texts.some((x) => x.endsWith(w))).toBe(true);
    for (const p of pages) {
      expect(p.heightMm).toBe(150);
      for (const e of p.elements) expect(e.y).toBeLessThanOrEqual(150);
    }
  });
});
