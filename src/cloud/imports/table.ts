// Bytes → decoded text → header + data rows, each row knowing the physical line it starts on in the
// file, so an error says "line 7" and the merchant finds it in a text editor. Errors are collected,
// never thrown: a bad row is reported and the rest of the file still imports.
import { parse, type CsvError, type Info } from 'csv-parse/sync';
import { decodeCsv } from './encoding.js';
import { resolveColumns, type ColumnMapping, type FieldSpec } from './mapping.js';

export interface ImportError {
  /** Physical line in the file (the header is line 1); a quoted multi-line row counts all its lines. */
  line: number;
  /** The field the problem is in, or null for a problem with the row or file as a whole. */
  field: string | null;
  message: string;
}

export interface ImportResult<T> {
  /** Data rows read (blank lines not counted). */
  rows: number;
  items: T[];
  errors: ImportError[];
  encoding: string;
}

/** "line 7, weight: expected grams like 250 or 0.25kg, got "abc"". */
export function formatImportError(e: ImportError): string {
  return `line ${e.line}${e.field ? `, ${e.field}` : ''}: ${e.message}`;
}

/** `"abc"` for a value, `an empty cell` for nothing: the "got …" half of a message. */
export function got(text: string): string {
  return text === '' ? 'an empty cell' : JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

export interface CsvRow {
  line: number;
  /** The trimmed cell for a field, else the mapping's default, else "". */
  cell(field: string): string;
}

export interface CsvTable {
  encoding: string;
  /** Data rows in the file, counted even when a missing column stops the import. */
  count: number;
  rows: CsvRow[];
  errors: ImportError[];
}

const newlines = (s: string): number => s.split('\n').length - 1;

/** Line (1-based) of the first non-blank line after `after`, for errors csv-parse places at the end. */
function firstNonBlankAfter(text: string, after: number): number {
  const lines = text.split('\n');
  for (let i = after; i < lines.length; i++) if ((lines[i] ?? '').trim() !== '') return i + 1;
  return after + 1;
}

function csvProblem(err: CsvError): string {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED')
    return 'expected a closing quote (") for the field that opens on this row, got the end of the file';
  return `expected well-formed CSV, got ${err.message}`;
}

export function readTable(bytes: Uint8Array, fields: readonly FieldSpec[], mapping: ColumnMapping): CsvTable {
  const decoded = decodeCsv(bytes);
  // csv-parse counts "\r" and "\n" of a CRLF inside a quoted field as two lines, so line numbers
  // drift after the first multi-line cell. One line ending makes its count exact. Excel writes
  // CRLF between rows and a bare LF inside cells (Alt+Enter), so cell contents barely change.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const skipped: CsvError[] = [];
  // With `info: true` each record arrives as {record, info}; the sync typings do not model that.
  const records = parse(text, {
    delimiter: mapping.delimiter,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // A stray quote inside an unquoted cell (`12"` for inches) is kept as text, as Excel does.
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) skipped.push(err);
      return undefined;
    },
  }) as unknown as { record: string[]; info: Info }[];

  const errors: ImportError[] = [];
  const rows: { line: number; cells: string[] }[] = [];
  let lastLine = 0;
  for (const { record, info } of records) {
    lastLine = info.lines;
    // info.lines is where the record ends; every newline inside it sits in a quoted cell.
    const line = info.lines - record.reduce((n, cell) => n + newlines(cell), 0);
    // Excel leaves rows of bare delimiters (",,,,") below data that was once there.
    if (record.every((cell) => cell.trim() === '')) continue;
    rows.push({ line, cells: record });
  }
  for (const err of skipped) {
    // An unclosed quote swallows the rest of the file and is reported at its end; the row that
    // opened it is the first one after the last good record.
    const line =
      err.code === 'CSV_QUOTE_NOT_CLOSED' || typeof err['lines'] !== 'number'
        ? firstNonBlankAfter(text, lastLine)
        : err['lines'];
    errors.push({ line, field: null, message: csvProblem(err) });
  }

  const header = rows.shift();
  if (!header) {
    errors.push({ line: 1, field: null, message: 'expected a header row and data rows, got an empty file' });
    return { encoding: decoded.encoding, count: 0, rows: [], errors };
  }
  const { index, missing } = resolveColumns(header.cells, fields, mapping);
  for (const m of missing) errors.push({ line: header.line, field: m.field, message: m.message });
  if (missing.length > 0) return { encoding: decoded.encoding, count: rows.length, rows: [], errors };

  return {
    encoding: decoded.encoding,
    count: rows.length,
    errors,
    rows: rows.map(({ line, cells }) => ({
      line,
      cell(field: string): string {
        const i = index.get(field);
        const value = i === null || i === undefined ? '' : (cells[i] ?? '').trim();
        return value !== '' ? value : (mapping.defaults[field] ?? '').trim();
      },
    })),
  };
}

/** Errors in file order; problems found in later passes (duplicates, bundles) interleave correctly. */
export function byLine(errors: ImportError[]): ImportError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.i - b.i)
    .map(({ e }) => e);
}
