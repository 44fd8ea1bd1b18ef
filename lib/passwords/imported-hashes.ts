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
