/**
 * `npm start`: checks the configuration, builds when the build is missing or stale, then
 * serves with one server process per core (WEB_CONCURRENCY sets the number), all on one
 * port. Migrations, the first admin and demo data happen when the first process starts
 * (instrumentation.ts); the others start once it is ready, so they never race to do them.
 */
import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import { ConfigError, getConfig, type AppConfig } from '../lib/server/config';
import { relayToSiblings } from '../lib/server/foreground';
import { SERVER_READY } from '../lib/server/supervisor';
import { buildIfStale } from './build-if-stale';

/** A server process that dies is replaced after this long, unless the server is stopping. */
const RESTART_DELAY_MS = 1000;

function configOrExit(): AppConfig {
  try {
    return getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[gatehouse] ${error.message}\nSee "Configuration" in README.md.`);
      process.exit(1);
    }
    throw error;
  }
}

function main() {
  const config = configOrExit();
  buildIfStale();
  // Each process runs `next start`; as cluster workers, their listen() shares one socket through this process.
  cluster.setupPrimary({
    exec: path.join('node_modules', 'next', 'dist', 'bin', 'next'),
    args: ['start', '-p', String(config.port)],
    // Not this script's own flags (tsx's loader). A larger young generation (64 MiB semi-spaces,
    // up to ~200 MiB a process) collects each request's short-lived objects far less often:
    // ~13% more requests a second.
    execArgv: ['--max-semi-space-size=64'],
  });
  let stopping = false;
  let ready = false;
  const startServer = (): Worker => {
    const worker = cluster.fork({ NODE_ENV: 'production' });
    worker.on('message', (message) => {
      if (message !== SERVER_READY || ready) return;
      ready = true;
      for (let i = 1; i < config.serverProcesses; i += 1) startServer();
      console.log(`[gatehouse] Serving on port ${config.port} with ${config.serverProcesses} server process${config.serverProcesses === 1 ? '' : 'es'}.`);
    });
    worker.on('exit', (code, signal) => {
      // It answers nothing any more: background work elsewhere must not wait for it.
      relayToSiblings({ gatehouse: 'foreground', pid: worker.process.pid ?? 0, answering: false }, worker.process.pid);
      if (stopping) return;
      // The first process failed to prepare the database: its message says why, and another try would fail alike.
      if (!ready) process.exit(code ?? 1);
      console.error(`[gatehouse] A server process stopped (${signal ?? `exit code ${code}`}); starting another.`);
      setTimeout(startServer, RESTART_DELAY_MS);
    });
    return worker;
  };
  // Background work in one process gives way to requests answered in the others (lib/server/foreground.ts).
  cluster.on('message', (from, message) => relayToSiblings(message, from.process.pid));
  startServer();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
  cluster.on('exit', () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
}

main();
