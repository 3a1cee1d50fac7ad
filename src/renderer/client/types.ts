// The renderer's only door to the station core. Screens never know which transport is behind it.
import type { CoreApi, CoreEvents, CoreMethod } from '../../contract/api.js';
import type { ErrorCode, ErrorEnvelope } from '../../contract/api/errors.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface CoreClient {
  /** Rejects with a CoreClientError carrying the core's {code, message, retryable} envelope. */
  request<K extends CoreMethod>(method: K, args: CoreApi[K]['args']): Promise<CoreApi[K]['result']>;
  on<E extends keyof CoreEvents>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
  /** The listener is called at once with the current state, then on every change. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export class CoreClientError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'CoreClientError';
    this.code = envelope.code;
    this.retryable = envelope.retryable;
  }
}

export function transportError(message: string): CoreClientError {
  return new CoreClientError({ code: 'transport', message, retryable: true });
}

/** Any thrown value as an envelope, so the UI has one shape to show. */
export function envelopeOf(err: unknown): ErrorEnvelope {
  if (err instanceof CoreClientError) return err.envelope;
  return { code: 'internal', message: err instanceof Error ? err.message : String(err), retryable: false };
}

/** Fan-out of core events by name; both adapters receive events as (name, payload) pairs. */
export class EventHub {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  add(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit(event: string, payload: unknown): void {
    const set = this.listeners.get(event);
    if (!set) return;
    // A throwing listener must not starve the others (e.g. a sound failure hiding a snapshot).
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`listener for ${event} failed`, err);
      }
    }
  }
}
