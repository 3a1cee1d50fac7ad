// Product photos on the station: the catalog names each by sha256 (contract/sync.ts
// productImageSchema); after a pull the bytes are fetched from the hub into the data dir, a few at a
// time, in the background. Packing never waits on them: a photo not here yet is simply not shown
// (CatalogStore gives a product its imageUrl only once its bytes are stored), and one the hub cannot
// give is tried again later.
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../base/clock.js';
import type { CatalogStore } from '../core/store/catalog.js';

/** The hub caches photos up to 2 MB (cloud/services/catalog-images.ts); anything larger is refused. */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** Photos fetched per round: a big catalog's first pull does not hold the hub's connection for long. */
const BATCH = 20;
/** A photo the hub could not give is not asked for again before this. */
const RETRY_MS = 10 * 60_000;
const SHA256 = /^[0-9a-f]{64}$/;

export interface CatalogImageFetcherOptions {
  catalog: CatalogStore;
  dir: string;
  clock: Clock;
  download(sha256: string, maxBytes: number): Promise<{ bytes: Buffer; contentType: string }>;
  log: (line: string) => void;
}

export class CatalogImageFetcher {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly failedUntil = new Map<string, number>();

  constructor(private readonly opts: CatalogImageFetcherOptions) {}

  /** Look for missing photos now (after a pull); a round already under way looks again when done. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.rounds().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no round is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No new fetches (sync stopped: its database may close); resolves when the current one ends. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  resume(): void {
    this.stopped = false;
  }

  private async rounds(): Promise<void> {
    do {
      this.again = false;
      const now = this.opts.clock.now();
      const due = this.opts.catalog
        .missingImages(BATCH + this.failedUntil.size)
        .filter((m) => SHA256.test(m.sha256) && (this.failedUntil.get(m.sha256) ?? 0) <= now)
        .slice(0, BATCH);
      for (const m of due) if (!this.stopped) await this.fetchOne(m.sha256, m.contentType);
      if (due.length === BATCH) this.again = true;
    } while (this.again && !this.stopped);
  }

  private async fetchOne(sha256: string, namedType: string): Promise<void> {
    try {
      const file = join(this.opts.dir, sha256);
      let bytes: number;
      // Already on disk (a database restored from backup, say): only the row was missing.
      if (existsSync(file)) bytes = statSync(file).size;
      else {
        const got = await this.opts.download(sha256, MAX_IMAGE_BYTES);
        mkdirSync(this.opts.dir, { recursive: true });
        // Written aside and renamed: a half-written file is never served.
        writeFileSync(`${file}.part`, got.bytes);
        renameSync(`${file}.part`, file);
        bytes = got.bytes.length;
      }
      this.opts.catalog.imageStored({ sha256, contentType: namedType, bytes });
      this.failedUntil.delete(sha256);
    } catch (err) {
      this.failedUntil.set(sha256, this.opts.clock.now() + RETRY_MS);
      this.opts.log(
        `product image ${sha256.slice(0, 12)}… not fetched: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}

/** What the station's browser server needs to serve stored photos at /images/:sha256. */
export interface CatalogImageSource {
  file(sha256: string): { path: string; type: string } | null;
}

export function catalogImageSource(dir: string, catalog: CatalogStore): CatalogImageSource {
  return {
    file(sha256) {
      if (!SHA256.test(sha256)) return null;
      const type = catalog.storedImageType(sha256);
      return type === undefined ? null : { path: join(dir, sha256), type };
    },
  };
}
