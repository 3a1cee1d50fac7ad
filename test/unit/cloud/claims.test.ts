// Claims at the hub: a hold, a cancel or a completion releases the desk's claim; a claim lapses after
// stations.claimTtlS without an event of its pack and another desk may take it; a supervisor lists and
// releases claims; the station that lost one is told on its next pull.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../src/base/ids.js';
import type { AnyOutboxEvent, OutboxPayloads, OutboxType } from '../../../src/contract/events.js';
import type { ClaimResponse, HubOrder, PullResponse } from '../../../src/contract/sync.js';
import { startTestHub, type TestHub } from '../../helpers/hub.js';
import { channelsOrders, pulledOrders } from '../../helpers/hub-orders.js';

vi.setConfig({ testTimeout: 60_000 });
let t: TestHub;
let clock = Date.now();
const warnings: Record<string, unknown>[] = [];
afterEach(async () => {
  warnings.length = 0;
  await t.close();
});

const TTL_S = 600;

async function setUp(): Promise<{ a: string; b: string; order: HubOrder }> {
  clock = Date.now();
  t = await startTestHub({
    config: { stations: { claimTtlS: TTL_S } },
    now: () => clock,
    log: (line) => {
      if (line.level === 40) warnings.push(line);
    },
  });
  channelsOrders(t, 1, 3);
  const a = await t.addStation('A');
  const b = await t.addStation('B');
  const [order] = await pulledOrders(t, a, (orders) => orders.length > 0, 10_000, 'the order at the hub');
  if (!order) throw new Error('no order');
  return { a, b, order };
}

const claim = (token: string, orderId: string, packId: string) =>
  t.call<ClaimResponse>(token, 'POST', '/v1/sync/claims', { orderId, packId });
const ev = <T extends OutboxType>(stationId: string, type: T, payload: OutboxPayloads[T]) =>
  ({ id: newId(Date.now()), type, at: Date.now(), stationId, packerId: 'P01', payload }) as AnyOutboxEvent;
const push = (token: string, events: AnyOutboxEvent[]) => t.call(token, 'POST', '/v1/sync/events', { events });
/** Everything the station has not pulled yet, from `cursor`. */
const pullAll = async (token: string, cursor = 0) =>
  (await t.call<PullResponse>(token, 'GET', `/v1/sync/pull?cursor=${cursor}&wait=0`)).body;

describe('releasing a claim', () => {
  it('a hold at desk A lets desk B claim the order', async () => {
    const { a, b, order } = await setUp();
    expect((await claim(a, order.id, 'pA')).body.ok).toBe(true);
    expect((await claim(b, order.id, 'pB')).body).toEqual({ ok: false, heldBy: 'A' });
    await push(a, [ev('A', 'order.held', { orderId: order.id, packId: 'pA', reason: 'DAMAGED' })]);
    expect((await claim(b, order.id, 'pB')).body).toEqual({ ok: true, heldBy: null });
  });

  it('a cancelled pack releases it; a hold without a pack (an upstream hold) does not', async () => {
    const { a, b, order } = await setUp();
    await claim(a, order.id, 'pA');
    await push(a, [ev('A', 'order.held', { orderId: order.id, packId: null, reason: 'OTHER' })]);
    expect((await claim(b, order.id, 'pB')).status).toBe(409);
    await push(a, [ev('A', 'pack.cancelled', { orderId: order.id, packId: 'pA', reason: 'command' })]);
    expect((await claim(b, order.id, 'pB')).status).toBe(200);
  });
});

describe('a claim that lapses', () => {
  it('holds while its pack is worked on, lapses after claimTtlS without, and desk A is told when B takes it', async () => {
    const { a, b, order } = await setUp();
    const cursorA = (await pullAll(a)).cursor;
    await claim(a, order.id, 'pA');
    // A scan of the pack near the end of the TTL keeps the claim alive for another TTL.
    clock += (TTL_S - 10) * 1000;
    await push(a, [
      ev('A', 'scan.recorded', {
        scanId: 1,
        packId: 'pA',
        orderId: order.id,
        code: '6900000000001',
        verdict: 'item_ok',
        productId: 1,
        qty: 1,
        parcelNo: 1,
      }),
    ]);
    clock += 20_000;
    expect((await claim(b, order.id, 'pB')).body).toEqual({ ok: false, heldBy: 'A' });
    clock += TTL_S * 1000;
    expect((await claim(b, order.id, 'pB')).body).toEqual({ ok: true, heldBy: null });
    expect(warnings).toContainEqual(expect.objectContaining({ msg: 'a lapsed claim was taken over', from: 'A' }));
    // Desk A hears of it on its next pull; B does not.
    const told = (await pullAll(a, cursorA)).exceptions;
    expect(told).toEqual([
      expect.objectContaining({
        orderId: order.id,
        stationId: 'A',
        kind: 'claimed_elsewhere',
        detail: expect.stringContaining('taken by B'),
      }),
    ]);
    expect((await pullAll(b)).exceptions).toEqual([]);
  });

  it('pack.started of a desk that packed offline takes a lapsed claim too', async () => {
    const { a, b, order } = await setUp();
    await claim(a, order.id, 'pA');
    clock += TTL_S * 1000;
    await push(b, [
      ev('B', 'pack.started', {
        packId: 'pB',
        orderId: order.id,
        channel: order.channel,
        units: 1,
        lines: [],
        paidAt: null,
      }),
    ]);
    const { claims } = (await t.admin<{ claims: { orderId: string; stationId: string }[] }>('GET', '/v1/admin/claims'))
      .body;
    expect(claims).toEqual([expect.objectContaining({ orderId: order.id, stationId: 'B' })]);
  });
});

describe('the supervisor', () => {
  it('lists claims with their expiry and releases one; the desk that held it is told', async () => {
    const { a, b, order } = await setUp();
    const cursorA = (await pullAll(a)).cursor;
    await claim(a, order.id, 'pA');
    const listed = await t.admin<{ ttlS: number; claims: unknown[] }>('GET', '/v1/admin/claims');
    expect(listed.body).toEqual({
      ttlS: TTL_S,
      claims: [
        { orderId: order.id, stationId: 'A', packId: 'pA', at: clock, expiresAt: clock + TTL_S * 1000, expired: false },
      ],
    });
    const released = await t.admin('DELETE', `/v1/admin/claims/${order.id}`);
    expect(released).toEqual({ status: 200, body: { released: expect.objectContaining({ stationId: 'A' }) } });
    expect((await t.admin('DELETE', `/v1/admin/claims/${order.id}`)).status).toBe(404);
    expect(warnings).toContainEqual(expect.objectContaining({ msg: 'claim released by the admin', stationId: 'A' }));
    expect((await claim(b, order.id, 'pB')).body.ok).toBe(true);
    expect((await pullAll(a, cursorA)).exceptions).toEqual([
      expect.objectContaining({ orderId: order.id, stationId: 'A', kind: 'claim_released' }),
    ]);
    // Told, nothing left to handle: the admin's open list stays clear.
    const open = await t.admin<unknown[]>('GET', '/v1/admin/exceptions?open=true');
    expect(open.body).toEqual([]);
  });
});
