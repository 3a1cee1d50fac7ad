#!/usr/bin/env node
// Builds everything into dist/: Node code with tsc, the renderer and the Electron preload with vite.
// `--if-stale` skips the build when nothing under src/ (or a build config) is newer than the last one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const inputs = [
  'src',
  'config',
  'package.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.renderer.json',
  'vite.config.ts',
  'vite.preload.config.ts',
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

function run(label, cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`build failed at: ${label}\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  if (inputs.every((p) => newest(join(root, p)) <= built)) process.exit(0);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
process.stdout.write('Building Packdesk…\n');
rmSync(join(root, 'dist'), { recursive: true, force: true });
run('node code (tsc)', bin('tsc'), ['-p', 'tsconfig.node.json']);
run('renderer (vite)', bin('vite'), ['build', '--logLevel', 'warn']);
if (existsSync(join(root, 'vite.preload.config.ts'))) {
  run('electron preload (vite)', bin('vite'), ['build', '-c', 'vite.preload.config.ts', '--logLevel', 'warn']);
}
writeFileSync(stamp, new Date().toISOString());
