// Product photos, cached by the hub: a source URL (admin API or CSV image column) is downloaded
// once, checked (image/*, at most MAX_IMAGE_BYTES, within FETCH_TIMEOUT_MS), kept by the sha256 of
// its bytes and named in the catalog as { sha256, contentType }. Stations fetch the bytes from the
// hub (GET /v1/catalog/images/:sha256), never from the source: they may be offline from WeChat's
// CDN. A photo that cannot be fetched is logged and the product goes out without one.
import { createHash } from 'node:crypto';
import type { ProductImage } from '../../contract/sync.js';
import type { HubContext } from '../context.js';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

class ImageRefused extends Error {}

async function download(url: string): Promise<{ bytes: Buffer; contentType: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  if (!res.ok) throw new ImageRefused(`HTTP ${res.status}`);
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!/^image\/[a-z0-9.+-]{1,40}$/.test(contentType))
    throw new ImageRefused(`expected an image/* content type, got "${contentType || 'none'}"`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > MAX_IMAGE_BYTES) throw new ImageRefused(`expected at most ${MAX_IMAGE_BYTES} bytes, got ${declared}`);
  // Counted while reading too: a server may send no length, or a wrong one.
  const chunks: Buffer[] = [];
  let size = 0;
  // Node's web stream is async-iterable; the DOM lib some test configs load does not say so.
  const body = res.body as unknown as AsyncIterable<Uint8Array> | null;
  if (body)
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > MAX_IMAGE_BYTES) throw new ImageRefused(`expected at most ${MAX_IMAGE_BYTES} bytes, got more`);
      chunks.push(Buffer.from(chunk));
    }
  if (size === 0) throw new ImageRefused('expected image bytes, got an empty body');
  return { bytes: Buffer.concat(chunks), contentType };
}

/** The cached photo for a URL: fetched the first time, from the hub's copy after. Null when it cannot be had. */
export async function cacheImage(ctx: HubContext, url: string): Promise<ProductImage | null> {
  const known = await ctx.store.tx((t) => t.catalogImages.bySource(url));
  if (known) return known;
  try {
    const { bytes, contentType } = await download(url);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await ctx.store.tx((t) => t.catalogImages.add({ sha256, contentType, bytes, sourceUrl: url, at: ctx.now() }));
    ctx.log('product image cached', { url, sha256, bytes: bytes.length });
    return { sha256, contentType };
  } catch (err) {
    const reason = err instanceof Error ? (err.name === 'TimeoutError' ? 'timed out' : err.message) : String(err);
    ctx.warn('product image not cached', { url, reason });
    return null;
  }
}

/**
 * Rows as written by an admin or an import: an `imageUrl` (http/https) is replaced by the cached
 * `image` (null when it could not be fetched). Other rows pass unchanged, so a row that already
 * names an `image` keeps it. Done before the write, outside any transaction (it waits on the network).
 */
export async function attachImages<T>(ctx: HubContext, rows: readonly T[]): Promise<T[]> {
  const out: T[] = [];
  for (const row of rows) {
    const url = row && typeof row === 'object' ? (row as Record<string, unknown>)['imageUrl'] : undefined;
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
      out.push(row);
      continue;
    }
    const { imageUrl: _source, ...rest } = row as Record<string, unknown>;
    out.push({ ...rest, image: await cacheImage(ctx, url) } as T);
  }
  return out;
}
