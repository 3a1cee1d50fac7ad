// The stock publisher's tables (migration 0011_stock_publish): published figures per channel and
// SKU, WeChat product/SKU ids per shop, and WeChat's own stock moves per order.
import type { Db } from '../../../base/node/sqlite/open.js';
import { toPublished, toSkuRef, type MoveDbRow, type PublishedDbRow, type SkuRefDbRow } from '../rows/stock-publish.js';
import type { PlatformMoveRow, StockPublishRepo } from '../stock-publish-types.js';

export function stockPublishRepo(db: Db): StockPublishRepo {
  const upsertTarget = db.prepare(
    `INSERT INTO stock_published (channel, sku, target) VALUES (?, ?, ?)
     ON CONFLICT (channel, sku) DO UPDATE SET target = excluded.target`,
  );
  const serve = db.prepare(
    `INSERT INTO stock_published (channel, sku, target, sent, sent_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (channel, sku) DO UPDATE SET target = excluded.target, sent = excluded.sent, sent_at = excluded.sent_at, error = NULL
     WHERE sent IS NOT excluded.sent`,
  );
  const inFlight = db.prepare('UPDATE stock_published SET in_flight = 1 WHERE channel = ? AND sku = ?');
  const applied = db.prepare(
    `UPDATE stock_published SET sent = sent + ?, sent_at = ?, in_flight = 0, error = NULL
     WHERE channel = ? AND sku = ? AND sent IS NOT NULL`,
  );
  const read = db.prepare(
    'UPDATE stock_published SET sent = ?, read_at = ?, in_flight = 0, error = NULL WHERE channel = ? AND sku = ?',
  );
  const forget = db.prepare(
    'UPDATE stock_published SET sent = NULL, read_at = NULL, in_flight = 0, error = ? WHERE channel = ? AND sku = ?',
  );
  const failed = db.prepare('UPDATE stock_published SET in_flight = 0, error = ? WHERE channel = ? AND sku = ?');
  const adjust = db.prepare(
    'UPDATE stock_published SET sent = sent + ? WHERE channel = ? AND sku = ? AND sent IS NOT NULL',
  );
  const refOf = db.prepare<[string, string], SkuRefDbRow>(
    'SELECT * FROM stock_wechat_skus WHERE shop_id = ? AND sku = ?',
  );
  const putRef = db.prepare(
    `INSERT INTO stock_wechat_skus (shop_id, sku, product_id, sku_id, source, at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (shop_id, sku) DO UPDATE SET product_id = excluded.product_id, sku_id = excluded.sku_id,
       source = excluded.source, at = excluded.at`,
  );
  const noteMove = db.prepare(
    `INSERT OR IGNORE INTO stock_wechat_moves (shop_id, order_id, sku, kind, qty, at_s) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  // Lists go in as one JSON parameter (json_each), so each statement is prepared once however many
  // SKUs a round asks for: preparing per call showed in the publisher's profile.
  const rowsOf = {
    all: db.prepare<[], PublishedDbRow>('SELECT * FROM stock_published ORDER BY sku, channel'),
    allOfChannel: db.prepare<[string], PublishedDbRow>(
      'SELECT * FROM stock_published WHERE channel = ? ORDER BY sku, channel',
    ),
    some: db.prepare<[string], PublishedDbRow>(
      'SELECT * FROM stock_published WHERE sku IN (SELECT value FROM json_each(?)) ORDER BY sku, channel',
    ),
    someOfChannel: db.prepare<[string, string], PublishedDbRow>(
      `SELECT * FROM stock_published WHERE sku IN (SELECT value FROM json_each(?)) AND channel = ?
       ORDER BY sku, channel`,
    ),
  };
  const refsOf = {
    all: db.prepare<[string], SkuRefDbRow>('SELECT * FROM stock_wechat_skus WHERE shop_id = ? ORDER BY sku'),
    some: db.prepare<[string, string], SkuRefDbRow>(
      'SELECT * FROM stock_wechat_skus WHERE shop_id = ? AND sku IN (SELECT value FROM json_each(?)) ORDER BY sku',
    ),
  };
  const recover = db.prepare(
    'UPDATE stock_published SET sent = NULL, read_at = NULL, in_flight = 0 WHERE in_flight = 1',
  );
  const movesSince = db.prepare<[string, string, number], MoveDbRow>(
    'SELECT * FROM stock_wechat_moves WHERE shop_id = ? AND sku = ? AND at_s >= ? ORDER BY at_s, order_id, kind',
  );

  return {
    rows(skus, channel) {
      if (skus === null)
        return (channel === undefined ? rowsOf.all.all() : rowsOf.allOfChannel.all(channel)).map(toPublished);
      const list = JSON.stringify(skus);
      return (channel === undefined ? rowsOf.some.all(list) : rowsOf.someOfChannel.all(list, channel)).map(toPublished);
    },
    setTargets(rows) {
      for (const r of rows) upsertTarget.run(r.channel, r.sku, r.target);
    },
    serve(rows, at) {
      for (const r of rows) serve.run(r.channel, r.sku, r.qty, r.qty, at);
    },
    markInFlight(channel, skus) {
      for (const sku of skus) inFlight.run(channel, sku);
    },
    applied: (channel, sku, delta, at) => void applied.run(delta, at, channel, sku),
    read: (channel, sku, value, at) => void read.run(value, at, channel, sku),
    forget: (channel, sku, error) => void forget.run(error, channel, sku),
    failed: (channel, sku, error) => void failed.run(error, channel, sku),
    adjust: (channel, sku, delta) => void adjust.run(delta, channel, sku),
    recoverInFlight: () => recover.run().changes,

    skuRefs: (shopId, skus) =>
      (skus === null ? refsOf.all.all(shopId) : refsOf.some.all(shopId, JSON.stringify(skus))).map(toSkuRef),
    learnSkuRef(ref) {
      const known = refOf.get(ref.shopId, ref.sku);
      if (known?.source === 'admin') return false;
      if (known?.product_id === ref.productId && known.sku_id === ref.skuId) return false;
      putRef.run(ref.shopId, ref.sku, ref.productId, ref.skuId, 'order', ref.at);
      return true;
    },
    putSkuRef: (ref) => void putRef.run(ref.shopId, ref.sku, ref.productId, ref.skuId, 'admin', ref.at),

    notePlatformMove: (m: PlatformMoveRow) =>
      noteMove.run(m.shopId, m.orderId, m.sku, m.kind, m.qty, m.atS).changes === 1,
    platformMovesSince: (shopId, sku, sinceS) =>
      movesSince.all(shopId, sku, sinceS).map((r) => ({
        shopId: r.shop_id,
        orderId: r.order_id,
        sku: r.sku,
        kind: r.kind,
        qty: r.qty,
        atS: r.at_s,
      })),
  };
}
