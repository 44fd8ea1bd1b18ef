/**
 * `npm run fuzz`: the whole document-driven fuzz (tests/api/fuzz.test.ts) against a real
 * server, 20,000 requests across every operation and caller, however long that takes.
 * `npm test` runs a seeded subset of the same plan within a minute. FUZZ_SEED repeats a run.
 */
import { spawnSync } from 'node:child_process';
import { buildIfStale } from './build-if-stale';

buildIfStale();
const result = spawnSync('npx', ['vitest', 'run', '--project', 'api', 'tests/api/fuzz.test.ts'], { stdio: 'inherit', env: { ...process.env, FUZZ_FULL: 'true' } });
process.exit(result.status ?? 1);
