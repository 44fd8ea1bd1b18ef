/**
 * Every action the audit trail records, with the label people read: one list, so the writers
 * (recordAuditEvent takes only these) and the /audit page's filter cannot drift apart.
 */
export const AUDIT_ACTIONS = {
  'user.created': 'User created',
  'user.updated': 'User edited',
  'user.suspended': 'User suspended',
  'user.reactivated': 'User reactivated',
  'user.signed-up': 'Signed up',
  'user.sign-up.confirmed': 'Sign-up confirmed',
  'user.deletion.requested': 'Deletion requested',
  'user.deletion.cancel-requested': 'Deletion cancel requested',
  'user.deletion.cancelled': 'Deletion cancelled',
  'user.deletion.completed': 'Deletion finished',
  'user.deletion.failed': 'Deletion failed',
  'user.password.changed': 'Password changed',
  'user.password.set-by-admin': 'Password set by an admin',
  'user.password.reset-requested': 'Password reset requested',
  'user.password.reset-link-sent': 'Password reset link sent by an admin',
  'user.password.reset': 'Password reset with a mailed link',
  'user.invitation.sent': 'Invitation sent',
  'user.invitation.accepted': 'Invitation accepted',
  'sign-in.succeeded': 'Signed in',
  'sign-in.failed': 'Sign-in failed',
  'sign-in.throttled': 'Sign-in throttled',
  'token.issued': 'API token issued',
  'token.revoked': 'API token revoked',
  'session.started': 'Browser session started',
  'session.ended': 'Browser session ended',
  'user.sessions.ended-all': 'Sessions ended',
  'access-key.issued': 'Access key issued',
  'access-key.rotated': 'Access key rotated',
  'access-key.shown': 'Access key shown',
  'access-key.revoked': 'Access key revoked',
  'tenant.created': 'Tenant created',
  'tenant.updated': 'Tenant edited',
  'tenant.deleted': 'Tenant deleted',
  'tenant.member.added': 'Tenant member added',
  'tenant.member.role-changed': 'Tenant member role changed',
  'tenant.member.removed': 'Tenant member removed',
  'resource.created': 'Resource created',
  'resource.updated': 'Resource edited',
  'resource.deleted': 'Resource deleted',
  'permission.granted': 'Permission granted',
  'permission.changed': 'Permission changed',
  'permission.revoked': 'Permission revoked',
  'settings.updated': 'Settings changed',
  'webhook.created': 'Webhook endpoint registered',
  'webhook.updated': 'Webhook endpoint changed',
  'webhook.deleted': 'Webhook endpoint deleted',
  'webhook.disabled': 'Webhook endpoint disabled after failing',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The actions in the list's order, for a filter's options. */
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];
