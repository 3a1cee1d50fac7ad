// GTIN check digits and the product lookup key (GS1 General Specifications §7.9).

const GTIN_LENGTHS: ReadonlySet<number> = new Set([8, 12, 13, 14]);
const DIGITS = /^[0-9]+$/;

/**
 * GS1 mod-10 over any digit string (also used for SSCC/GLN-length data): weights alternate 3,1
 * starting with 3 at the digit next to the check digit (§7.9.1).
 */
export function mod10CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Check digit for a GTIN body (the 7, 11, 12 or 13 digits in front of the check digit). */
export function gtinCheckDigit(body: string): number {
  if (!DIGITS.test(body) || !GTIN_LENGTHS.has(body.length + 1)) {
    throw new RangeError(`GTIN body must be 7, 11, 12 or 13 digits, got "${body}"`);
  }
  return mod10CheckDigit(body);
}

/** True for an 8, 12, 13 or 14 digit string whose last digit is the correct check digit. */
export function isValidGtin(code: string): boolean {
  if (!DIGITS.test(code) || !GTIN_LENGTHS.has(code.length)) return false;
  return mod10CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/**
 * Pads a GTIN-8/12/13 to the 14-digit form with leading zeros (§3.3.2: GTIN-14 is the common
 * representation, so UPC-A 036000291452 and EAN-13 0036000291452 are the same item). Does not
 * verify the check digit; use isValidGtin for that.
 */
export function toGtin14(code: string): string {
  if (!DIGITS.test(code) || !GTIN_LENGTHS.has(code.length)) {
    throw new RangeError(`a GTIN has 8, 12, 13 or 14 digits, got "${code}"`);
  }
  return code.padStart(14, '0');
}

/**
 * The key products are indexed by: gtin14 for GTIN codes, else the trimmed text upper-cased. An
 * 8-digit code valid as EAN-8 is an EAN-8; one that is only valid as UPC-E is keyed by its UPC-A
 * (so a catalog holding the UPC-E finds the UPC-A scan and the other way round).
 */
export function barcodeKey(code: string): string {
  const trimmed = code.trim();
  if (isValidGtin(trimmed)) return toGtin14(trimmed);
  const upcA = expandUpcE(trimmed);
  return upcA ? toGtin14(upcA) : trimmed.toUpperCase();
}

/**
 * The UPC-A (12 digits) a UPC-E symbol stands for, or null when `code` is not a valid UPC-E: 8
 * digits, number system 0 or 1, and a check digit that is the UPC-A's (GS1 General Specifications
 * §5.2.2.4.2, the zero-suppression table keyed by the sixth data digit). `04252614` → 042100005264.
 */
export function expandUpcE(code: string): string | null {
  if (!/^[01][0-9]{7}$/.test(code)) return null;
  const ns = code.charAt(0);
  const d = code.slice(1, 7);
  const last = d.charAt(5);
  let body: string;
  if (last <= '2') body = `${ns}${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${ns}${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${ns}${d.slice(0, 4)}00000${d.charAt(4)}`;
  else body = `${ns}${d.slice(0, 5)}0000${last}`;
  return mod10CheckDigit(body) === code.charCodeAt(7) - 48 ? `${body}${code.charAt(7)}` : null;
}
