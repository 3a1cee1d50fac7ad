// Every operator mistake at the command line ends in one clear line on stderr and a non-zero exit,
// never a stack trace: unusable data folders, garbage database files, unset secrets, an unreachable
// hub, an import that imported nothing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestHub, type TestHub } from '../helpers/hub.js';
import { closedPort, expectOneLineError, runPackdesk } from '../helpers/cli.js';

let dir: string;
let t: TestHub;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'packdesk-cli-errors-'));
  t = await startTestHub({ shop: { sweepIntervalS: 0 } });
});
afterAll(async () => {
  await t.close();
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('CLI errors', () => {
  const station = () => file('station.json', JSON.stringify({ station: { id: 'X1' }, ui: { port: 0 } }));

  it('a station data folder under a file', async () => {
    const blocker = file('blocker', 'not a folder');
    expectOneLineError(
      await runPackdesk(['station', '--config', station(), '--data', join(blocker, 'data'), '--port', '0']),
      /blocker.*(not a folder|ENOTDIR)/,
    );
  });

  it('a garbage station database file', async () => {
    const data = join(dir, 'garbage-station');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'station-X1.db'), 'this is not sqlite'.repeat(100));
    expectOneLineError(
      await runPackdesk(['station', '--config', station(), '--data', data, '--port', '0']),
      /station-X1\.db: is not a Packdesk database/,
    );
  });

  it('a garbage hub database file', async () => {
    const data = join(dir, 'garbage-hub');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'hub.db'), 'this is not sqlite'.repeat(100));
    expectOneLineError(
      await runPackdesk(['cloud', '--data', data, '--port', '0']),
      /hub\.db: is not a Packdesk database/,
    );
  });

  it('a hub data folder under a file', async () => {
    const blocker = file('blocker2', 'x');
    expectOneLineError(await runPackdesk(['cloud', '--data', join(blocker, 'hub'), '--port', '0']), /blocker2/);
  });

  it('an unset env: secret', async () => {
    const config = file('hub-secret.json', JSON.stringify({ hub: { adminToken: 'env:PACKDESK_TEST_UNSET_SECRET' } }));
    expectOneLineError(
      await runPackdesk(['cloud', '--config', config, '--data', join(dir, 'hub-secret'), '--port', '0'], {
        PACKDESK_TEST_UNSET_SECRET: '',
      }),
      /environment variable PACKDESK_TEST_UNSET_SECRET is not set/,
    );
  });

  it('a missing config file', async () => {
    expectOneLineError(await runPackdesk(['station', '--config', join(dir, 'nope.json')]), /nope\.json/);
  });

  it('an import while the hub is unreachable', async () => {
    const config = file('hub-import.json', JSON.stringify({ hub: { adminToken: ADMIN_TOKEN } }));
    const csv = file('products.csv', 'sku,title\nA-1,Cup\n');
    const port = await closedPort();
    expectOneLineError(
      await runPackdesk(['cloud', 'import', 'products', csv, '--config', config, '--hub', `http://127.0.0.1:${port}`]),
      /cannot be reached \(ECONNREFUSED\)/,
    );
  });

  it('an import that imported nothing exits non-zero', async () => {
    const config = file('hub-import2.json', JSON.stringify({ hub: { adminToken: ADMIN_TOKEN } }));
    const csv = file('empty.csv', 'sku,barcodes,title,weight,category,price\n');
    const r = await runPackdesk(['cloud', 'import', 'products', csv, '--config', config, '--hub', t.hub.url]);
    expect(r.code).not.toBe(0);
    expect(r.err.trim()).toBe(`import products: nothing was imported from ${csv}`);
  });
});
