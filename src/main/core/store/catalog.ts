// Products, their barcodes (indexed by barcodeKey) and bundle components.
import type { Db } from '../../../base/node/sqlite/open.js';
import type { Category, Product } from '../../../contract/entities.js';
import { productKeys } from '../../../domain/barcode/index.js';

interface ProductRow {
  id: number;
  sku: string;
  title: string;
  category: Category;
  unit_weight_g: number;
  price_fen: number;
  image_sha256: string | null;
  image_type: string | null;
}

/** Where the station's browser server serves a stored product photo (hosts/station/browser-server.ts). */
export const imagePath = (sha256: string) => `/images/${sha256}`;

export class CatalogStore {
  /** Hydrated products by id: barcodes and components cost two queries each, on every scan. */
  private readonly cache = new Map<number, Product>();
  private readonly byKey;
  private readonly byId;
  private readonly barcodesOf;
  private readonly componentsOf;
  private readonly insertProduct;
  private readonly deleteBarcodes;
  private readonly insertBarcode;
  private readonly deleteComponents;
  private readonly insertComponent;
  private readonly listStmt;
  private readonly imageStmt;
  private readonly missingStmt;
  private readonly storeImage;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.byKey = db.prepare<[string], number>('SELECT product_id FROM product_barcodes WHERE key = ?').pluck();
    this.byId = db.prepare<[number], ProductRow>('SELECT * FROM products WHERE id = ?');
    this.barcodesOf = db.prepare<[number], { code: string }>(
      'SELECT code FROM product_barcodes WHERE product_id = ? ORDER BY code',
    );
    this.componentsOf = db.prepare<[number], { productId: number; qty: number }>(
      'SELECT component_id AS productId, qty FROM bundle_components WHERE bundle_id = ? ORDER BY component_id',
    );
    this.insertProduct = db.prepare(
      `INSERT INTO products (id, sku, title, category, unit_weight_g, price_fen, updated_at, image_sha256, image_type)
       VALUES (@id, @sku, @title, @category, @unitWeightG, @priceFen, @updatedAt, @imageSha256, @imageType)
       ON CONFLICT(id) DO UPDATE SET sku = excluded.sku, title = excluded.title, category = excluded.category,
         unit_weight_g = excluded.unit_weight_g, price_fen = excluded.price_fen, updated_at = excluded.updated_at,
         image_sha256 = excluded.image_sha256, image_type = excluded.image_type`,
    );
    this.deleteBarcodes = db.prepare('DELETE FROM product_barcodes WHERE product_id = ?');
    this.insertBarcode = db.prepare('INSERT INTO product_barcodes (key, product_id, code) VALUES (?, ?, ?)');
    this.deleteComponents = db.prepare('DELETE FROM bundle_components WHERE bundle_id = ?');
    this.insertComponent = db.prepare('INSERT INTO bundle_components (bundle_id, component_id, qty) VALUES (?, ?, ?)');
    this.listStmt = db.prepare<[number], ProductRow>('SELECT * FROM products ORDER BY id LIMIT ?');
    this.imageStmt = db.prepare<[string], { content_type: string }>(
      'SELECT content_type FROM catalog_images WHERE sha256 = ?',
    );
    this.missingStmt = db.prepare<[number], { sha256: string; contentType: string }>(
      `SELECT image_sha256 AS sha256, min(image_type) AS contentType FROM products
       WHERE image_sha256 IS NOT NULL AND image_sha256 NOT IN (SELECT sha256 FROM catalog_images)
       GROUP BY image_sha256 ORDER BY min(id) LIMIT ?`,
    );
    this.storeImage = db.prepare(
      'INSERT OR REPLACE INTO catalog_images (sha256, content_type, bytes, stored_at) VALUES (?, ?, ?, ?)',
    );
  }

  /** A product by any of its barcodes, its SKU code or an alias, already normalized by barcodeKey. */
  findByKey(key: string): Product | undefined {
    const id = this.byKey.get(key);
    return id === undefined ? undefined : this.get(id);
  }

  get(id: number): Product | undefined {
    const cached = this.cache.get(id);
    if (cached) return this.withImageUrl(cached);
    const row = this.byId.get(id);
    if (!row) return undefined;
    const product = this.hydrate(row);
    this.cache.set(id, product);
    return this.withImageUrl(product);
  }

  /** Products for the barcode sheet: id order, with their barcodes and whether they are bundles. */
  list(limit: number): Product[] {
    return this.listStmt.all(limit).map((r) => this.withImageUrl(this.hydrate(r)));
  }

  /** Photos the catalog names whose bytes the station does not have yet (sync/images.ts fetches them). */
  missingImages(limit: number): { sha256: string; contentType: string }[] {
    return this.missingStmt.all(limit);
  }

  /** The bytes of this photo are in the data dir now: products naming it get their imageUrl. */
  imageStored(image: { sha256: string; contentType: string; bytes: number }): void {
    this.storeImage.run(image.sha256, image.contentType, image.bytes, this.now());
  }

  /** A stored photo's content type; undefined when the station does not have it. */
  storedImageType(sha256: string): string | undefined {
    return this.imageStmt.get(sha256)?.content_type;
  }

  /**
   * imageUrl only once the bytes are here, checked on each read rather than cached: the fetcher
   * stores photos through its own store on the same database, after products were cached.
   */
  private withImageUrl(p: Product): Product {
    if (!p.image) return p;
    return this.imageStmt.get(p.image.sha256) ? { ...p, imageUrl: imagePath(p.image.sha256) } : p;
  }

  /** Insert or replace products; the SKU code is always one of a product's lookup keys. */
  upsert(products: readonly Product[]): void {
    this.cache.clear();
    this.db.transaction(() => {
      const at = this.now();
      for (const p of products) {
        this.insertProduct.run({
          ...p,
          updatedAt: at,
          imageSha256: p.image?.sha256 ?? null,
          imageType: p.image?.contentType ?? null,
        });
        this.deleteBarcodes.run(p.id);
        for (const [key, code] of productKeys(p)) this.insertBarcode.run(key, p.id, code);
        this.deleteComponents.run(p.id);
        for (const c of p.components) this.insertComponent.run(p.id, c.productId, c.qty);
      }
    })();
  }

  private hydrate(row: ProductRow): Product {
    return {
      id: row.id,
      sku: row.sku,
      title: row.title,
      category: row.category,
      unitWeightG: row.unit_weight_g,
      priceFen: row.price_fen,
      barcodes: this.barcodesOf
        .all(row.id)
        .map((r) => r.code)
        .filter((c) => c !== row.sku),
      components: this.componentsOf.all(row.id),
      ...(row.image_sha256 && row.image_type
        ? { image: { sha256: row.image_sha256, contentType: row.image_type } }
        : {}),
    };
  }
}
