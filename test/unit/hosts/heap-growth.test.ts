// packdesk cloud caps V8's heap growth (src/hosts/cli/heap-growth.ts) unless node was given its own value.
import { describe, expect, it } from 'vitest';
import { HUB_HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../../src/hosts/cli/heap-growth.js';

describe('limitHeapGrowth', () => {
  it("sets V8's heap growing percent when the operator chose none", () => {
    const set: string[] = [];
    const flag = limitHeapGrowth(['--enable-source-maps', '--max-old-space-size=2048'], (f) => set.push(f));
    expect(flag).toBe(`--heap-growing-percent=${HUB_HEAP_GROWING_PERCENT}`);
    expect(set).toEqual([flag]);
  });

  it("leaves the operator's choice on node's command line alone", () => {
    const set: string[] = [];
    expect(limitHeapGrowth(['--heap-growing-percent=50'], (f) => set.push(f))).toBeNull();
    expect(limitHeapGrowth(['--heap_growing_percent=35'], (f) => set.push(f))).toBeNull();
    expect(set).toEqual([]);
  });
});
