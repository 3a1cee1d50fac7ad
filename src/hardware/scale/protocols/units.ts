// Unit conversion and fixed-point text. Values are handled as integer mantissa + decimal count so a
// frame's "1.234" kg becomes exactly 1234 g (1234 × 1000 / 10³ is exact in floating point; going
// through parseFloat("1.234") × 1000 is not).
import type { WeightUnit } from '../protocol.js';

/** Units frames may carry; 't' (tonnes) appears in the "ST,GS" family (A.4 regex). */
export type UnitName = WeightUnit | 't';

/** 1 lb = 453.59237 g and 1 oz = 1/16 lb by definition (international avoirdupois pound, 1959). */
export const GRAMS_PER_UNIT: Record<UnitName, number> = {
  g: 1,
  kg: 1000,
  lb: 453.59237,
  oz: 28.349523125,
  t: 1_000_000,
};

/** Decimals the simulators send per unit: 1 g resolution for kg, about 0.5 g for lb. */
export const ENCODE_DECIMALS: Record<WeightUnit, number> = { g: 1, kg: 3, lb: 3, oz: 2 };

export function parseUnit(text: string): UnitName | null {
  switch (text.trim().toLowerCase()) {
    case 'g':
      return 'g';
    case 'kg':
      return 'kg';
    case 'lb':
    case 'lbs':
      return 'lb';
    case 'oz':
      return 'oz';
    case 't':
      return 't';
    default:
      return null;
  }
}

export interface Decimal {
  negative: boolean;
  /** The digits as an integer, decimal point removed. */
  mantissa: number;
  decimals: number;
}

const DECIMAL = /^([+-]?) *(\d*)(?:[.,](\d*))?$/;

/** "+0001.234", "-  0.200", "1,5", "0012" → Decimal; null unless there is at least one digit. */
export function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int.length + frac.length === 0 || int.length + frac.length > 15) return null;
  return { negative: m[1] === '-', mantissa: Number(int + frac), decimals: frac.length };
}

/** Grams for a decimal in `unit`; −0 becomes 0, and lb/oz are rounded to a microgram to drop float noise. */
export function toGrams(d: Decimal, unit: UnitName): number {
  const factor = GRAMS_PER_UNIT[unit];
  let g = (d.mantissa * factor) / 10 ** d.decimals;
  if (!Number.isInteger(factor)) g = Math.round(g * 1e6) / 1e6;
  if (d.negative) g = -g;
  return g === 0 ? 0 : g;
}

/** |grams| in `unit` as an integer mantissa with `decimals` decimals (rounded half away from zero). */
export function mantissaOf(grams: number, unit: UnitName, decimals: number): number {
  return Math.round((Math.abs(grams) * 10 ** decimals) / GRAMS_PER_UNIT[unit]);
}

/**
 * The most decimals (≤ preferred) that keep the mantissa within `digits` digits, so a fixed-width
 * field shows heavy loads at a coarser resolution instead of overflowing; 0 when nothing fits.
 */
export function fitDecimals(grams: number, unit: UnitName, preferred: number, digits: number): number {
  for (let d = preferred; d > 0; d--) if (mantissaOf(grams, unit, d) < 10 ** digits) return d;
  return 0;
}

/** Mantissa + decimals as text, e.g. (1234, 3) → "1.234", (5, 3) → "0.005", (12, 0) → "12". */
export function formatDecimal(mantissa: number, decimals: number): string {
  const digits = String(mantissa).padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** Grams as signed text in `unit`, e.g. (-1234, 'kg', 3) → "-1.234"; a value that rounds to 0 has no sign. */
export function signedDecimal(grams: number, unit: UnitName, decimals: number): string {
  const m = mantissaOf(grams, unit, decimals);
  return `${grams < 0 && m > 0 ? '-' : ''}${formatDecimal(m, decimals)}`;
}
