// Which unreadable scans are the scanner's or the label's fault rather than the packer's (issue 12 §4):
// they are counted as misreads, never in the packer's error rate.
import type { NormalizedScan } from './types.js';

/** Codes shorter than this are no symbology the desk reads (EAN-8 is the shortest product code). */
const MIN_CODE_LENGTH = 4;
// Printable ASCII plus GS (GS1 separator) and CJK text some QR codes carry; anything else is line noise.
const GS = String.fromCharCode(0x1d);
const NOISE_CHAR = new RegExp(`[^${GS}\\x20-\\x7E\\u00A0-\\uFFFC]`, 'u');

/**
 * A scan that cannot be any code: a wrong check digit, a broken GS1 element string, a code too short
 * for any symbology, control characters or replacement characters from a garbled radio link.
 */
export function isMisread(scan: NormalizedScan): boolean {
  if (scan.checkDigitError || scan.gs1Error !== null) return true;
  const text = scan.text;
  return text.length < MIN_CODE_LENGTH || NOISE_CHAR.test(text) || text.includes('\uFFFD');
}
