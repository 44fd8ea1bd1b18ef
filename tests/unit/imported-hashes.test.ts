import { describe, expect, it } from 'vitest';
import { recognizeImportedHash, verifyHashedPassword } from '@/lib/passwords/imported-hashes';
import { verifyPassword } from '@/lib/passwords/hashing';
import { importedHashesOf } from '../support/password-hashes';

describe('recognising imported password hashes', () => {
  it('names the kind of every accepted form', async () => {
    const hashes = await importedHashesOf('correct horse battery staple');
    for (const [form, hash] of Object.entries(hashes)) {
      expect(recognizeImportedHash(hash), form).toEqual({ kind: form.startsWith('bcrypt') ? 'bcrypt' : form });
    }
  });

  it('refuses what it cannot check, saying why', () => {
    const cases = {
      'plain text': 'hunter2',
      'md5 hex': '5f4dcc3b5aa765d61d8327deb882cf99',
      'bcrypt with an absurd cost': `$2b$31$${'a'.repeat(53)}`,
      'truncated bcrypt': '$2b$10$abc',
      'argon2d': '$argon2d$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
      'argon2id asking for 4 GiB': '$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
      'scrypt asking for 1 GiB': '$scrypt$ln=20,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
      'PBKDF2 with a billion iterations': `pbkdf2_sha256$1000000000$salt$${Buffer.alloc(32).toString('base64')}`,
      'PBKDF2 with a short digest': `pbkdf2_sha256$10000$salt$${Buffer.alloc(20).toString('base64')}`,
      'broken PHC': '$argon2id$v=19$m=x$$',
      'scrypt with a 4-byte digest': '$scrypt$ln=10,r=8,p=1$c2FsdHNhbHQ$aGFzaA',
    };
    for (const [name, hash] of Object.entries(cases)) {
      const recognized = recognizeImportedHash(hash);
      expect(recognized, name).toHaveProperty('problem');
      expect((recognized as { problem: string }).problem.length, name).toBeGreaterThan(10);
    }
  });
});

describe('verifying imported password hashes', () => {
  const password = 'correct horse battery staple';
  const hashes = importedHashesOf(password);

  it('accepts the right password in every form (each bcrypt prefix too) and refuses a wrong one', async () => {
    for (const [form, hash] of Object.entries(await hashes)) {
      expect(await verifyHashedPassword(hash, password), form).toBe(true);
      expect(await verifyHashedPassword(hash, `${password}!`), form).toBe(false);
      expect(await verifyHashedPassword(hash, ''), form).toBe(false);
    }
  });

  it('asks for every imported form to be replaced by Gatehouse\'s own hash once it matched', async () => {
    for (const [form, hash] of Object.entries(await hashes)) {
      expect(await verifyPassword(hash, password), form).toEqual({ matches: true, rehash: true });
    }
  });

  it('refuses a damaged hash of every form without throwing', async () => {
    for (const [form, hash] of Object.entries(await hashes)) {
      // A character well inside the digest: the last ones of a base64 digest carry padding bits, and changing those can change nothing.
      const changed = hash.at(-5) === 'A' ? 'B' : 'A';
      const damaged = {
        'changed digest': `${hash.slice(0, -5)}${changed}${hash.slice(-4)}`,
        'digest cut to a few bytes': `${hash.slice(0, hash.lastIndexOf('$') + 1)}${hash.slice(hash.lastIndexOf('$') + 1, hash.lastIndexOf('$') + 9)}`,
        'no digest': hash.slice(0, hash.lastIndexOf('$')),
      };
      for (const [damage, value] of Object.entries(damaged)) {
        await expect(verifyHashedPassword(value, password), `${form}, ${damage}`).resolves.toBe(false);
      }
    }
  });

  it('never verifies a hash that recognition refuses, even when it would match', async () => {
    const costly = (await hashes).pbkdf2_sha256.replace('$1000$', '$999$');
    expect(recognizeImportedHash(costly)).toHaveProperty('problem');
    expect(await verifyHashedPassword(costly, password)).toBe(false);
    expect(await verifyHashedPassword('correct horse battery staple', password)).toBe(false);
  });
});
