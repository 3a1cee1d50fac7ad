import { describe, expect, it } from 'vitest';
import { newId } from '../../src/base/ids.js';

describe('newId (UUIDv7)', () => {
  it('is a version-7, variant-10 UUID carrying the millisecond timestamp', () => {
    const id = newId(Date.UTC(2026, 10, 25, 8, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 25, 8, 0, 0));
  });

  it('sorts in creation order, also within one millisecond, and never repeats', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => newId(1_764_000_000_000 + Math.floor(i / 1000)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
