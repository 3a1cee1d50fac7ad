// One checksum per table, computed the same way from SQLite's rows and PostgreSQL's: each row is
// encoded canonically (type-tagged, length-prefixed, so "1" and 1, or "ab"+"c" and "a"+"bc", differ)
// and hashed; the table's checksum is the sum of the row hashes mod 2^64. A sum, not a running
// hash, because the two servers order text keys differently (SQLite: bytes; PostgreSQL: the
// database's collation) and the checksum must not depend on the order rows are read in.
import { createHash } from 'node:crypto';

const MOD = 1n << 64n;

/** The canonical text of one column value as both drivers return it. */
function encodeValue(v: unknown): string {
  if (v === null || v === undefined) return 'n';
  if (typeof v === 'number') return Number.isInteger(v) ? `i${v}` : `r${v}`;
  if (typeof v === 'bigint') return `i${v}`;
  if (typeof v === 'string') return `s${v.length}:${v}`;
  if (Buffer.isBuffer(v)) return `b${v.length}:${v.toString('hex')}`;
  if (v instanceof Uint8Array) return encodeValue(Buffer.from(v));
  throw new Error(`checksum: a column value of type ${typeof v} has no canonical encoding`);
}

export function encodeRow(row: readonly unknown[]): string {
  return row.map(encodeValue).join('|');
}

export class TableChecksum {
  private sum = 0n;
  rows = 0;

  add(row: readonly unknown[]): void {
    const digest = createHash('sha256').update(encodeRow(row)).digest();
    this.sum = (this.sum + digest.readBigUInt64BE(0)) % MOD;
    this.rows++;
  }

  /** 16 hex digits. */
  digest(): string {
    return this.sum.toString(16).padStart(16, '0');
  }
}
