import { describe, expect, it } from 'vitest';
import {
  ColumnMappingError,
  NO_MAPPING,
  parseColumnMapping,
  resolveColumns,
  type FieldSpec,
} from '../../../../src/cloud/imports/mapping.js';

const FIELDS: FieldSpec[] = [
  { name: 'sku', required: true, headers: ['sku', '商品编码'] },
  { name: 'title', required: true, headers: ['title', '商品名称'] },
  { name: 'remark', required: false, headers: ['remark', '备注'] },
];

function problems(input: unknown): string {
  try {
    parseColumnMapping(input, FIELDS);
  } catch (err) {
    expect(err).toBeInstanceOf(ColumnMappingError);
    return (err as Error).message;
  }
  throw new Error('expected the mapping to be refused');
}

describe('parseColumnMapping', () => {
  it('fills in the defaults of everything left out', () => {
    expect(parseColumnMapping({}, FIELDS)).toEqual(NO_MAPPING);
    expect(
      parseColumnMapping(
        '{ "columns": { "sku": ["货号", "商家编码"] }, "defaults": { "remark": 0 }, "delimiter": ";", "priceUnit": "fen" }',
        FIELDS,
      ),
    ).toEqual({
      columns: { sku: ['货号', '商家编码'] },
      defaults: { remark: '0' },
      dateFormat: 'YYYY-MM-DD HH:mm:ss',
      delimiter: ';',
      priceUnit: 'fen',
      orderIdPrefix: 'LIVE-',
    });
  });

  it('names misspelt fields and wrong values', () => {
    expect(problems({ columns: { skuu: '货号', title: [] }, delimiter: ';;', dateFormat: 'DD/MM/YYYY' })).toBe(
      [
        'column mapping is invalid:',
        '  - columns.title: expected at least 1 items, got an array of 0',
        '  - columns.skuu: unknown field (check the spelling)',
        '  - dateFormat: expected one of "YYYY-MM-DD HH:mm:ss", "unix_s", "unix_ms", got "DD/MM/YYYY"',
        '  - delimiter: expected at most 1 characters, got ";;"',
      ].join('\n'),
    );
  });

  it('refuses text that is not JSON', () => {
    expect(problems('{ "columns": ')).toMatch(/^column mapping is invalid:\n {2}- \(root\): expected JSON, got /);
  });
});

describe('resolveColumns', () => {
  it('matches headers trimmed and case-insensitively, first listed alternative present wins', () => {
    const mapping = parseColumnMapping({ columns: { sku: ['货号', 'Item Code'] } }, FIELDS);
    const { index, missing } = resolveColumns([' item code ', 'TITLE', '货号 '], FIELDS, mapping);
    expect(missing).toEqual([]);
    expect([...index]).toEqual([
      ['sku', 2],
      ['title', 1],
      ['remark', null],
    ]);
  });

  it('names an unmapped required field and lists the headers found', () => {
    const { missing } = resolveColumns(['货号', '名称', ''], FIELDS, NO_MAPPING);
    expect(missing).toEqual([
      { field: 'sku', message: 'expected a column headed "sku" or "商品编码", got headers "货号", "名称"' },
      { field: 'title', message: 'expected a column headed "title" or "商品名称", got headers "货号", "名称"' },
    ]);
  });

  it('treats an explicitly mapped header that is absent as a mistake, unless a default covers it', () => {
    const typo = parseColumnMapping({ columns: { remark: '买家留言' } }, FIELDS);
    expect(resolveColumns(['sku', 'title'], FIELDS, typo).missing).toEqual([
      { field: 'remark', message: 'expected a column headed "买家留言", got headers "sku", "title"' },
    ]);
    const covered = parseColumnMapping({ columns: { remark: '买家留言' }, defaults: { remark: '' } }, FIELDS);
    expect(resolveColumns(['sku', 'title'], FIELDS, covered).missing).toEqual([]);
  });
});
