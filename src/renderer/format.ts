// Display helpers shared by the screens. Pure, so they are easy to test and reuse.
import type { Address } from '../contract/entities.js';

/** Grams as the packer reads them: kg with 3 decimals from 1 kg up, else whole grams. */
export function formatWeight(grams: number): string {
  if (Math.abs(grams) >= 1000) return `${(grams / 1000).toFixed(3)} kg`;
  return `${Math.round(grams)} g`;
}

/** 张三丰 → 张**; the label carries the full name, the screen does not need to. */
export function maskName(name: string): string {
  if (name.includes('*')) return name;
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  return chars[0]! + '*'.repeat(Math.min(chars.length - 1, 3));
}

/** 13812345678 → 138****5678; already-masked numbers pass through. */
export function maskPhone(phone: string): string {
  if (phone.includes('*')) return phone;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return digits;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function formatAddress(a: Address): string {
  // Chinese addresses read province → detail without separators; dedupe municipalities (上海市上海市).
  const parts = [a.province, a.city === a.province ? '' : a.city, a.district, a.detail];
  return parts.filter((p) => p && p.trim()).join(' ');
}

export type WeightZone = 'none' | 'inside' | 'outside';

export function weightZone(grams: number | null, window: { minG: number; maxG: number } | null): WeightZone {
  if (grams === null || !window) return 'none';
  return grams >= window.minG && grams <= window.maxG ? 'inside' : 'outside';
}
