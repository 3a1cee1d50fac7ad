// The outbox event contract: every event type has a schema; a well-formed event of each passes, and
// a field out of range fails with that field named (the hub's per-event reason is built from it).
import { describe, expect, it } from 'vitest';
import {
  MAX_EVENT_AT,
  OUTBOX_TYPES,
  outboxEventSchema,
  type OutboxPayloads,
  type OutboxType,
} from '../../../src/contract/events.js';
import { fieldProblems } from '../../../src/contract/validation.js';

const AT = Date.UTC(2026, 10, 25, 1);
const PACK = '0190f000-0000-7000-8000-0000000000aa';
const items = [{ productId: 1001, sku: 'TEE-M', qty: 2 }];
const weighed = { packId: PACK, orderId: 'SO1', parcelNo: 1, weightG: 620.5, expectedG: 640, toleranceG: 30 };

const VALID: OutboxPayloads = {
  'packer.login': { packerId: 'P01', role: 'packer' },
  'packer.logout': { packerId: 'P01' },
  'order.intercepted': { orderId: 'SO1', reason: 'order_cancelled', packId: null },
  'order.released': { orderId: 'SO1', supervisorId: 'S01', was: 'held' },
  'order.held': { orderId: 'SO1', packId: PACK, reason: 'STOCK-SHORT' },
  'alert.acknowledged': { code: 'wrong_item', orderId: 'SO1', packId: PACK },
  'pack.started': { packId: PACK, orderId: 'SO1', channel: 'mini_program', units: 2, lines: items, paidAt: AT },
  'scan.recorded': {
    scanId: 7,
    packId: PACK,
    orderId: 'SO1',
    code: '6901234567892',
    verdict: 'item_ok',
    productId: 1001,
    qty: 1,
    parcelNo: 1,
  },
  'weight.exception': weighed,
  'weight.accepted': { ...weighed, override: { supervisorId: 'S01', reason: 'SCALE-DRIFT' } },
  'parcel.packed': {
    parcelId: 'PC1',
    packId: PACK,
    orderId: 'SO1',
    parcelNo: 1,
    carrier: 'ZTO',
    waybill: '7300000001',
    weightG: 620,
    packaging: 'POLY-BAG',
    valueFen: 9900,
    costFen: null,
    items,
  },
  'label.printed': { labelId: 'L1', parcelId: 'PC1', packId: PACK, orderId: 'SO1', waybill: '73001', reprint: false },
  'label.pending': { parcelId: 'PC1', orderId: 'SO1', carrier: 'SF' },
  'parcel.waybill': { parcelId: 'PC1', orderId: 'SO1', carrier: 'SF', waybill: 'SF1234567890' },
  'pack.completed': { packId: PACK, orderId: 'SO1', parcels: 1, units: 2, startedAt: AT - 60_000, durationMs: 60_000 },
  'pack.cancelled': { packId: PACK, orderId: 'SO1', reason: 'order_changed' },
  'sync.quarantined': { quarantineId: PACK, kind: 'product', ref: '12', reason: 'sku: expected …', cursor: 41 },
  'video.recorded': {
    fileId: 3,
    packId: PACK,
    orderId: 'SO1',
    waybill: 'SF1',
    kind: 'clip',
    cameraId: 'top',
    name: 'clip-top.mp4',
    bytes: 1024,
    sha256: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
    chainHash: 'b'.repeat(64),
    startedAt: AT - 30_000,
    endedAt: AT,
  },
  'stock.received': { receiptId: PACK, location: 'A-01', reference: 'PO-7', lines: [{ sku: 'TEE-M', qty: 12 }] },
  'stock.counted': {
    countId: PACK,
    location: 'A-01',
    lines: [{ sku: 'TEE-M', counted: 0 }],
    approvedBy: 'S01',
    startedAt: AT - 60_000,
  },
  'return.received': {
    returnId: PACK,
    orderId: 'SO1',
    waybill: null,
    lines: [{ sku: 'TEE-M', qty: 1, condition: 'damaged' }],
  },
  'handover.scanned': { batchId: PACK, carrier: 'ZTO', waybill: '73001', orderId: 'SO1', parcelId: 'PC1' },
  'handover.closed': {
    batchId: PACK,
    carrier: 'ZTO',
    courier: 'ZTO-KD-0381',
    openedAt: AT - 600_000,
    count: 1,
    waybills: ['73001'],
    missing: ['73002'],
  },
};

function event(type: string, payload: unknown, over: Record<string, unknown> = {}) {
  return {
    id: '0190f000-0000-7000-8000-000000000001',
    type,
    at: AT,
    stationId: 'T1',
    packerId: 'P01',
    payload,
    ...over,
  };
}

/** The paths the schema names for this input, or null when it passes. */
function failingPaths(input: unknown): string[] | null {
  const r = outboxEventSchema.safeParse(input);
  return r.success ? null : fieldProblems(r.error, input).map((p) => p.path);
}

/** One field per type set out of range (or of the wrong kind), and the path it must be named at. */
const BAD: [OutboxType, string, unknown][] = [
  ['packer.login', 'role', 'admin'],
  ['packer.logout', 'packerId', ''],
  ['order.intercepted', 'reason', 'not_an_alert'],
  ['order.released', 'was', 'open'],
  ['order.held', 'reason', 'x'.repeat(201)],
  ['alert.acknowledged', 'code', 'nope'],
  ['pack.started', 'paidAt', Date.UTC(1999, 11, 31)],
  ['scan.recorded', 'qty', 2 ** 53],
  ['weight.exception', 'weightG', -5],
  ['weight.accepted', 'toleranceG', 1.5],
  ['parcel.packed', 'valueFen', -1],
  ['label.printed', 'reprint', 'no'],
  ['label.pending', 'carrier', ''],
  ['parcel.waybill', 'waybill', 'W'.repeat(65)],
  ['pack.completed', 'parcels', 0],
  ['pack.cancelled', 'reason', 'bored'],
  ['sync.quarantined', 'cursor', -1],
  ['video.recorded', 'sha256', 'not-a-sha'],
  ['stock.received', 'location', 'L'.repeat(33)],
  ['stock.counted', 'approvedBy', ''],
  ['return.received', 'waybill', ''],
  ['handover.scanned', 'carrier', ''],
  ['handover.closed', 'waybills', Array.from({ length: 5001 }, (_, i) => `W${i}`)],
];

describe('outbox event schemas', () => {
  it('has a valid example and a bad case for every event type', () => {
    expect(Object.keys(VALID).sort()).toEqual([...OUTBOX_TYPES].sort());
    expect(new Set(BAD.map(([type]) => type))).toEqual(new Set(OUTBOX_TYPES));
  });

  it.each(OUTBOX_TYPES)('%s: a well-formed event passes', (type) => {
    expect(failingPaths(event(type, VALID[type]))).toBeNull();
  });

  it.each(BAD)('%s: %s out of range fails with the field named', (type, field, value) => {
    const payload = { ...VALID[type], [field]: value };
    expect(failingPaths(event(type, payload))).toEqual([`payload.${field}`]);
  });

  it('names the nested field of an item list', () => {
    const payload = { ...VALID['parcel.packed'], items: [{ productId: 1001, sku: 'TEE-M', qty: 0 }] };
    expect(failingPaths(event('parcel.packed', payload))).toEqual(['payload.items[0].qty']);
  });

  it('checks the envelope: id, time range, station and an unknown type', () => {
    const ok = VALID['packer.logout'];
    expect(failingPaths(event('packer.logout', ok, { id: 'not-a-uuid' }))).toEqual(['id']);
    expect(failingPaths(event('packer.logout', ok, { at: MAX_EVENT_AT + 1 }))).toEqual(['at']);
    expect(failingPaths(event('packer.logout', ok, { stationId: '' }))).toEqual(['stationId']);
    const unknown = event('pack.teleported', ok);
    expect(failingPaths(unknown)).toEqual(['type']);
    const r = outboxEventSchema.safeParse(unknown);
    expect(r.success ? '' : fieldProblems(r.error, unknown)[0]?.message).toBe(
      'type: expected a known event type, got "pack.teleported"',
    );
  });

  it('tells a missing field from a wrong one', () => {
    const { role: _role, ...noRole } = VALID['packer.login'];
    const input = event('packer.login', noRole);
    const r = outboxEventSchema.safeParse(input);
    expect(r.success ? [] : fieldProblems(r.error, input).map((p) => `${p.expected}, got ${p.got}`)).toEqual([
      'one of "packer", "supervisor", got nothing',
    ]);
  });
});
