// The stock board's core methods (stock.board, stock.movements): the hub's answers parsed with the
// contract, filters passed as the hub's query, and a hub that is absent or out of reach answered as
// such ("no_hub" / "unreachable"), never thrown at the UI.
import { afterEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/sync/http.js';
import { hubStockReads } from '../../../src/main/sync/stock-reads.js';
import type { SyncPort } from '../../../src/main/core/station.js';
import { makeStation, type TestStation } from '../../helpers/station.js';

const AT = Date.UTC(2026, 10, 25, 2);
const BOARD = {
  at: AT,
  items: [
    {
      sku: 'SKU-TEE',
      name: 'T恤',
      onHand: 5,
      reserved: 1,
      available: 4,
      channels: [{ channel: 'shop1', allocated: 3, published: 2, publishedAt: AT }],
      velocityPerDay: 2,
      daysOfCover: 2,
      low: true,
      short: 0,
    },
  ],
};
const ALERTS = { items: [{ kind: 'low', sku: 'SKU-TEE', detail: '2 days of cover', at: AT }] };
const MOVEMENTS = {
  items: [
    {
      seq: 9,
      id: 'M9',
      key: 'E1:0',
      sku: 'SKU-TEE',
      location: 'MAIN',
      pool: 'shared',
      kind: 'receipt',
      qty: 5,
      channel: null,
      orderId: null,
      ref: null,
      at: AT,
      by: 'P01',
    },
  ],
  next: null,
};

let t: TestStation | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A station whose hub reads are answered by `answer` (path and query → body, or a thrown error). */
async function stationWithHub(answer: (pathAndQuery: string) => unknown): Promise<{ asked: string[] }> {
  const asked: string[] = [];
  const read = async (pathAndQuery: string) => {
    asked.push(pathAndQuery);
    return answer(pathAndQuery);
  };
  const port: SyncPort = {
    start() {},
    async stop() {},
    status: () => ({ mode: 'online', queueDepth: 0, deadLetters: 0, quarantined: 0, lastError: null }),
    onStatus: () => () => {},
    reconfigure() {},
    stock: hubStockReads(read),
  };
  t = await makeStation({ sync: () => port });
  return { asked };
}

const call = <M extends 'stock.board' | 'stock.movements'>(method: M, args: object) =>
  t!.station.core.dispatch(method, args);

describe('stock board through the station core', () => {
  it('without a hub: no_hub', async () => {
    t = await makeStation();
    expect(await call('stock.board', {})).toEqual({ ok: false, reason: 'no_hub', message: '' });
    expect(await call('stock.movements', {})).toEqual({ ok: false, reason: 'no_hub', message: '' });
  });

  it('the board with the alerts, narrowed to a channel when asked', async () => {
    const { asked } = await stationWithHub((p) => (p.startsWith('/v1/stock/board') ? BOARD : ALERTS));
    expect(await call('stock.board', { channel: 'shop1' })).toEqual({ ok: true, board: BOARD, alerts: ALERTS.items });
    expect(asked.sort()).toEqual(['/v1/stock/alerts', '/v1/stock/board?channel=shop1']);
  });

  it('movements with their filters as the hub query', async () => {
    const { asked } = await stationWithHub(() => MOVEMENTS);
    const r = await call('stock.movements', {
      sku: 'SKU-TEE',
      kind: 'receipt',
      from: AT - 1000,
      before: 10,
      limit: 50,
    });
    expect(r).toEqual({ ok: true, ...MOVEMENTS });
    expect(asked).toEqual([`/v1/stock/movements?sku=SKU-TEE&kind=receipt&from=${AT - 1000}&before=10&limit=50`]);
  });

  it('a hub out of reach, or one answering off-contract, is "unreachable" with the reason', async () => {
    await stationWithHub(() => {
      throw new SyncError('timeout', 'GET /v1/stock/board: no answer within 15 s');
    });
    expect(await call('stock.board', {})).toEqual({
      ok: false,
      reason: 'unreachable',
      message: 'GET /v1/stock/board: no answer within 15 s',
    });
    await t!.close();
    await stationWithHub(() => ({ items: [{ sku: 'X' }], next: null }));
    const r = (await call('stock.movements', {})) as { ok: boolean; message: string };
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^\/v1\/stock\/movements: items\.0\.\w+: /);
  });

  it('refuses a bad filter naming the field', async () => {
    await stationWithHub(() => MOVEMENTS);
    await expect(call('stock.movements', { kind: 'stolen' })).rejects.toThrow(/kind/);
  });
});
