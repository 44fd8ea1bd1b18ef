/**
 * `npm test`: builds the app, then runs every suite (unit, API against a real server on
 * SQLite and again on PostgreSQL, browser tests on SQLite plus a smoke on PostgreSQL) and
 * fails if any of them failed. Every suite runs even after a failure, so one run shows
 * everything that is broken.
 */
import { spawnSync } from 'node:child_process';
import { buildIfStale } from './build-if-stale';

const npx = (args: string[]) => ({ command: 'npx', args });
const suites = [
  { name: 'typecheck', ...npx(['tsc', '--noEmit']) },
  { name: 'lint', ...npx(['eslint', '.', '--max-warnings=0']) },
  { name: 'unit', ...npx(['vitest', 'run', '--project', 'unit']) },
  { name: 'api', ...npx(['vitest', 'run', '--project', 'api']) },
  // The same API suite against a server on PostgreSQL, in a throwaway cluster (skipped, saying why, where PostgreSQL is missing outside CI).
  { name: 'api on PostgreSQL', ...npx(['vitest', 'run', '--project', 'api-postgres']) },
  // Two next start instances on one PostgreSQL database, and PostgreSQL going away and coming back.
  { name: 'two instances on PostgreSQL', ...npx(['vitest', 'run', '--project', 'multi-instance']) },
  { name: 'browser', ...npx(['tsx', 'scripts/e2e.ts']) },
  { name: 'browser smoke on PostgreSQL', ...npx(['tsx', 'scripts/e2e.ts', '--config', 'playwright.postgres.config.ts']) },
];

buildIfStale();
const failed: string[] = [];
const times: string[] = [];
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const started = Date.now();
  const result = spawnSync(suite.command, suite.args, { stdio: 'inherit' });
  times.push(`  ${suite.name}: ${((Date.now() - started) / 1000).toFixed(0)} s${result.status === 0 ? '' : ' (failed)'}`);
  if (result.status !== 0) failed.push(suite.name);
}
console.log(`\nTimes:\n${times.join('\n')}`);
console.log(failed.length ? `\nFailed: ${failed.join(', ')}` : '\nAll suites passed.');
process.exit(failed.length ? 1 : 0);
