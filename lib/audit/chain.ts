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
  const plain = value instanceof Date ? value.getTime() : value;
  if (plain !== null && typeof plain === 'object') return sha256(canonicalJson(plain));
  // Most fields of a batch's events repeat (its actor, action, request id, the nulls): each
  // such value is hashed once, not once per event.
  let digest = recentDigests.get(plain);
  if (digest === undefined) {
    if (recentDigests.size >= RECENT_DIGESTS) recentDigests.clear();
    digest = sha256(canonicalJson(plain));
    recentDigests.set(plain, digest);
  }
  return digest;
}

const RECENT_DIGESTS = 4096;
const recentDigests = new Map<unknown, string>();

/**
 * An event's hash: SHA-256 (hex) over the previous event's hash and the digest of each of its
 * fields. Hashing digests rather than values lets a deletion remove a person's data from old
 * events (keeping the digests) without breaking the chain.
 */
export function eventHash(prevHash: string, content: ChainedContent, redactions: Redactions | null = null): string {
  return chainedHash(prevHash, contentDigest(content, redactions));
}

/**
 * The part of an event's hash that does not depend on the chain: taken when the event is
 * recorded, so linking a batch's hundreds of events is one short hash each, not thirteen.
 */
export function contentDigest(content: ChainedContent, redactions: Redactions | null = null): string {
  return canonicalJson(Object.fromEntries(CHAINED_FIELDS.map((field) => [field, redactions?.[field] ?? fieldDigest(content[field])])));
}

/** An event's hash from the previous one and its contentDigest. */
export function chainedHash(prevHash: string, digest: string): string {
  return sha256(`${prevHash}\n${digest}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
