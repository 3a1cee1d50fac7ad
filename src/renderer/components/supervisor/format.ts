// Number and time formatting for the supervisor view. Figures come from the shared statistics
// module as raw values (rates as fractions, durations in ms); this is the one place they become text.
import type { TFunction } from 'i18next';
import { localParts } from '../../../base/time.js';

/** What a figure that cannot be computed (no scans, no active time) shows as. */
export const NONE = '—';

/** 0.0071 → "0.7%": one decimal, because the layout references differ by tenths of a percent. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? NONE : `${(rate * 100).toFixed(1)}%`;
}

export function oneDecimal(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? NONE : n.toFixed(1);
}

/** A rate as a chart value in percent, rounded so tooltips do not show float noise. */
export function percentValue(rate: number | null): number | null {
  return rate === null || !Number.isFinite(rate) ? null : Math.round(rate * 10000) / 100;
}

/**
 * A chart axis or tooltip value already in percent: recharts computes ticks in floating point
 * (15.995999999999999), so round to at most 2 decimals and drop trailing zeros: "16%", "0.75%".
 */
export function axisPercent(v: number): string {
  return Number.isFinite(v) ? `${axisNumber(v)}%` : NONE;
}

/** A plain axis number without float noise: at most 2 decimals, no trailing zeros. */
export function axisNumber(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : NONE;
}

/** Pack time p50 and the like: "42 秒", "3 分 05 秒". */
export function seconds(ms: number | null, t: TFunction): string {
  if (ms === null || !Number.isFinite(ms)) return NONE;
  const total = Math.round(ms / 1000);
  if (total < 60) return t('supervisor.duration.seconds', { s: total });
  return t('supervisor.duration.minSec', { m: Math.floor(total / 60), s: String(total % 60).padStart(2, '0') });
}

/** How long a station has been silent: "12 分钟", "2 小时 5 分钟". */
export function minutesText(minutes: number, t: TFunction): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return t('supervisor.duration.minutes', { m });
  return t('supervisor.duration.hours', { h: Math.floor(m / 60), m: m % 60 });
}

const HOUR_KEY = /^(\d{4}-\d{2}-\d{2}) (\d{2})$/;

/**
 * A statistics hour key ("2026-11-25 09") as a chart label: "09:00" when the range is one day,
 * "11-25 09:00" across days so that two mornings do not share a label.
 */
export function hourLabel(key: string, multiDay: boolean): string {
  const m = HOUR_KEY.exec(key);
  if (!m || !m[1] || !m[2]) return key;
  return multiDay ? `${m[1].slice(5)} ${m[2]}:00` : `${m[2]}:00`;
}

/** An hour key written out in full ("2026-11-25 09:00"); anything else is shown as sent. */
export function hourText(key: string): string {
  const m = HOUR_KEY.exec(key);
  return m ? `${m[1]} ${m[2]}:00` : key;
}

/** "14:03:07" in the station's zone: when the figures were assembled. */
export function clockTime(ms: number, tz: string): string {
  const p = localParts(ms, tz);
  return [p.hour, p.minute, p.second].map((n) => String(n).padStart(2, '0')).join(':');
}
