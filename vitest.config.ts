import { availableParallelism } from 'node:os';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { hubTestFilesIn } from './test/hub-test-files.js';

// Real processes, pseudo-terminals and sockets on 127.0.0.1: one file at a time, room to start them.
const processTests = { environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } as const;

// In-process files (unit, renderer, unit-pg) one per core. Vitest's own default is a core less,
// which on this 2-core machine is one worker: most of these files wait on timers, sockets and the
// test PostgreSQL server rather than compute, and two workers took the unit and renderer files
// from 259 s to 147 s here.
const inProcess = { maxWorkers: Math.max(2, availableParallelism()) } as const;

// The hub test files (test/hub-test-files.ts) once more with every hub on PostgreSQL: only when a
// server is given (PACKDESK_TEST_PG_URL; test:all and test:pg start a throwaway one), else absent.
const pgUrl = process.env.PACKDESK_TEST_PG_URL;
const onPostgres = (
  name: string,
  folder: string,
  settings: object,
  groupOrder: number,
): TestProjectInlineConfiguration => ({
  test: {
    name,
    include: hubTestFilesIn(folder),
    ...settings,
    env: { PACKDESK_TEST_STORE: 'postgres' },
    globalSetup: ['test/pg-global-setup.ts'],
    // After the SQLite in-process projects, not beside them. Vitest runs a group at a time, and
    // projects that share one must have the same number of workers: unit-pg's own group, then the
    // process projects' (one worker). SQLite's integration and chaos files run last.
    sequence: { groupOrder },
  },
});

// Four projects: fast unit tests (Node), renderer tests (jsdom), integration tests that start real
// processes, pseudo-terminals and sockets on 127.0.0.1, and chaos tests (real processes under faults
// and bad data); the last two run by test:all, not by `npm test`. With PACKDESK_TEST_PG_URL, three
// more: unit-pg, integration-pg and chaos-pg.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          ...inProcess,
          // a station test replays a shift in a few seconds; on a loaded machine that passes vitest's 5 s default
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // findBy*/waitFor wait up to 15 s (setup.ts); a test needs room for a few of those
          setupFiles: ['test/renderer/setup.ts'],
          ...inProcess,
          testTimeout: 30_000,
        },
      },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], ...processTests } },
      // Real processes under faults and bad data (test/chaos): the integration project's settings.
      { test: { name: 'chaos', include: ['test/chaos/**/*.test.ts'], ...processTests } },
      ...(pgUrl
        ? [
            onPostgres('unit-pg', 'test/unit/', { environment: 'node', testTimeout: 30_000, ...inProcess }, 1),
            onPostgres('integration-pg', 'test/integration/', processTests, 2),
            onPostgres('chaos-pg', 'test/chaos/', processTests, 2),
          ]
        : []),
    ],
  },
});
