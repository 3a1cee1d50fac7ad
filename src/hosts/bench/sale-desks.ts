// Simulated packing desks for the live-stream sale (issue 16 §3b): lightweight clients of the
// station sync API. Each desk long-polls GET /v1/sync/pull from its cursor, notes when each order
// first reached any desk, and takes its share of the orders with POST /v1/sync/claims (a desk
// claims the orders whose id falls to it, so claims do not collide). With several hub instances
// the desks are spread over them, so an order taken in by one instance reaches desks on the others.

export interface DeskFleet {
  /** Order id → wall-clock ms when it first reached a desk. */
  readonly firstReach: ReadonlyMap<string, number>;
  /** Claims the hub granted, and those it refused (held elsewhere). stop() lets claims under way finish. */
  readonly claims: { ok: number; refused: number; failed: number };
  stop(): Promise<void>;
}

export interface DeskOptions {
  /** The hub instances: desk i talks to hubUrls[i mod n]; stations are added through the first. */
  hubUrls: readonly string[];
  adminToken: string;
  desks: number;
  /** Prefix of the station ids, unique per run. */
  prefix: string;
  /** Pull failures (the hub busy) are retried; the first is kept for the report. */
  onError?: (message: string) => void;
}

const PULL_WAIT_S = 5;
const PULL_LIMIT = 2000;
const RETRY_MS = 200;

interface PullBody {
  cursor: number;
  more: boolean;
  orders: { id: string }[];
}

export async function startDesks(opts: DeskOptions): Promise<DeskFleet> {
  const firstReach = new Map<string, number>();
  const claims = { ok: 0, refused: 0, failed: 0 };
  const abort = new AbortController();
  const tokens: string[] = [];
  for (let i = 0; i < opts.desks; i++) tokens.push(await addStation(opts, `${opts.prefix}${i}`));
  const loops = tokens.map((token, i) =>
    deskLoop({
      ...opts,
      hubUrl: opts.hubUrls[i % opts.hubUrls.length] ?? '',
      token,
      index: i,
      firstReach,
      claims,
      signal: abort.signal,
    }).catch((err: unknown) => {
      if (!abort.signal.aborted) opts.onError?.(`desk ${i} stopped: ${String(err)}`);
    }),
  );
  return {
    firstReach,
    claims,
    async stop() {
      abort.abort();
      await Promise.all(loops);
    },
  };
}

async function addStation(opts: DeskOptions, id: string): Promise<string> {
  const res = await fetch(`${opts.hubUrls[0] ?? ''}/v1/admin/stations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, layout: 'u_shaped' }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || !body.token)
    throw new Error(`adding desk ${id}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

interface Desk extends DeskOptions {
  hubUrl: string;
  token: string;
  index: number;
  firstReach: Map<string, number>;
  claims: DeskFleet['claims'];
  signal: AbortSignal;
}

async function deskLoop(d: Desk): Promise<void> {
  let cursor = 0;
  const auth = { authorization: `Bearer ${d.token}` };
  while (!d.signal.aborted) {
    let page: PullBody;
    try {
      const res = await fetch(`${d.hubUrl}/v1/sync/pull?cursor=${cursor}&wait=${PULL_WAIT_S}&limit=${PULL_LIMIT}`, {
        headers: auth,
        // A signal of its own per request, following the desk's: undici drops the listener it adds
        // only when the request is collected, and thousands of long polls on one signal pile up.
        signal: AbortSignal.any([d.signal]),
      });
      if (res.status !== 200) throw new Error(`pull: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      page = (await res.json()) as PullBody;
    } catch (err) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() aborts the pull under way
      if (d.signal.aborted) return;
      d.onError?.(`desk ${d.index}: ${err instanceof Error ? err.message : String(err)}`);
      await new Promise((r) => setTimeout(r, RETRY_MS));
      continue;
    }
    const at = Date.now();
    const mine: string[] = [];
    for (const o of page.orders) {
      if (!d.firstReach.has(o.id)) d.firstReach.set(o.id, at);
      if (shareOf(o.id, d.desks) === d.index) mine.push(o.id);
    }
    cursor = page.cursor;
    for (const orderId of mine) await claim(d, orderId, auth);
  }
}

async function claim(d: Desk, orderId: string, auth: Record<string, string>): Promise<void> {
  try {
    const res = await fetch(`${d.hubUrl}/v1/sync/claims`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId, packId: `pack-${orderId}` }),
    });
    await res.arrayBuffer();
    if (res.status === 200) d.claims.ok++;
    else if (res.status === 409) d.claims.refused++;
    else d.claims.failed++;
  } catch {
    d.claims.failed++;
  }
}

/** Which desk takes an order: its id's last digits, spread over the desks. */
function shareOf(orderId: string, desks: number): number {
  return Number(orderId.slice(-6)) % desks;
}
