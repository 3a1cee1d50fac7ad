// An in-process hub on 127.0.0.1 speaking the wire contract (src/contract/sync.ts), with hooks a test
// turns on: fail the next N requests of a path (status code or dropped connection), lose a push's
// answer after applying it, revoke the token, answer as another station or API version, hold
// long-polls until news or `wait`, page the feed (`more`), record what was pushed, accept re-sent
// ids idempotently and refuse chosen events for good.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { outboxEventSchema, type AnyOutboxEvent } from '../../../src/contract/events.js';
import {
  pushRequestSchema,
  type ClaimResponse,
  type PullResponse,
  type PushResponse,
} from '../../../src/contract/sync.js';
import { fieldProblems } from '../../../src/contract/validation.js';

export const HUB_TOKEN = 'station-token-T1-0123456789';
type WireEvent = AnyOutboxEvent;
type Failure = number | 'drop';
export type ChangeSet = Partial<Omit<PullResponse, 'cursor' | 'more' | 'serverTime'>>;

export interface RequestRecord {
  method: string;
  path: string;
  query: URLSearchParams;
}

export class FakeHub {
  url = '';
  stationId = 'T1';
  apiVersion = 1;
  revoked = false;
  /** Change sets handed out per pull; the rest makes `more` true. */
  perPull = Number.POSITIVE_INFINITY;
  /** Accept at most this many events of each push (the rest is neither accepted nor rejected). */
  acceptAtMost = Number.POSITIVE_INFINITY;
  /** A reason to refuse an event for good, or null to accept it. */
  reject: (e: WireEvent) => string | null = () => null;
  /** Exceptions to report in the answer to the next push. */
  pushExceptions: PushResponse['exceptions'] = [];
  /** Another station holding an order: claims on it get 409 { ok: false, heldBy }. */
  readonly claims = new Map<string, string>();
  /** Every event applied, once, in the order it was first applied. */
  readonly applied: WireEvent[] = [];
  /** The ids of each push request as it arrived (re-sends included). */
  readonly pushes: string[][] = [];
  readonly requests: RequestRecord[] = [];
  /** Product photos served at /v1/catalog/images/:sha256. */
  readonly images = new Map<string, { bytes: Buffer; type: string }>();

  private readonly server: Server;
  private readonly feed: { seq: number; set: ChangeSet }[] = [];
  /** Event id → 'accepted' or the reason it was refused. */
  private readonly known = new Map<string, string>();
  private readonly failures = new Map<string, Failure[]>();
  private lostAnswers = 0;
  private waiters = new Set<() => void>();
  private seq = 0;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds a change set to the feed and releases waiting long-polls; returns its cursor. */
  publish(set: ChangeSet): number {
    this.feed.push({ seq: ++this.seq, set });
    for (const w of [...this.waiters]) w();
    return this.seq;
  }

  /** The next `times` requests to `path` fail with this status, or with a dropped connection. */
  failNext(path: string, times: number, how: Failure = 503): void {
    const list = this.failures.get(path) ?? [];
    for (let i = 0; i < times; i++) list.push(how);
    this.failures.set(path, list);
  }

  /** Forget the failures still planned: the hub is back. */
  heal(): void {
    this.failures.clear();
  }

  /** The next push is applied, then the connection drops before the answer (a lost response). */
  loseNextPushResponse(): void {
    this.lostAnswers++;
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://hub');
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams });
    const body = await readBody(req);
    const failure = this.failures.get(url.pathname)?.shift();
    if (failure === 'drop') return void req.socket.destroy();
    if (failure !== undefined)
      return send(res, failure, { code: 'unavailable', message: 'hub is restarting', retryable: true });
    if (this.revoked || req.headers.authorization !== `Bearer ${HUB_TOKEN}`) {
      return send(res, 401, { code: 'unauthorized', message: 'unknown or revoked station token', retryable: false });
    }
    if (req.method === 'GET' && url.pathname === '/v1/sync/hello') {
      return send(res, 200, {
        stationId: this.stationId,
        layout: 'u_shaped',
        serverTime: Date.now(),
        apiVersion: this.apiVersion,
      });
    }
    if (req.method === 'GET' && url.pathname === '/v1/sync/pull') return this.pull(res, url.searchParams);
    const image = req.method === 'GET' ? /^\/v1\/catalog\/images\/([0-9a-f]{64})$/.exec(url.pathname) : null;
    if (image) {
      const found = this.images.get(image[1] ?? '');
      if (found) {
        res.writeHead(200, { 'content-type': found.type }).end(found.bytes);
        return;
      }
    }
    if (req.method === 'POST' && url.pathname === '/v1/sync/events') return this.push(req, res, body);
    if (req.method === 'POST' && url.pathname === '/v1/sync/claims') {
      const { orderId } = JSON.parse(body) as { orderId: string; packId: string };
      const holder = this.claims.get(orderId);
      if (holder && holder !== this.stationId)
        return send(res, 409, { ok: false, heldBy: holder } satisfies ClaimResponse);
      this.claims.set(orderId, this.stationId);
      return send(res, 200, { ok: true, heldBy: null } satisfies ClaimResponse);
    }
    send(res, 404, { code: 'not_found', message: url.pathname, retryable: false });
  }

  private async pull(res: ServerResponse, q: URLSearchParams): Promise<void> {
    const cursor = Number(q.get('cursor'));
    const waitS = Number(q.get('wait'));
    if (!this.feed.some((c) => c.seq > cursor) && waitS > 0) {
      let gone = false;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          res.off('close', left);
          resolve();
        };
        // The station gave up on the long-poll (stop, pause): nobody to answer.
        const left = () => {
          gone = true;
          done();
        };
        const timer = setTimeout(done, waitS * 1000);
        this.waiters.add(done);
        res.once('close', left);
      });
      if (gone) return;
    }
    const after = this.feed.filter((c) => c.seq > cursor);
    const page = after.slice(0, this.perPull);
    const out: PullResponse = {
      cursor: page.at(-1)?.seq ?? cursor,
      more: after.length > page.length,
      orders: [],
      products: [],
      packers: [],
      routing: null,
      waybills: [],
      exceptions: [],
      serverTime: Date.now(),
    };
    for (const { set } of page) {
      out.orders.push(...(set.orders ?? []));
      out.products.push(...(set.products ?? []));
      out.packers.push(...(set.packers ?? []));
      out.waybills.push(...(set.waybills ?? []));
      out.exceptions.push(...(set.exceptions ?? []));
      if (set.routing) out.routing = set.routing;
    }
    send(res, 200, out);
  }

  private push(req: IncomingMessage, res: ServerResponse, body: string): void {
    const parsed = pushRequestSchema.safeParse(JSON.parse(body));
    if (!parsed.success)
      return send(res, 400, { code: 'bad_request', message: parsed.error.message, retryable: false });
    const events = parsed.data.events;
    this.pushes.push(events.map((e) => e.id));
    const out: PushResponse = { accepted: [], rejected: [], exceptions: this.pushExceptions };
    this.pushExceptions = [];
    let fresh = 0;
    for (const e of events) {
      const seen = this.known.get(e.id);
      if (seen === 'accepted') {
        out.accepted.push(e.id); // a re-send: already applied, accepted again
        continue;
      }
      if (seen !== undefined) {
        out.rejected.push({ id: e.id, reason: seen });
        continue;
      }
      if (fresh >= this.acceptAtMost) break; // in order: nothing after an event left pending
      fresh++;
      // Like the hub: each event parsed with the contract's schema, a bad one rejected by itself.
      const checked = outboxEventSchema.safeParse(e);
      if (!checked.success) {
        const problems = fieldProblems(checked.error, e).map((p) => p.message);
        this.known.set(e.id, problems.join('; '));
        out.rejected.push({ id: e.id, reason: problems.join('; ') });
        continue;
      }
      const reason = this.reject(checked.data);
      this.known.set(e.id, reason ?? 'accepted');
      if (reason) out.rejected.push({ id: e.id, reason });
      else {
        this.applied.push(checked.data);
        out.accepted.push(e.id);
      }
    }
    if (this.lostAnswers > 0) {
      this.lostAnswers--;
      return void req.socket.destroy();
    }
    send(res, 200, out);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
