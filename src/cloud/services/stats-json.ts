// GET /v1/stats written out as bytes. A year by hour is ~9,000 groups and ~7 MB of JSON: made as one
// string and encoded as one buffer per query, it costs tens of milliseconds, most of it in fresh
// multi-megabyte allocations. The groups kept between queries (domain/stats/kept.ts) keep their bytes
// too, and the answer goes out as chunks of ~64 KB gathered from them.
import type { StatsResult } from '../../contract/stats.js';
import { isKept } from '../../domain/stats/kept.js';

const CHUNK = 64 * 1024;
const bytes = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');

function bytesOf(value: object): Buffer {
  const found = bytes.get(value);
  if (found) return found;
  const made = Buffer.from(JSON.stringify(value));
  if (isKept(value)) bytes.set(value, made);
  return made;
}

/** The answer's JSON — byte for byte JSON.stringify(result) — in chunks of about CHUNK bytes. */
export function statsResultChunks(r: StatsResult): Buffer[] {
  const parts: Buffer[] = [
    Buffer.from(`{"query":${JSON.stringify(r.query)},"total":${JSON.stringify(r.total)},"groupings":[`),
  ];
  r.groupings.forEach((g, i) => {
    parts.push(Buffer.from(`${i > 0 ? ',' : ''}{"by":${JSON.stringify(g.by)},"groups":[`));
    g.groups.forEach((group, j) => {
      if (j > 0) parts.push(COMMA);
      parts.push(bytesOf(group));
    });
    parts.push(Buffer.from(']}'));
  });
  parts.push(Buffer.from(']}'));
  const chunks: Buffer[] = [];
  let run: Buffer[] = [];
  let size = 0;
  for (const p of parts) {
    run.push(p);
    size += p.length;
    if (size >= CHUNK) {
      chunks.push(Buffer.concat(run, size));
      run = [];
      size = 0;
    }
  }
  if (size > 0) chunks.push(Buffer.concat(run, size));
  return chunks;
}
