// How much any one request may take from the hub. Bodies are read only after a route's onRequest
// authentication, and even then no route reads more than it needs.

/** The largest request body any route reads unless it says otherwise (500 pushed events ≪ 4 MB). */
export const DEFAULT_BODY_LIMIT = 4 * 2 ** 20;
/** CSV imports arrive base64-encoded in one JSON body (100,000 lines ≈ 15 MB). */
export const IMPORT_BODY_LIMIT = 64 * 2 ** 20;
/** A request (long-polls included, at most 30 s) that has not completed by then is cut. */
export const REQUEST_TIMEOUT_MS = 120_000;

/**
 * A keep-alive socket idle between requests is closed after this long: longer than the 60 s idle
 * timeout of common load balancers and proxies, so they close first and never reuse a socket the
 * hub is closing.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/**
 * A socket silent for this long is closed: one that never sends a request, or whose request
 * stalls. Above the longest silence a request has (a long-poll: at most 30 s).
 */
export const IDLE_SOCKET_TIMEOUT_MS = 90_000;
/** The request line and headers must be in within this long of their first byte (slow-header clients). */
export const HEADERS_TIMEOUT_MS = 30_000;

/** The hub's socket timeouts; tests shorten them. */
export interface SocketTimeouts {
  keepAliveMs: number;
  idleMs: number;
  headersMs: number;
  requestMs: number;
  /** How often Node checks the headers and request timeouts (its default is 30 s). */
  checkEveryMs: number;
}

export const SOCKET_TIMEOUTS: SocketTimeouts = {
  keepAliveMs: KEEP_ALIVE_TIMEOUT_MS,
  idleMs: IDLE_SOCKET_TIMEOUT_MS,
  headersMs: HEADERS_TIMEOUT_MS,
  requestMs: REQUEST_TIMEOUT_MS,
  checkEveryMs: 5_000,
};
