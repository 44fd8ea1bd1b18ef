/** Runs the Playwright browser tests with whichever Chromium this machine has. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findChromium } from './chromium';

const executable = findChromium();
const result = spawnSync(process.execPath, [path.join('node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ...(executable ? { CHROMIUM_PATH: executable } : {}) },
});
process.exit(result.status ?? 1);
