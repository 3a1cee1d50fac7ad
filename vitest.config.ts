import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { hubTestFilesIn } from './test/hub-test-files.js';

// Real processes, pseudo-terminals and sockets on 127.0.0.1: one file at a time, room to start them.
const processTests = { environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } as const;

// The hub test files (test/hub-test-files.ts) once more with every hub on PostgreSQL: only when a
// server is given (PACKDESK_TEST_PG_URL; test:all and test:pg start a throwaway one), else absent.
const pgUrl = process.env.PACKDESK_TEST_PG_URL;
const onPostgres = (name: string, folder: string, settings: object): TestProjectInlineConfiguration => ({
  test: {
    name,
    include: hubTestFilesIn(folder),
    ...settings,
    env: { PACKDESK_TEST_STORE: 'postgres' },
    globalSetup: ['test/pg-global-setup.ts'],
    // After the SQLite projects, not beside them: the machine runs one heavy thing at a time best.
    sequence: { groupOrder: 1 },
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
          testTimeout: 30_000,
        },
      },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], ...processTests } },
      // Real processes under faults and bad data (test/chaos): the integration project's settings.
      { test: { name: 'chaos', include: ['test/chaos/**/*.test.ts'], ...processTests } },
      ...(pgUrl
        ? [
            onPostgres('unit-pg', 'test/unit/', { environment: 'node', testTimeout: 30_000 }),
            onPostgres('integration-pg', 'test/integration/', processTests),
            onPostgres('chaos-pg', 'test/chaos/', processTests),
          ]
        : []),
    ],
  },
});
