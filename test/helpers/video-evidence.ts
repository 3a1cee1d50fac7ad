// A station's packing-video index filled without cameras: a pack with files of random bytes on disk,
// hashed into the chain as the recorder would, so upload tests need no FFmpeg.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/base/node/sqlite/open.js';
import { VideoStore } from '../../src/main/core/store/video.js';
import { chainHash } from '../../src/main/core/video/chain.js';

export interface SeededFile {
  id: number;
  name: string;
  path: string;
  data: Buffer;
  sha256: string;
  chainHash: string;
  prevHash: string;
}

export function seedEvidence(
  db: Db,
  dir: string,
  p: { packId: string; orderId: string; waybill: string; at: number; files: { name: string; bytes: number }[] },
): SeededFile[] {
  const store = new VideoStore(db);
  const packDir = join(dir, p.packId);
  mkdirSync(packDir, { recursive: true });
  const out: SeededFile[] = [];
  for (const f of p.files) {
    const data = randomBytes(f.bytes);
    const path = join(packDir, f.name);
    writeFileSync(path, data);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const prevHash = store.lastChainHash();
    const link = chainHash(prevHash, sha256, f.name);
    const id = store.addFile({
      pack_id: p.packId,
      kind: f.name.endsWith('.mp4') ? 'clip' : 'still',
      camera_id: 'top',
      moment: f.name.endsWith('.mp4') ? null : 'label',
      name: f.name,
      path,
      at: p.at,
      bytes: data.length,
      sha256,
      prev_hash: prevHash,
      chain_hash: link,
    });
    out.push({ id, name: f.name, path, data, sha256, chainHash: link, prevHash });
  }
  store.savePack({
    packId: p.packId,
    orderId: p.orderId,
    packerId: 'P01',
    startedAt: p.at,
    endedAt: p.at + 20_000,
    marks: [{ at: p.at, kind: 'order', text: p.orderId, verdict: 'order_opened' }],
    waybills: [p.waybill],
    now: p.at + 21_000,
  });
  return out;
}

/** A clock whose sleep advances it: the token bucket's waits cost no real time and are counted. */
export function steppedClock(start: number): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  advance(ms: number): void;
} {
  let t = start;
  return {
    now: () => t,
    sleep: (ms) => {
      t += ms;
      return Promise.resolve();
    },
    advance: (ms) => (t += ms),
  };
}
