// The packing-video hash chain: a file changed on disk, a row removed, and files deleted by
// retention (allowed) as verify sees them.
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/base/node/sqlite/open.js';
import { stationMigrations } from '../../../src/main/core/store/migrations.js';
import { GENESIS_HASH, VideoStore } from '../../../src/main/core/store/video.js';
import { chainHash, verifyChain } from '../../../src/main/core/video/chain.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-chain-'));
  dirs.push(dir);
  const db = openDatabase(':memory:', stationMigrations);
  const store = new VideoStore(db);
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `still-${i}.jpg`;
    const path = join(dir, name);
    const data = Buffer.from(`frame ${i}`);
    writeFileSync(path, data);
    const sha = createHash('sha256').update(data).digest('hex');
    const prev = store.lastChainHash();
    store.addFile({
      pack_id: `PK-${Math.floor(i / 2)}`,
      kind: 'still',
      camera_id: 'top',
      moment: 'scan',
      name,
      path,
      at: 1_800_000_000_000 + i,
      bytes: data.length,
      sha256: sha,
      prev_hash: prev,
      chain_hash: chainHash(prev, sha, name),
    });
    paths.push(path);
  }
  return { db, store, paths };
}

describe('video hash chain', () => {
  it('starts from the genesis hash and verifies when nothing changed', async () => {
    const { store } = setup(4);
    expect(store.chain()[0]?.prev_hash).toBe(GENESIS_HASH);
    const r = await verifyChain(store.chain());
    expect(r).toMatchObject({ files: 4, checked: 4, deleted: 0, problems: [] });
  });

  it('names a file whose bytes changed', async () => {
    const { store, paths } = setup(4);
    appendFileSync(paths[2]!, 'x');
    const r = await verifyChain(store.chain());
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ name: 'still-2.jpg', fileId: 3 });
    expect(r.problems[0]?.reason).toMatch(/changed/);
  });

  it('names the file after a removed row (its link no longer matches)', async () => {
    const { db, store } = setup(4);
    db.prepare('DELETE FROM video_files WHERE id = 2').run();
    const r = await verifyChain(store.chain());
    expect(r.problems.map((p) => p.name)).toEqual(['still-2.jpg']);
    expect(r.problems[0]?.reason).toMatch(/previous file/);
  });

  it('accepts files deleted by retention, and flags one that vanished otherwise', async () => {
    const { store, paths } = setup(4);
    rmSync(paths[0]!);
    rmSync(paths[1]!);
    store.markDeleted('PK-0', 1);
    let r = await verifyChain(store.chain());
    expect(r).toMatchObject({ checked: 2, deleted: 2, problems: [] });
    rmSync(paths[3]!);
    r = await verifyChain(store.chain());
    expect(r.problems.map((p) => p.name)).toEqual(['still-3.jpg']);
    expect(r.problems[0]?.reason).toMatch(/missing/);
  });
});
