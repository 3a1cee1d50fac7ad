// `packdesk cloud shipments …` and `packdesk cloud sweep` against a running hub: what an admin types,
// one clear line for each mistake, a non-zero exit, never a stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestHub, type TestHub } from '../helpers/hub.js';
import { closedPort, expectOneLineError, runPackdesk } from '../helpers/cli.js';
import { withTestStore } from '../helpers/store.js';

let t: TestHub;
let config: string;
beforeAll(async () => {
  t = await startTestHub({ shop: { sweepIntervalS: 0 } });
  config = join(mkdtempSync(join(tmpdir(), 'packdesk-cli-')), 'hub.json');
  // The hub's own store: `cloud station revoke|rotate` write to it directly.
  writeFileSync(config, JSON.stringify(await withTestStore({ hub: { adminToken: ADMIN_TOKEN } }, t.dir)));
});
afterAll(async () => {
  await t.close();
});

const cli = (...args: string[]) => runPackdesk(['cloud', ...args]);

describe('packdesk cloud admin commands', () => {
  it('lists stuck shipments (none yet) and runs the sweep', async () => {
    const stuck = await cli('shipments', 'stuck', '--config', config, '--hub', t.hub.url);
    expect(stuck).toMatchObject({ code: 0, out: 'no stuck shipments\n' });
    const sweep = await cli('sweep', '--config', config, '--hub', t.hub.url);
    expect(sweep.code).toBe(0);
    expect(sweep.out).toMatch(/^shop1: \d+ orders listed, \d+ missed ones read\n$/);
  });

  it.each([
    [['shipments', 'retry', '123'], /\(404\): no shipment for order 123/],
    [['shipments', 'resolve', '123'], /--note TEXT is required/],
    [['shipments', 'retry', 'abc'], /expected an order id, got "abc"/],
    [['shipments', 'explode'], /expected "stuck", "retry" or "resolve", got "explode"/],
    [['sweep', '--shop', 'nope'], /\(404\): no shop nope in the hub config/],
  ])('%j → one line and a non-zero exit', async (args, message) => {
    expectOneLineError(await cli(...args, '--config', config, '--hub', t.hub.url), message);
  });

  it('says so in one line when the hub cannot be reached', async () => {
    const port = await closedPort();
    expectOneLineError(
      await cli('shipments', 'stuck', '--config', config, '--hub', `http://127.0.0.1:${port}`),
      `the hub at http://127.0.0.1:${port} cannot be reached (ECONNREFUSED)`,
    );
  });

  it('revokes and rotates a station token in the hub database', async () => {
    const token = await t.addStation('CLI1');
    const hello = (tok: string) => t.call(tok, 'GET', '/v1/sync/hello');
    const revoke = await cli('station', 'revoke', 'CLI1', '--config', config, '--data', t.dir);
    expect(revoke).toMatchObject({ code: 0 });
    expect(revoke.out).toContain('station CLI1: token revoked');
    expect((await hello(token)).status).toBe(401);
    const again = await cli('station', 'revoke', 'CLI1', '--config', config, '--data', t.dir);
    expect(again.code).not.toBe(0);
    expect(again.err.trim()).toBe("station CLI1's token is revoked already");
    const rotate = await cli('station', 'rotate', 'CLI1', '--config', config, '--data', t.dir);
    expect(rotate.code).toBe(0);
    const fresh = rotate.out.trim().split('\n').at(-1) ?? '';
    expect((await hello(fresh)).status).toBe(200);
    const unknown = await cli('station', 'rotate', 'NOPE', '--config', config, '--data', t.dir);
    expect(unknown.err.trim()).toBe('station NOPE is not registered at this hub');
  });
});
