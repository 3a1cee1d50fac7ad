// WeChat's own stock moves for an order, and whether a figure read at a given time already holds
// them (wechat-api-2.md §4; the decrement point is a setting because the spec only infers it).
import { describe, expect, it } from 'vitest';
import { moveAfterRead, platformMoves } from '../../../src/domain/stock/wechat-moves.js';

const T = 1_764_640_000; // Unix seconds
const paid = { status: 20, createTimeS: T, payTimeS: T + 30, updateTimeS: T + 30 };
const unpaidCancelled = { status: 250, createTimeS: T, payTimeS: 0, updateTimeS: T + 600 };

describe('platformMoves', () => {
  it('order placement: one take at create_time; a cancel before payment gives it back', () => {
    expect(platformMoves(paid, 2, 'order')).toEqual([{ kind: 'take', qty: 2, atS: T }]);
    expect(platformMoves(unpaidCancelled, 2, 'order')).toEqual([
      { kind: 'take', qty: 2, atS: T },
      { kind: 'giveback', qty: 2, atS: T + 600 },
    ]);
  });

  it('a refund after payment gives nothing back', () => {
    expect(platformMoves({ ...paid, status: 250, updateTimeS: T + 900 }, 1, 'order')).toEqual([
      { kind: 'take', qty: 1, atS: T },
    ]);
  });

  it('payment: a take at pay_time, none while unpaid; never: no moves', () => {
    expect(platformMoves(paid, 3, 'payment')).toEqual([{ kind: 'take', qty: 3, atS: T + 30 }]);
    expect(platformMoves(unpaidCancelled, 3, 'payment')).toEqual([]);
    expect(platformMoves(paid, 3, 'never')).toEqual([]);
    expect(platformMoves(paid, 0, 'order')).toEqual([]);
  });
});

describe('moveAfterRead', () => {
  const take = { kind: 'take' as const, qty: 2, atS: T };
  const giveback = { kind: 'giveback' as const, qty: 2, atS: T };

  it('a move in a later second than the read is not in it', () => {
    expect(moveAfterRead(take, (T - 1) * 1000 + 999)).toBe(-2);
    expect(moveAfterRead(giveback, (T - 1) * 1000 + 999)).toBe(2);
  });

  it('a move in an earlier second is in it', () => {
    expect(moveAfterRead(take, (T + 1) * 1000)).toBe(0);
    expect(moveAfterRead(giveback, (T + 1) * 1000)).toBe(0);
  });

  it('same second: a take counts as read, a giveback as not — either way the hub shows less, never more', () => {
    expect(moveAfterRead(take, T * 1000 + 400)).toBe(0);
    expect(moveAfterRead(giveback, T * 1000 + 400)).toBe(2);
  });
});
