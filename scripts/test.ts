/**
 * `npm test`: builds the app, then runs every suite (unit, API against a real server,
 * browser tests) and fails if any of them failed. Every suite runs even after a failure,
 * so one run shows everything that is broken.
 */
import { spawnSync } from 'node:child_process';
import { buildIfStale } from './build-if-stale';

const npx = (args: string[]) => ({ command: 'npx', args });
const suites = [
  { name: 'typecheck', ...npx(['tsc', '--noEmit']) },
  { name: 'lint', ...npx(['eslint', '.', '--max-warnings=0']) },
  { name: 'unit', ...npx(['vitest', 'run', '--project', 'unit']) },
  { name: 'api', ...npx(['vitest', 'run', '--project', 'api']) },
  { name: 'browser', ...npx(['tsx', 'scripts/e2e.ts']) },
];

buildIfStale();
const failed: string[] = [];
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const result = spawnSync(suite.command, suite.args, { stdio: 'inherit' });
  if (result.status !== 0) failed.push(suite.name);
}
console.log(failed.length ? `\nFailed: ${failed.join(', ')}` : '\nAll suites passed.');
process.exit(failed.length ? 1 : 0);
