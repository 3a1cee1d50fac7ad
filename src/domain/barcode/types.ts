// Shapes shared by the barcode normalizer. Kept apart from the logic so that UI and IPC code can
// import the types without pulling in the AI table.

/**
 * What was scanned. Taken from the AIM symbology identifier when the scanner sends one, otherwise
 * guessed from the content. 'gs1' means "the payload is a GS1 element string" whatever the carrier
 * (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar), because that is what decides how it is read.
 */
export type Symbology =
  | 'ean13'
  | 'ean8'
  | 'upca'
  | 'upce'
  | 'gtin14'
  | 'gs1'
  | 'code128'
  | 'code39'
  | 'qr'
  | 'datamatrix'
  | 'itf'
  | 'unknown';

export interface Gs1Data {
  /** Every AI → its value, e.g. {'01':'06901234567892','17':'261231','10':'LOT7'}. */
  ais: Record<string, string>;
  /** AI 01, 14 digits, check digit validated. */
  gtin: string | null;
  /** AI 10. */
  batch: string | null;
  /** AI 17 as 'YYYY-MM-DD'; day 00 becomes the last day of the month. */
  expiry: string | null;
  /** AI 21. */
  serial: string | null;
}

export interface NormalizedScan {
  /** Exactly as received. */
  raw: string;
  /** AIM prefix stripped and surrounding whitespace trimmed; GS (\x1D) separators are kept. */
  text: string;
  /** e.g. ']E0', ']C1', ']d2', or null when the scanner sent none. */
  aim: string | null;
  symbology: Symbology;
  /** Set when the text is a GS1 element string that parsed. */
  gs1: Gs1Data | null;
  /** The GTIN padded to 14 digits, from a valid EAN/UPC/GTIN-14 or from GS1 AI 01. */
  gtin14: string | null;
  /**
   * Set only for 8 digits without a symbology identifier that are valid both as EAN-8 (gtin14) and
   * as UPC-E: the UPC-E's GTIN-14, which a catalog lookup tries second (see normalize.ts).
   */
  altGtin14?: string;
  /** A GTIN-shaped scan (or GS1 AI 01) whose check digit is wrong. */
  checkDigitError: boolean;
  /** Why text that looked like GS1 could not be parsed; names the AI and the position. */
  gs1Error: string | null;
}
