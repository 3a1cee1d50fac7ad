// Names every hub instance on one PostgreSQL schema must agree on: the advisory lock keys and the
// NOTIFY channels. All are derived from the schema name, so hubs (and test runs) in different schemas
// of one database neither wait for nor wake each other.
import { createHash } from 'node:crypto';

/** A lowercase SQL identifier that needs no quoting anywhere (search_path, channel names). */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A setting, told to the operator in one line (the CLI prints errors named ConfigError without a stack). */
class SchemaNameError extends Error {
  override readonly name = 'ConfigError';
}

export function checkSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema))
    throw new SchemaNameError(
      `store.schema: expected a lowercase identifier (a letter or _, then up to 62 letters, digits or _), got "${schema}"`,
    );
}

/** A signed 64-bit advisory lock key (as decimal text, passed as $1::bigint) for one purpose on one schema. */
export function lockKey(schema: string, purpose: 'units' | 'migrate'): string {
  return createHash('sha256').update(`packdesk:${purpose}:${schema}`).digest().readBigInt64BE(0).toString();
}

export type ChannelKind = 'feed' | 'stock' | 'signal';

/**
 * The NOTIFY channel of `kind` for this schema. pg_notify refuses names of 64 bytes or more, so a
 * long schema name is replaced by a digest of it.
 */
export function channelName(schema: string, kind: ChannelKind): string {
  const plain = `packdesk_${kind}_${schema}`;
  if (plain.length <= 63) return plain;
  return `packdesk_${kind}_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

/** NOTIFY payloads must stay under 8000 bytes; stock notices are cut into chunks well below that. */
const MAX_PAYLOAD_BYTES = 7000;

/** The stock notices for these SKUs: JSON {from, skus}, each under the payload limit. */
export function stockPayloads(from: string, skus: readonly string[]): string[] {
  const empty = Buffer.byteLength(JSON.stringify({ from, skus: [] }));
  const out: string[] = [];
  let chunk: string[] = [];
  let bytes = empty;
  for (const sku of skus) {
    const more = Buffer.byteLength(JSON.stringify(sku)) + 1; // the SKU and its comma
    if (chunk.length > 0 && bytes + more > MAX_PAYLOAD_BYTES) {
      out.push(JSON.stringify({ from, skus: chunk }));
      chunk = [];
      bytes = empty;
    }
    chunk.push(sku);
    bytes += more;
  }
  if (chunk.length > 0) out.push(JSON.stringify({ from, skus: chunk }));
  return out;
}
