// The SQLite HubStore: one better-sqlite3 connection, units of work serialised by an async mutex so
// no other request can touch the connection while a transaction is open.
import { openDatabase, type Db } from '../../../base/node/sqlite/open.js';
import { startCheckpointer, type Checkpointer } from '../../../base/node/sqlite/checkpoint.js';
import type { Awaitable, HubStore, HubTx } from '../types.js';
import { ChangeListeners } from '../change-listeners.js';
import { hubMigrations } from './migrations.js';
import { catalogImagesRepo } from './image-repos.js';
import { claimsRepo, eventsRepo, feedRepo, ordersRepo, packersRepo, productsRepo, stationsRepo } from './core-repos.js';
import { ewaybillReprintsRepo } from './reprint-repos.js';
import { ewaybillCancelsRepo, subPrintRetriesRepo } from './ewaybill-upkeep-repos.js';
import { videoHashesRepo } from './video-repos.js';
import { videoUploadsRepo } from './video-upload-repos.js';
import { disputesRepo } from './dispute-repos.js';
import { handoversRepo } from './handover-repos.js';
import { trackingRepo } from './tracking-repos.js';
import { ewaybillsRepo, exceptionsRepo, settingsRepo, shipmentsRepo, waybillsRepo, wechatRepo } from './ops-repos.js';
import { packsRepo } from './pack-repos.js';
import { stockRepo } from './stock-repos.js';
import { stockPublishRepo } from './stock-publish-repos.js';
import { leasesRepo } from './lease-repos.js';
import { statsCellsRepo } from './stats-repos.js';

export class SqliteHubStore implements HubStore {
  readonly db: Db;
  private readonly repos: HubTx;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly checkpointer: Checkpointer;
  private readonly feedListeners = new ChangeListeners();
  private feedTouched = false;
  private readonly stockListeners = new ChangeListeners<[skus: string[]]>();
  /** SKUs the running unit of work booked movements for; told to stock listeners after its commit. */
  private readonly stockTouched = new Set<string>();

  constructor(file: string) {
    this.db = openDatabase(file, hubMigrations);
    this.checkpointer = startCheckpointer(this.db);
    const rawFeed = feedRepo(this.db);
    const feed: HubTx['feed'] = {
      ...rawFeed,
      append: (kind, ref, stationId) => {
        this.feedTouched = true;
        return rawFeed.append(kind, ref, stationId);
      },
      appendMany: (kind, refs, stationId) => {
        this.feedTouched = true;
        return rawFeed.appendMany(kind, refs, stationId);
      },
    };
    this.repos = {
      stations: stationsRepo(this.db),
      products: productsRepo(this.db, feed),
      packers: packersRepo(this.db, feed),
      orders: ordersRepo(this.db, feed),
      feed,
      events: eventsRepo(this.db),
      claims: claimsRepo(this.db),
      packs: packsRepo(this.db),
      shipments: shipmentsRepo(this.db),
      exceptions: exceptionsRepo(this.db, feed),
      waybills: waybillsRepo(this.db, feed),
      wechat: wechatRepo(this.db),
      ewaybills: ewaybillsRepo(this.db),
      ewaybillReprints: ewaybillReprintsRepo(this.db),
      ewaybillCancels: ewaybillCancelsRepo(this.db),
      subPrintRetries: subPrintRetriesRepo(this.db),
      videoHashes: videoHashesRepo(this.db),
      videoUploads: videoUploadsRepo(this.db),
      disputes: disputesRepo(this.db),
      handovers: handoversRepo(this.db),
      tracking: trackingRepo(this.db),
      stock: this.watchedStock(),
      stockPublish: stockPublishRepo(this.db),
      leases: leasesRepo(this.db),
      statsCells: statsCellsRepo(this.db),
      settings: settingsRepo(this.db),
      catalogImages: catalogImagesRepo(this.db),
    };
  }

  private watchedStock(): HubTx['stock'] {
    const raw = stockRepo(this.db);
    return {
      ...raw,
      move: (m) => {
        const moved = raw.move(m);
        if (moved) this.stockTouched.add(m.sku);
        return moved;
      },
    };
  }

  tx<T>(fn: (t: HubTx) => Awaitable<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.db.exec('BEGIN IMMEDIATE');
      this.feedTouched = false;
      this.stockTouched.clear();
      try {
        const result = await fn(this.repos);
        this.db.exec('COMMIT');
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the feed repo while fn ran
        if (this.feedTouched) this.feedListeners.tell();
        if (this.stockTouched.size > 0) this.stockListeners.tell([...this.stockTouched]);
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  onFeed(listener: () => void): () => void {
    return this.feedListeners.add(listener);
  }

  onStock(listener: (skus: string[]) => void): () => void {
    return this.stockListeners.add(listener);
  }

  async close(): Promise<void> {
    await this.queue;
    await this.checkpointer.stop();
    this.db.close();
  }
}
