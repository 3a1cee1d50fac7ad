// Messages on the browser-mode WebSocket and the Electron IPC bridge. Both carry the same envelope.
import type { ErrorEnvelope } from './errors.js';

export type RequestMessage = { t: 'req'; id: number; method: string; args: unknown };
export type ResponseMessage =
  { t: 'res'; id: number; ok: true; result: unknown } | { t: 'res'; id: number; ok: false; error: ErrorEnvelope };
export type EventMessage = { t: 'evt'; event: string; payload: unknown };
export type ServerMessage = ResponseMessage | EventMessage;

/** What the IPC bridge resolves with: the same result-or-error shape as a WS response. */
export type BridgeResult = { ok: true; result: unknown } | { ok: false; error: ErrorEnvelope };

/** The object the sandboxed preload exposes as `window.packdesk`. */
export interface PackdeskBridge {
  request(method: string, args: unknown): Promise<BridgeResult>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

export const BRIDGE_GLOBAL = 'packdesk';
export const IPC_REQUEST_CHANNEL = 'packdesk:request';
export const IPC_EVENT_CHANNEL = 'packdesk:event';
