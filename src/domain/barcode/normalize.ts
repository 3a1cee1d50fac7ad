// One scan in, one normalized record out: the single place that decides what a scanned string is.

import { carriesPlainGtin, eanMainPart, isGs1Aim, stripAim, symbologyFromAim } from './aim.js';
import { Gs1ParseError, parseGs1 } from './gs1.js';
import { expandUpcE, isValidGtin, toGtin14 } from './gtin.js';
import type { Gs1Data, NormalizedScan, Symbology } from './types.js';

const GS = '\x1D';
const HRI_START = /^\([0-9]{2,4}\)/;
const GTIN_SHAPE = /^(?:[0-9]{8}|[0-9]{12,14})$/;

/**
 * Whether the text should be read as a GS1 element string. An FNC1-first AIM says so outright.
 * Without one, only unmistakable shapes count: a leading FNC1 sent as GS, "01" + 14 digits with more
 * after it, or digits with GS separators. "(AI)" text counts even under a non-GS1 AIM because people
 * print the human-readable form into plain QR/Code 128 symbols. A bare digit run (an order id such
 * as 3710542960130516992) is never taken for GS1.
 */
function looksLikeGs1(aim: string | null, text: string): boolean {
  if (isGs1Aim(aim)) return true;
  if (HRI_START.test(text)) return true;
  if (aim !== null) return false;
  if (text.startsWith(GS)) return true;
  if (/^01[0-9]{14}/.test(text) && text.length > 16) return true;
  return text.includes(GS) && /^[0-9]{2}/.test(text);
}

/** Without an AIM id only digit counts say anything: GTIN-8/12/13/14 (a 12-digit code is UPC-A). */
function guessSymbology(text: string): Symbology {
  if (!/^[0-9]+$/.test(text)) return 'unknown';
  switch (text.length) {
    case 8:
      return 'ean8';
    case 12:
      return 'upca';
    case 13:
      return 'ean13';
    case 14:
      return 'gtin14';
    default:
      return 'unknown';
  }
}

/**
 * A scanner left at its factory settings sends GS1-128 with no symbology identifier, and a keyboard
 * wedge often turns the FNC1 separator into nothing or a space. Without an AIM, text that starts
 * with AI 01 and a GTIN-14 is tried as GS1 (spaces read as GS: no GS1 value may hold a space) and
 * taken only when it parses cleanly and the GTIN's check digit is right; anything else stays plain
 * text, so a 16-digit internal number that merely starts with 01 is not turned into a GTIN.
 */
function bareGs1(text: string, now: Date): Gs1Data | null {
  if (!/^01[0-9]{14}/.test(text) || text.includes(GS)) return null;
  try {
    return parseGs1(text.replace(/ +/g, GS), now);
  } catch {
    return null;
  }
}

/**
 * 8 digits are EAN-8 or UPC-E; only the AIM can say which (]E4 EAN-8, ]E0 UPC-E). Without it the
 * rule is: a valid EAN-8 is an EAN-8 (GS1 China issues EAN-8s; UPC-E is North American), a code that
 * is valid only as UPC-E is a UPC-E read as its UPC-A. A code valid as both keeps the UPC-E's GTIN in
 * altGtin14, so the catalog is searched under both keys.
 */
function readEight(scan: NormalizedScan, code: string): void {
  const upcA = scan.symbology === 'ean8' && scan.aim !== null ? null : expandUpcE(code);
  const ean8 = scan.symbology !== 'upce' && isValidGtin(code);
  if (ean8) {
    scan.symbology = 'ean8';
    scan.gtin14 = toGtin14(code);
    if (upcA && scan.aim === null) scan.altGtin14 = toGtin14(upcA);
  } else if (upcA) {
    scan.symbology = 'upce';
    scan.gtin14 = toGtin14(upcA);
  } else {
    scan.checkDigitError = scan.aim === null || carriesPlainGtin(scan.symbology);
  }
}

/** Classifies a raw scan. Never throws: unreadable GS1 data is reported in gs1Error. */
export function normalizeScan(raw: string, now: Date = new Date()): NormalizedScan {
  const { aim, text } = stripAim(raw);
  const scan: NormalizedScan = {
    raw,
    text,
    aim,
    symbology: aim === null ? guessSymbology(text) : symbologyFromAim(aim, text),
    gs1: null,
    gtin14: null,
    checkDigitError: false,
    gs1Error: null,
  };

  const bare = aim === null ? bareGs1(text, now) : null;
  if (bare) {
    scan.symbology = 'gs1';
    scan.gs1 = bare;
    scan.gtin14 = bare.gtin;
    return scan;
  }

  if (looksLikeGs1(aim, text)) {
    if (aim === null) scan.symbology = 'gs1';
    try {
      scan.gs1 = parseGs1(text, now);
      scan.gtin14 = scan.gs1.gtin;
    } catch (error) {
      scan.gs1Error = error instanceof Error ? error.message : String(error);
      scan.checkDigitError = error instanceof Gs1ParseError && error.ai === '01' && error.reason === 'check-digit';
    }
    return scan;
  }

  const candidate = eanMainPart(aim, text);
  const eanOrUpc = aim === null || scan.symbology === 'ean8' || scan.symbology === 'upce';
  if (candidate.length === 8 && eanOrUpc && GTIN_SHAPE.test(candidate)) {
    readEight(scan, candidate);
  } else if (GTIN_SHAPE.test(candidate)) {
    if (isValidGtin(candidate)) {
      scan.gtin14 = toGtin14(candidate);
    } else {
      // Code 128, Code 39, QR and DataMatrix carry internal numbers that merely look like GTINs;
      // a wrong check digit is only a misread where a GTIN is what the symbol holds.
      scan.checkDigitError = aim === null || carriesPlainGtin(scan.symbology);
    }
  }
  return scan;
}
