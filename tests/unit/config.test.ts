import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/server/config';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = parseConfig({});
    expect(config.engine).toBe('sqlite');
    expect(config.databaseLabel).toBe(path.resolve('data/gatehouse.db'));
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.adminEmail).toBe('admin@example.com');
    expect(config.adminPassword).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.tokenTtlMs).toBe(30 * 24 * 60 * 60 * 1000);
    expect(config.resetCodeTtlMs).toBe(30 * 60 * 1000);
  });

  it('derives the app URL from PORT and treats empty variables as unset', () => {
    const config = parseConfig({ PORT: '4100', APP_URL: '', SEED_DEMO: 'false' });
    expect(config.appUrl).toBe('http://localhost:4100');
    expect(config.seedDemo).toBe(false);
    expect(parseConfig({ APP_URL: 'https://id.example.com/' }).appUrl).toBe('https://id.example.com');
  });

  it('runs on PostgreSQL only with an AUTH_SECRET every instance shares, and never shows the password', () => {
    const url = 'postgres://gatehouse:s3cret-pass@db.internal:5432/gatehouse';
    expect(() => parseConfig({ DATABASE_URL: url })).toThrow(/AUTH_SECRET: required when DATABASE_URL is PostgreSQL/);
    const config = parseConfig({ DATABASE_URL: url, AUTH_SECRET: 'x'.repeat(32) });
    expect(config.engine).toBe('postgres');
    expect(config.databaseLabel).toBe('postgres://gatehouse:***@db.internal:5432/gatehouse');
    expect(() => parseConfig({ DATABASE_URL: 'mysql://db/gatehouse' })).toThrow(/DATABASE_URL: must be postgres:\/\//);
  });

  it('reads the reset code lifetime in seconds', () => {
    expect(parseConfig({ RESET_CODE_TTL_SECONDS: '2' }).resetCodeTtlMs).toBe(2000);
  });

  it('retries webhooks for about a day unless told otherwise, and refuses private addresses by default', () => {
    const defaults = parseConfig({});
    const day = 24 * 60 * 60 * 1000;
    expect(defaults.webhookRetryDelaysMs.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThan(day);
    expect(defaults.webhookRetryDelaysMs.reduce((sum, ms) => sum + ms, 0)).toBeLessThan(1.5 * day);
    expect(defaults).toMatchObject({ webhookAllowPrivateNetworks: false, webhookDisableAfterMs: day, webhookTimeoutMs: 10_000 });
    const short = parseConfig({ WEBHOOK_RETRY_DELAYS_MS: '200, 300,400', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_TIMEOUT_MS: '500' });
    expect(short).toMatchObject({ webhookRetryDelaysMs: [200, 300, 400], webhookAllowPrivateNetworks: true, webhookTimeoutMs: 500 });
    expect(() => parseConfig({ WEBHOOK_RETRY_DELAYS_MS: '5s,1m' })).toThrow(/WEBHOOK_RETRY_DELAYS_MS: must be a comma-separated list of milliseconds/);
    expect(() => parseConfig({ WEBHOOK_TIMEOUT_MS: '60000' })).toThrow(/WEBHOOK_TIMEOUT_MS: must be at most 10000/);
  });

  it('names every bad variable with a reason', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', APP_URL: 'not a url', ADMIN_EMAIL: 'nobody', ADMIN_PASSWORD: 'short', SEED_DEMO: 'maybe', DATABASE_URL: 'mysql://db/x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'APP_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'SEED_DEMO', 'DATABASE_URL']) expect(problems).toContain(name);
    expect(problems).toContain('ADMIN_PASSWORD: must be at least 12 characters');
  });

  it('rejects a port out of range and a short AUTH_SECRET', () => {
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseConfig({ AUTH_SECRET: 'too-short' })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
  });
});
