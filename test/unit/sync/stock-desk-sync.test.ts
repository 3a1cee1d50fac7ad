// Stock sessions finished while the hub is out of reach: their events wait in the outbox and reach
// the hub when it is back, each applied once although a lost answer makes the station send it again.
import { afterEach, describe, expect, it } from 'vitest';
import { BARCODE, O } from '../../helpers/fixtures.js';
import { makeRig, waitFor, type SyncRig } from './harness.js';

let rig: SyncRig;
afterEach(async () => {
  await rig?.close();
});

const STOCK_TYPES = ['stock.received', 'stock.counted', 'return.received'];

describe('stock events through the outbox', () => {
  it('offline receiving, count and return go out when the hub is back, each applied exactly once', async () => {
    rig = await makeRig({ start: false });
    const { t, hub, engine } = rig;
    // The hub is down for a while, then answers one push without the answer arriving.
    hub.failNext('/v1/sync/hello', 3, 503);
    hub.failNext('/v1/sync/events', 2, 'drop');
    hub.loseNextPushResponse();
    engine.start();
    for (const code of ['BADGE-P01', 'CMD-RECEIVE', 'LOC-A-01', 'CMD-QTY-6', BARCODE.vase, 'CMD-FINISH']) t.scan(code);
    for (const code of ['CMD-COUNT', 'LOC-A-01', BARCODE.vase, BARCODE.vase, 'CMD-FINISH', 'BADGE-S01']) t.scan(code);
    for (const code of ['CMD-RETURN', O.vase, BARCODE.vase, 'CMD-DAMAGED', 'CMD-FINISH']) t.scan(code);
    const sent = t.outbox().filter((e) => STOCK_TYPES.includes(e.type));
    expect(sent.map((e) => e.type)).toEqual(STOCK_TYPES);

    await waitFor(() => engine.status().queueDepth === 0, 'an empty queue');
    const applied = hub.applied.filter((e) => STOCK_TYPES.includes(e.type));
    expect(applied.map((e) => e.type)).toEqual(STOCK_TYPES);
    expect(applied.map((e) => e.payload)).toEqual(sent.map((e) => e.payload));
    // The lost answer made the station send at least one of them twice; the hub applied it once.
    const pushedIds = hub.pushes.flat();
    expect(pushedIds.length).toBeGreaterThan(new Set(pushedIds).size);
    expect(new Set(applied.map((e) => e.id)).size).toBe(3);
  });
});
