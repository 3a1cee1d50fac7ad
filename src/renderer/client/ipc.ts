// Electron adapter: the sandboxed preload exposes `window.packdesk` (PackdeskBridge). IPC has no
// connection to lose while the window lives, so the connection state is always 'open'.
import type { PackdeskBridge } from '../../contract/api/wire.js';
import { isErrorEnvelope } from '../../contract/api/errors.js';
import { CoreClientError, EventHub, transportError, type ConnectionState, type CoreClient } from './types.js';

export function createIpcClient(bridge: PackdeskBridge): CoreClient & { dispose(): void } {
  const hub = new EventHub();
  const unsubscribe = bridge.onEvent((event, payload) => hub.emit(event, payload));

  return {
    async request(method, args) {
      let reply;
      try {
        reply = await bridge.request(method, args);
      } catch (err) {
        // invoke() itself failed (main process gone or handler missing): the core never saw it.
        throw transportError(err instanceof Error ? err.message : String(err));
      }
      if (reply.ok) return reply.result as never;
      throw new CoreClientError(
        isErrorEnvelope(reply.error)
          ? reply.error
          : { code: 'internal', message: 'malformed error reply', retryable: false },
      );
    },
    on(event, listener) {
      return hub.add(event, listener as (payload: unknown) => void);
    },
    onConnection(listener: (state: ConnectionState) => void) {
      listener('open');
      return () => {};
    },
    dispose() {
      unsubscribe();
    },
  };
}
