import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };
// A committed .only would silently skip the rest: fail the run instead, locally as in CI. Set per
// project, as inline projects do not inherit the root's test options.
const allowOnly = false;

const apiOptions = {
  allowOnly,
  include: ['tests/api/**/*.test.ts'],
  environment: 'node',
  setupFiles: ['tests/api/worker-setup.ts'],
  // One server, one database: files run one after another so throttling and counts stay predictable.
  fileParallelism: false,
  testTimeout: 30_000,
  hookTimeout: 90_000,
};

// The API suite on PostgreSQL needs the server binaries tests/support/postgres.ts starts a
// cluster with (checked here without importing it: the config loads only plain modules).
// Outside CI a machine without them runs a stand-in that says why the suite was skipped; in
// CI (CI=true) the suite runs and its global setup fails.
const POSTGRES_ROOT = '/usr/lib/postgresql';
const postgresInstalled = existsSync(POSTGRES_ROOT) && readdirSync(POSTGRES_ROOT).some((version) => ['initdb', 'pg_ctl'].every((binary) => existsSync(path.join(POSTGRES_ROOT, version, 'bin', binary))));
const postgresMissing = process.env.CI !== 'true' && !postgresInstalled;

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        // next-auth imports `next/server` without an extension, which Node's ESM resolution refuses; inlined, Vite resolves it (the OpenAPI document test imports the route pipeline).
        test: { name: 'unit', allowOnly, include: ['tests/unit/**/*.test.ts'], environment: 'node', server: { deps: { inline: ['next-auth'] } } },
      },
      { resolve: { alias }, test: { name: 'api', ...apiOptions, globalSetup: ['tests/api/global-setup.ts'] } },
      {
        resolve: { alias },
        test: postgresMissing
          ? { name: 'api-postgres', allowOnly, include: ['tests/support/postgres-unavailable.test.ts'], environment: 'node' }
          : { name: 'api-postgres', ...apiOptions, globalSetup: ['tests/api/global-setup-postgres.ts'] },
      },
      {
        resolve: { alias },
        // Servers of its own on a throwaway PostgreSQL cluster; skipped without PostgreSQL outside CI.
        test: { name: 'multi-instance', allowOnly, include: ['tests/multi-instance/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 180_000 },
      },
    ],
  },
});
