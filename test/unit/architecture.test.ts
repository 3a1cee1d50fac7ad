// Folders show where code runs (STYLE.md §3): this test fails an import in the wrong direction.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*['"]([^'"]+)['"]/g)) if (m[1]) out.push(m[1]);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) if (m[1]) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) if (m[1]) out.push(m[1]);
  return out;
}

/** The top-level src folder a specifier lands in, or null for a package. */
function area(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return relative(SRC, resolve(dirname(file), spec)).split(/[\\/]/)[0] ?? null;
}

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const NATIVE = ['better-sqlite3', 'serialport', 'electron', 'fastify', 'ws', 'node-thermal-printer', 'pino', 'iconv-lite'];

function violations(folder: string, rule: (spec: string, target: string | null) => string | null): string[] {
  const out: string[] = [];
  for (const f of files(join(SRC, folder))) {
    for (const spec of imports(f)) {
      const why = rule(spec, area(f, spec));
      if (why) out.push(`${relative(ROOT, f)} imports ${spec}: ${why}`);
    }
  }
  return out;
}

describe('import direction', () => {
  it('src/shared is pure: no Node, no DOM packages, nothing outside src/shared', () => {
    expect(
      violations('shared', (spec, target) =>
        NODE.has(spec) || NATIVE.includes(spec) || spec.startsWith('react')
          ? 'shared code runs in the renderer too'
          : target && target !== 'shared'
            ? `shared must not depend on src/${target}`
            : null,
      ),
    ).toEqual([]);
  });

  it('src/renderer reaches the core only through the contract in src/shared', () => {
    expect(
      violations('renderer', (spec, target) =>
        NODE.has(spec) || NATIVE.includes(spec) ? 'the renderer has no Node' : target && !['renderer', 'shared'].includes(target) ? `renderer must not import src/${target}` : null,
      ),
    ).toEqual([]);
  });

  it('src/hardware knows nothing of orders, the core or the UI', () => {
    expect(violations('hardware', (_spec, target) => (target && !['hardware', 'shared'].includes(target) ? `hardware must not import src/${target}` : null))).toEqual([]);
  });

  it('src/main never imports the renderer', () => {
    expect(violations('main', (_spec, target) => (target === 'renderer' ? 'the core must not depend on the UI' : null))).toEqual([]);
  });
});
