import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type RunningServer = {
  url: string;
  port: number;
  databaseFile: string;
  process: ChildProcess;
  /** What the server printed, for assertions and for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
};

export const TEST_ADMIN = { email: 'admin@test.example', password: 'correct-horse-battery-staple' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built app with `next start` on a free port and a fresh database in a temporary
 * folder, as a user would run it. Requires a build (`next build`) to exist.
 */
export async function startServer(options: { env?: Record<string, string>; databaseFile?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const folder = options.databaseFile ? undefined : mkdtempSync(path.join(tmpdir(), 'gatehouse-test-'));
  const databaseFile = options.databaseFile ?? path.join(folder!, 'gatehouse.db');
  const child = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: `file:${databaseFile}`,
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      SEED_DEMO: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
  };
  await waitUntilServing(url, child, () => output).catch(async (error) => {
    await stop();
    throw error;
  });
  return { url, port, databaseFile, process: child, output: () => output, stop };
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output()}`);
    try {
      // The API answers only after instrumentation has migrated the database.
      const response = await fetch(`${url}/api/v1/me`);
      if (response.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not start within ${timeoutMs} ms:\n${output()}`);
}
