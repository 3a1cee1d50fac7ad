// Packing-video files over HTTP for the evidence screen (browser mode): a clip or still by its index
// id, with Range support so <video> can seek, and a pack's export zip. Each request carries the
// per-start session secret as ?session= (a <video src> cannot send headers), checked like /ws.
import { createReadStream, statSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { secretMatches } from './ui-guard.js';

export interface MediaSource {
  filePath(id: number): { path: string; type: string } | null;
  exportZip(packId: string): { name: string; data: Buffer } | null;
}

/** "bytes=a-b" → [start, end] inclusive within size; null when absent or unsatisfiable. */
export function parseRange(header: string | undefined, size: number): [number, number] | null | 'bad' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  let start: number;
  let end: number;
  if (m[1] === '') {
    // Suffix range: the last N bytes.
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'bad';
  return [start, end];
}

export function registerMediaRoutes(app: FastifyInstance, media: MediaSource, secret: string): void {
  const allowed = (query: unknown) =>
    secretMatches((query as Record<string, unknown> | undefined)?.['session'], secret);
  app.get<{ Params: { id: string } }>('/video/file/:id', async (req, reply) => {
    if (!allowed(req.query)) return reply.code(403).send({ error: 'session secret missing or wrong' });
    const id = Number(req.params.id);
    const f = Number.isInteger(id) ? media.filePath(id) : null;
    if (!f) return reply.code(404).send({ error: `no video file ${req.params.id}` });
    let size: number;
    try {
      size = statSync(f.path).size;
    } catch {
      return reply.code(404).send({ error: `video file ${id} is gone` });
    }
    reply.header('accept-ranges', 'bytes').header('cache-control', 'no-store').type(f.type);
    const range = parseRange(req.headers.range, size);
    if (range === 'bad') return reply.code(416).header('content-range', `bytes */${size}`).send();
    if (range === null) return reply.header('content-length', size).send(createReadStream(f.path));
    const [start, end] = range;
    return reply
      .code(206)
      .header('content-range', `bytes ${start}-${end}/${size}`)
      .header('content-length', end - start + 1)
      .send(createReadStream(f.path, { start, end }));
  });
  app.get<{ Params: { packId: string } }>('/video/export/:packId', async (req, reply) => {
    if (!allowed(req.query)) return reply.code(403).send({ error: 'session secret missing or wrong' });
    const packId = req.params.packId.replace(/\.zip$/, '');
    const out = media.exportZip(packId);
    if (!out) return reply.code(404).send({ error: `no packing video for pack ${packId}` });
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${out.name}"`)
      .header('cache-control', 'no-store')
      .send(out.data);
  });
}
