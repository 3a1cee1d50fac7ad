// One scan in, one normalized record out: the single place that decides what a scanned string is.

import { carriesPlainGtin, eanMainPart, isGs1Aim, stripAim, symbologyFromAim } from './aim.js';
import { Gs1ParseError, parseGs1 } from './gs1.js';
import { isValidGtin, toGtin14 } from './gtin.js';
import type { NormalizedScan, Symbology } from './types.js';

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
  if (GTIN_SHAPE.test(candidate)) {
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
