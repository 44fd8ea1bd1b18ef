import { hash as argon2Hash, parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/passwords/hashing';

describe('password hashing', () => {
  it('uses argon2id at OWASP parameters (>= 19 MiB, >= 2 passes, 1 lane) with a random salt', async () => {
    const hash = await hashPassword('a long enough passphrase');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    const options = parseOptions(hash);
    expect(options.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(options.timeCost).toBeGreaterThanOrEqual(2);
    expect(options.parallelism).toBe(1);
    expect(options.saltLen).toBeGreaterThanOrEqual(16);
    expect(await hashPassword('a long enough passphrase')).not.toBe(hash);
    expect(hash).not.toContain('a long enough passphrase');
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword(hash, 'correct horse battery')).toEqual({ matches: true, rehash: false });
    expect(await verifyPassword(hash, 'correct horse batterY')).toEqual({ matches: false, rehash: false });
  });

  it('asks for a rehash of an argon2id hash made at weaker parameters, only when it matches', async () => {
    const weak = await argon2Hash('correct horse battery', { memoryCost: 8192, timeCost: 1, parallelism: 1 });
    expect(await verifyPassword(weak, 'correct horse battery')).toEqual({ matches: true, rehash: true });
    expect(await verifyPassword(weak, 'wrong horse battery')).toEqual({ matches: false, rehash: false });
  });

  it('rejects when there is no hash, after doing as much work as a real check', async () => {
    const hash = await hashPassword('some password here');
    await verifyPassword(null, 'warm up');
    // CPU time of this process (argon2's worker threads included), not the wall clock: other
    // work on a busy machine does not count, so the comparison measures only the check.
    const time = async (stored: string | null) => {
      const started = process.cpuUsage();
      expect((await verifyPassword(stored, 'guess-guess-guess')).matches).toBe(false);
      const used = process.cpuUsage(started);
      return used.user + used.system;
    };
    const real = Math.min(await time(hash), await time(hash), await time(hash));
    const missing = Math.min(await time(null), await time(null), await time(null));
    expect(missing).toBeGreaterThan(real / 3);
    expect(missing).toBeLessThan(real * 3);
  });
});
