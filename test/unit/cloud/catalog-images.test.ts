// Product photos at the hub: a CSV image column (or an admin row's imageUrl) is downloaded once from
// its source, kept by sha256, named in the catalog stations pull, and served to stations with their
// token only. Oversize and non-image answers are refused with a logged reason; the product stays.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PullResponse } from '../../../src/contract/sync.js';
import { MAX_IMAGE_BYTES } from '../../../src/cloud/services/catalog-images.js';
import { startTestHub, type TestHub } from '../../helpers/hub.js';

vi.setConfig({ testTimeout: 30_000 });

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('a tiny test picture')]);
const SHA = createHash('sha256').update(PNG).digest('hex');

let t: TestHub;
let source: Server;
let base: string;
const hits = new Map<string, number>();
const warnings: Record<string, unknown>[] = [];

beforeEach(async () => {
  hits.clear();
  warnings.length = 0;
  source = createServer((req, res) => {
    hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
    if (req.url === '/tea.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    // No content-length: the hub must count while reading.
    else if (req.url === '/huge.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'transfer-encoding': 'chunked' });
      res.end(Buffer.alloc(MAX_IMAGE_BYTES + 1024, 1));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
  t = await startTestHub({
    log: (line) => {
      if (line.level === 40) warnings.push(line);
    },
  });
});
afterEach(async () => {
  await t.close();
  await new Promise((resolve) => source.close(resolve));
});

const b64 = (text: string) => Buffer.from(text).toString('base64');
const importCsv = (csv: string) =>
  t.admin<{ imported: number; changed: number; errors: string[] }>('POST', '/v1/admin/import/products', {
    csvBase64: b64(csv),
  });

async function pulledProducts(token: string): Promise<PullResponse['products']> {
  const all: PullResponse['products'] = [];
  let cursor = 0;
  for (;;) {
    const r = await t.call<PullResponse>(token, 'GET', `/v1/sync/pull?cursor=${cursor}&wait=0`);
    all.push(...r.body.products);
    cursor = r.body.cursor;
    if (!r.body.more) return all;
  }
}

describe('catalog images at the hub', () => {
  it('an image column is fetched once, named in the catalog and served to stations with a token', async () => {
    const csv = [
      'sku,title,weight,category,price,图片',
      `IMG-TEA-01,西湖龙井,250g,食品,128.00,${base}/tea.png`,
      'IMG-CUP-01,玻璃茶杯,300g,易碎,39.90,',
    ].join('\n');
    const first = (await importCsv(csv)).body;
    expect(first).toMatchObject({ imported: 2, changed: 2, errors: [] });
    // The same file again: the hub's copy is used, the source is not asked twice, nothing changes.
    expect((await importCsv(csv)).body).toMatchObject({ imported: 2, changed: 0 });
    expect(hits.get('/tea.png')).toBe(1);

    const token = await t.addStation('S1');
    const products = await pulledProducts(token);
    const tea = products.find((p) => p.sku === 'IMG-TEA-01');
    expect(tea?.image).toEqual({ sha256: SHA, contentType: 'image/png' });
    expect(JSON.stringify(tea)).not.toContain(base);
    expect(products.find((p) => p.sku === 'IMG-CUP-01')?.image ?? null).toBeNull();

    const url = `${t.hub.url}/v1/catalog/images/${SHA}`;
    const served = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const missing = await fetch(`${t.hub.url}/v1/catalog/images/${'0'.repeat(64)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(missing.status).toBe(404);
  });

  it('an oversize or non-image answer is refused with a logged reason; the product imports without a photo', async () => {
    const csv = [
      'sku,title,weight,category,price,image_url',
      `IMG-BIG-01,大图商品,250g,食品,10.00,${base}/huge.jpg`,
      `IMG-WEB-01,网页商品,250g,食品,10.00,${base}/page.html`,
      `IMG-BAD-01,坏链接,250g,食品,10.00,ftp://example/x.png`,
    ].join('\n');
    const res = (await importCsv(csv)).body;
    expect(res.imported).toBe(2);
    expect(res.errors).toEqual([
      expect.stringMatching(/^line 4, image: expected an http:\/\/ or https:\/\/ image URL/),
    ]);
    const reasons = warnings.filter((w) => w.msg === 'product image not cached').map((w) => [w.url, w.reason]);
    expect(reasons).toEqual([
      [`${base}/huge.jpg`, expect.stringContaining(`at most ${MAX_IMAGE_BYTES} bytes`)],
      [`${base}/page.html`, expect.stringContaining('image/* content type, got "text/html"')],
    ]);
    const products = await pulledProducts(await t.addStation('S1'));
    for (const sku of ['IMG-BIG-01', 'IMG-WEB-01']) expect(products.find((p) => p.sku === sku)?.image).toBeNull();
  });

  it('the admin API takes imageUrl on a product row and caches it the same way', async () => {
    const [p] = t.catalog.products.filter((x) => x.components.length === 0);
    if (!p) throw new Error('catalog');
    const put = await t.admin('PUT', `/v1/admin/products/${p.id}`, { ...p, imageUrl: `${base}/tea.png` });
    expect(put.status).toBe(200);
    const got = await t.admin<{ image: unknown; imageUrl?: string }>('GET', `/v1/admin/products/${p.id}`);
    expect(got.body.image).toEqual({ sha256: SHA, contentType: 'image/png' });
    expect(got.body.imageUrl).toBeUndefined();
  });
});
