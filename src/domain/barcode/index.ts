// Barcode normalization: pure functions shared by the main process, the renderer and the tests.

export type { Gs1Data, NormalizedScan, Symbology } from './types.js';
export type { Gs1ErrorReason } from './gs1.js';
export { Gs1ParseError, parseGs1 } from './gs1.js';
export { barcodeKey, gtinCheckDigit, isValidGtin, toGtin14 } from './gtin.js';
export { stripAim } from './aim.js';
export { normalizeScan } from './normalize.js';
export { describeClash, keyClashes, productKeys, type KeyClash, type KeyOwner } from './product-keys.js';
export { isMisread } from './noise.js';
export { expandUpcE } from './gtin.js';
export { matchWaybill, readWaybill, WAYBILL_SHAPES, type WaybillMatch, type WaybillShape } from './waybill.js';
