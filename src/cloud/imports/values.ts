// Cell parsers shared by the importers. Each returns the value or what it expected, and the
// importer adds the line, the field and what it got. Numbers are scaled as decimal text, never as
// floats: 0.29 × 100 is 28.999… in binary and would lose a fen.
import { CATEGORIES, type Category } from '../../contract/entities.js';
import { isValidGtin } from '../../domain/barcode/index.js';
import { MAX_PARCEL_G } from '../../contract/events.js';
import { MAX_PRICE_FEN } from '../../contract/sync.js';
import type { DateFormat } from './mapping.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(expected: string): Parsed<T> => ({ ok: false, expected });

// Excel shows long digit strings (barcodes, order numbers) as 6.90123E+12 and saves them that way,
// losing the trailing digits: the only fix is to re-export with the column formatted as text.
const SCIENTIFIC = /^\d(\.\d+)?E\+\d+$/i;
const EXCEL_TEXT_HINT = ' (Excel shortened it: format the column as text and export again)';

/** intPart.frac × 10^shift, rounded half up. */
function scale(intPart: string, frac: string, shift: number): number {
  const kept = Number(intPart + frac.padEnd(shift, '0').slice(0, shift));
  return kept + ((frac[shift] ?? '0') >= '5' ? 1 : 0);
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Grams: "250", "250g", "250克", "0.25kg", "0.25 公斤"; a bare number must be whole grams. */
export function parseWeightG(text: string): Parsed<number> {
  const expected = 'grams like 250 or 0.25kg';
  const m = /^(\d+(?:\.\d+)?)\s*(kg|千克|公斤|g|克)?$/i.exec(text.replace(/\s+/g, ' ').trim());
  const d = m?.[1] ? DECIMAL.exec(m[1]) : null;
  if (!m || !d) return no(expected);
  const unit = (m[2] ?? '').toLowerCase();
  // "0.25" with no unit is most likely kilograms typed into a grams column: ask rather than guess.
  if (unit === '' && d[2] !== undefined) return no(expected);
  const grams = scale(d[1] ?? '0', d[2] ?? '', unit === 'kg' || unit === '千克' || unit === '公斤' ? 3 : 0);
  // A 20-digit cell is not a weight (and not exact as a number): stations could not store it.
  return grams <= MAX_PARCEL_G ? ok(grams) : no(`a weight up to ${MAX_PARCEL_G / 1000} kg`);
}

/** Fen from "12.5", "¥12.50", "12.5元", "1,299.00" (yuan) or "1250分" / "1250" with priceUnit fen. */
export function parsePriceFen(text: string, unit: 'yuan' | 'fen'): Parsed<number> {
  let t = text.replace(/\s+/g, '');
  let inUnit = unit;
  if (/^[¥￥]/.test(t) || t.endsWith('元')) [t, inUnit] = [t.replace(/^[¥￥]|元$/g, ''), 'yuan'];
  else if (t.endsWith('分')) [t, inUnit] = [t.slice(0, -1), 'fen'];
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  const d = DECIMAL.exec(t);
  const tooMuch = no<number>(`a price up to ${MAX_PRICE_FEN} fen (¥${MAX_PRICE_FEN / 100})`);
  if (inUnit === 'fen') {
    if (!d || d[2] !== undefined) return no('a whole number of fen like 1250');
    return (d[1] ?? '').length <= 15 && Number(d[1]) <= MAX_PRICE_FEN ? ok(Number(d[1])) : tooMuch;
  }
  if (!d || (d[2] ?? '').length > 2) return no('a price in yuan like 12.50');
  if ((d[1] ?? '').length > 15) return tooMuch;
  const fen = scale(d[1] ?? '0', d[2] ?? '', 2);
  return fen <= MAX_PRICE_FEN ? ok(fen) : tooMuch;
}

export function parseQty(text: string): Parsed<number> {
  return /^[1-9]\d{0,5}$/.test(text) ? ok(Number(text)) : no('a whole number of at least 1');
}

// Chinese names as merchants write them in their own sheets, with the common variants.
const CATEGORY_NAMES: Record<string, Category> = {
  易碎: 'fragile',
  易碎品: 'fragile',
  服装: 'apparel',
  服饰: 'apparel',
  食品: 'food',
  生鲜: 'fresh',
  冷链: 'fresh',
  贵重: 'valuable',
  贵重物品: 'valuable',
  普通: 'general',
  普货: 'general',
  一般: 'general',
};

/** An English id or Chinese name; an empty cell is `general`. */
export function parseCategory(text: string): Parsed<Category> {
  if (text === '') return ok('general');
  const lower = text.toLowerCase();
  const id = CATEGORIES.find((c) => c === lower) ?? CATEGORY_NAMES[text];
  return id ? ok(id) : no(`a category (${CATEGORIES.join(', ')} or 易碎, 服装, 食品, 生鲜, 贵重, 普通)`);
}

/** One barcode: digits must be a GTIN with a correct check digit; other codes printable ASCII. */
export function checkBarcode(code: string): Parsed<string> {
  if (SCIENTIFIC.test(code)) return no(`the barcode's full digits${EXCEL_TEXT_HINT}`);
  if (/^\d+$/.test(code))
    return isValidGtin(code) ? ok(code) : no('a GTIN-8, -12, -13 or -14 with a valid check digit');
  return /^[\x21-\x7e]+$/.test(code) ? ok(code) : no('a barcode of digits, letters and symbols without spaces');
}

/** Barcodes separated by "|", ";" or whitespace. */
export function splitBarcodes(text: string): string[] {
  return text.split(/[|;；\s]+/).filter((c) => c !== '');
}

/** "SKU-A*2|SKU-B" → [{SKU-A, 2}, {SKU-B, 1}]; "×" works as "*", repeated skus add up. */
export function parseComponents(text: string): Parsed<{ sku: string; qty: number }[]> {
  const out = new Map<string, number>();
  for (const part of text.split(/[|;；,，\s]+/).filter((p) => p !== '')) {
    const m = /^(.+?)(?:[*×](\d+))?$/.exec(part);
    const qty = Number(m?.[2] ?? '1');
    if (!m?.[1] || !Number.isInteger(qty) || qty < 1 || /[*×]/.test(m[1])) return no('components like SKU-A*2|SKU-B*1');
    out.set(m[1], (out.get(m[1]) ?? 0) + qty);
  }
  return ok([...out].map(([sku, qty]) => ({ sku, qty })));
}

/**
 * A platform order number. Exports protect it from Excel with a leading tab or apostrophe, or as
 * ="…" — all three are stripped; a number Excel already turned into 4.93E+18 is refused.
 */
export function parseOrderNo(text: string): Parsed<string> {
  const t = text
    .replace(/^="(.*)"$/, '$1')
    .replace(/^['\t]+/, '')
    .trim();
  if (SCIENTIFIC.test(t)) return no(`the full order number${EXCEL_TEXT_HINT}`);
  return /^[A-Za-z0-9_-]{1,64}$/.test(t) ? ok(t) : no('an order number of letters, digits, _ or -');
}

/** Mobile numbers, landlines and the masked or virtual numbers live platforms hand out. */
export function parsePhone(text: string): Parsed<string> {
  return /^\+?[\d*][\d*\s()_#-]{4,30}(转\d{1,6})?$/.test(text) ? ok(text) : no('a phone number like 13800138000');
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Epoch ms; text dates are Beijing time ("2026-11-25 10:00", "2026/11/25 10:00:05"). */
export function parseDate(text: string, format: DateFormat): Parsed<number> {
  if (format === 'unix_s' || format === 'unix_ms') {
    return /^\d{9,13}$/.test(text)
      ? ok(Number(text) * (format === 'unix_s' ? 1000 : 1))
      : no(`a ${format === 'unix_s' ? 'Unix time in seconds' : 'Unix time in milliseconds'}`);
  }
  const expected = 'a date like 2026-11-25 10:00:00';
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return no(expected);
  const [y, mo, d, h, mi, s] = m.slice(1).map((v: string | undefined) => Number(v ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March 2nd; a round trip catches impossible dates.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return no(expected);
  return ok(utc - BEIJING_OFFSET_MS);
}
