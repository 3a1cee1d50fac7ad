// The LISTEN side of a PostgreSQL hub store: one dedicated connection hears the feed and stock
// notices other hub instances send at their commits (a long-poll on this instance wakes for a change
// made on another; the stock publisher hears others' movements). A dropped connection is reopened
// with backoff; notices sent meanwhile are lost, so the store is told it `resumed` and wakes its feed
// listeners once (they re-read the feed, which loses nothing).
import pg from 'pg';
import { channelName } from './names.js';

export interface NoticeHandlers {
  /** Another instance appended to the feed. */
  feed(): void;
  /** Another instance booked stock movements of these SKUs. */
  stock(skus: string[]): void;
  /** Another instance signalled `topic` (HubStore.signal: a job's kick for its lease holder). */
  signal(topic: string): void;
  /** The connection came back after a drop: notices may have been missed. */
  resumed(): void;
  warn(line: string, fields?: Record<string, unknown>): void;
}

export interface NoticeListenerOptions {
  config: pg.ClientConfig;
  schema: string;
  instanceId: string;
  handlers: NoticeHandlers;
  /** Reconnect backoff: the first wait, doubled per failed attempt up to maxMs. */
  retryMs?: { min: number; max: number };
}

export class PgNoticeListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private attempts = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly feedChannel: string;
  private readonly stockChannel: string;
  private readonly signalChannel: string;

  private constructor(private readonly opts: NoticeListenerOptions) {
    this.feedChannel = channelName(opts.schema, 'feed');
    this.stockChannel = channelName(opts.schema, 'stock');
    this.signalChannel = channelName(opts.schema, 'signal');
  }

  /** Listening once this resolves; a first connection that fails is the caller's error. */
  static async start(opts: NoticeListenerOptions): Promise<PgNoticeListener> {
    const listener = new PgNoticeListener(opts);
    await listener.connect();
    return listener;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.opts.config);
    client.on('error', (err) => this.dropped(client, err));
    client.on('end', () => this.dropped(client, new Error('connection ended')));
    client.on('notification', (n) => this.notice(n.channel, n.payload ?? ''));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.feedChannel}"`);
      await client.query(`LISTEN "${this.stockChannel}"`);
      await client.query(`LISTEN "${this.signalChannel}"`);
    } catch (err) {
      // Not this.client yet, so its 'error' and 'end' are ignored by dropped().
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private notice(channel: string, payload: string): void {
    const { handlers, instanceId } = this.opts;
    if (channel === this.feedChannel) {
      if (payload !== instanceId) handlers.feed();
      return;
    }
    if (channel === this.signalChannel) {
      this.signalled(payload);
      return;
    }
    if (channel !== this.stockChannel) return;
    let parsed: { from?: unknown; skus?: unknown };
    try {
      parsed = JSON.parse(payload) as typeof parsed;
    } catch {
      handlers.warn('PostgreSQL store: a stock notice was not JSON; ignored', { payload: payload.slice(0, 200) });
      return;
    }
    if (parsed.from === instanceId) return;
    if (Array.isArray(parsed.skus) && parsed.skus.every((s) => typeof s === 'string')) handlers.stock(parsed.skus);
    else handlers.warn('PostgreSQL store: a stock notice had no list of SKUs; ignored', { payload });
  }

  /** Payload JSON {from, topic} (PgHubStore.signal). */
  private signalled(payload: string): void {
    const { handlers, instanceId } = this.opts;
    let parsed: { from?: unknown; topic?: unknown };
    try {
      parsed = JSON.parse(payload) as typeof parsed;
    } catch {
      handlers.warn('PostgreSQL store: a signal was not JSON; ignored', { payload: payload.slice(0, 200) });
      return;
    }
    if (parsed.from === instanceId) return;
    if (typeof parsed.topic === 'string') handlers.signal(parsed.topic);
    else handlers.warn('PostgreSQL store: a signal had no topic; ignored', { payload: payload.slice(0, 200) });
  }

  private dropped(client: pg.Client, err: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.opts.handlers.warn('PostgreSQL store: the notice connection dropped; reconnecting', { error: err.message });
    this.schedule();
  }

  private schedule(): void {
    const { min, max } = this.opts.retryMs ?? { min: 200, max: 10_000 };
    const wait = Math.min(max, min * 2 ** Math.min(this.attempts, 20));
    this.attempts++;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect().then(
        () => {
          if (this.stopped) return;
          this.attempts = 0;
          this.opts.handlers.resumed();
        },
        (e: unknown) => {
          if (this.stopped) return;
          this.opts.handlers.warn('PostgreSQL store: reconnecting the notice connection failed', {
            error: e instanceof Error ? e.message : String(e),
            attempt: this.attempts,
          });
          this.schedule();
        },
      );
    }, wait);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}
