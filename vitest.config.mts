import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };
// A committed .only would silently skip the rest: fail the run instead, locally as in CI. Set per
// project, as inline projects do not inherit the root's test options.
const allowOnly = false;

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', allowOnly, include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'api',
          allowOnly,
          include: ['tests/api/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/api/global-setup.ts'],
          // One server, one database: files run one after another so throttling and counts stay predictable.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      {
        resolve: { alias },
        // Servers of its own on a throwaway PostgreSQL cluster; skipped without PostgreSQL outside CI.
        test: { name: 'multi-instance', allowOnly, include: ['tests/multi-instance/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 180_000 },
      },
    ],
  },
});
