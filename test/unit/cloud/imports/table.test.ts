import { describe, expect, it } from 'vitest';
import { NO_MAPPING, parseColumnMapping, type FieldSpec } from '../../../../src/cloud/imports/mapping.js';
import { formatImportError, readTable } from '../../../../src/cloud/imports/table.js';

const FIELDS: FieldSpec[] = [
  { name: 'sku', required: true, headers: ['sku'] },
  { name: 'remark', required: false, headers: ['remark'] },
];

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function read(text: string, mapping = NO_MAPPING) {
  const t = readTable(bytes(text), FIELDS, mapping);
  return { ...t, rows: t.rows.map((r) => ({ line: r.line, sku: r.cell('sku'), remark: r.cell('remark') })) };
}

describe('readTable', () => {
  it('numbers rows by the physical line they start on, counting newlines inside quotes', () => {
    const text = ['sku,remark', 'A,"two', 'lines"', 'B,plain', 'C,"three', '', 'lines"', 'D,last'].join('\r\n');
    expect(read(text).rows).toEqual([
      { line: 2, sku: 'A', remark: 'two\nlines' },
      { line: 4, sku: 'B', remark: 'plain' },
      { line: 5, sku: 'C', remark: 'three\n\nlines' },
      { line: 8, sku: 'D', remark: 'last' },
    ]);
  });

  it('skips blank lines and rows of bare delimiters without miscounting the lines after them', () => {
    const t = read('sku,remark\n\nA,x\n,\n   \nB," y "\n,,\n');
    expect(t.rows).toEqual([
      { line: 3, sku: 'A', remark: 'x' },
      { line: 6, sku: 'B', remark: 'y' },
    ]);
    expect(t.count).toBe(2);
    expect(t.errors).toEqual([]);
  });

  it('reports an unclosed quote on the row that opens it and keeps the rows before', () => {
    const t = read('sku,remark\nA,ok\n\nB,"never closed\nC,swallowed\n');
    expect(t.rows).toEqual([{ line: 2, sku: 'A', remark: 'ok' }]);
    expect(t.errors.map(formatImportError)).toEqual([
      'line 4: expected a closing quote (") for the field that opens on this row, got the end of the file',
    ]);
  });

  it('keeps a stray quote inside an unquoted cell as text', () => {
    expect(read('sku,remark\nA,12" pizza box\n').rows).toEqual([{ line: 2, sku: 'A', remark: '12" pizza box' }]);
  });

  it('uses the mapping delimiter and fills empty or absent cells from defaults', () => {
    const mapping = parseColumnMapping({ delimiter: ';', defaults: { remark: '无' } }, FIELDS);
    expect(read('sku;remark\nA;\nB;note\n', mapping).rows).toEqual([
      { line: 2, sku: 'A', remark: '无' },
      { line: 3, sku: 'B', remark: 'note' },
    ]);
    expect(read('sku\nA\n', mapping).rows).toEqual([{ line: 2, sku: 'A', remark: '无' }]);
  });

  it('stops at a missing required column but still counts the data rows', () => {
    const t = read('\ncode,remark\nA,x\nB,y\n');
    expect(t.rows).toEqual([]);
    expect(t.count).toBe(2);
    expect(t.errors.map(formatImportError)).toEqual([
      'line 2, sku: expected a column headed "sku", got headers "code", "remark"',
    ]);
  });

  it('says so for an empty file', () => {
    expect(read('\n\n').errors.map(formatImportError)).toEqual([
      'line 1: expected a header row and data rows, got an empty file',
    ]);
  });
});
