// Order reads told among hub instances (src/cloud/workers/shared-reads.ts): batched into notices
// that fit PostgreSQL's NOTIFY, merged by the others with a clock margin, a notice not understood
// warned of and ignored, and nothing sent on a store that has no other instances.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HubStore } from '../../../src/cloud/store/types.js';
import { SharedReads, type OrderRead } from '../../../src/cloud/workers/shared-reads.js';

/** Two instances' signal channels joined: what one signals, the other hears. */
function linkedStores(): [HubStore, HubStore, string[]] {
  const listeners: ((topic: string) => void)[][] = [[], []];
  const sent: string[] = [];
  const store = (me: number): HubStore =>
    ({
      signal: (topic: string) => {
        sent.push(topic);
        for (const l of listeners[1 - me] ?? []) l(topic);
        return Promise.resolve();
      },
      onSignal: (l: (topic: string) => void) => {
        listeners[me]?.push(l);
        return () => undefined;
      },
    }) as unknown as HubStore;
  return [store(0), store(1), sent];
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SharedReads', () => {
  it('tells the other instance each read, batched, and it takes them as made a second earlier', () => {
    vi.useFakeTimers();
    const [a, b, sent] = linkedStores();
    const heard = new Map<string, OrderRead>();
    const tellerA = new SharedReads(
      a,
      'shop1',
      () => undefined,
      () => undefined,
    );
    const listenerB = new SharedReads(
      b,
      'shop1',
      (id, r) => heard.set(id, r),
      () => undefined,
    );
    for (let i = 0; i < 250; i++) tellerA.told(`ORD${i}`, { at: 1_700_000_000 + i, sentAt: 5_000 + i, updateTime: 42 });
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(50);
    // 250 reads → notices of 100, 100 and 50, each well under NOTIFY's 8000 bytes.
    expect(sent).toHaveLength(3);
    expect(Math.max(...sent.map((t) => Buffer.byteLength(t)))).toBeLessThan(8000);
    expect(heard.size).toBe(250);
    expect(heard.get('ORD7')).toEqual({ at: 1_700_000_007 - 1, sentAt: 5_007 - 1000, updateTime: 42 });
    tellerA.close();
    listenerB.close();
  });

  it("ignores another shop's reads and warns of a notice it does not understand", () => {
    const [a, b] = linkedStores();
    const heard: string[] = [];
    const warnings: string[] = [];
    const listener = new SharedReads(
      b,
      'shop1',
      (id) => heard.push(id),
      (line) => warnings.push(line),
    );
    void a.signal?.('reads:shop2:[["X",1,2,3]]');
    void a.signal?.('reads:shop1:[["X",1,"two",3]]');
    void a.signal?.('reads:shop1:not json');
    void a.signal?.('kick:pull:shop1');
    expect(heard).toEqual([]);
    expect(warnings).toHaveLength(2);
    void a.signal?.('reads:shop1:[["Y",1,2,3]]');
    expect(heard).toEqual(['Y']);
    listener.close();
  });

  it('sends nothing on a store of one instance (no signal channel)', () => {
    vi.useFakeTimers();
    const lone = {} as HubStore;
    const reads = new SharedReads(
      lone,
      'shop1',
      () => undefined,
      () => undefined,
    );
    reads.told('ORD1', { at: 1, sentAt: 2, updateTime: 3 });
    vi.advanceTimersByTime(50);
    expect(vi.getTimerCount()).toBe(0);
    reads.close();
  });
});
