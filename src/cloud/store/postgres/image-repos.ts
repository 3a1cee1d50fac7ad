// Product photos the hub cached, keyed by the sha256 of their bytes (services/catalog-images.ts).
// Same behaviour as ../sqlite/image-repos.ts.
import type { CatalogImageRow, HubTx } from '../types.js';
import type { PgSql } from './sql.js';

type Row = { sha256: string; content_type: string; bytes: Buffer; source_url: string; at: number };

export function catalogImagesRepo(sql: PgSql): HubTx['catalogImages'] {
  return {
    async add(r: CatalogImageRow) {
      await sql.run(
        'INSERT INTO catalog_images (sha256, content_type, bytes, source_url, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [r.sha256, r.contentType, r.bytes, r.sourceUrl, r.at],
      );
    },
    async get(sha256) {
      const r = await sql.row<Row>(
        'SELECT sha256, content_type, bytes, source_url, at FROM catalog_images WHERE sha256 = $1',
        [sha256],
      );
      return r && { sha256: r.sha256, contentType: r.content_type, bytes: r.bytes, sourceUrl: r.source_url, at: r.at };
    },
    bySource: (url) =>
      sql.row<{ sha256: string; contentType: string }>(
        `SELECT sha256, content_type AS "contentType" FROM catalog_images WHERE source_url = $1
         ORDER BY at DESC, rowid LIMIT 1`,
        [url],
      ),
  };
}
