// `packdesk sim tracking` stdin commands: what to push, or one clear line saying what was expected.
import { describe, expect, it } from 'vitest';
import { parsePushCommand } from '../../../src/hosts/cli/sim-tracking.js';

describe('sim tracking push command', () => {
  it('reads the waybill, the states and the options', () => {
    expect(parsePushCommand('push SF123456 collected,in_transit --out-of-order --dup 3')).toEqual({
      waybill: 'SF123456',
      states: ['collected', 'in_transit'],
      outOfOrder: true,
      dup: 3,
    });
    expect(parsePushCommand('push SF1 delivered')).toEqual({
      waybill: 'SF1',
      states: ['delivered'],
      outOfOrder: false,
      dup: 1,
    });
  });

  it('names what is wrong', () => {
    expect(parsePushCommand('push SF1')).toMatch(/^expected: push WAYBILL STATE/);
    expect(parsePushCommand('push SF1 collected,lost')).toMatch(
      /^unknown state "lost": expected collected, in_transit/,
    );
    expect(parsePushCommand('push SF1 collected --dup 0')).toMatch(/^unknown option "--dup"/);
    expect(parsePushCommand('push SF1 collected --fast')).toMatch(/^unknown option "--fast"/);
  });
});
