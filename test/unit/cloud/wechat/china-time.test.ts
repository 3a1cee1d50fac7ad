import { describe, expect, it } from 'vitest';
import { nextShanghaiMidnight, shanghaiDay, shanghaiDayStart } from '../../../../src/cloud/wechat/china-time.js';

describe('China calendar (UTC+8, no DST)', () => {
  it('the day changes at 16:00 UTC', () => {
    expect(shanghaiDay(Date.UTC(2024, 2, 1, 15, 59, 59, 999))).toBe('2024-03-01');
    expect(shanghaiDay(Date.UTC(2024, 2, 1, 16, 0))).toBe('2024-03-02');
  });

  it('next midnight is strictly after now, also when now is exactly midnight', () => {
    expect(nextShanghaiMidnight(Date.UTC(2024, 2, 1, 10, 0))).toBe(Date.UTC(2024, 2, 1, 16, 0));
    expect(nextShanghaiMidnight(Date.UTC(2024, 2, 1, 16, 0))).toBe(Date.UTC(2024, 2, 2, 16, 0));
    expect(nextShanghaiMidnight(Date.UTC(2024, 11, 31, 20, 0))).toBe(Date.UTC(2025, 0, 1, 16, 0));
  });

  it('the day starts at 16:00 UTC the day before, also when now is exactly midnight', () => {
    expect(shanghaiDayStart(Date.UTC(2024, 2, 1, 10, 0))).toBe(Date.UTC(2024, 1, 29, 16, 0));
    expect(shanghaiDayStart(Date.UTC(2024, 2, 1, 16, 0))).toBe(Date.UTC(2024, 2, 1, 16, 0));
  });
});
