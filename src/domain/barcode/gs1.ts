// GS1 element strings (GS1 General Specifications §7.8): AI + value pairs, either as transmitted
// by a scanner (FNC1 sent as GS, \x1D) or in the human-readable "(AI)value" form.

import { AI_LENGTH_BY_PREFIX, AI_TABLE } from './ai-table.js';
import { AIM_PREFIX, SCAN_WHITESPACE } from './aim.js';
import type { AiCharset, AiSpec } from './ai-table.js';
import { gs1DateToIso } from './gs1-date.js';
import { mod10CheckDigit } from './gtin.js';
import type { Gs1Data } from './types.js';

const GS = '\x1D';
const LEADING_WHITESPACE = new RegExp(`^${SCAN_WHITESPACE}*`);
const TRAILING_WHITESPACE = new RegExp(`${SCAN_WHITESPACE}*$`);
/** "(01)" etc.; a parenthesised 2–4 digit group is the only thing that separates HRI elements. */
const HRI_AI = /\(([0-9]{2,4})\)/g;

// §7.11: the characters each AI value type may contain.
const CHARSETS: Record<AiCharset, { pattern: RegExp; name: string }> = {
  N: { pattern: /^[0-9]$/, name: 'digits only' },
  X: { pattern: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]$/, name: 'GS1 CSET 82' },
  Y: { pattern: /^[#\-/0-9A-Z]$/, name: 'GS1 CSET 39' },
  Z: { pattern: /^[-0-9A-Z_a-z=]$/, name: 'GS1 CSET 64' },
};

export type Gs1ErrorReason =
  | 'empty'
  | 'expected-ai'
  | 'unknown-ai'
  | 'truncated'
  | 'too-long'
  | 'too-short'
  | 'bad-char'
  | 'check-digit'
  | 'bad-date'
  | 'duplicate';

/** Why a GS1 element string was rejected. `position` is a 0-based index into the parsed input. */
export class Gs1ParseError extends Error {
  readonly ai: string | null;
  readonly position: number;
  readonly reason: Gs1ErrorReason;

  constructor(ai: string | null, position: number, reason: Gs1ErrorReason, detail: string) {
    super(ai === null ? `at position ${position}: ${detail}` : `AI ${ai} at position ${position}: ${detail}`);
    this.name = 'Gs1ParseError';
    this.ai = ai;
    this.position = position;
    this.reason = reason;
  }
}

interface Element {
  spec: AiSpec;
  aiPosition: number;
  valuePosition: number;
  value: string;
}

const quote = (s: string): string => JSON.stringify(s);

function readAi(text: string, pos: number, end: number): AiSpec {
  const prefix = text.slice(pos, Math.min(pos + 2, end));
  if (!/^[0-9]{2}$/.test(prefix)) {
    const found = quote(text.slice(pos, Math.min(pos + 4, end)));
    throw new Gs1ParseError(null, pos, 'expected-ai', `expected an Application Identifier, got ${found}`);
  }
  const length = AI_LENGTH_BY_PREFIX.get(prefix);
  if (length === undefined) {
    throw new Gs1ParseError(prefix, pos, 'unknown-ai', 'unknown Application Identifier');
  }
  const ai = text.slice(pos, Math.min(pos + length, end));
  if (!/^[0-9]+$/.test(ai) || ai.length < length) {
    throw new Gs1ParseError(ai, pos, 'truncated', `an AI starting ${prefix} has ${length} digits`);
  }
  const spec = AI_TABLE.get(ai);
  if (!spec) throw new Gs1ParseError(ai, pos, 'unknown-ai', 'unknown Application Identifier');
  return spec;
}

/**
 * Scanner form. A predefined-length value (§7.8.5) is cut at its length; every other value runs to
 * the next GS or the end, because FNC1 must follow any other field that is not last. Stray GS
 * after a predefined field, doubled or trailing, carries no data and is skipped.
 */
function splitTransmitted(text: string, start: number, end: number): Element[] {
  const elements: Element[] = [];
  let pos = start;
  while (pos < end) {
    if (text[pos] === GS) {
      pos++;
      continue;
    }
    const aiPosition = pos;
    const spec = readAi(text, pos, end);
    const valuePosition = pos + spec.ai.length;
    const gsAt = text.indexOf(GS, valuePosition);
    const fieldEnd = gsAt === -1 || gsAt > end ? end : gsAt;
    const valueEnd = spec.predefined ? Math.min(valuePosition + spec.max, fieldEnd) : fieldEnd;
    elements.push({ spec, aiPosition, valuePosition, value: text.slice(valuePosition, valueEnd) });
    pos = valueEnd;
  }
  return elements;
}

/** Human-readable form: each value runs up to the next "(AI)" or the end. */
function splitHri(text: string, start: number, end: number): Element[] {
  const elements: Element[] = [];
  const marks: Array<{ ai: string; at: number; after: number }> = [];
  for (const m of text.slice(0, end).matchAll(HRI_AI)) {
    if (m.index >= start) marks.push({ ai: m[1] ?? '', at: m.index, after: m.index + m[0].length });
  }
  if (marks[0]?.at !== start) {
    const found = quote(text.slice(start, start + 4));
    throw new Gs1ParseError(null, start, 'expected-ai', `expected "(AI)", got ${found}`);
  }
  marks.forEach((mark, i) => {
    const spec = AI_TABLE.get(mark.ai);
    if (!spec) throw new Gs1ParseError(mark.ai, mark.at, 'unknown-ai', 'unknown Application Identifier');
    const valueEnd = marks[i + 1]?.at ?? end;
    const value = text.slice(mark.after, valueEnd);
    elements.push({ spec, aiPosition: mark.at, valuePosition: mark.after, value });
  });
  return elements;
}

function fail(el: Element, reason: Gs1ErrorReason, detail: string, position = el.valuePosition): never {
  throw new Gs1ParseError(el.spec.ai, position, reason, detail);
}

function checkValue(el: Element, now: Date): void {
  const { spec, value } = el;
  const unit = spec.charset === 'N' ? 'digits' : 'characters';
  if (spec.min === spec.max && value.length !== spec.max) {
    const reason = value.length < spec.max ? 'truncated' : 'too-long';
    fail(el, reason, `expected ${spec.max} ${unit}, got ${quote(value)}`);
  }
  if (value.length > spec.max) {
    const got = `got ${value.length} (${quote(value)})`;
    fail(el, 'too-long', `expected at most ${spec.max} ${unit}, ${got}; is a GS separator missing?`);
  }
  if (value.length === 0) fail(el, 'too-short', 'value is empty');
  if (value.length < spec.min) {
    fail(el, 'too-short', `expected at least ${spec.min} ${unit}, got ${quote(value)}`);
  }

  const charset = CHARSETS[spec.charset];
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    const allowed = i < spec.digitPrefix ? CHARSETS.N : charset;
    if (!allowed.pattern.test(ch)) {
      const detail = `character ${quote(ch)} is not allowed in ${quote(value)} (${allowed.name})`;
      fail(el, 'bad-char', detail, el.valuePosition + i);
    }
  }

  if (spec.check === 'csum') {
    const expected = mod10CheckDigit(value.slice(0, -1));
    const actual = value.charAt(value.length - 1);
    if (String(expected) !== actual) {
      const detail = `check digit should be ${expected}, got ${actual} in ${quote(value)}`;
      fail(el, 'check-digit', detail, el.valuePosition + value.length - 1);
    }
  } else if (spec.check === 'date') {
    const date = gs1DateToIso(value, now);
    if ('problem' in date) fail(el, 'bad-date', date.problem);
  }
}

/**
 * Parses a GS1 element string in any of its three shapes: with a symbology identifier such as ]C1
 * and GS separators, bare (optionally led by a literal FNC1 sent as GS), or "(01)…(17)…". Positions
 * in errors are indices into `text` as passed in.
 */
export function parseGs1(text: string, now: Date = new Date()): Gs1Data {
  if (Number.isNaN(now.getTime())) throw new RangeError('parseGs1: `now` is an invalid Date');
  let start = LEADING_WHITESPACE.exec(text)?.[0].length ?? 0;
  const aim = AIM_PREFIX.exec(text.slice(start));
  if (aim) start += aim[0].length;
  while (text[start] === GS) start++;
  const end = text.length - (TRAILING_WHITESPACE.exec(text)?.[0].length ?? 0);
  if (start >= end) throw new Gs1ParseError(null, start, 'empty', 'no element string');

  const elements = text[start] === '(' ? splitHri(text, start, end) : splitTransmitted(text, start, end);
  const ais: Record<string, string> = {};
  for (const el of elements) {
    checkValue(el, now);
    const previous = ais[el.spec.ai];
    // An AI may occur twice only with the same value; two different values for it are contradictory.
    if (previous !== undefined && previous !== el.value) {
      const detail = `repeated with a different value (${quote(previous)}, then ${quote(el.value)})`;
      fail(el, 'duplicate', detail, el.aiPosition);
    }
    ais[el.spec.ai] = el.value;
  }

  const expiry = ais['17'];
  const expiryDate = expiry === undefined ? null : gs1DateToIso(expiry, now);
  return {
    ais,
    gtin: ais['01'] ?? null,
    batch: ais['10'] ?? null,
    expiry: expiryDate !== null && 'iso' in expiryDate ? expiryDate.iso : null,
    serial: ais['21'] ?? null,
  };
}
