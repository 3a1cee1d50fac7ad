// Product photos on the station: a pulled product naming a cached image gets its bytes fetched from
// the hub into the data dir in the background, once; only then does the pack line carry imageUrl,
// and the station's browser server serves the bytes with the session secret. No photo, no imageUrl.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../src/main/core/store/catalog.js';
import { catalogImageSource } from '../../../src/main/sync/images.js';
import { startBrowserServer, type BrowserServer } from '../../../src/hosts/station/browser-server.js';
import { O, P, PRODUCTS } from '../../helpers/fixtures.js';
import { makeRig, waitFor, type SyncRig } from './harness.js';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('t-shirt photo')]);
const SHA = createHash('sha256').update(PNG).digest('hex');
const tshirt = PRODUCTS.find((p) => p.id === P.tshirt);
if (!tshirt) throw new Error('fixture');

let rig: SyncRig | undefined;
let server: BrowserServer | undefined;
let dir: string;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rig?.close();
  rig = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function rigWithImages(): Promise<SyncRig> {
  dir = mkdtempSync(join(tmpdir(), 'packdesk-images-'));
  rig = await makeRig({ engine: { imagesDir: dir } });
  return rig;
}

function packLines(r: SyncRig) {
  r.t.scan('BADGE-P01');
  r.t.scan(O.clean);
  const lines = r.t.station.services.snapshot().pack?.lines ?? [];
  expect(lines.length).toBeGreaterThan(1);
  return lines;
}

describe('catalog images on the station', () => {
  it('fetches a named photo once, then pack lines carry its local path and the browser server serves it', async () => {
    const r = await rigWithImages();
    r.hub.images.set(SHA, { bytes: PNG, type: 'image/png' });
    r.hub.publish({ products: [{ ...tshirt, image: { sha256: SHA, contentType: 'image/png' } }] });
    await waitFor(() => existsSync(join(dir, SHA)), 'the photo in the data dir');
    await r.engine.images?.idle();
    expect(readFileSync(join(dir, SHA)).equals(PNG)).toBe(true);
    // Another pull with the same product: the bytes are not asked for again.
    r.hub.publish({
      products: [{ ...tshirt, title: '纯棉T恤 白色 L 新', image: { sha256: SHA, contentType: 'image/png' } }],
    });
    await waitFor(
      () => new CatalogStore(r.t.db, () => 0).get(P.tshirt)?.title === '纯棉T恤 白色 L 新',
      'the second pull',
    );
    await r.engine.images?.idle();
    expect(r.hub.count(`/v1/catalog/images/${SHA}`)).toBe(1);

    const lines = packLines(r);
    expect(lines.find((l) => l.productId === P.tshirt)?.imageUrl).toBe(`/images/${SHA}`);
    expect(lines.filter((l) => l.productId !== P.tshirt).every((l) => !l.imageUrl)).toBe(true);

    server = await startBrowserServer({
      core: r.t.station.core,
      host: '127.0.0.1',
      port: 0,
      rendererDir: dir,
      sessionSecret: 'test-secret',
      images: catalogImageSource(dir, new CatalogStore(r.t.db, () => 0)),
    });
    const ok = await fetch(`${server.url}images/${SHA}?session=test-secret`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await fetch(`${server.url}images/${SHA}`)).status).toBe(403);
    expect((await fetch(`${server.url}images/${'0'.repeat(64)}?session=test-secret`)).status).toBe(404);
  });

  it('a photo the hub cannot give is not shown and never holds up packing', async () => {
    const r = await rigWithImages();
    r.hub.publish({ products: [{ ...tshirt, image: { sha256: SHA, contentType: 'image/png' } }] });
    await waitFor(() => r.hub.count(`/v1/catalog/images/${SHA}`) > 0, 'the photo asked for');
    await r.engine.images?.idle();
    expect(existsSync(join(dir, SHA))).toBe(false);
    const lines = packLines(r);
    expect(lines.find((l) => l.productId === P.tshirt)?.imageUrl ?? null).toBeNull();
  });

  it('a product without a photo pulls as before and has no imageUrl', async () => {
    const r = await rigWithImages();
    r.hub.publish({ products: [{ ...tshirt, title: '纯棉T恤 无图' }] });
    await waitFor(() => new CatalogStore(r.t.db, () => 0).get(P.tshirt)?.title === '纯棉T恤 无图', 'the product');
    const lines = packLines(r);
    expect(lines.every((l) => !l.imageUrl)).toBe(true);
    expect(r.hub.requests.some((q) => q.path.startsWith('/v1/catalog/images/'))).toBe(false);
  });
});
