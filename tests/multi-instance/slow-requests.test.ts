import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteEngine } from '@/db/engines/sqlite';
import { seedLargeUserSet } from '@/db/seed';
import { openDatabaseTools } from '@/db/tools';
import { apiAt } from '../support/api';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';

/**
 * One server process busy with slow searches (each a statement of a few hundred milliseconds on
 * this many users) still answers everyone else at once: statements run on threads of their own,
 * searches on theirs (db/engines/sqlite.ts), never on the event loop that serves /me. Before
 * that design, a /me sent behind them waited for every one in turn.
 */

const USERS = 200_000;
/** Far above /me's own few milliseconds, far below the searches' combined time it would wait if queued behind them. */
const ME_BOUND_MS = 250;

const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-slow-requests-'));
const databaseUrl = `file:${path.join(folder, 'slow.db')}`;
let server: RunningServer;
let token: string;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; finishedAt: number }> {
  const started = performance.now();
  const result = await work();
  const finishedAt = performance.now();
  return { result, ms: finishedAt - started, finishedAt };
}

const me = () => timed(() => apiAt(server.url, '/api/v1/me', { token }));

describe('a slow request in flight', () => {
  beforeAll(async () => {
    const engine = createSqliteEngine(databaseUrl.slice('file:'.length));
    await engine.migrate();
    await engine.close();
    const tools = openDatabaseTools(databaseUrl);
    await seedLargeUserSet(tools, USERS);
    await tools.close();
    server = await startServer({ databaseUrl, env: { SEED_DEMO: 'false' } });
    const signIn = await apiAt(server.url, '/api/v1/auth/token', { method: 'POST', json: { username: TEST_ADMIN.email, password: TEST_ADMIN.password } });
    token = signIn.body.token as string;
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('does not hold up /me: it answers within its bound while the searches run', async () => {
    for (let i = 0; i < 5; i += 1) expect((await me()).result.status).toBe(200);

    // Deep pages of a pattern tested row by row, and exact counts of a pattern no index serves:
    // each one long statement over most of the users.
    const slowPaths = [
      ...Array.from({ length: 4 }, (_, i) => `/api/v1/users?pattern=a&offset=${150_000 + i}&limit=100`),
      ...Array.from({ length: 4 }, () => '/api/v1/users/count?pattern=e'),
    ];
    const slow = slowPaths.map((url) => timed(() => apiAt(server.url, url, { token })));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const meTimes: number[] = [];
    let lastMeAt = 0;
    for (let i = 0; i < 20; i += 1) {
      const { result, ms, finishedAt } = await me();
      expect(result.status).toBe(200);
      meTimes.push(ms);
      lastMeAt = finishedAt;
    }
    const searches = await Promise.all(slow);

    for (const search of searches) expect(search.result.status).toBe(200);
    // The searches were still running when the last /me answered: they were really in the way.
    expect(Math.max(...searches.map((search) => search.finishedAt))).toBeGreaterThan(lastMeAt);
    expect(Math.max(...meTimes), `/me took ${meTimes.map((ms) => ms.toFixed(0)).join(', ')} ms; the searches ${searches.map((s) => s.ms.toFixed(0)).join(', ')} ms`).toBeLessThan(ME_BOUND_MS);
  }, 60_000);
});
