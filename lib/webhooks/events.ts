import type { AuditAction } from '@/lib/audit/actions';

/** The event types a webhook endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.suspended',
  'user.reactivated',
  'user.deleted',
  'user.password_changed',
  'permission.granted',
  'permission.revoked',
  'tenant.member_added',
  'tenant.member_removed',
  'sign_in.throttled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Which audit actions tell webhooks, and as what: the trail is the one source of events. */
const EVENT_TYPE_OF_ACTION: Partial<Record<AuditAction, WebhookEventType>> = {
  'user.created': 'user.created',
  'user.updated': 'user.updated',
  'user.suspended': 'user.suspended',
  'user.reactivated': 'user.reactivated',
  'user.deletion.completed': 'user.deleted',
  'user.password.changed': 'user.password_changed',
  'user.password.set-by-admin': 'user.password_changed',
  'user.password.reset': 'user.password_changed',
  'permission.granted': 'permission.granted',
  'permission.revoked': 'permission.revoked',
  'tenant.member.added': 'tenant.member_added',
  'tenant.member.removed': 'tenant.member_removed',
  'sign-in.throttled': 'sign_in.throttled',
};

export function webhookEventTypeOf(action: string): WebhookEventType | undefined {
  return EVENT_TYPE_OF_ACTION[action as AuditAction];
}
