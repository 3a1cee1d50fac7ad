// The hash chain over packing-video files: each file's SHA-256 chained to the previous file's link,
// so editing, replacing or deleting a file (or its row) breaks the chain from that file on. The hub
// keeps every link (video.recorded events), so a station whose database was rewritten too is caught.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { GENESIS_HASH, type VideoFileRow } from '../store/video.js';

export function chainHash(prevHash: string, sha256: string, name: string): string {
  return createHash('sha256').update(`${prevHash}\n${sha256}\n${name}`).digest('hex');
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

export interface ChainProblem {
  fileId: number;
  name: string;
  path: string;
  reason: string;
}

export interface ChainReport {
  files: number;
  checked: number;
  /** Rows whose file retention deleted: their link is checked, their bytes cannot be. */
  deleted: number;
  problems: ChainProblem[];
}

/** Walks the chain in order; a file on disk is hashed again and compared with its row. */
export async function verifyChain(rows: VideoFileRow[]): Promise<ChainReport> {
  const report: ChainReport = { files: rows.length, checked: 0, deleted: 0, problems: [] };
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const problem = (reason: string) => report.problems.push({ fileId: r.id, name: r.name, path: r.path, reason });
    if (r.prev_hash !== prev) problem('its link to the previous file does not match (a row was removed or changed)');
    if (chainHash(r.prev_hash, r.sha256, r.name) !== r.chain_hash) problem('its chain hash does not match its row');
    prev = r.chain_hash;
    if (r.deleted_at !== null) {
      report.deleted++;
      continue;
    }
    if (!existsSync(r.path)) {
      problem('the file is missing (not deleted by retention)');
      continue;
    }
    const actual = await sha256File(r.path);
    report.checked++;
    if (actual !== r.sha256)
      problem(`the file was changed: SHA-256 ${actual.slice(0, 12)}… ≠ recorded ${r.sha256.slice(0, 12)}…`);
  }
  return report;
}
