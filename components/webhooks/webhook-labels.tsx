import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { WebhookEventType } from '@/lib/webhooks/events';

/** What each event type means, for the checkboxes and the tables. */
export const EVENT_LABELS: Record<WebhookEventType, string> = {
  'user.created': 'A user is created',
  'user.updated': 'A user’s profile changes',
  'user.suspended': 'A user is suspended',
  'user.reactivated': 'A user is reactivated',
  'user.deleted': 'A user is deleted',
  'user.password_changed': 'A user’s password changes',
  'permission.granted': 'A permission is granted',
  'permission.revoked': 'A permission is revoked',
  'tenant.member_added': 'A user joins a tenant',
  'tenant.member_removed': 'A user leaves a tenant',
  'sign_in.throttled': 'Sign-in attempts are throttled',
};

const DELIVERY_STATES: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending', tone: 'amber' },
  delivered: { label: 'Delivered', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
};

export function DeliveryStatusBadge({ status }: { status: string }) {
  const state = DELIVERY_STATES[status] ?? { label: status, tone: 'neutral' as const };
  return <Badge tone={state.tone}>{state.label}</Badge>;
}

export function EndpointStateBadge({ enabled }: { enabled: boolean }) {
  return enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>;
}
