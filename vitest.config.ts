import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Four projects: fast unit tests (Node), renderer tests (jsdom), integration tests that start real
// processes, pseudo-terminals and sockets on 127.0.0.1, and chaos tests (real processes under faults
// and bad data); the last two run by test:all, not by `npm test`.
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
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Real processes under faults and bad data (test/chaos): the integration project's settings.
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
