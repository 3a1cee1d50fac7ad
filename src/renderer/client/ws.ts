// Browser-mode adapter: one WebSocket to the station host, requests matched to replies by id,
// events pushed by the server. Reconnects with capped exponential backoff; the app re-requests
// `station.snapshot` on every 'open', so nothing missed while disconnected stays missing.
import type { RequestMessage, ServerMessage } from '../../contract/api/wire.js';
import { isErrorEnvelope } from '../../contract/api/errors.js';
import { CoreClientError, EventHub, transportError, type ConnectionState, type CoreClient } from './types.js';

/** The part of the WebSocket API we use, so tests can hand in a fake class. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}
export type SocketFactory = new (url: string) => SocketLike;

export interface WsClientOptions {
  WebSocket?: SocketFactory;
  minDelayMs?: number;
  maxDelayMs?: number;
}

const OPEN = 1;

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export function createWsClient(url: string, options: WsClientOptions = {}): CoreClient & { close(): void } {
  const Socket = options.WebSocket ?? (globalThis.WebSocket as unknown as SocketFactory);
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5000;

  const hub = new EventHub();
  const connListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let nextId = 1;
  let delay = minDelay;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const l of [...connListeners]) l(next);
  }

  function failPending(message: string): void {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(transportError(message));
  }

  function onMessage(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let msg: ServerMessage;
    try {
      msg = JSON.parse(raw) as ServerMessage;
    } catch {
      console.error('ignoring a non-JSON message from the station host');
      return;
    }
    if (msg.t === 'evt') {
      hub.emit(msg.event, msg.payload);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else
      p.reject(
        new CoreClientError(
          isErrorEnvelope(msg.error)
            ? msg.error
            : { code: 'internal', message: 'malformed error reply', retryable: false },
        ),
      );
  }

  function connect(): void {
    timer = null;
    if (stopped) return;
    setState('connecting');
    let ws: SocketLike;
    try {
      ws = new Socket(url);
    } catch (err) {
      // A malformed URL throws synchronously; treat it like a failed attempt and keep backing off.
      console.error('WebSocket could not be created', err);
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      delay = minDelay;
      setState('open');
    };
    ws.onmessage = (ev) => {
      if (socket === ws) onMessage(ev.data);
    };
    ws.onerror = () => {
      // Always followed by close; the close handler does the work.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failPending('connection to the station closed');
      setState('closed');
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (stopped || timer) return;
    const wait = delay;
    delay = Math.min(delay * 2, maxDelay);
    timer = setTimeout(connect, wait);
  }

  connect();

  return {
    request(method, args) {
      const ws = socket;
      // Scans are not queued while offline: a packer must hear at once that a scan did not land,
      // rather than have it applied later to whatever order is open by then.
      if (!ws || ws.readyState !== OPEN || state !== 'open') {
        return Promise.reject(transportError('not connected to the station'));
      }
      const id = nextId++;
      const msg: RequestMessage = { t: 'req', id, method, args };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          ws.send(JSON.stringify(msg));
        } catch (err) {
          pending.delete(id);
          reject(transportError(err instanceof Error ? err.message : String(err)));
        }
      }) as never;
    },
    on(event, listener) {
      return hub.add(event, listener as (payload: unknown) => void);
    },
    onConnection(listener) {
      connListeners.add(listener);
      listener(state);
      return () => {
        connListeners.delete(listener);
      };
    },
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const ws = socket;
      socket = null;
      failPending('client closed');
      ws?.close();
      setState('closed');
    },
  };
}
