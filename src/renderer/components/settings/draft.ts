// The settings form edits a plain-JSON copy of the config's `devices` section. The core owns the
// schema and validates on save; the renderer only keeps the JSON tidy: an emptied optional field
// is removed (so the core applies the protocol's or the schema's default) and numbers stay numbers.

export type Section = Record<string, unknown>;

// A type alias rather than an interface, so a draft is itself the Record the contract's save takes.
export type DevicesDraft = {
  scanner: Section;
  scale: Section;
  printer: Section;
};

export type SectionName = keyof DevicesDraft;
export const SECTIONS: readonly SectionName[] = ['scanner', 'scale', 'printer'];

function isObject(v: unknown): v is Section {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The draft for a `devices` section as the core returned it; a missing section starts empty. */
export function draftFrom(devices: Record<string, unknown>): DevicesDraft {
  const section = (name: SectionName): Section => {
    const value = devices[name];
    return isObject(value) ? (JSON.parse(JSON.stringify(value)) as Section) : {};
  };
  return { scanner: section('scanner'), scale: section('scale'), printer: section('printer') };
}

/** Reads a dotted path (`scale.baudRate`, `printer.media.kind`); undefined when absent. */
export function getAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** A copy with `path` set to `value`, or removed when `value` is undefined. */
export function setAt<T extends object>(root: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return root;
  const copy: Section = { ...(root as Section) };
  if (rest.length === 0) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- copy is this call's own object; dropping the key is the point
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else {
    const child = isObject(copy[head]) ? copy[head] : {};
    copy[head] = setAt(child, rest.join('.'), value);
  }
  return copy as T;
}

/**
 * What a typed number means: '' is "not set"; a number is sent as a number; anything else is sent
 * as typed, so the core names the field in its error rather than the form silently dropping it.
 */
export function parseNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

export function numberText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/** Key order is not meaning: a field cleared and typed again moves to the end of its object. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical(value[k])]),
  );
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export interface SaveProblems {
  /** One line per problem, as the core wrote them ("devices.scale.baudRate: expected …, got …"). */
  lines: string[];
  /** The draft paths the lines name, without the leading "devices." (e.g. "scale.baudRate"). */
  paths: string[];
}

const PROBLEM_PATH = /^devices((?:\.[A-Za-z0-9_]+|\[\d+\])+)\s*:/;

/** Splits a bad_request message into its problem lines and the fields they name. */
export function problemsOf(message: string): SaveProblems {
  const all = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  // The core heads the list with a summary ("device settings is invalid:"); each problem is "- …".
  const listed = all.filter((l) => l.startsWith('- ')).map((l) => l.slice(2).trim());
  const lines = listed.length > 0 ? listed : all;
  const paths: string[] = [];
  for (const line of lines) {
    const m = PROBLEM_PATH.exec(line);
    if (m?.[1]) paths.push(m[1].slice(1).replace(/\[\d+\]/g, ''));
  }
  return { lines, paths };
}

/** A field is flagged when a problem names it or something inside it (media → media.kind). */
export function isFlagged(paths: readonly string[], field: string): boolean {
  return paths.some((p) => p === field || p.startsWith(`${field}.`));
}

/**
 * Changing a device's kind swaps the whole section (the core's schemas are strict per kind), so
 * the section for the kind left behind is kept here and comes back if the kind is chosen again.
 */
export class KindStash {
  private readonly kept = new Map<string, Section>();

  switchKind(section: Section, name: SectionName, kind: string): Section {
    const current = typeof section.kind === 'string' ? section.kind : '';
    if (current === kind) return section;
    this.kept.set(`${name}:${current}`, section);
    return this.kept.get(`${name}:${kind}`) ?? { kind };
  }

  clear(): void {
    this.kept.clear();
  }
}
