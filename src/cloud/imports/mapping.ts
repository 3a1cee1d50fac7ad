// The column-mapping file: which CSV header feeds which field, for exports whose headers we do not
// know by default. Example for a Kuaishou live-room export:
//
//   { "columns": { "orderNo": "订单号", "sku": ["商家编码", "SKU编码"], "recipientPhone": "收货人电话" },
//     "defaults": { "district": "" }, "dateFormat": "YYYY-MM-DD HH:mm:ss", "delimiter": "," }
//
// A field the mapping names uses only the headers it lists (the first one present wins); a field it
// leaves out uses the importer's built-in headers. Headers compare trimmed and case-insensitively.
import { z } from 'zod';
import { formatProblems } from '../../contract/validation.js';

export interface FieldSpec {
  name: string;
  required: boolean;
  /** Headers recognised without a mapping: the English field name and common Chinese exports. */
  headers: readonly string[];
}

/** How date cells read; the text form is Beijing time (UTC+8, no daylight saving). */
export const DATE_FORMATS = ['YYYY-MM-DD HH:mm:ss', 'unix_s', 'unix_ms'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const header = z.string().trim().min(1);

function schemaFor(fields: readonly FieldSpec[]) {
  const names = fields.map((f) => f.name);
  const perField = <T extends z.ZodType>(value: T) =>
    z.strictObject(Object.fromEntries(names.map((n) => [n, value.optional()])));
  return z.strictObject({
    columns: perField(z.union([header, z.array(header).min(1)])).default({}),
    /** Used when a field's column is absent or its cell is empty. */
    defaults: perField(z.union([z.string(), z.number()]).transform(String)).default({}),
    dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD HH:mm:ss'),
    delimiter: z.string().length(1).default(','),
    /** How a bare price like "12" reads; "12元", "¥12" and "1200分" say their unit themselves. */
    priceUnit: z.enum(['yuan', 'fen']).default('yuan'),
    /** Live-order ids are this prefix + the platform's order number. */
    orderIdPrefix: z.string().min(1).default('LIVE-'),
  });
}

export interface ColumnMapping {
  columns: Record<string, string | string[] | undefined>;
  defaults: Record<string, string | undefined>;
  dateFormat: DateFormat;
  delimiter: string;
  priceUnit: 'yuan' | 'fen';
  orderIdPrefix: string;
}

export class ColumnMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ColumnMappingError';
  }
}

/**
 * Validates a mapping (JSON text or parsed) against the fields of one importer, so a misspelt
 * field name is caught here rather than silently ignored. Throws ColumnMappingError.
 */
export function parseColumnMapping(
  input: unknown,
  fields: readonly FieldSpec[],
  source = 'column mapping',
): ColumnMapping {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw new ColumnMappingError(`${source} is invalid:\n  - (root): expected JSON, got ${(err as Error).message}`);
    }
  }
  const parsed = schemaFor(fields).safeParse(value);
  if (!parsed.success) throw new ColumnMappingError(formatProblems(source, parsed.error, value));
  return parsed.data;
}

/** The mapping an importer uses when the caller gives none: built-in headers, no defaults. */
export const NO_MAPPING: ColumnMapping = {
  columns: {},
  defaults: {},
  dateFormat: 'YYYY-MM-DD HH:mm:ss',
  delimiter: ',',
  priceUnit: 'yuan',
  orderIdPrefix: 'LIVE-',
};

const norm = (h: string): string => h.trim().toLowerCase();

export interface ResolvedColumns {
  /** Field name → column index in the CSV, or null when the field has no column. */
  index: Map<string, number | null>;
  /** Fields that cannot be filled, as "expected …, got …" messages keyed by field. */
  missing: { field: string; message: string }[];
}

/** Finds each field's column in the header row. */
export function resolveColumns(
  headerRow: readonly string[],
  fields: readonly FieldSpec[],
  mapping: ColumnMapping,
): ResolvedColumns {
  const positions = new Map<string, number>();
  headerRow.forEach((h, i) => {
    if (!positions.has(norm(h))) positions.set(norm(h), i);
  });
  const found = headerRow.filter((h) => h.trim() !== '').map((h) => JSON.stringify(h.trim()));
  const index = new Map<string, number | null>();
  const missing: ResolvedColumns['missing'] = [];
  for (const field of fields) {
    const mapped = mapping.columns[field.name];
    const candidates = mapped === undefined ? field.headers : typeof mapped === 'string' ? [mapped] : mapped;
    const hit = candidates.map((c) => positions.get(norm(c))).find((i) => i !== undefined);
    index.set(field.name, hit ?? null);
    // An explicitly mapped header that is not there is a typo in the mapping, even for an
    // optional field; a default (possibly "") says the column may legitimately be absent.
    if (hit === undefined && (field.required || mapped !== undefined) && mapping.defaults[field.name] === undefined) {
      const names = candidates.map((c) => JSON.stringify(c));
      const wanted = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
      missing.push({
        field: field.name,
        message: `expected a column headed ${wanted}, got headers ${found.join(', ') || '(none)'}`,
      });
    }
  }
  return { index, missing };
}
