import { AsyncLocalStorage } from 'node:async_hooks';
import type { auditActorKinds } from '@/db/schema';

export type AuditActorKind = (typeof auditActorKinds)[number];

/** Who acts: a user (signed in, or through one of their API tokens or their access key), or a background job by name. */
export type AuditActor = { kind: AuditActorKind; id: string };

/** What every event recorded while a request or job runs shares: set once by the API pipeline, the server-action wrapper or a job. */
export type AuditContext = { actor: AuditActor | null; ip?: string | null; userAgent?: string | null; requestId?: string | null };

const current = new AsyncLocalStorage<AuditContext>();

/** Runs `work` (and everything it awaits) with `context` as the source of the actor, address, user agent and request id of its events. */
export function withAuditContext<T>(context: AuditContext, work: () => T): T {
  return current.run(context, work);
}

export function auditContext(): AuditContext | undefined {
  return current.getStore();
}

/** The names background jobs act under in the trail. */
export const SYSTEM_ACTORS = {
  deletion: 'deletion-job',
  retention: 'audit-retention',
  webhooks: 'webhook-delivery',
  signIn: 'sign-in-throttle',
  inactivity: 'inactivity-policy',
} as const;

/** Runs a background job's `work` with the job as the actor of the events it records. */
export function asSystemJob<T>(job: (typeof SYSTEM_ACTORS)[keyof typeof SYSTEM_ACTORS], work: () => T): T {
  return withAuditContext({ actor: { kind: 'system', id: job } }, work);
}
