import { pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { hash as argon2Hash, type Algorithm } from '@node-rs/argon2';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import { serialize } from '@phc/format';
import type { ImportedHashKind } from '@/lib/passwords/imported-hashes';

/**
 * Hashes of a known password in every form an import accepts, made the way the systems they
 * come from make them: bcrypt and argon2 by their libraries, scrypt as a PHC string (passlib's
 * form), PBKDF2-SHA256 in Django's `pbkdf2_sha256$iterations$salt$digest` form. Costs are kept
 * low so tests stay fast; the verifier reads the cost from each hash.
 */
export async function importedHashesOf(password: string): Promise<Record<ImportedHashKind | 'bcrypt-2a' | 'bcrypt-2y', string>> {
  const bcrypt = await bcryptHash(password, 4);
  const scryptSalt = randomBytes(16);
  const djangoSalt = randomBytes(9).toString('base64url');
  // @node-rs/argon2's Algorithm is a const enum, which isolatedModules cannot read: 1 is Argon2i, 2 Argon2id.
  const argon2 = (algorithm: number) => argon2Hash(password, { algorithm: algorithm as Algorithm, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  return {
    bcrypt,
    'bcrypt-2a': bcrypt.replace(/^\$2b\$/, '$2a$'),
    'bcrypt-2y': bcrypt.replace(/^\$2b\$/, '$2y$'),
    argon2id: await argon2(2),
    argon2i: await argon2(1),
    scrypt: serialize({ id: 'scrypt', params: { ln: 10, r: 8, p: 1 }, salt: scryptSalt, hash: scryptSync(password, scryptSalt, 32, { N: 2 ** 10, r: 8, p: 1 }) }),
    pbkdf2_sha256: `pbkdf2_sha256$1000$${djangoSalt}$${pbkdf2Sync(password, djangoSalt, 1000, 32, 'sha256').toString('base64')}`,
  };
}
