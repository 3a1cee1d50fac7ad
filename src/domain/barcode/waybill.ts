// Carrier waybill numbers by shape. A packer scans carrier labels as well as products: some labels
// carry two barcodes (a JD label has the waybill and a package code `<waybill>-1-2-`), and an
// all-digit waybill can look like a product barcode. The shapes below tell them apart; they are
// what the carriers publish and what their numbers look like in the WeChat e-waybill sandbox
// (src/demo/wechat-sandbox/ewaybill.ts) and the demo pools (src/demo/data/waybills.ts).
import type { NormalizedScan } from './types.js';

export interface WaybillShape {
  /** Carrier code as WeChat logistics and the station config name it. */
  carrier: string;
  /** The whole scan must match (anchored below). */
  pattern: RegExp;
  /** Only digits: such a number may also be a GTIN (see readWaybill). */
  digitsOnly: boolean;
}

const shape = (carrier: string, source: string): WaybillShape => ({
  carrier,
  pattern: new RegExp(`^(?:${source})$`),
  // Letters left once the `\\d` escapes are gone mean the number holds letters.
  digitsOnly: !/[A-Z]/.test(source.replaceAll('\\d', '')),
});

/** First match wins for the carrier named first; an all-digit number may fit several carriers. */
export const WAYBILL_SHAPES: readonly WaybillShape[] = [
  shape('SF', 'SF\\d{12,13}'),
  shape('JD', 'JD[A-Z0-9]{11,16}'),
  shape('YTO', 'YT\\d{13}'),
  shape('JTSD', 'JT\\d{13}'),
  shape('DBKD', 'DPK\\d{12,13}'),
  shape('EMS', '[A-Z]{2}\\d{9}CN'),
  shape('EMS', '1\\d{12}'),
  shape('ZTO', '7\\d{11}|7\\d{13}'),
  shape('STO', '77\\d{11,12}'),
  shape('YUNDA', '[1-5]\\d{12}|4\\d{14}'),
];

/** A JD package code: the waybill, then package number and count (`JDVA00012345678-1-2-`). */
const JD_PACKAGE = /^(JD[A-Z0-9]{11,16})-(\d{1,3})-(\d{1,3})-?$/;

export interface WaybillMatch {
  /** Every carrier whose shape fits, most specific first. */
  carriers: string[];
  /** The waybill itself: for a package code, the waybill it belongs to. */
  waybill: string;
  /** Set for a package code: which package of how many. */
  package: { no: number; of: number } | null;
}

/** The carriers whose waybill shape `text` has (upper-cased), or null when none does. */
export function matchWaybill(text: string): WaybillMatch | null {
  const code = text.trim().toUpperCase();
  const pkg = JD_PACKAGE.exec(code);
  if (pkg) {
    const no = Number(pkg[2]);
    const of = Number(pkg[3]);
    if (no >= 1 && of >= no) return { carriers: ['JD'], waybill: pkg[1] ?? code, package: { no, of } };
    return null;
  }
  const carriers = WAYBILL_SHAPES.filter((s) => s.pattern.test(code)).map((s) => s.carrier);
  return carriers.length > 0 ? { carriers, waybill: code, package: null } : null;
}

/**
 * Whether a scan is a carrier's waybill rather than a product code. Retail symbologies (EAN/UPC,
 * GS1) never carry waybills, and a digits-only match gives way to a valid GTIN unless the scanner
 * said Code 128 (]C0, what carriers print): one 13-digit Yunda number in ten passes the GTIN check
 * digit, and a product barcode must not be refused as a waybill.
 */
export function readWaybill(scan: NormalizedScan): WaybillMatch | null {
  if (scan.gs1 !== null || (scan.aim !== null && /^\][Ee]/.test(scan.aim))) return null;
  const match = matchWaybill(scan.text);
  if (!match || match.package) return match;
  const code128 = scan.aim === ']C0';
  const carriers = match.carriers.filter((c) => {
    const s = WAYBILL_SHAPES.find((w) => w.carrier === c);
    return !(s?.digitsOnly && scan.gtin14 !== null && !code128);
  });
  return carriers.length > 0 ? { ...match, carriers } : null;
}
