import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Leased work on SQLite: a temporary database file, and a second engine on it as a second server would open.
const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-leases-'));
const file = path.join(folder, 'leases.db');
process.env.DATABASE_URL = `file:${file}`;
process.env.AUTH_SECRET = 'unit-test-secret-for-leases-0123456789abcdef';
delete process.env.SMTP_URL;

const { createSqliteEngine } = await import('@/db/engines/sqlite');
const { describeLeases } = await import('./shared-state/leases-suite');

describeLeases({
  engine: 'SQLite',
  openSecondInstance: () => createSqliteEngine(file),
  concurrentWriters: false,
  cleanUp: async () => rmSync(folder, { recursive: true, force: true }),
});
