import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-unit-'));
process.env.DATABASE_URL = `file:${path.join(folder, 'unit.db')}`;

const { closeDatabase, getDb, getEngine } = await import('@/db/client');
const { accessTokens } = await import('@/db/schema');
const tokens = await import('@/lib/auth/tokens');
const { createUser } = await import('@/lib/users/users');

beforeAll(() => getEngine().migrate());
afterAll(async () => {
  await closeDatabase();
  rmSync(folder, { recursive: true, force: true });
});

describe('tokens', () => {
  it('are random, URL-safe and carry at least 128 bits', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => tokens.generateSecret()));
    expect(seen.size).toBe(1000);
    for (const token of seen) {
      expect(token).toMatch(/^gh_[A-Za-z0-9_-]+$/);
      expect((token.length - 3) * 6).toBeGreaterThanOrEqual(128);
    }
  });

  it('are stored only as SHA-256 hashes', async () => {
    const user = await createUser({ email: 'token-owner@example.com', password: 'a good long password' });
    const { token } = await tokens.issueApiToken(user);
    const rows = await getDb().select().from(accessTokens);
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].tokenHash).toBe(tokens.hashSecret(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await tokens.findTokenOwner(token))?.user.id).toBe(user.id);
  });

  it('stop working when expired, revoked, or the user sessions were ended', async () => {
    const user = await createUser({ email: 'expiring@example.com', password: 'a good long password' });
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    expect(await tokens.findTokenOwner((await tokens.issueApiToken(user, longAgo)).token)).toBeNull();

    const revoked = await tokens.issueApiToken(user);
    await tokens.revokeToken((await tokens.findTokenOwner(revoked.token))!.tokenId);
    expect(await tokens.findTokenOwner(revoked.token)).toBeNull();

    const stale = await tokens.issueApiToken({ ...user, sessionVersion: user.sessionVersion - 1 });
    expect(await tokens.findTokenOwner(stale.token)).toBeNull();
    expect(await tokens.findTokenOwner('gh_not-a-real-token')).toBeNull();
  });
});
