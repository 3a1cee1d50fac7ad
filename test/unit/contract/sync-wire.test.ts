// The pull query and the push batch as both ends read them: what the station writes, the hub parses
// back to the same values; paging errors name the field, the station's report is a hint that never
// fails a pull.
import { describe, expect, it } from 'vitest';
import { encodePullQuery, pullQuerySchema, pushRequestSchema, type PullQuery } from '../../../src/contract/sync.js';
import { fieldProblems } from '../../../src/contract/validation.js';

const query = (q: URLSearchParams) => Object.fromEntries(q.entries());

describe('pull query', () => {
  it('reads back what the station writes', () => {
    const sent: PullQuery = {
      cursor: 42,
      wait: 25,
      limit: 5000,
      pool: { SF: 120, ZTO: 0 },
      poolTarget: 200,
      report: {
        layout: 'island',
        layoutSince: 1_764_000_000_000,
        queueDepth: 3,
        pendingLabels: 1,
        faults: [{ role: 'printer', state: 'error', detail: 'paper out' }],
        deadLetters: 2,
      },
    };
    expect(pullQuerySchema.parse(query(encodePullQuery(sent)))).toEqual(sent);
  });

  it('defaults paging and leaves out what is absent', () => {
    expect(pullQuerySchema.parse({})).toEqual({
      cursor: 0,
      wait: 0,
      limit: 1000,
      pool: null,
      poolTarget: null,
      report: null,
    });
  });

  it('refuses bad paging with the field named', () => {
    const input = { cursor: '-1', wait: 'soon' };
    const r = pullQuerySchema.safeParse(input);
    expect(r.success ? [] : fieldProblems(r.error, input).map((p) => p.message)).toEqual([
      'cursor: expected a whole number ≥ 0, got "-1"',
      'wait: expected seconds 0–30, got "soon"',
    ]);
  });

  it('drops a report it cannot read rather than failing the pull', () => {
    const q = pullQuerySchema.parse({ cursor: '5', layout: 'circular', queue: '3', pool: '' });
    expect(q).toMatchObject({ cursor: 5, report: null, pool: null });
    const partial = pullQuerySchema.parse({ layout: 'straight', queue: 'many', dead: '-2' });
    expect(partial.report).toEqual({
      layout: 'straight',
      layoutSince: null,
      queueDepth: 0,
      pendingLabels: 0,
      faults: [],
    });
  });
});

describe('push batch', () => {
  it('lets events through to be parsed one by one, but needs an id to answer each by', () => {
    expect(pushRequestSchema.safeParse({ events: [{ id: 'E1', type: 'pack.teleported' }] }).success).toBe(true);
    const input = { events: [{ type: 'packer.logout' }] };
    const r = pushRequestSchema.safeParse(input);
    expect(r.success ? [] : fieldProblems(r.error, input).map((p) => p.path)).toEqual(['events[0].id']);
    expect(pushRequestSchema.safeParse({ events: [] }).success).toBe(false);
  });
});
