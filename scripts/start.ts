/**
 * `npm start`: checks the configuration, builds when the build is missing or stale, then
 * serves. Migrations, the first admin and demo data happen at server start (instrumentation.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ConfigError, getConfig } from '../lib/server/config';
import { buildIfStale } from './build-if-stale';

function main() {
  let port: number;
  try {
    port = getConfig().port;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[gatehouse] ${error.message}\nSee "Configuration" in README.md.`);
      process.exit(1);
    }
    throw error;
  }
  buildIfStale();
  const server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
