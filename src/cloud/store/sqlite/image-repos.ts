// Product photos the hub cached, keyed by the sha256 of their bytes (services/catalog-images.ts).
import type { Db } from '../../../base/node/sqlite/open.js';
import type { CatalogImageRow, HubTx } from '../types.js';

type Row = { sha256: string; content_type: string; bytes: Buffer; source_url: string; at: number };

export function catalogImagesRepo(db: Db): HubTx['catalogImages'] {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO catalog_images (sha256, content_type, bytes, source_url, at) VALUES (?, ?, ?, ?, ?)',
  );
  const get = db.prepare<[string], Row>('SELECT * FROM catalog_images WHERE sha256 = ?');
  const bySource = db.prepare<[string], { sha256: string; content_type: string }>(
    'SELECT sha256, content_type FROM catalog_images WHERE source_url = ? ORDER BY at DESC LIMIT 1',
  );
  return {
    add(r: CatalogImageRow) {
      insert.run(r.sha256, r.contentType, r.bytes, r.sourceUrl, r.at);
    },
    get(sha256) {
      const r = get.get(sha256);
      return r && { sha256: r.sha256, contentType: r.content_type, bytes: r.bytes, sourceUrl: r.source_url, at: r.at };
    },
    bySource(url) {
      const r = bySource.get(url);
      return r && { sha256: r.sha256, contentType: r.content_type };
    },
  };
}
