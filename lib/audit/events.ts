import { desc } from 'drizzle-orm';
import { beforeCommit, lockFor, transaction, transactionState, type Db } from '@/db/client';
import { insertManyReturning } from '@/db/insert-many';
import { auditEvents } from '@/db/schema';
import { enqueueWebhookDeliveries } from '@/lib/webhooks/outbox';
import { chainedHash, contentDigest, GENESIS_HASH, type ChainedContent } from './chain';
import type { AuditAction } from './actions';
import { auditContext, type AuditActorKind } from './context';
import { auditDiff } from './diff';

export type AuditEntry = {
  action: AuditAction;
  /** A user id; left out, the actor is the request's or job's (withAuditContext). Null: the system. */
  actor?: string | null;
  target?: string | null;
  /** Set for tenant and membership events: tenant admins read the events of their tenants. */
  tenantId?: string | null;
  /** Snapshots before and after the change: only the fields that differ are kept, secrets as "changed". */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Fields that say which thing changed (a permission's resourceId): kept on both sides even when equal. */
  identity?: string[];
  /** Left out, the request's. */
  ip?: string | null;
  userAgent?: string | null;
};

const TARGET_KINDS: Record<string, string> = { usr: 'user', ten: 'tenant', res: 'resource', whk: 'webhook', ses: 'session', tok: 'token', key: 'access-key' };

/** The kind of thing an id names, from its prefix (db/ids.ts). */
export function targetKindOf(target: string | null | undefined): string | null {
  if (!target) return null;
  return TARGET_KINDS[target.split('_', 1)[0]] ?? null;
}

/** The key of the events a transaction has recorded so far (transactionState). */
const PENDING_EVENTS = {};

/**
 * Appends one event to the audit trail in the caller's transaction (or its own), so the event
 * and its change commit together or not at all, and queues the webhooks it triggers in the
 * same transaction. Events are chained: each hash covers the previous one. The chain's lock is
 * taken as the transaction's last step (beforeCommit), never while its other writes still wait.
 */
export async function recordAuditEvent(entry: AuditEntry): Promise<void> {
  const context = auditContext();
  const { kind: actorKind, id: actor } = actorOf(entry.actor, context);
  const { before, after } = auditDiff(entry.before, entry.after, entry.identity);
  const content: ChainedContent = {
    at: new Date(),
    actorKind,
    actor,
    action: entry.action,
    targetKind: targetKindOf(entry.target),
    target: entry.target ?? null,
    tenantId: entry.tenantId ?? null,
    before,
    after,
    ip: entry.ip ?? context?.ip ?? null,
    userAgent: entry.userAgent?.slice(0, 512) ?? context?.userAgent?.slice(0, 512) ?? null,
    requestId: context?.requestId ?? null,
  };
  const digest = contentDigest(content);
  await transaction(async (tx) => {
    const pending = transactionState(PENDING_EVENTS, () => {
      const events: PendingEvent[] = [];
      beforeCommit(() => appendToChain(tx, events));
      return events;
    });
    pending.push({ content, digest });
  });
}

type PendingEvent = { content: ChainedContent; digest: string };

async function appendToChain(tx: Db, events: PendingEvent[]): Promise<void> {
  await lockFor('audit-chain');
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = events.map(({ content, digest }) => {
    const row = { ...content, prevHash, hash: chainedHash(prevHash, digest) };
    prevHash = row.hash;
    return row;
  });
  // Many rows a statement (an import's batch records hundreds of events). Ids are drawn in the
  // order of the rows, and no other writer inserts while the chain's lock is held, so the sorted
  // ids answer the rows in order.
  const ids = (await insertManyReturning(auditEvents, rows, ['id'])).map((row) => row.id).sort((a, b) => a - b);
  await enqueueWebhookDeliveries(rows.map((row, i) => ({ ...row, id: ids[i] })));
}

function actorOf(given: string | null | undefined, context: { actor: { kind: AuditActorKind; id: string } | null } | undefined): { kind: AuditActorKind | null; id: string | null } {
  const contextActor = context?.actor ?? null;
  // A request nobody signed in to (a failed sign-in, a forgotten password) has no actor; work outside any request is the system's.
  if (given === undefined) return contextActor ?? (context ? { kind: null, id: null } : { kind: 'system', id: null });
  if (given === null) return contextActor?.kind === 'system' ? contextActor : { kind: 'system', id: null };
  // The request's actor is this user: keep how they came in (token, access key, browser).
  return contextActor?.id === given ? contextActor : { kind: 'user', id: given };
}
