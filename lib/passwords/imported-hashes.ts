import { pbkdf2, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { verify as argon2Verify } from '@node-rs/argon2';
import { verify as bcryptVerify } from '@node-rs/bcrypt';
import { deserialize } from '@phc/format';

/**
 * Password hashes an import may carry from another system, accepted as they are and replaced
 * by Gatehouse's own argon2id hash at the user's first sign-in. Their cost parameters are
 * capped: a hash is checked on every sign-in until then, and an absurd cost (bcrypt 31, a
 * gigabyte of scrypt) would let one row stall or exhaust the server.
 */

export const IMPORTED_HASH_KINDS = ['bcrypt', 'argon2id', 'argon2i', 'scrypt', 'pbkdf2_sha256'] as const;
export type ImportedHashKind = (typeof IMPORTED_HASH_KINDS)[number];

export const IMPORTED_HASH_LIMITS = {
  bcryptCost: { min: 4, max: 14 },
  argon2MemoryKiB: 262_144,
  argon2Passes: 10,
  argon2Lanes: 16,
  scryptMemoryBytes: 256 * 1024 * 1024,
  pbkdf2Iterations: { min: 1_000, max: 2_000_000 },
} as const;

export type RecognizedHash = { kind: ImportedHashKind } | { problem: string };

const MIN_PHC_DIGEST_BYTES = 16;
const BCRYPT = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;
const PBKDF2_SHA256 = /^pbkdf2_sha256\$(\d+)\$([^$]+)\$([A-Za-z0-9+/]+={0,2})$/;
const FORMS = 'bcrypt ($2a$, $2b$, $2y$), argon2id or argon2i PHC ($argon2id$v=19$m=…), scrypt PHC ($scrypt$ln=…,r=…,p=…$salt$hash) or pbkdf2_sha256$iterations$salt$hash';

/** What kind of imported hash `value` is, or why it cannot be accepted (a message for the import report). */
export function recognizeImportedHash(value: string): RecognizedHash {
  const bcrypt = BCRYPT.exec(value);
  if (bcrypt) {
    const cost = Number(bcrypt[1]);
    const { min, max } = IMPORTED_HASH_LIMITS.bcryptCost;
    return cost >= min && cost <= max ? { kind: 'bcrypt' } : { problem: `This bcrypt hash has cost ${cost}; Gatehouse accepts costs ${min} to ${max}.` };
  }
  const pbkdf2 = PBKDF2_SHA256.exec(value);
  if (pbkdf2) {
    const iterations = Number(pbkdf2[1]);
    const { min, max } = IMPORTED_HASH_LIMITS.pbkdf2Iterations;
    if (iterations < min || iterations > max) return { problem: `This PBKDF2 hash has ${iterations} iterations; Gatehouse accepts ${min} to ${max}.` };
    // A SHA-256 digest is 32 bytes: anything else is a damaged or a different hash.
    return Buffer.from(pbkdf2[3], 'base64').length === 32 ? { kind: 'pbkdf2_sha256' } : { problem: 'This PBKDF2-SHA256 hash is damaged: its digest is not 32 bytes.' };
  }
  if (value.startsWith('$argon2') || value.startsWith('$scrypt$')) return recognizePhc(value);
  return { problem: `This is not a password hash Gatehouse can import. Accepted: ${FORMS}.` };
}

function recognizePhc(value: string): RecognizedHash {
  let phc: ReturnType<typeof deserialize>;
  try {
    phc = deserialize(value);
  } catch {
    return { problem: 'This hash is not a valid PHC string.' };
  }
  const params = phc.params ?? {};
  if (!phc.salt || !phc.hash) return { problem: 'This hash has no salt or no digest.' };
  // scrypt's and argon2's digests may be cut to any length and still verify: a few bytes would let many passwords match.
  if (phc.hash.length < MIN_PHC_DIGEST_BYTES) return { problem: `This hash is damaged: its digest is shorter than ${MIN_PHC_DIGEST_BYTES} bytes.` };
  if (phc.id === 'argon2id' || phc.id === 'argon2i') {
    const { m, t, p } = params as Record<string, number | undefined>;
    const limits = IMPORTED_HASH_LIMITS;
    if (!m || !t || !p) return { problem: `This ${phc.id} hash lacks its m, t or p parameter.` };
    if (m > limits.argon2MemoryKiB || t > limits.argon2Passes || p > limits.argon2Lanes) {
      return { problem: `This ${phc.id} hash asks for more than ${limits.argon2MemoryKiB} KiB, ${limits.argon2Passes} passes or ${limits.argon2Lanes} lanes.` };
    }
    return { kind: phc.id };
  }
  if (phc.id === 'scrypt') {
    const { ln, r, p } = params as Record<string, number | undefined>;
    if (!ln || !r || !p) return { problem: 'This scrypt hash lacks its ln, r or p parameter.' };
    if (ln > 30 || 128 * r * 2 ** ln > IMPORTED_HASH_LIMITS.scryptMemoryBytes || r * p > 64) {
      return { problem: `This scrypt hash asks for more than ${IMPORTED_HASH_LIMITS.scryptMemoryBytes / 1024 / 1024} MiB of memory.` };
    }
    return { kind: 'scrypt' };
  }
  return { problem: `Gatehouse cannot import ${phc.id} hashes. Accepted: ${FORMS}.` };
}

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/**
 * Whether `password` matches `stored`, a hash in any accepted form (Gatehouse's own argon2id
 * is one). Each check runs on libuv's thread pool and compares digests in constant time. A
 * hash that recognition refuses, or a damaged one, never matches and never throws.
 */
export async function verifyHashedPassword(stored: string, password: string): Promise<boolean> {
  const recognized = recognizeImportedHash(stored);
  if ('problem' in recognized) return false;
  try {
    switch (recognized.kind) {
      // The library reads $2a$, $2b$ and $2y$ alike: the three differ only in old bugs of other implementations.
      case 'bcrypt':
        return await bcryptVerify(password, stored);
      case 'argon2id':
      case 'argon2i':
        return await argon2Verify(stored, password);
      case 'scrypt':
        return await verifyScrypt(stored, password);
      case 'pbkdf2_sha256':
        return await verifyPbkdf2Sha256(stored, password);
    }
  } catch {
    return false;
  }
}

async function verifyScrypt(stored: string, password: string): Promise<boolean> {
  const { params, salt, hash } = deserialize(stored);
  const { ln, r, p } = params as { ln: number; r: number; p: number };
  const N = 2 ** ln;
  // OpenSSL needs 128·r·(N + p + 2) bytes; recognition has capped this at IMPORTED_HASH_LIMITS.scryptMemoryBytes.
  const maxmem = 128 * r * (N + p + 2) + 1024 * 1024;
  const derived = await scryptAsync(password, salt!, hash!.length, { N, r, p, maxmem });
  return timingSafeEqual(derived, hash!);
}

async function verifyPbkdf2Sha256(stored: string, password: string): Promise<boolean> {
  const [, iterations, salt, digest] = PBKDF2_SHA256.exec(stored)!;
  // Django uses the salt's text itself as the salt bytes, not a decoding of it.
  const expected = Buffer.from(digest, 'base64');
  const derived = await pbkdf2Async(password, Buffer.from(salt, 'utf8'), Number(iterations), expected.length, 'sha256');
  return timingSafeEqual(derived, expected);
}
