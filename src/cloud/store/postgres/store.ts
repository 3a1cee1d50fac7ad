// The PostgreSQL HubStore: a connection pool shared by this instance's units of work, and any number
// of hub instances on the same schema. Each unit of work is one transaction that first takes a
// transaction-level advisory lock every instance shares, so units of work are serialised exactly as
// the SQLite store's mutex serialises them ("nothing else touches the store meanwhile") and the
// repositories need no locking of their own. Feed and stock changes are announced with NOTIFY inside
// the transaction (PostgreSQL delivers them at commit, never for a rollback) and heard by the other
// instances' LISTEN connections (listener.ts).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Awaitable, HubStore, HubTx } from '../types.js';
import { ChangeListeners } from '../change-listeners.js';
import { pgMigrations } from './migrations.js';
import { migratePg } from './migrate.js';
import { channelName, checkSchemaName, lockKey, stockPayloads } from './names.js';
import { PgNoticeListener } from './listener.js';
import { pgRepos } from './repos.js';
import type { PgSql } from './sql.js';

export interface PgHubStoreOptions {
  /** postgres://user:password@host:port/database (any libpq-style URL pg accepts). */
  url: string;
  /** Where the hub's tables live (created if missing); default public. */
  schema?: string;
  /** Connections in this instance's pool; default 10. */
  poolSize?: number;
  /** Tells this instance's notices from the others'; default a random UUID. */
  instanceId?: string;
  /** Connection trouble the store recovers from by itself. */
  warn?: (line: string, fields?: Record<string, unknown>) => void;
  /** The clock for the migrations' applied_at. */
  now?: () => number;
  /** Backoff of the notice connection's reconnects (tests shorten it). */
  listenRetryMs?: { min: number; max: number };
}

/** A crashed unit of work must not hold the hub's lock for ever: its idle transaction is ended after this. */
const IDLE_IN_TRANSACTION_MS = 60_000;
const OID_INT8 = 20;
const OID_NUMERIC = 1700;

/** A store the operator's settings cannot open (server unreachable, bad settings): one line, no stack. */
export class PgStoreError extends Error {
  override readonly name = 'ConfigError';
}

/** host:port/database of a URL, never its password. */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

const describe = (err: unknown): string => {
  const e = err as { code?: unknown; message?: unknown };
  return [e.code, e.message].filter((v) => typeof v === 'string' && v !== '').join(': ') || String(err);
};

export async function openPgHubStore(opts: PgHubStoreOptions): Promise<PgHubStore> {
  const schema = opts.schema ?? 'public';
  checkSchemaName(schema);
  const poolSize = opts.poolSize ?? 10;
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 100)
    throw new PgStoreError(`store.poolSize: expected a whole number from 1 to 100, got ${poolSize}`);
  const warn = opts.warn ?? (() => undefined);
  // Per pool, not pg's global parsers: other code in the process may use pg as it comes. BIGINT
  // (epoch ms, identity columns) and NUMERIC (count/sum results) as numbers; both stay below 2^53 here.
  const types = new pg.TypeOverrides();
  types.setTypeParser(OID_INT8, Number);
  types.setTypeParser(OID_NUMERIC, Number);
  const config: pg.ClientConfig = {
    connectionString: opts.url,
    application_name: 'packdesk-hub',
    types,
    options: `-c search_path=${schema} -c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`,
  };
  const pool = new pg.Pool({ ...config, max: poolSize });
  // An idle pooled connection that breaks is dropped by the pool; without this handler it would crash the process.
  pool.on('error', (err) => warn('PostgreSQL store: an idle connection failed', { error: err.message }));
  try {
    const client = await pool.connect().catch((err: unknown) => {
      throw new PgStoreError(`PostgreSQL store: cannot connect to ${where(opts.url)} (${describe(err)})`);
    });
    try {
      await migratePg(client, pgMigrations, {
        schema,
        lockKey: lockKey(schema, 'migrate'),
        now: opts.now ?? Date.now,
      });
      client.release();
    } catch (err) {
      client.release(err instanceof Error ? err : true);
      throw err;
    }
    const store = new PgHubStore(pool, schema, opts.instanceId ?? randomUUID());
    await store.listen({ ...config, application_name: 'packdesk-hub-listen' }, warn, opts.listenRetryMs);
    return store;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}

export class PgHubStore implements HubStore {
  private readonly feedListeners = new ChangeListeners();
  private readonly stockListeners = new ChangeListeners<[skus: string[]]>();
  private readonly signalListeners = new ChangeListeners<[topic: string]>();
  private readonly running = new Set<Promise<unknown>>();
  private listener: PgNoticeListener | null = null;
  private closed = false;
  private readonly unitsLock: string;
  private readonly feedChannel: string;
  private readonly stockChannel: string;
  private readonly signalChannel: string;

  constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
    readonly instanceId: string,
  ) {
    this.unitsLock = lockKey(schema, 'units');
    this.feedChannel = channelName(schema, 'feed');
    this.stockChannel = channelName(schema, 'stock');
    this.signalChannel = channelName(schema, 'signal');
  }

  /** Starts hearing the other instances' notices (openPgHubStore calls it once). */
  async listen(
    config: pg.ClientConfig,
    warn: (line: string, fields?: Record<string, unknown>) => void,
    retryMs?: { min: number; max: number },
  ): Promise<void> {
    this.listener = await PgNoticeListener.start({
      config,
      schema: this.schema,
      instanceId: this.instanceId,
      retryMs,
      handlers: {
        feed: () => this.feedListeners.tell(),
        stock: (skus) => this.stockListeners.tell(skus),
        signal: (topic) => this.signalListeners.tell(topic),
        // Notices sent while the connection was down are lost: a long-poll re-reads the feed anyway.
        resumed: () => this.feedListeners.tell(),
        warn,
      },
    });
  }

  tx<T>(fn: (t: HubTx) => Awaitable<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('PostgreSQL store: the store is closed'));
    const run = this.unit(fn);
    this.running.add(run);
    const forget = () => this.running.delete(run);
    run.then(forget, forget);
    return run;
  }

  private async unit<T>(fn: (t: HubTx) => Awaitable<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no error listener of the pool's: without one a dropped connection
    // would crash the process instead of failing this unit of work.
    const state: { broken: Error | null; feed: boolean; stock: Set<string> } = {
      broken: null,
      feed: false,
      stock: new Set(),
    };
    const onError = (err: Error) => (state.broken = err);
    client.on('error', onError);
    const work = new UnitStatements(client);
    let result: T;
    try {
      // One round trip for both (simple protocol; the key is a number this store made, never input).
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${this.unitsLock}::bigint)`);
      result = await fn(
        pgRepos(work.sql, {
          feedAppended: () => (state.feed = true),
          stockMoved: (sku) => state.stock.add(sku),
        }),
      );
      await work.settle();
      // The notices and COMMIT in one round trip (simple protocol: the values go in as escaped literals).
      const notices: [string, string][] = [];
      if (state.feed) notices.push([this.feedChannel, this.instanceId]);
      for (const payload of stockPayloads(this.instanceId, [...state.stock]))
        notices.push([this.stockChannel, payload]);
      const notify = notices.map(
        ([c, p]) => `SELECT pg_notify(${client.escapeLiteral(c)}, ${client.escapeLiteral(p)}); `,
      );
      const results = (await client.query(`${notify.join('')}COMMIT`)) as pg.QueryResult | pg.QueryResult[];
      const commit = Array.isArray(results) ? results.at(-1) : results;
      // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK rather than an error.
      if (commit?.command !== 'COMMIT') throw new Error('PostgreSQL store: the unit of work was rolled back');
    } catch (err) {
      work.end();
      const discard = state.broken ?? (await rollback(client));
      client.off('error', onError);
      // With an error the pool closes the connection instead of reusing it.
      client.release(discard ?? undefined);
      throw err;
    }
    client.off('error', onError);
    client.release();
    if (state.feed) this.feedListeners.tell();
    if (state.stock.size > 0) this.stockListeners.tell([...state.stock]);
    return result;
  }

  onFeed(listener: () => void): () => void {
    return this.feedListeners.add(listener);
  }

  onStock(listener: (skus: string[]) => void): () => void {
    return this.stockListeners.add(listener);
  }

  /** Outside any unit of work: NOTIFY in autocommit reaches the other instances at once. */
  async signal(topic: string): Promise<void> {
    if (this.closed) return;
    await this.pool.query('SELECT pg_notify($1, $2)', [
      this.signalChannel,
      JSON.stringify({ from: this.instanceId, topic }),
    ]);
  }

  onSignal(listener: (topic: string) => void): () => void {
    return this.signalListeners.add(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.running]);
    await this.listener?.stop();
    await this.pool.end();
  }
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** Rolls back; returns the error when the connection could not, so the pool drops it. */
async function rollback(client: pg.PoolClient): Promise<Error | null> {
  try {
    await client.query('ROLLBACK');
    return null;
  } catch (e) {
    return toError(e);
  }
}

/**
 * The statements of one unit of work. A repository call someone forgot to await still runs before
 * COMMIT (the connection runs statements in order), but its failure would abort the transaction
 * unseen; `settle` waits for every statement and rethrows the first failure so the unit rolls back
 * loudly. After the unit ends, a late statement is refused rather than run outside it.
 */
class UnitStatements {
  private readonly pending = new Set<Promise<unknown>>();
  private failure: Error | null = null;
  private open = true;
  readonly sql: PgSql;

  constructor(private readonly client: pg.PoolClient) {
    this.sql = {
      rows: async <R>(text: string, params?: readonly unknown[]) => (await this.query(text, params)).rows as R[],
      row: async <R>(text: string, params?: readonly unknown[]) =>
        (await this.query(text, params)).rows[0] as R | undefined,
      run: async (text: string, params?: readonly unknown[]) => (await this.query(text, params)).rowCount ?? 0,
    };
  }

  private query(text: string, params?: readonly unknown[]): Promise<pg.QueryResult> {
    if (!this.open)
      return Promise.reject(
        new Error('PostgreSQL store: a statement came after its unit of work ended (a repository call not awaited?)'),
      );
    const p = this.client.query(text, params as unknown[] | undefined);
    this.pending.add(p);
    p.then(
      () => this.pending.delete(p),
      (err: unknown) => {
        this.pending.delete(p);
        this.failure ??= toError(err);
      },
    );
    return p;
  }

  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    this.open = false;
    if (this.failure) throw this.failure;
  }

  end(): void {
    this.open = false;
  }
}
