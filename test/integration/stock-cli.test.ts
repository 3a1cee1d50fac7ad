// `packdesk cloud import stock` as an operator runs it: a GBK opening-stock file through the admin
// API, a second run booking nothing, and operator mistakes as one line and a non-zero exit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stockLevelsResponse } from '../../src/contract/stock-ledger.js';
import { ADMIN_TOKEN, startTestHub, type TestHub } from '../helpers/hub.js';
import { expectOneLineError, runPackdesk } from '../helpers/cli.js';

vi.setConfig({ testTimeout: 60_000 });
let t: TestHub;
let dir: string;
let config: string;
beforeAll(async () => {
  t = await startTestHub({ shop: { sweepIntervalS: 0 }, config: { stock: { enabled: true } } });
  dir = mkdtempSync(join(tmpdir(), 'packdesk-stock-cli-'));
  config = join(dir, 'hub.json');
  writeFileSync(config, JSON.stringify({ hub: { adminToken: ADMIN_TOKEN } }));
});
afterAll(() => t.close());

describe('packdesk cloud import stock', () => {
  it('imports opening stock from a GBK file once, and reports bad lines by number', async () => {
    const [a, b] = t.catalog.products.filter((p) => p.components.length === 0);
    const csv = join(dir, 'opening.csv');
    writeFileSync(csv, iconv.encode(`商品编码,数量,库位\r\n${a?.sku},12,A-01\r\n${b?.sku},abc,\r\n`, 'gbk'));
    const first = await runPackdesk([
      'cloud',
      'import',
      'stock',
      csv,
      '--mode',
      'opening',
      '--config',
      config,
      '--hub',
      t.hub.url,
    ]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({
      encoding: 'gbk',
      imported: 1,
      changed: 1,
      errors: ['line 3, qty: expected a whole number ≥ 0, got "abc"'],
    });
    const again = await runPackdesk([
      'cloud',
      'import',
      'stock',
      csv,
      '--mode',
      'opening',
      '--config',
      config,
      '--hub',
      t.hub.url,
    ]);
    expect(JSON.parse(again.out)).toMatchObject({ imported: 1, changed: 0 });
    const level = stockLevelsResponse.parse((await t.admin('GET', `/v1/stock?sku=${a?.sku}&location=A-01`)).body);
    expect(level.items[0]).toMatchObject({ onHand: 12 });
  });

  it('a wrong mode is one clear line', async () => {
    const csv = join(dir, 'x.csv');
    writeFileSync(csv, 'sku,qty\nX,1\n');
    expectOneLineError(
      await runPackdesk(['cloud', 'import', 'stock', csv, '--mode', 'count', '--config', config, '--hub', t.hub.url]),
      '--mode: expected "opening" or "receipt", got "count"',
    );
  });
});
