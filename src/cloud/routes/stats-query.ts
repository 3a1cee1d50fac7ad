// The query every statistics route reads: a time range (from/to, epoch ms) and groupings
// (`by=station,hour;layout` → [['station','hour'],['layout']]); each error names the parameter.
const DAY = 86_400_000;

export function statsRange(
  q: Record<string, unknown>,
  now: number,
  defaultSpanMs: number,
): { from: number; to: number } | string {
  const from = q.from === undefined ? now - defaultSpanMs : Number(q.from);
  const to = q.to === undefined ? now + 1 : Number(q.to);
  if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from)
    return `from/to: expected epoch milliseconds with from < to, got from=${String(q.from)} to=${String(q.to)}`;
  if (to - from > 400 * DAY) return 'from/to: at most 400 days at once';
  return { from, to };
}

export function statsGroupings<D extends string>(
  raw: unknown,
  allowed: readonly D[],
  fallback: string,
): D[][] | string {
  const text = typeof raw === 'string' && raw ? raw : fallback;
  const out: D[][] = [];
  for (const part of text.split(';')) {
    const dims = part.split(',').filter(Boolean);
    const bad = dims.find((d) => !(allowed as readonly string[]).includes(d));
    if (bad) return `by: "${bad}" is not one of ${allowed.join(', ')}`;
    out.push(dims as D[]);
  }
  return out;
}
