import { describe, expect, it } from 'vitest';
import { sortedByAt } from '../../../../src/domain/stats/order.js';

const e = (id: string, at: number) => ({ id, at });

describe('sortedByAt', () => {
  it('sorts by time and keeps the input order of equal times', () => {
    const input = [e('a', 30), e('b', 10), e('c', 30), e('d', 20), e('e', 10)];
    expect(sortedByAt(input).map((x) => x.id)).toEqual(['b', 'e', 'd', 'a', 'c']);
    expect(input.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e']); // the input is left alone
  });

  it('drops events without a finite time', () => {
    expect(sortedByAt([e('a', 2), e('b', Number.NaN), e('c', 1)]).map((x) => x.id)).toEqual(['c', 'a']);
  });

  it('sorts fractional and far-apart times with the comparator fallback, still stably', () => {
    expect(sortedByAt([e('a', 1.5), e('b', 0.5), e('c', 1.5)]).map((x) => x.id)).toEqual(['b', 'a', 'c']);
    expect(sortedByAt([e('a', 8e15), e('b', -8e15), e('c', 8e15)]).map((x) => x.id)).toEqual(['b', 'a', 'c']);
  });
});
