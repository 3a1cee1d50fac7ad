// Column names of the stats cells, shared by both stores' repositories and schemas so that the
// tables stay the same (`packdesk cloud migrate` copies rows verbatim).
import { SUM_FIELDS, type SumField } from '../../domain/stats/from-cells.js';

/** activeMs → active_ms */
export const SUM_COLUMNS: readonly [SumField, string][] = SUM_FIELDS.map((f) => [
  f,
  f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
]);

/** The activity event types (counters.ts), for the SQL that looks for a stream's neighbours. */
export { activityTypes } from '../../domain/stats/counters.js';

/** Sample lists are stored as little-endian float64 arrays. */
export function encodeSamples(values: readonly number[]): Buffer {
  const b = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => b.writeDoubleLE(v, i * 8));
  return b;
}

export function decodeSamples(b: Uint8Array | null): Float64Array {
  if (b === null || b.length === 0) return new Float64Array(0);
  if (b.byteOffset % 8 === 0) return new Float64Array(b.buffer, b.byteOffset, b.length / 8);
  // Copied: a driver's buffer need not be 8-byte aligned.
  const copy = new Uint8Array(b.length);
  copy.set(b);
  return new Float64Array(copy.buffer);
}

/** A cell's shift instances after adding `more` ("start:end" keys, comma-separated, sorted). */
export function unionShifts(stored: string, more: Iterable<string>): string {
  const set = new Set(stored ? stored.split(',') : []);
  for (const s of more) set.add(s);
  return [...set].sort().join(',');
}
