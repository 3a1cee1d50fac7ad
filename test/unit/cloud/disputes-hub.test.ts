// After-sale disputes at the hub end to end in one process: an after-sale push on a packed order
// files a case for the station that packed it; nothing reaches WeChat until that station's
// supervisor confirms stills; then each still is uploaded and one complaint proof names them all.
// The station's part is played over HTTP with its token.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DisputeList, DisputeProof } from '../../../src/contract/disputes.js';
import { hubDisputes } from '../../../src/main/sync/dispute-reads.js';
import type { HubOrder, PushResponse } from '../../../src/contract/sync.js';
import type { FakeAfterSale } from '../../../src/demo/wechat-sandbox/index.js';
import { packEvents } from '../../helpers/events.js';
import { channelsOrders, pulledOrders } from '../../helpers/hub-orders.js';
import { SHOP, startTestHub, until, type TestHub } from '../../helpers/hub.js';

vi.setConfig({ testTimeout: 60_000 });

let t: TestHub;
let token: string;
let orders: HubOrder[];

beforeEach(async () => {
  t = await startTestHub({ shop: { afterSaleProof: { enabled: true } } });
  channelsOrders(t, 3, 41);
  token = await t.addStation('A');
  orders = await pulledOrders(t, token, (o) => o.length === 3, 15_000, 'three orders');
});
afterEach(async () => {
  await t.close();
});

const pushUrl = () => `${t.hub.url}/v1/wechat/events/${SHOP.id}`;

function afterSale(order: HubOrder, over: Partial<FakeAfterSale> = {}): FakeAfterSale {
  return {
    after_sale_order_id: `9${order.id.slice(1)}`,
    order_id: order.id,
    status: 'MERCHANT_PROCESSING',
    type: 'RETURN',
    reason: 'lack_goods',
    reason_text: '少件',
    ...over,
  };
}

async function pack(order: HubOrder, waybill: string): Promise<void> {
  const events = packEvents('A', order, waybill);
  const r = await t.call<PushResponse>(token, 'POST', '/v1/sync/events', { events });
  expect(r.body.accepted).toHaveLength(events.length);
  await until(
    () => t.hub.store.tx((x) => x.orders.get(order.id)),
    (o) => o?.packedBy === 'A',
    30_000,
    `${order.id} packed at A`,
  );
}

/** The station's own client for these endpoints, so its contract parsing meets the hub's answers. */
const station = () =>
  hubDisputes(
    async (path) => (await t.call(token, 'GET', path)).body,
    async (path, body) => {
      const r = await t.call(token, 'POST', path, body);
      if (r.status !== 200) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
  );
const cases = () => station().cases();

/** Two stills as the station sends them. The fake reads bodies as text, so their bytes are ASCII. */
const proof = (supervisorId = 'S01'): DisputeProof => ({
  supervisorId,
  stills: ['still-01-scan-top.jpg', 'still-04-label-top.jpg'].map((name) => ({
    name,
    contentType: 'image/jpeg' as const,
    base64: Buffer.from(`jpeg bytes of ${name}`).toString('base64'),
  })),
});

// A hub on PostgreSQL under a loaded machine takes seconds per step: room for several waits.
describe('after-sale disputes at the hub', { timeout: 120_000 }, () => {
  it('files a case for the packing station and sends the confirmed stills as complaint proof', async () => {
    const [packed, unpacked] = orders as [HubOrder, HubOrder];
    await pack(packed, 'ZTO7000000000001');
    const res = await t.fake.openAfterSale(pushUrl(), afterSale(packed));
    expect(res).toMatchObject({ status: 200, body: 'success' });
    // An order no station packed has no clip to prove anything with: no case.
    await t.fake.openAfterSale(pushUrl(), afterSale(unpacked));

    const open = await until(cases, (c) => c.length === 1 && c[0]?.state === 'open', 30_000, 'case open');
    expect(open[0]).toMatchObject({
      caseId: afterSale(packed).after_sale_order_id,
      orderId: packed.id,
      type: 'RETURN',
      reason: '少件',
      wechatStatus: 'MERCHANT_PROCESSING',
      error: null,
    });
    await until(
      async () => t.fake.calls('/channels/ec/aftersale/getaftersaleorder').length,
      (n) => n === 2,
      30_000,
      'both cases read',
    );
    expect(await cases()).toHaveLength(1);
    // Without the supervisor's confirmation nothing is sent.
    expect(t.fake.proofImages()).toEqual([]);
    expect(t.fake.complaintProofs()).toEqual([]);

    // Another station does not see it and cannot confirm it; a packer is not a supervisor.
    const other = await t.addStation('B');
    expect((await t.call<DisputeList>(other, 'GET', '/v1/disputes')).body.cases).toEqual([]);
    const caseId = open[0]!.caseId;
    expect((await t.call(other, 'POST', `/v1/disputes/${caseId}/proof`, proof())).status).toBe(404);
    expect((await t.call(token, 'POST', `/v1/disputes/${caseId}/proof`, proof('P01'))).status).toBe(409);
    const empty = await t.call<{ message: string }>(token, 'POST', `/v1/disputes/${caseId}/proof`, {
      supervisorId: 'S01',
      stills: [],
    });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('stills');
    expect(t.fake.proofImages()).toEqual([]);

    const confirmed = await station().sendProof(caseId, proof());
    expect(['proof_ready', 'sent']).toContain(confirmed.state);
    await until(cases, (c) => c[0]?.state === 'sent', 30_000, 'proof sent');

    const images = t.fake.proofImages();
    expect(images.map((i) => i.fileName)).toEqual(['still-01-scan-top.jpg', 'still-04-label-top.jpg']);
    expect(images.every((i) => i.contentType === 'image/jpeg')).toBe(true);
    // The bytes arrived as the station sent them.
    expect(images.map((i) => i.sha256)).toEqual(
      images.map((i) => createHash('sha256').update(`jpeg bytes of ${i.fileName}`).digest('hex')),
    );
    expect(t.fake.complaintProofs()).toEqual([
      {
        // No complaint id on the case: the after_sale_order_id stands in (UNCONFIRMED).
        complaint_id: caseId,
        content: expect.any(String) as string,
        media_id_list: images.map((i) => i.mediaId),
      },
    ]);
    // Sent once: a second confirmation is refused and nothing more goes out.
    expect((await t.call(token, 'POST', `/v1/disputes/${caseId}/proof`, proof())).status).toBe(409);
    expect(t.fake.complaintProofs()).toHaveLength(1);
  });

  it('finds a case listed on a re-read order and uses its complaint id', async () => {
    const order = orders[2]!;
    await pack(order, 'ZTO7000000000003');
    // No after-sale push: an order push makes the hub re-read the order, which lists the case.
    await t.fake.openAfterSale(null, afterSale(order, { complaint_id: 'CMP-778' }));
    await t.fake.pushEvent(pushUrl(), { Event: 'channels_ec_order_ext_info_update', order_id: order.id }, 'json');
    const found = await until(cases, (c) => c.length === 1, 30_000, 'case from the re-read');
    expect(t.fake.complaintProofs()).toEqual([]);

    await t.call(token, 'POST', `/v1/disputes/${found[0]!.caseId}/proof`, proof());
    await until(cases, (c) => c[0]?.state === 'sent', 30_000, 'proof sent');
    expect(t.fake.complaintProofs()[0]).toMatchObject({ complaint_id: 'CMP-778' });
  });

  it('with proof sending off for the shop, a confirmed case fails with the setting named and sends nothing', async () => {
    await t.close();
    t = await startTestHub();
    channelsOrders(t, 1, 43);
    token = await t.addStation('A');
    const [order] = await pulledOrders(t, token, (o) => o.length === 1, 15_000, 'one order');
    await pack(order!, 'ZTO7000000000009');
    await t.fake.openAfterSale(pushUrl(), afterSale(order!));
    const [c] = await until(cases, (x) => x.length === 1, 30_000, 'case open');
    await station().sendProof(c!.caseId, proof());
    const [failed] = await until(cases, (x) => x[0]?.state === 'failed', 30_000, 'proof failed');
    expect(failed!.error).toBe('wechat.shops[shop1].afterSaleProof.enabled is false');
    expect(t.fake.proofImages()).toEqual([]);
    expect(t.fake.complaintProofs()).toEqual([]);
  });
});
