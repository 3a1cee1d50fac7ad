import { describe, expect, it } from 'vitest';
import { boundsOf, dayStartOf, daysOf, requestOf, safeZone } from '../../src/renderer/components/supervisor/range.js';
import { hourLabel, minutesText, percent } from '../../src/renderer/components/supervisor/format.js';
import { rankPackers } from '../../src/renderer/components/supervisor/Leaderboard.js';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { figures } from './supervisor-fixtures.js';

const H = 3_600_000;
const SH = 'Asia/Shanghai';
/** 2026-11-25 01:30 in Shanghai: still the 24th in UTC, so a UTC day would be wrong. */
const NOW = Date.UTC(2026, 10, 24, 17, 30);

describe('supervisor date range', () => {
  it('counts days in the station zone', () => {
    expect(boundsOf({ kind: 'preset', preset: 'today' }, NOW, SH)).toEqual({
      from: Date.UTC(2026, 10, 24, 16),
      to: Date.UTC(2026, 10, 25, 16),
    });
    expect(boundsOf({ kind: 'preset', preset: 'yesterday' }, NOW, SH)).toEqual({
      from: Date.UTC(2026, 10, 23, 16),
      to: Date.UTC(2026, 10, 24, 16),
    });
    expect(boundsOf({ kind: 'preset', preset: 'last7' }, NOW, SH)).toEqual({
      from: Date.UTC(2026, 10, 18, 16),
      to: Date.UTC(2026, 10, 25, 16),
    });
    expect(daysOf(boundsOf({ kind: 'preset', preset: 'last7' }, NOW, SH), SH)).toEqual({
      from: '2026-11-19',
      to: '2026-11-25',
    });
  });

  it('leaves "today" to the core and sends bounds for everything else', () => {
    expect(requestOf({ kind: 'preset', preset: 'today' }, NOW, SH)).toEqual({});
    expect(requestOf({ kind: 'days', from: '2026-11-03', to: '2026-11-01' }, NOW, SH)).toEqual({
      from: Date.UTC(2026, 9, 31, 16),
      to: Date.UTC(2026, 10, 3, 16),
    });
  });

  it('handles a daylight-saving day (a 23-hour day in Berlin)', () => {
    const start = dayStartOf('2026-03-29', 'Europe/Berlin');
    expect(start).toBe(Date.UTC(2026, 2, 28, 23));
    expect(boundsOf({ kind: 'days', from: '2026-03-29', to: '2026-03-29' }, NOW, 'Europe/Berlin')).toEqual({
      from: start,
      to: (start ?? 0) + 23 * H,
    });
    expect(dayStartOf('not a date', SH)).toBeNull();
  });

  it('falls back to the browser zone for a zone name Intl does not know', () => {
    expect(safeZone('Mars/Olympus')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(safeZone(SH)).toBe(SH);
  });
});

describe('supervisor formatting', () => {
  const t = createI18n('zh-CN').t;
  it('formats rates, hours and durations', () => {
    expect(percent(0.0071)).toBe('0.7%');
    expect(percent(null)).toBe('—');
    expect(hourLabel('2026-11-25 09', false)).toBe('09:00');
    expect(hourLabel('2026-11-25 09', true)).toBe('11-25 09:00');
    expect(minutesText(12.7, t)).toBe('12 分钟');
    expect(minutesText(125, t)).toBe('2 小时 5 分钟');
  });

  it('ranks packers fastest first, idle ones last', () => {
    const ranked = rankPackers([
      { key: { packer: 'A' }, figures: figures({ unitsPerActiveHour: null, units: 5 }) },
      { key: { packer: 'B' }, figures: figures({ unitsPerActiveHour: 50, units: 10 }) },
      { key: { packer: 'C' }, figures: figures({ unitsPerActiveHour: 50, units: 20 }) },
      { key: { packer: 'D' }, figures: figures({ unitsPerActiveHour: 70 }) },
    ]);
    expect(ranked.map((g) => g.key.packer)).toEqual(['D', 'C', 'B', 'A']);
  });
});
