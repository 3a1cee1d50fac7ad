// The stock events the desk sends (issue 13): pinned shapes, checked field by field, so the hub's
// per-event rejection names the line and field a bad desk payload got wrong.
import { describe, expect, it } from 'vitest';
import { outboxEventSchema } from '../../../src/contract/events.js';
import { fieldProblems } from '../../../src/contract/validation.js';

const AT = Date.UTC(2026, 10, 25, 1);
const ID = '0190f000-0000-7000-8000-0000000000bb';

function event(type: string, payload: unknown) {
  return { id: '0190f000-0000-7000-8000-000000000002', type, at: AT, stationId: 'T1', packerId: 'P01', payload };
}

function failingPaths(input: unknown): string[] | null {
  const r = outboxEventSchema.safeParse(input);
  return r.success ? null : fieldProblems(r.error, input).map((p) => p.path);
}

const received = { receiptId: ID, location: 'A-01', reference: null, lines: [{ sku: 'TEE-M', qty: 100_000 }] };
const counted = {
  countId: ID,
  location: 'MAIN',
  lines: [
    { sku: 'TEE-M', counted: 0 },
    { sku: 'TEE-L', counted: 1_000_000 },
  ],
  approvedBy: 'S01',
  startedAt: AT - 1000,
};
const returned = {
  returnId: ID,
  orderId: null,
  waybill: 'SF1234567890',
  lines: [
    { sku: 'TEE-M', qty: 1, condition: 'good' },
    { sku: 'TEE-M', qty: 2, condition: 'damaged' },
  ],
};

describe('stock event schemas', () => {
  it('accepts the pinned shapes at their limits', () => {
    expect(failingPaths(event('stock.received', received))).toBeNull();
    expect(failingPaths(event('stock.received', { ...received, reference: 'P'.repeat(64) }))).toBeNull();
    expect(failingPaths(event('stock.counted', counted))).toBeNull();
    expect(failingPaths(event('return.received', returned))).toBeNull();
    expect(failingPaths(event('return.received', { ...returned, orderId: 'SO1', waybill: null }))).toBeNull();
  });

  it.each([
    ['stock.received', { ...received, lines: [{ sku: 'TEE-M', qty: 0 }] }, 'payload.lines[0].qty'],
    ['stock.received', { ...received, lines: [{ sku: 'TEE-M', qty: 100_001 }] }, 'payload.lines[0].qty'],
    ['stock.received', { ...received, lines: [{ sku: '', qty: 1 }] }, 'payload.lines[0].sku'],
    ['stock.received', { ...received, lines: [] }, 'payload.lines'],
    ['stock.received', { ...received, reference: 'P'.repeat(65) }, 'payload.reference'],
    ['stock.received', { ...received, location: '' }, 'payload.location'],
    ['stock.counted', { ...counted, lines: [{ sku: 'TEE-M', counted: -1 }] }, 'payload.lines[0].counted'],
    ['stock.counted', { ...counted, lines: [{ sku: 'TEE-M', counted: 1.5 }] }, 'payload.lines[0].counted'],
    ['stock.counted', { ...counted, startedAt: 0 }, 'payload.startedAt'],
    [
      'return.received',
      { ...returned, lines: [{ sku: 'TEE-M', qty: 1, condition: 'used' }] },
      'payload.lines[0].condition',
    ],
    [
      'return.received',
      { ...returned, lines: [{ sku: 'TEE-M', qty: 10_001, condition: 'good' }] },
      'payload.lines[0].qty',
    ],
    ['return.received', { ...returned, orderId: '' }, 'payload.orderId'],
  ])('%s: a bad payload names %#', (type, payload, path) => {
    expect(failingPaths(event(type, payload))).toEqual([path]);
  });

  it('caps the number of lines (500 received, 2000 counted, 500 returned)', () => {
    const many = (n: number, line: object) => Array.from({ length: n }, () => line);
    expect(failingPaths(event('stock.received', { ...received, lines: many(501, { sku: 'A', qty: 1 }) }))).toEqual([
      'payload.lines',
    ]);
    expect(
      failingPaths(event('stock.counted', { ...counted, lines: many(2000, { sku: 'A', counted: 1 }) })),
    ).toBeNull();
    expect(failingPaths(event('stock.counted', { ...counted, lines: many(2001, { sku: 'A', counted: 1 }) }))).toEqual([
      'payload.lines',
    ]);
    const line = { sku: 'A', qty: 1, condition: 'good' };
    expect(failingPaths(event('return.received', { ...returned, lines: many(501, line) }))).toEqual(['payload.lines']);
  });

  it('says what a missing approval should have been', () => {
    const { approvedBy: _gone, ...noApproval } = counted;
    const input = event('stock.counted', noApproval);
    const r = outboxEventSchema.safeParse(input);
    expect(r.success ? [] : fieldProblems(r.error, input).map((p) => p.path)).toEqual(['payload.approvedBy']);
  });
});
