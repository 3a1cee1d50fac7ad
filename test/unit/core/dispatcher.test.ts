import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORE_METHODS, CoreFault, requestSchemas, toEnvelope } from '../../../src/contract/api.js';
import { makeStation, type TestStation } from '../../helpers/station.js';

let t: TestStation;
beforeEach(async () => {
  t = await makeStation();
});
afterEach(async () => {
  await t.close();
});

async function envelope(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return toEnvelope(err);
  }
  throw new Error('expected a rejection');
}

describe('dispatcher', () => {
  it('has a schema and a handler for every method in the allow-list', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...CORE_METHODS].sort());
  });

  it('unknown methods and bad arguments come back as one envelope naming the field', async () => {
    expect(await envelope(t.station.core.dispatch('orders.drop', {}))).toEqual({
      code: 'unknown_method',
      message: 'unknown request "orders.drop"',
      retryable: false,
    });
    const bad = await envelope(t.station.core.dispatch('scan.submit', { code: '', source: 'keyboard' }));
    expect(bad.code).toBe('bad_request');
    expect(bad.message).toContain('scan.submit arguments is invalid');
    expect(bad.message).toContain('code: expected at least 1 characters, got ""');
    expect(bad.message).toContain('source: expected one of "wedge", "serial", "sim", "api", got "keyboard"');
    const extra = await envelope(t.station.core.dispatch('waybills.pool', { all: true }));
    expect(extra.message).toContain('all: unknown field');
  });

  it('CoreFault keeps its code; sim controls answer for simulated devices', async () => {
    expect(await envelope(t.station.core.dispatch('labels.get', { labelId: 'nope' }))).toEqual({
      code: 'not_found',
      message: 'no label nope',
      retryable: false,
    });
    expect(toEnvelope(new CoreFault('device_unavailable', 'scale silent', true))).toEqual({
      code: 'device_unavailable',
      message: 'scale silent',
      retryable: true,
    });
    const scale = await t.station.core.call('sim.scale', { offsetG: 300 });
    expect(scale).toMatchObject({ offsetG: 300, placedG: null });
    const printer = await t.station.core.call('sim.printer', { paperOut: true });
    expect(printer).toEqual({ paperOut: true, jobs: 0 });
  });

  it('the barcode sheet lists commands, reasons, packaging, badges, products and orders', async () => {
    const sheet = await t.station.core.call('sheet.get', { orders: 3 });
    expect(sheet.commands.map((c) => c.code)).toEqual([
      'CMD-ACK',
      'CMD-CANCEL',
      'CMD-REPRINT',
      'CMD-HOLD',
      'CMD-OVERRIDE',
      'CMD-NEXT',
      'CMD-LOGOUT',
      'CMD-SPLIT',
      'CMD-OK',
      'CMD-MERGE',
      'CMD-RECEIVE',
      'CMD-COUNT',
      'CMD-RETURN',
      'CMD-FINISH',
      'CMD-UNDO',
      'CMD-GOOD',
      'CMD-DAMAGED',
    ]);
    expect(sheet.quantities[0]).toEqual({ code: 'CMD-QTY-2', labelKey: 'command.QTY', text: 'CMD-QTY-2' });
    expect(sheet.reasons.override.map((r) => r.code)).toContain('RSN-PACKAGING-HEAVY');
    expect(sheet.packaging.map((p) => p.code)).toContain('PKG-CARTON5-BUBBLE');
    expect(sheet.badges.map((b) => [b.code, b.role])).toEqual([
      ['BADGE-S01', 'supervisor'],
      ['BADGE-P01', 'packer'],
      ['BADGE-P02', 'packer'],
    ]);
    expect(sheet.products).toHaveLength(8);
    expect(sheet.products.find((p) => p.sku === 'SKU-SET')?.bundle).toBe(true);
    expect(sheet.orders).toHaveLength(3);
  });
});
