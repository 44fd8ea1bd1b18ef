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

/** Where the chain starts: the first event ever links to this. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 (hex) over the previous event's hash and this event's content, in canonical JSON. */
export function eventHash(prevHash: string, content: ChainedContent): string {
  const fields = { ...content, at: content.at.getTime() };
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}
