// Turns zod issues into messages a person can act on: "<where>: expected <what>, got <found>".
import type { z } from 'zod';

export interface FieldProblem {
  path: string;
  expected: string;
  got: string;
  message: string;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return 'an object';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `at least ${String(issue.minimum)} characters`
        : issue.origin === 'array'
          ? `at least ${String(issue.minimum)} items`
          : `${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `at most ${String(issue.maximum)} characters`
        : issue.origin === 'array'
          ? `at most ${String(issue.maximum)} items`
          : `${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? issue.message : `a ${issue.format}`;
    default:
      return issue.message;
  }
}

export function fieldProblems(error: z.ZodError, input: unknown): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      // One line per unknown key, at the key's own path: usually a typo of a real field.
      return issue.keys.map((key) => {
        const path = pathText([...issue.path, key]);
        return {
          path,
          expected: 'no such field',
          got: describe(valueAt(input, [...issue.path, key])),
          message: `${path}: unknown field (check the spelling)`,
        };
      });
    }
    const path = pathText(issue.path);
    const got = describe(valueAt(input, issue.path));
    const expected = expectedText(issue);
    return [{ path, expected, got, message: `${path}: expected ${expected}, got ${got}` }];
  });
}

/** One multi-line message, headed by `source` (a file name or "request args"). */
export function formatProblems(source: string, error: z.ZodError, input: unknown): string {
  const lines = fieldProblems(error, input).map((p) => `  - ${p.message}`);
  return `${source} is invalid:\n${lines.join('\n')}`;
}
