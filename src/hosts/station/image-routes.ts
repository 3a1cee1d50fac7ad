// Product photos the station fetched from its hub (main/sync/images.ts), for the pack screen's hero:
// /images/:sha256?session=… — the per-start session secret as the media routes take it, since an
// <img src> cannot send headers. The bytes never change under a name, so browsers may keep them.
import { createReadStream, existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { CatalogImageSource } from '../../main/sync/images.js';
import { secretMatches } from './ui-guard.js';

export function registerImageRoutes(app: FastifyInstance, images: CatalogImageSource, secret: string): void {
  app.get<{ Params: { sha256: string } }>('/images/:sha256', async (req, reply) => {
    if (!secretMatches((req.query as Record<string, unknown> | undefined)?.['session'], secret))
      return reply.code(403).send({ error: 'session secret missing or wrong' });
    const f = images.file(req.params.sha256);
    if (!f || !existsSync(f.path)) return reply.code(404).send({ error: `no product image ${req.params.sha256}` });
    return reply
      .header('cache-control', 'private, max-age=31536000, immutable')
      .type(f.type)
      .send(createReadStream(f.path));
  });
}
