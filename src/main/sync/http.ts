// The station's side of the wire contract (src/contract/sync.ts): one method per endpoint, bearer token,
// a timeout on every request, and every failure turned into a SyncError whose `reason` decides what
// the engine does next (retry with backoff, or pause until someone fixes the token).
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Clock } from '../../base/clock.js';
import {
  claimResponseSchema,
  encodePullQuery,
  helloSchema,
  pullPageSchema,
  pushResponseSchema,
  SYNC_API_VERSION,
  type ClaimRequest,
  type ClaimResponse,
  type Hello,
  type PullPage,
  type PushRequest,
  type PushResponse,
  type StationReport,
} from '../../contract/sync.js';
import type { SupervisorView } from '../../contract/api/supervisor.js';
import {
  handoverCutoffsSchema,
  handoverExpectedSchema,
  type HandoverCutoffs,
  type HandoverExpected,
} from '../../contract/handover-wire.js';
import type { ExportTable } from '../../domain/stats/export-table.js';
import { HubUrls } from './hub-urls.js';

export type SyncFailure =
  /** Connection refused or reset, DNS, TLS: the hub is out of reach. */
  | 'network'
  | 'timeout'
  /** 5xx or 429: the hub is there but cannot serve now. */
  | 'server'
  /** 401/403: the token is wrong or revoked. Retrying cannot help. */
  | 'unauthorized'
  /** Another 4xx: the hub refused this request as sent. */
  | 'refused'
  /** The body does not match the contract. */
  | 'bad_response'
  /** The hub speaks another API version or serves another station: retrying cannot help. */
  | 'incompatible'
  /** The pull arrived but could not be applied to the station database. */
  | 'apply';

export class SyncError extends Error {
  constructor(
    readonly reason: SyncFailure,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  /** Failures that need a person (token, version, wrong station) pause sync instead of retrying. */
  get pauses(): boolean {
    return this.reason === 'unauthorized' || this.reason === 'incompatible';
  }
}

export interface PullParams {
  cursor: number;
  waitS: number;
  limit: number;
  /** Free waybill numbers per carrier, so the hub can top the pool up. */
  pool: Record<string, number>;
  poolTarget: number;
  report: StationReport | null;
}

export interface HubClientOptions {
  /** One hub, or the hub instances to fail over between (kept across sessions by the engine). */
  url: string | HubUrls;
  token: string;
  clock: Clock;
  fetch: typeof fetch;
  /** Aborts everything in flight (stop, pause, reconfigure). */
  signal: AbortSignal;
}

const REQUEST_TIMEOUT_MS = 20_000;
/** The supervisor waits for the hub's figures at most this long before the desk shows its own. */
const STATS_TIMEOUT_MS = 5000;
/** A long-poll may legitimately take `wait` seconds; allow this much on top for the answer. */
const PULL_GRACE_MS = 15_000;

export class HubClient {
  private readonly hubs: HubUrls;

  constructor(private readonly opts: HubClientOptions) {
    this.hubs = typeof opts.url === 'string' ? new HubUrls([opts.url]) : opts.url;
  }

  /**
   * Moves to the next hub instance after a failure another instance may not share: no connection,
   * no answer in time, a 5xx (not a 429, which every instance would answer alike). A request this
   * station aborted itself (stop, reconfigure) is no sign of trouble.
   */
  private failover(hub: string, err: SyncError): SyncError {
    const down = err.reason === 'network' || err.reason === 'timeout' || (err.status !== null && err.status >= 500);
    if (down && !this.opts.signal.aborted) this.hubs.failed(hub, err.message);
    return err;
  }

  async hello(stationId: string): Promise<Hello> {
    const body = await this.request('GET', '/v1/sync/hello', undefined, REQUEST_TIMEOUT_MS);
    const version = (body as { apiVersion?: unknown } | null)?.apiVersion;
    if (typeof version !== 'number')
      throw new SyncError(
        'incompatible',
        `${this.hubs.current} did not answer hello as a Packdesk hub (no apiVersion)`,
      );
    if (version !== SYNC_API_VERSION) {
      throw new SyncError(
        'incompatible',
        `hub speaks sync API version ${version}; this station speaks ${SYNC_API_VERSION}`,
      );
    }
    const hello = parse(helloSchema, body, 'hello');
    if (hello.stationId !== stationId) {
      throw new SyncError(
        'incompatible',
        `the token belongs to station ${hello.stationId}, but this is station ${stationId}`,
      );
    }
    return hello;
  }

  /**
   * Query: cursor, wait, limit from the contract; `pool=SF:120,ZTO:80` (free numbers per carrier) and
   * `poolTarget=200` (what the station wants to keep) so the hub can allocate waybill batches.
   */
  /** The page is checked here; its rows one by one as they are applied (pull.ts quarantines bad ones). */
  async pull(p: PullParams): Promise<PullPage> {
    const q = encodePullQuery({
      cursor: p.cursor,
      wait: p.waitS,
      limit: p.limit,
      pool: p.pool,
      poolTarget: p.poolTarget,
      report: p.report,
    });
    const body = await this.request('GET', `/v1/sync/pull?${q.toString()}`, undefined, p.waitS * 1000 + PULL_GRACE_MS);
    return parse(pullPageSchema, body, 'pull');
  }

  async push(events: PushRequest['events']): Promise<PushResponse> {
    const request: PushRequest = { events };
    const body = await this.request('POST', '/v1/sync/events', request, REQUEST_TIMEOUT_MS);
    return parse(pushResponseSchema, body, 'push');
  }

  /** 409 is the contract's "another station holds it": its body is still a ClaimResponse. */
  async claim(orderId: string, packId: string): Promise<ClaimResponse> {
    const request: ClaimRequest = { orderId, packId };
    const body = await this.request('POST', '/v1/sync/claims', request, REQUEST_TIMEOUT_MS, [409]);
    const parsed = claimResponseSchema.safeParse(body);
    if (parsed.success) return parsed.data;
    // A 409 carrying the error envelope instead: refused, holder unknown.
    if (isEnvelope(body)) return { ok: false, heldBy: null };
    throw new SyncError('bad_response', `claim: ${parsed.error.issues[0]?.message ?? 'invalid body'}`);
  }

  /** Every station's figures for the supervisor view at a desk (GET /v1/stats/supervisor). */
  async supervisorView(from: number, to: number): Promise<SupervisorView> {
    const q = new URLSearchParams({ from: String(from), to: String(to) });
    const body = await this.request('GET', `/v1/stats/supervisor?${q.toString()}`, undefined, STATS_TIMEOUT_MS);
    // The hub builds it with the same module as the desk (domain/stats/supervisor.ts); check its kind.
    const scope = (body as { scope?: unknown } | null)?.scope;
    if (scope !== 'hub' && scope !== 'station')
      throw new SyncError('bad_response', 'supervisor view: scope missing from the answer');
    return body as SupervisorView;
  }

  /** The spreadsheet export table, grouped by one key, headers in `lang` (GET /v1/stats/export?format=table). */
  async statsExportTable(from: number, to: number, by: string, lang: string): Promise<ExportTable> {
    const q = new URLSearchParams({ from: String(from), to: String(to), by, lang, format: 'table' });
    const body = await this.request('GET', `/v1/stats/export?${q.toString()}`, undefined, STATS_TIMEOUT_MS);
    const t = body as Partial<ExportTable> | null;
    if (!Array.isArray(t?.headers) || !Array.isArray(t.rows) || !Array.isArray(t.kinds))
      throw new SyncError('bad_response', 'stats export: headers, kinds or rows missing from the answer');
    return t as ExportTable;
  }

  /**
   * A read-only hub answer for a desk screen (GET /v1/stock/board…), as JSON for the caller to
   * parse with its contract schema; errors are the typed SyncErrors of every other request.
   */
  async read(pathAndQuery: string): Promise<unknown> {
    return this.request('GET', pathAndQuery, undefined, STATS_TIMEOUT_MS);
  }

  /** A desk's write to the hub (POST, JSON), answered as JSON for the caller's contract schema. */
  async write(path: string, body: unknown): Promise<unknown> {
    return this.request('POST', path, body, STATS_TIMEOUT_MS);
  }

  /** The carrier's parcels for a handover batch at this desk (GET /v1/handover/expected). */
  async handoverExpected(carrier: string, day: string): Promise<HandoverExpected> {
    const q = new URLSearchParams({ carrier, day });
    const body = await this.request('GET', `/v1/handover/expected?${q.toString()}`, undefined, STATS_TIMEOUT_MS);
    return parse(handoverExpectedSchema, body, 'handover expected');
  }

  /** Today's collection cut-offs per carrier and what will miss them (GET /v1/handover/cutoffs). */
  async handoverCutoffs(): Promise<HandoverCutoffs> {
    const body = await this.request('GET', '/v1/handover/cutoffs', undefined, STATS_TIMEOUT_MS);
    return parse(handoverCutoffsSchema, body, 'handover cutoffs');
  }

  /** The hub's statistics as CSV, grouped by one key (GET /v1/stats.csv). */
  async statsCsv(from: number, to: number, by: string): Promise<string> {
    const q = new URLSearchParams({ from: String(from), to: String(to), by });
    return this.request('GET', `/v1/stats.csv?${q.toString()}`, undefined, STATS_TIMEOUT_MS, [], 'text');
  }

  /**
   * A product photo the hub cached (GET /v1/catalog/images/:sha256), as bytes. Refused when larger
   * than `maxBytes` or when the bytes do not hash to the name asked for.
   */
  async catalogImage(sha256: string, maxBytes: number): Promise<{ bytes: Buffer; contentType: string }> {
    const path = `/v1/catalog/images/${sha256}`;
    const hub = this.hubs.current;
    const timeout = new AbortController();
    const timer = this.opts.clock.setTimeout(() => timeout.abort(), REQUEST_TIMEOUT_MS);
    try {
      let res: Response;
      try {
        res = await this.opts.fetch(`${baseOf(hub)}${path}`, {
          signal: AbortSignal.any([this.opts.signal, timeout.signal]),
          headers: { authorization: `Bearer ${this.opts.token}` },
        });
      } catch (err) {
        throw this.failover(
          hub,
          new SyncError(timeout.signal.aborted ? 'timeout' : 'network', `GET ${path}: ${describeNetworkError(err)}`),
        );
      }
      if (!res.ok)
        throw this.failover(hub, new SyncError(classify(res.status), `GET ${path}: HTTP ${res.status}`, res.status));
      const bytes = Buffer.from(await res.arrayBuffer());
      const contentType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      if (bytes.length > maxBytes) throw new SyncError('bad_response', `GET ${path}: over ${maxBytes} bytes`);
      if (createHash('sha256').update(bytes).digest('hex') !== sha256)
        throw new SyncError('bad_response', `GET ${path}: the bytes do not match their sha256`);
      return { bytes, contentType };
    } finally {
      timer.cancel();
    }
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    okStatuses?: number[],
  ): Promise<unknown>;
  private async request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    okStatuses: number[],
    as: 'text',
  ): Promise<string>;
  private async request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    okStatuses: number[] = [],
    as: 'json' | 'text' = 'json',
  ): Promise<unknown> {
    const hub = this.hubs.current;
    try {
      return await this.requestAt(baseOf(hub), method, path, body, timeoutMs, okStatuses, as);
    } catch (err) {
      throw err instanceof SyncError ? this.failover(hub, err) : err;
    }
  }

  private async requestAt(
    base: string,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    okStatuses: number[],
    as: 'json' | 'text',
  ): Promise<unknown> {
    const timeout = new AbortController();
    const timer = this.opts.clock.setTimeout(() => timeout.abort(), timeoutMs);
    const signal = AbortSignal.any([this.opts.signal, timeout.signal]);
    try {
      let res: Response;
      try {
        res = await this.opts.fetch(`${base}${path}`, {
          method,
          signal,
          headers: {
            authorization: `Bearer ${this.opts.token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (err) {
        if (timeout.signal.aborted)
          throw new SyncError(
            'timeout',
            `${method} ${route(path)}: no answer within ${Math.round(timeoutMs / 1000)} s`,
          );
        throw new SyncError('network', `${method} ${route(path)}: ${describeNetworkError(err)}`);
      }
      const text = await res.text().catch((err: unknown) => {
        if (timeout.signal.aborted)
          throw new SyncError(
            'timeout',
            `${method} ${route(path)}: answer cut off after ${Math.round(timeoutMs / 1000)} s`,
          );
        throw new SyncError('network', `${method} ${route(path)}: ${describeNetworkError(err)}`);
      });
      if (as === 'text' && res.ok) return text;
      const json = parseJson(text);
      if (res.ok || okStatuses.includes(res.status)) {
        if (json === undefined)
          throw new SyncError('bad_response', `${method} ${route(path)}: the body is not JSON`, res.status);
        return json;
      }
      const detail = isEnvelope(json) ? `${json.code}: ${json.message}` : text.slice(0, 200) || res.statusText;
      throw new SyncError(classify(res.status), `${method} ${route(path)}: HTTP ${res.status} ${detail}`, res.status);
    } finally {
      timer.cancel();
    }
  }
}

function classify(status: number): SyncFailure {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 408) return 'timeout';
  if (status === 429 || status >= 500) return 'server';
  return 'refused';
}

function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new SyncError(
    'bad_response',
    `${what}: ${issue ? `${issue.path.join('.') || '(body)'} ${issue.message}` : 'invalid body'}`,
  );
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function isEnvelope(v: unknown): v is { code: string; message: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    typeof (v as { message?: unknown }).message === 'string'
  );
}

/** undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ECONNRESET) in `cause`. */
function describeNetworkError(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.message)
    return cause.code && !cause.message.includes(cause.code) ? `${cause.code} ${cause.message}` : cause.message;
  if (cause?.code) return cause.code;
  return err instanceof Error ? err.message : String(err);
}

const route = (path: string) => path.split('?')[0] ?? path;

const baseOf = (hubUrl: string) => hubUrl.replace(/\/+$/, '');
