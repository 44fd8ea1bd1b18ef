import { describe, expect, it } from 'vitest';
import { recognizeImportedHash } from '@/lib/passwords/imported-hashes';
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
    };
    for (const [name, hash] of Object.entries(cases)) {
      const recognized = recognizeImportedHash(hash);
      expect(recognized, name).toHaveProperty('problem');
      expect((recognized as { problem: string }).problem.length, name).toBeGreaterThan(10);
    }
  });
});
