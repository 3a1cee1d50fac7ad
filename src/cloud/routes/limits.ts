// How much any one request may take from the hub. Bodies are read only after a route's onRequest
// authentication, and even then no route reads more than it needs.

/** The largest request body any route reads unless it says otherwise (500 pushed events ≪ 4 MB). */
export const DEFAULT_BODY_LIMIT = 4 * 2 ** 20;
/** CSV imports arrive base64-encoded in one JSON body (100,000 lines ≈ 15 MB). */
export const IMPORT_BODY_LIMIT = 64 * 2 ** 20;
/** A request (long-polls included, at most 30 s) that has not completed by then is cut. */
export const REQUEST_TIMEOUT_MS = 120_000;
