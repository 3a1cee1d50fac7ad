// The repositories of one PostgreSQL unit of work, bound to its connection. Same wiring as the
// SQLite store: feed appends and booked stock movements are noted so the store can tell its
// listeners (and the other hub instances) after the commit.
import type { HubTx } from '../types.js';
import type { PgSql } from './sql.js';
import { claimsRepo, eventsRepo, feedRepo, ordersRepo, packersRepo, productsRepo, stationsRepo } from './core-repos.js';
import { ewaybillsRepo, exceptionsRepo, settingsRepo, shipmentsRepo, waybillsRepo, wechatRepo } from './ops-repos.js';
import { packsRepo } from './pack-repos.js';
import { ewaybillReprintsRepo } from './reprint-repos.js';
import { ewaybillCancelsRepo, subPrintRetriesRepo } from './ewaybill-upkeep-repos.js';
import { videoHashesRepo } from './video-repos.js';
import { videoUploadsRepo } from './video-upload-repos.js';
import { disputesRepo } from './dispute-repos.js';
import { handoversRepo } from './handover-repos.js';
import { trackingRepo } from './tracking-repos.js';
import { catalogImagesRepo } from './image-repos.js';
import { stockRepo } from './stock-repos.js';
import { stockPublishRepo } from './stock-publish-repos.js';
import { leasesRepo } from './lease-repos.js';
import { statsCellsRepo } from './stats-repos.js';

export interface PgRepoHooks {
  /** A change was appended to the feed. */
  feedAppended(): void;
  /** A stock movement of this SKU was booked. */
  stockMoved(sku: string): void;
}

export function pgRepos(sql: PgSql, hooks: PgRepoHooks): HubTx {
  const rawFeed = feedRepo(sql);
  const feed: HubTx['feed'] = {
    ...rawFeed,
    append: (kind, ref, stationId) => {
      hooks.feedAppended();
      return rawFeed.append(kind, ref, stationId);
    },
    appendMany: (kind, refs, stationId) => {
      hooks.feedAppended();
      return rawFeed.appendMany(kind, refs, stationId);
    },
  };
  const rawStock = stockRepo(sql);
  const stock: HubTx['stock'] = {
    ...rawStock,
    move: async (m) => {
      const moved = await rawStock.move(m);
      if (moved) hooks.stockMoved(m.sku);
      return moved;
    },
  };
  return {
    stations: stationsRepo(sql),
    products: productsRepo(sql, feed),
    packers: packersRepo(sql, feed),
    orders: ordersRepo(sql, feed),
    feed,
    events: eventsRepo(sql),
    claims: claimsRepo(sql),
    packs: packsRepo(sql),
    shipments: shipmentsRepo(sql),
    exceptions: exceptionsRepo(sql, feed),
    waybills: waybillsRepo(sql, feed),
    wechat: wechatRepo(sql),
    ewaybills: ewaybillsRepo(sql),
    ewaybillReprints: ewaybillReprintsRepo(sql),
    ewaybillCancels: ewaybillCancelsRepo(sql),
    subPrintRetries: subPrintRetriesRepo(sql),
    videoHashes: videoHashesRepo(sql),
    videoUploads: videoUploadsRepo(sql),
    disputes: disputesRepo(sql),
    handovers: handoversRepo(sql),
    tracking: trackingRepo(sql),
    stock,
    stockPublish: stockPublishRepo(sql),
    leases: leasesRepo(sql),
    statsCells: statsCellsRepo(sql),
    settings: settingsRepo(sql),
    catalogImages: catalogImagesRepo(sql),
  };
}
