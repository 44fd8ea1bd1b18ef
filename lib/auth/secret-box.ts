import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getAuthSecret } from '@/lib/server/config';

/**
 * Secrets Gatehouse must read back (access keys, webhook signing secrets), stored encrypted with
 * AES-256-GCM under keys derived from AUTH_SECRET, one key per purpose, so a ciphertext of one
 * kind never opens as another. Changing AUTH_SECRET makes every stored secret unreadable.
 */

const keys = new Map<string, Buffer>();
let keysFor: string | undefined;

/** A 256-bit key for `purpose`, derived from AUTH_SECRET (HKDF-SHA256). */
export function derivedKey(purpose: string): Buffer {
  const secret = getAuthSecret();
  if (keysFor !== secret) {
    keys.clear();
    keysFor = secret;
  }
  let key = keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'gatehouse', purpose, 32));
    keys.set(purpose, key);
  }
  return key;
}

/**
 * `iv.ciphertext.tag`, each base64url. `boundTo` (the owner's id) is bound in as associated
 * data, so a row copied onto another owner does not decrypt.
 */
export function sealSecret(purpose: string, plaintext: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(purpose), iv).setAAD(Buffer.from(boundTo));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

/** The plaintext of sealSecret's output; throws when it was tampered with or sealed for another purpose or owner. */
export function openSecret(purpose: string, sealed: string, boundTo: string): string {
  const [iv, ciphertext, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(purpose), iv).setAAD(Buffer.from(boundTo)).setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
