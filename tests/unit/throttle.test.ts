import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Throttling on SQLite: a temporary database file, and a second engine on it as a second server would open.
const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-throttle-'));
const file = path.join(folder, 'throttle.db');
process.env.DATABASE_URL = `file:${file}`;
process.env.AUTH_SECRET = 'unit-test-secret-for-throttle-keys-0123456789';

const { createSqliteEngine } = await import('@/db/engines/sqlite');
const { describeThrottle } = await import('./shared-state/throttle-suite');

describeThrottle({
  engine: 'SQLite',
  openSecondInstance: () => createSqliteEngine(file),
  concurrentWriters: false,
  cleanUp: async () => rmSync(folder, { recursive: true, force: true }),
});
