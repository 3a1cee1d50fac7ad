// Packing-video files over HTTP: Range requests (so <video> can seek), the session secret, the zip.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange, registerMediaRoutes } from '../../../src/hosts/station/media-routes.js';

const dir = mkdtempSync(join(tmpdir(), 'packdesk-media-'));
const app = Fastify();
const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

beforeAll(async () => {
  writeFileSync(join(dir, 'clip.mp4'), body);
  registerMediaRoutes(
    app,
    {
      filePath: (id) => (id === 7 ? { path: join(dir, 'clip.mp4'), type: 'video/mp4' } : null),
      exportZip: (packId) => (packId === 'PK1' ? { name: 'O1-PK1.zip', data: Buffer.from('PK\x03\x04') } : null),
    },
    'secret-1',
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('media routes', () => {
  it('parses byte ranges, open-ended and suffix ones included', () => {
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=0-99', 1000)).toEqual([0, 99]);
    expect(parseRange('bytes=900-', 1000)).toEqual([900, 999]);
    expect(parseRange('bytes=-100', 1000)).toEqual([900, 999]);
    expect(parseRange('bytes=500-5000', 1000)).toEqual([500, 999]);
    expect(parseRange('bytes=1000-', 1000)).toBe('bad');
    expect(parseRange('items=0-1', 1000)).toBe('bad');
  });

  it('answers a Range with 206 and exactly those bytes', async () => {
    const whole = await app.inject({ url: '/video/file/7?session=secret-1' });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(body)).toBe(true);
    const part = await app.inject({ url: '/video/file/7?session=secret-1', headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/1000');
    expect(part.rawPayload.equals(body.subarray(100, 200))).toBe(true);
    const bad = await app.inject({ url: '/video/file/7?session=secret-1', headers: { range: 'bytes=2000-' } });
    expect(bad.statusCode).toBe(416);
  });

  it('refuses without the session secret, 404s unknown files, serves the export zip', async () => {
    expect((await app.inject({ url: '/video/file/7' })).statusCode).toBe(403);
    expect((await app.inject({ url: '/video/file/7?session=wrong' })).statusCode).toBe(403);
    expect((await app.inject({ url: '/video/file/8?session=secret-1' })).statusCode).toBe(404);
    const zip = await app.inject({ url: '/video/export/PK1.zip?session=secret-1' });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toContain('O1-PK1.zip');
  });
});
