// AIM symbology identifiers (ISO/IEC 15424): "]" + symbology code character + modifier character,
// sent by the scanner in front of the data when AIM transmission is enabled.

import type { Symbology } from './types.js';

export const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/**
 * Whitespace a keyboard-wedge or serial scanner may add around the data (suffix CR/LF, TAB, stray
 * spaces, a BOM from some HID layers). Listed explicitly instead of String#trim so that the rule is
 * visible: GS (\x1D) is not whitespace here, it is the FNC1 separator of GS1 data.
 */
export const SCAN_WHITESPACE = '[ \\t\\r\\n\\v\\f\\u00a0\\ufeff]';
const EDGE_WHITESPACE = new RegExp(`^${SCAN_WHITESPACE}+|${SCAN_WHITESPACE}+$`, 'g');

export function trimScan(text: string): string {
  return text.replace(EDGE_WHITESPACE, '');
}

/** Splits off a leading AIM identifier; the returned text is trimmed of surrounding whitespace. */
export function stripAim(raw: string): { aim: string | null; text: string } {
  const trimmed = trimScan(raw);
  const match = AIM_PREFIX.exec(trimmed);
  if (!match) return { aim: null, text: trimmed };
  return { aim: match[0], text: trimScan(trimmed.slice(match[0].length)) };
}

/**
 * Identifiers whose modifier says "FNC1 in first position", i.e. the payload is a GS1 element
 * string (ISO/IEC 15424 modifiers, as listed in the GS1 General Specifications' symbology
 * identifier table):
 * ]C1 GS1-128; ]d2 and ]d5 GS1 DataMatrix (without/with ECI); ]Q3 and ]Q4 GS1 QR Code
 * (without/with ECI); every ]e modifier, because GS1 DataBar only ever carries GS1 data.
 */
export function isGs1Aim(aim: string | null): boolean {
  if (aim === null) return false;
  const code = aim.charAt(1);
  const modifier = aim.charAt(2);
  switch (code) {
    case 'C':
      return modifier === '1';
    case 'd':
      return modifier === '2' || modifier === '5';
    case 'Q':
      return modifier === '3' || modifier === '4';
    case 'e':
      return true;
    default:
      return false;
  }
}

/**
 * EAN/UPC packets under ]E3 carry the main symbol followed by its 2- or 5-digit add-on (ISO/IEC
 * 15424 modifier 3 = "combined packet"); the GTIN is the main part only. UPC-A main parts are 12
 * digits, EAN-13 main parts 13, so the total length tells them apart.
 */
export function eanMainPart(aim: string | null, text: string): string {
  if (aim !== ']E3' || !/^[0-9]+$/.test(text)) return text;
  switch (text.length) {
    case 14:
    case 15:
      return text.slice(0, -2);
    case 17:
    case 18:
      return text.slice(0, -5);
    default:
      return text;
  }
}

/** Symbology named by an AIM identifier; `text` only separates UPC-A from EAN-13 under ]E. */
export function symbologyFromAim(aim: string, text: string): Symbology {
  if (isGs1Aim(aim)) return 'gs1';
  const modifier = aim.charAt(2);
  switch (aim.charAt(1)) {
    case 'E':
      if (modifier === '4') return 'ean8';
      // ]E1/]E2 are a lone add-on (2 or 5 digits), which identifies no trade item by itself.
      if (modifier === '1' || modifier === '2') return 'unknown';
      // ]E0 covers UPC-E too (hardware.md B.3): 8 digits under it are a UPC-E, never an EAN-8 (]E4).
      switch (eanMainPart(aim, text).length) {
        case 12:
          return 'upca';
        case 8:
          return 'upce';
        default:
          return 'ean13';
      }
    case 'C':
      return 'code128';
    case 'A':
      return 'code39';
    case 'I':
      return 'itf';
    case 'Q':
      return 'qr';
    case 'd':
      return 'datamatrix';
    default:
      return 'unknown';
  }
}

/** Symbologies that can carry a GTIN as plain digits, so a bad check digit there is a misread. */
export function carriesPlainGtin(symbology: Symbology): boolean {
  return (
    symbology === 'ean13' ||
    symbology === 'ean8' ||
    symbology === 'upca' ||
    symbology === 'upce' ||
    symbology === 'gtin14' ||
    symbology === 'itf'
  );
}
