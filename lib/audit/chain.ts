import { createHash } from 'node:crypto';
import type { auditActorKinds } from '@/db/schema';
import { canonicalJson } from './diff';

/** The fields of an event its hash covers: everything but its own id and hashes. */
export type ChainedContent = {
  at: Date;
  actorKind: (typeof auditActorKinds)[number] | null;
  actor: string | null;
  action: string;
  targetKind: string | null;
  target: string | null;
  tenantId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
};
type ChainedField = keyof ChainedContent;
const CHAINED_FIELDS: readonly ChainedField[] = ['at', 'actorKind', 'actor', 'action', 'targetKind', 'target', 'tenantId', 'before', 'after', 'ip', 'userAgent', 'requestId'];

/**
 * Fields a deletion replaced (lib/audit/redact.ts), each with the digest of the value it had:
 * the hash still covers that value, so a redacted event verifies and a forged one does not.
 */
export type Redactions = Partial<Record<ChainedField, string>>;

/** Where the chain starts: the first event ever links to this. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 (hex) of one field's value in canonical JSON (a time as its milliseconds). */
export function fieldDigest(value: unknown): string {
  return sha256(canonicalJson(value instanceof Date ? value.getTime() : value));
}

/**
 * An event's hash: SHA-256 (hex) over the previous event's hash and the digest of each of its
 * fields. Hashing digests rather than values lets a deletion remove a person's data from old
 * events (keeping the digests) without breaking the chain.
 */
export function eventHash(prevHash: string, content: ChainedContent, redactions: Redactions | null = null): string {
  const digests = Object.fromEntries(CHAINED_FIELDS.map((field) => [field, redactions?.[field] ?? fieldDigest(content[field])]));
  return sha256(`${prevHash}\n${canonicalJson(digests)}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
