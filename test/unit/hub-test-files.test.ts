// The PostgreSQL projects run the files test/hub-test-files.ts lists: a new test file that starts a
// hub or opens a hub store must be listed there, or it would silently run on SQLite only.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_TEST_FILES, RUN_ONCE, USES_HUB } from '../hub-test-files.js';
import { ROOT } from '../helpers/process.js';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [relative(ROOT, path)] : [];
  });
}

const all = ['unit', 'integration', 'chaos'].flatMap((d) => testFiles(join(ROOT, 'test', d))).sort();
const usingHub = all.filter((f) => USES_HUB.test(readFileSync(join(ROOT, f), 'utf8')));

describe('the hub test files run on PostgreSQL', () => {
  it('lists every test file that starts a hub or opens its store, or says why it runs once', () => {
    const unlisted = usingHub.filter((f) => !HUB_TEST_FILES.includes(f) && !(f in RUN_ONCE));
    expect(unlisted, 'add these to HUB_TEST_FILES in test/hub-test-files.ts').toEqual([]);
  });

  it('lists no file that does not use a hub, or is gone', () => {
    const stale = [...HUB_TEST_FILES, ...Object.keys(RUN_ONCE)].filter((f) => !usingHub.includes(f));
    expect(stale, 'remove these from test/hub-test-files.ts').toEqual([]);
  });

  it('lists each file once, in one list only', () => {
    const listed = [...HUB_TEST_FILES, ...Object.keys(RUN_ONCE)];
    expect(new Set(listed).size).toBe(listed.length);
  });
});
