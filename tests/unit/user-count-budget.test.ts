/**
 * The users list's count budget (lib/search/count.ts) on a real SQLite file of 30,000 generated
 * users: a count past its budget answers an estimate flagged as such, and the exact count (as
 * GET /api/v1/users/count gives it) is the true number of matching users.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-count-'));
process.env.DATABASE_URL = `file:${path.join(folder, 'count.db')}`;

const { closeDatabase, getEngine } = await import('@/db/client');
const { seedDemoData, seedLargeUserSet } = await import('@/db/seed');
const { openDatabaseTools } = await import('@/db/tools');
const { countUsers, listUsers } = await import('@/lib/search/user-search');
const { userListQuerySchema } = await import('@/lib/users/schemas');

const query = (raw: Record<string, unknown>) => userListQuerySchema.parse(raw);
const tools = openDatabaseTools(process.env.DATABASE_URL);

beforeAll(async () => {
  await getEngine().migrate();
  await seedDemoData();
  await seedLargeUserSet(tools, 30_000);
}, 120_000);
afterAll(async () => {
  await closeDatabase();
  await tools.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Every matching user, by following nextCursor: the number the exact count must equal. */
async function itemsOf(raw: Record<string, unknown>): Promise<number> {
  let items = 0;
  let cursor: string | undefined;
  do {
    const page = await listUsers(query({ ...raw, limit: '100', includeTotal: 'false', ...(cursor ? { cursor } : {}) }));
    items += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('users list totals under a time budget', () => {
  // A short pattern and a filter the indexes cannot count: both are counted chunk by chunk.
  for (const raw of [{ pattern: 'an' }, { filter: 'vendor:slack' }, { pattern: 'e', filter: 'status:active' }]) {
    it(`${JSON.stringify(raw)}: past the budget an estimate flagged as such, and the exact count is the items' number`, async () => {
      const truth = await itemsOf(raw);
      expect(truth).toBeGreaterThan(1000);

      // No time at all: one chunk is counted, and the rest extrapolated.
      const estimated = await listUsers(query(raw), null, { countBudgetMs: 0 });
      expect(estimated.totalExact).toBe(false);
      expect(estimated.items).toHaveLength(30);
      expect(estimated.total).toBeGreaterThan(truth * 0.6);
      expect(estimated.total).toBeLessThan(truth * 1.4);
      expect(estimated.total).not.toBe(truth);

      expect(await countUsers(query(raw))).toBe(truth);
      const counted = await listUsers(query(raw), null, { countBudgetMs: null });
      expect(counted).toMatchObject({ total: truth, totalExact: true });
    });
  }

  it('counts that an index answers at once stay exact whatever the budget', async () => {
    const selective = (await listUsers(query({ limit: '1', offset: '20000', includeTotal: 'false' }))).items[0].email.split('@')[0];
    for (const raw of [{ pattern: selective }, { filter: 'scope:tester' }, {}]) {
      const list = await listUsers(query(raw), null, { countBudgetMs: 0 });
      expect(list.totalExact).toBe(true);
      expect(list.total).toBe(await itemsOf(raw));
    }
  });
});
