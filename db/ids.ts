import { randomBytes } from 'node:crypto';

/** A URL-safe random id with a type prefix (`usr_...`), 96 random bits. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
