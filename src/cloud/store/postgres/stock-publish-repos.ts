// The stock publisher's tables in PostgreSQL; same behaviour as ../sqlite/stock-publish-repos.ts:
// published figures per channel and SKU, WeChat product/SKU ids per shop, and WeChat's own stock
// moves per order.
import { toPublished, toSkuRef, type MoveDbRow, type PublishedDbRow, type SkuRefDbRow } from '../rows/stock-publish.js';
import type { PlatformMoveRow, StockPublishRepo, WechatSkuRef } from '../stock-publish-types.js';
import type { PgSql } from './sql.js';

const PUT_REF = `INSERT INTO stock_wechat_skus (shop_id, sku, product_id, sku_id, source, at) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (shop_id, sku) DO UPDATE SET product_id = EXCLUDED.product_id, sku_id = EXCLUDED.sku_id,
    source = EXCLUDED.source, at = EXCLUDED.at`;

export function stockPublishRepo(sql: PgSql): StockPublishRepo {
  const putRef = (ref: WechatSkuRef, source: WechatSkuRef['source']) =>
    sql.run(PUT_REF, [ref.shopId, ref.sku, ref.productId, ref.skuId, source, ref.at]);
  return {
    async rows(skus, channel) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (skus !== null) {
        params.push(skus);
        where.push(`sku = ANY($${params.length}::text[])`);
      }
      if (channel !== undefined) {
        params.push(channel);
        where.push(`channel = $${params.length}`);
      }
      const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
      return (
        await sql.rows<PublishedDbRow>(`SELECT * FROM stock_published ${filter} ORDER BY sku, channel`, params)
      ).map(toPublished);
    },
    async setTargets(rows) {
      for (const r of rows)
        await sql.run(
          `INSERT INTO stock_published (channel, sku, target) VALUES ($1, $2, $3)
           ON CONFLICT (channel, sku) DO UPDATE SET target = EXCLUDED.target`,
          [r.channel, r.sku, r.target],
        );
    },
    async serve(rows, at) {
      for (const r of rows)
        await sql.run(
          `INSERT INTO stock_published (channel, sku, target, sent, sent_at) VALUES ($1, $2, $3, $3, $4)
           ON CONFLICT (channel, sku) DO UPDATE
             SET target = EXCLUDED.target, sent = EXCLUDED.sent, sent_at = EXCLUDED.sent_at, error = NULL
             WHERE stock_published.sent IS DISTINCT FROM EXCLUDED.sent`,
          [r.channel, r.sku, r.qty, at],
        );
    },
    async markInFlight(channel, skus) {
      if (skus.length === 0) return;
      await sql.run('UPDATE stock_published SET in_flight = 1 WHERE channel = $1 AND sku = ANY($2::text[])', [
        channel,
        skus,
      ]);
    },
    async applied(channel, sku, delta, at) {
      await sql.run(
        `UPDATE stock_published SET sent = sent + $1, sent_at = $2, in_flight = 0, error = NULL
         WHERE channel = $3 AND sku = $4 AND sent IS NOT NULL`,
        [delta, at, channel, sku],
      );
    },
    async read(channel, sku, value, at) {
      await sql.run(
        'UPDATE stock_published SET sent = $1, read_at = $2, in_flight = 0, error = NULL WHERE channel = $3 AND sku = $4',
        [value, at, channel, sku],
      );
    },
    async forget(channel, sku, error) {
      await sql.run(
        'UPDATE stock_published SET sent = NULL, read_at = NULL, in_flight = 0, error = $1 WHERE channel = $2 AND sku = $3',
        [error, channel, sku],
      );
    },
    async failed(channel, sku, error) {
      await sql.run('UPDATE stock_published SET in_flight = 0, error = $1 WHERE channel = $2 AND sku = $3', [
        error,
        channel,
        sku,
      ]);
    },
    async adjust(channel, sku, delta) {
      await sql.run(
        'UPDATE stock_published SET sent = sent + $1 WHERE channel = $2 AND sku = $3 AND sent IS NOT NULL',
        [delta, channel, sku],
      );
    },
    recoverInFlight: () =>
      sql.run('UPDATE stock_published SET sent = NULL, read_at = NULL, in_flight = 0 WHERE in_flight = 1'),

    async skuRefs(shopId, skus) {
      const rows =
        skus === null
          ? await sql.rows<SkuRefDbRow>('SELECT * FROM stock_wechat_skus WHERE shop_id = $1 ORDER BY sku', [shopId])
          : await sql.rows<SkuRefDbRow>(
              'SELECT * FROM stock_wechat_skus WHERE shop_id = $1 AND sku = ANY($2::text[]) ORDER BY sku',
              [shopId, skus],
            );
      return rows.map(toSkuRef);
    },
    async learnSkuRef(ref) {
      const known = await sql.row<SkuRefDbRow>('SELECT * FROM stock_wechat_skus WHERE shop_id = $1 AND sku = $2', [
        ref.shopId,
        ref.sku,
      ]);
      if (known?.source === 'admin') return false;
      if (known?.product_id === ref.productId && known.sku_id === ref.skuId) return false;
      await putRef(ref, 'order');
      return true;
    },
    async putSkuRef(ref) {
      await putRef(ref, 'admin');
    },

    notePlatformMove: async (m: PlatformMoveRow) =>
      (await sql.run(
        `INSERT INTO stock_wechat_moves (shop_id, order_id, sku, kind, qty, at_s) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [m.shopId, m.orderId, m.sku, m.kind, m.qty, m.atS],
      )) === 1,
    platformMovesSince: async (shopId, sku, sinceS) =>
      (
        await sql.rows<MoveDbRow>(
          `SELECT * FROM stock_wechat_moves WHERE shop_id = $1 AND sku = $2 AND at_s >= $3
           ORDER BY at_s, order_id, kind`,
          [shopId, sku, sinceS],
        )
      ).map((r) => ({
        shopId: r.shop_id,
        orderId: r.order_id,
        sku: r.sku,
        kind: r.kind,
        qty: r.qty,
        atS: r.at_s,
      })),
  };
}
