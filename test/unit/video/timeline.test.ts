// What the recorder makes of the desk's events: marks, stills, when a clip may end, the overlay.
import { describe, expect, it } from 'vitest';
import { applyEvent, clipEnd, overlayLines, type PackTimeline } from '../../../src/main/core/video/timeline.js';

const T0 = 1_800_000_000_000;

function feed(): Map<string, PackTimeline> {
  const packs = new Map<string, PackTimeline>();
  const ev = (type: string, at: number, payload: Record<string, unknown>) =>
    applyEvent(packs, { type, at, packerId: 'P01', payload: { packId: 'PK1', orderId: 'O1', ...payload } });
  expect(ev('pack.started', T0, {})?.moment).toBeNull();
  expect(ev('scan.recorded', T0, { verdict: 'order_opened', code: 'O1' })?.moment).toBeNull();
  expect(ev('scan.recorded', T0 + 1000, { verdict: 'item_ok', code: '6901234567892' })?.moment).toBe('scan');
  expect(ev('scan.recorded', T0 + 2000, { verdict: 'item_wrong', code: '123' })?.moment).toBe('scan');
  expect(ev('weight.accepted', T0 + 3000, { weightG: 512.4 })?.moment).toBe('weight');
  ev('parcel.packed', T0 + 3000, { waybill: null });
  ev('pack.completed', T0 + 3000, { parcels: 1 });
  return packs;
}

describe('video timeline', () => {
  it('marks the order, each scan with its verdict, the weight and the label', () => {
    const packs = feed();
    const t = packs.get('PK1')!;
    applyEvent(packs, {
      type: 'label.printed',
      at: T0 + 4000,
      packerId: 'P01',
      payload: { packId: 'PK1', waybill: 'SF1', reprint: false },
    });
    expect(t.marks.map((m) => [m.kind, m.text, m.verdict])).toEqual([
      ['order', 'O1', 'order_opened'],
      ['scan', '6901234567892', 'item_ok'],
      ['scan', '123', 'item_wrong'],
      ['weight', '512 g', null],
      ['label', 'SF1', null],
    ]);
    expect(t.waybills).toEqual(['SF1']);
    expect(clipEnd(t, T0 + 4000, 3000, 30_000)).toBe(T0 + 7000);
  });

  it('waits for the label, then gives up after the wait and ends at the pack', () => {
    const t = feed().get('PK1')!;
    expect(clipEnd(t, T0 + 5000, 3000, 30_000)).toBeNull();
    expect(clipEnd(t, T0 + 33_000, 3000, 30_000)).toBe(T0 + 6000);
  });

  it('ignores events of packs it never saw start, and the overlay shows order, waybill, scans, weight', () => {
    const packs = feed();
    expect(
      applyEvent(packs, { type: 'scan.recorded', at: T0, packerId: null, payload: { packId: 'other' } }),
    ).toBeNull();
    const lines = overlayLines('ST-1', packs.get('PK1')!, null);
    expect(lines[0]).toBe('STATION ST-1   PACKER P01');
    expect(lines[1]).toBe('ORDER O1   WAYBILL -');
    expect(lines).toContain('SCAN 123  item_wrong');
    expect(lines).toContain('WEIGHT 512 g STABLE');
    expect(overlayLines('ST-1', null, 'P02')).toEqual(['STATION ST-1   PACKER P02']);
  });
});
