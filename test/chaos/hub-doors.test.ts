// The hub's doors against a stranger, with the hub as its own process: unsigned or forged WeChat
// pushes make no WeChat call, and oversize bodies from anyone unauthenticated are refused without
// the hub's memory growing with them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeWechat } from '../../src/demo/wechat-sandbox/index.js';
import { securePush } from '../../src/demo/wechat-sandbox/push.js';
import { until } from '../helpers/wait.js';
import { postBigBody } from '../helpers/big-body.js';
import { ADMIN_TOKEN, SHOP, SHOP_PUSH } from '../helpers/hub.js';
import { startHubProcess, writeConfig, type StationProcess } from '../helpers/process.js';

let fake: FakeWechat;
let hub: StationProcess;

beforeAll(async () => {
  fake = new FakeWechat({ apps: [{ appid: SHOP.appid, secret: SHOP.secret, kind: 'channels', push: SHOP_PUSH }] });
  const apiBase = await fake.listen();
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-doors-'));
  const config = writeConfig(
    dir,
    {
      hub: { adminToken: ADMIN_TOKEN },
      wechat: {
        apiBase,
        shops: [
          {
            ...SHOP,
            pushToken: SHOP_PUSH.token,
            encodingAesKey: SHOP_PUSH.encodingAesKey,
            pullIntervalS: 3600,
            sweepIntervalS: 0,
          },
        ],
      },
    },
    'hub.json',
  );
  hub = await startHubProcess({ config, data: join(dir, 'data') });
}, 60_000);

afterAll(async () => {
  await hub?.stop();
  await fake?.close();
});

const rssMb = () => {
  const status = readFileSync(`/proc/${hub.proc.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};
const orderGets = () => fake.calls('/channels/ec/order/get').map((c) => (c.body as { order_id: string }).order_id);
const message = (id: string) =>
  `{"ToUserName":"gh","FromUserName":"o","CreateTime":1764000000,"MsgType":"event",` +
  `"Event":"channels_ec_order_cancel","order_info":{"order_id":${id},"cancel_type":1}}`;

const stranger = (path: string, bytes: number) => postBigBody(new URL(path, hub.url).href, bytes);

describe('hub doors (hub process)', () => {
  it('acts on a genuine push only: unsigned and forged ones are 401 and cause no WeChat call', async () => {
    const url = `${hub.url}/v1/wechat/events/shop1`;
    const forgedId = '3719523781241597001';
    const post = (query: string, body: string) =>
      fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('', message(forgedId))).status).toBe(401);
    const wrongKey = securePush(
      { token: SHOP_PUSH.token, encodingAesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut', appid: SHOP.appid },
      message(forgedId),
      1764000000,
    );
    expect((await post(wrongKey.query, wrongKey.body)).status).toBe(401);
    const genuineId = '3719523781241597002';
    const genuine = securePush({ ...SHOP_PUSH, appid: SHOP.appid }, message(genuineId), 1764000000);
    expect((await post(genuine.query, genuine.body)).status).toBe(200);
    await until(orderGets, (ids) => ids.includes(genuineId), 20_000, 'the genuine push acted on');
    expect(orderGets()).not.toContain(forgedId);
  });

  it('refuses 8 × 50 MB bodies from a stranger on every door, and its memory stays bounded', async () => {
    const before = rssMb();
    const doors = ['/v1/sync/events', '/v1/admin/products', '/v1/orders', '/v1/wechat/events/shop1'];
    const statuses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => stranger(doors[i % doors.length]!, 50 * 2 ** 20)),
    );
    for (const s of statuses) expect([0, 401, 413]).toContain(s);
    expect(rssMb() - before).toBeLessThan(100);
    const health = await fetch(`${hub.url}/v1/health`);
    expect(await health.json()).toMatchObject({ ok: true });
  });

  it('imports a CSV through its worker thread (the hub as deployed, from dist/)', async () => {
    const csv = ['sku,barcodes,title,weight,category,price', 'W-1,,杯子,200,general,9.90', 'W-2,,碗,300,general,12.00'];
    const res = await fetch(`${hub.url}/v1/admin/import/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ csvBase64: Buffer.from(csv.join('\n')).toString('base64') }),
    });
    expect(await res.json()).toMatchObject({ rows: 2, imported: 2, errors: [] });
  });
});
