// The hub keeps each station's packing-video hash chain from its video.recorded events: parsed with
// the contract's schema, stored once per station file, a malformed hash refused by itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubStore } from '../../../src/cloud/store/types.js';
import { openTestStore } from '../../helpers/store.js';
import { applyEvents } from '../../../src/cloud/services/apply.js';
import { newId } from '../../../src/base/ids.js';

const NOW = Date.UTC(2026, 11, 2, 5);
let store: HubStore;

beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

const h = (c: string) => c.repeat(64);
const ids = [newId(NOW), newId(NOW), newId(NOW)];
function recorded(id: string, fileId: number, sha: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    type: 'video.recorded',
    at: NOW + fileId,
    stationId: 'ST-1',
    packerId: 'P01',
    payload: {
      fileId,
      packId: 'PK-1',
      orderId: 'O-1',
      waybill: 'SF1',
      kind: fileId === 1 ? 'clip' : 'still',
      cameraId: 'top',
      name: `f${fileId}`,
      bytes: 100,
      sha256: sha,
      prevHash: h('0'),
      chainHash: h('a'),
      startedAt: NOW,
      endedAt: NOW + 1000,
      ...overrides,
    },
  };
}

describe('hub video hashes', () => {
  it('stores each file once and refuses a malformed hash', async () => {
    const opts = { claimTtlMs: 60_000 };
    const res = await applyEvents(
      store,
      'ST-1',
      [recorded(ids[0]!, 1, h('1')), recorded(ids[1]!, 2, h('2')), recorded(ids[2]!, 3, 'not-a-hash')],
      NOW,
      opts,
    );
    expect(res.accepted).toEqual([ids[0], ids[1]]);
    expect(res.rejected.map((r) => r.id)).toEqual([ids[2]]);
    expect(res.rejected[0]?.reason).toMatch(/payload\.sha256/);
    // A re-send adds nothing.
    await applyEvents(store, 'ST-1', [recorded(ids[0]!, 1, h('1'))], NOW, opts);
    const rows = await store.tx((t) => t.videoHashes.forOrder('O-1'));
    expect(rows.map((r) => [r.fileId, r.kind, r.sha256])).toEqual([
      [1, 'clip', h('1')],
      [2, 'still', h('2')],
    ]);
    expect(rows[0]).toMatchObject({ stationId: 'ST-1', packId: 'PK-1', waybill: 'SF1', chainHash: h('a') });
  });
});
