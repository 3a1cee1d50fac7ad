// The layer rule (.dependency-cruiser.cjs) holds on src/, and each of its rules fires on a scratch tree
// (test/fixtures/layers/src) that breaks it once — a checker that resolves nothing would pass src/ too.
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function check(baseDir: string): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(`${root}.dependency-cruiser.cjs`);
  const tsConfig = extractTSConfig(`${root}tsconfig.node.json`);
  const result = await cruise(['src'], { ...options, baseDir }, {}, { tsConfig });
  if (typeof result.output === 'string') throw new Error('expected a cruise result, got a report');
  return result.output;
}

const violations = (result: ICruiseResult): string[] =>
  result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

describe('layers', () => {
  it('src/ has no dependency violations, and the checker sees its imports', { timeout: 60_000 }, async () => {
    const result = await check(root);
    expect(violations(result)).toEqual([]);
    // .js specifiers resolve to .ts files: every src module is found and almost all imports are local
    expect(result.summary.totalCruised).toBeGreaterThan(250);
    expect(result.summary.totalDependenciesCruised).toBeGreaterThan(900);
    const unresolved = result.modules.flatMap((m) => m.dependencies.filter((d) => d.couldNotResolve));
    expect(unresolved).toEqual([]);
  });

  it('each rule fires on a tree that breaks it', { timeout: 60_000 }, async () => {
    const result = await check(`${root}test/fixtures/layers`);
    expect(violations(result)).toEqual([
      'base-imports-only-itself: src/base/time.ts → src/contract/order.ts',
      'cloud-imports-only-base-baseNode-contract-domain: src/cloud/hub.ts → src/main/station.ts',
      'demo-imports-only-base-baseNode-contract-domain-hardware-cloud: src/demo/data.ts → src/main/station.ts',
      'domain-imports-only-base-contract: src/domain/uses-hosts.ts → src/hosts/cli.ts',
      'hardware-imports-only-base-baseNode-contract-domain: src/hardware/driver.ts → src/main/station.ts',
      'main-imports-only-base-baseNode-contract-domain-hardware: src/main/uses-demo.ts → src/demo/data.ts',
      'no-circular: src/domain/cycle-a.ts → src/domain/cycle-b.ts',
      'no-node-builtins-in-contract: src/contract/file.ts → fs',
      'no-node-builtins-in-renderer: src/renderer/screen.ts → path',
      'not-unresolvable: src/main/missing.ts → ./nope.js',
      'renderer-imports-only-base-contract-domain: src/renderer/screen.ts → src/base/node/db.ts',
    ]);
  });
});
