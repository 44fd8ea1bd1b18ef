import type { Principal } from '@/lib/auth/principal';

/**
 * The access matrix: every operation Gatehouse offers and who may perform it. The API wrapper,
 * the server actions, the pages and the access-control test all read it, so a rule lives here
 * once.
 *
 * Reaches, from widest to narrowest:
 * - `public`: anyone, signed in or not.
 * - `user`: any signed-in user, on their own account.
 * - `tenant`: a tenant admin, on the users, memberships, resources and permissions of the
 *   tenants they administer (never on a system admin), or a system admin on everything.
 *   Objects outside the caller's tenants answer 404: their ids cannot be probed.
 * - `admin`: system admins (scope `admin`) only.
 */

export type Reach = 'public' | 'user' | 'tenant' | 'admin';

export const OPERATIONS = {
  'health.read': { reach: 'public', summary: 'Check that the service and its database answer' },
  'api.describe': { reach: 'public', summary: 'Read the API’s OpenAPI document and reference' },
  'auth.sign-in': { reach: 'public', summary: 'Sign in for an API token' },
  'auth.sign-out': { reach: 'user', summary: 'Revoke the token in use' },
  'me.read': { reach: 'user', summary: 'Read your own profile' },
  'me.update': { reach: 'user', summary: 'Edit your own profile' },
  'me.change-password': { reach: 'user', summary: 'Change your own password' },
  'me.access-key': { reach: 'user', summary: 'Show or rotate your own access key' },
  'me.sessions': { reach: 'user', summary: 'List and end your own browser sessions and API tokens' },
  'password.forgot': { reach: 'public', summary: 'Ask for a password-reset mail' },
  'password.reset': { reach: 'public', summary: 'Reset a password with a mailed code' },
  'invitation.accept': { reach: 'public', summary: 'Choose a first password with an invitation code' },
  'sign-up.confirm': { reach: 'public', summary: 'Confirm a sign-up with the mailed code and its password' },
  // Open sign-up unless the userCreateScope setting asks for a scope; admins and tenant admins create any user they manage.
  'users.create': { reach: 'public', summary: 'Create a user (sign up, or as an admin)' },
  'users.list': { reach: 'tenant', summary: 'List, search, count and export users' },
  'users.read': { reach: 'tenant', summary: 'Read a user' },
  'users.update': { reach: 'tenant', summary: 'Edit, suspend or reactivate a user' },
  'users.invite': { reach: 'tenant', summary: 'Resend an invitation' },
  // A key is a credential: a tenant admin reaches it only for users wholly inside their tenants.
  'users.access-key': { reach: 'tenant', summary: 'Show or rotate a user’s access key' },
  'users.set-password': { reach: 'admin', summary: 'Set a user’s password or mail them a reset link' },
  'users.delete': { reach: 'admin', summary: 'Delete users, follow and cancel deletions' },
  'users.sessions': { reach: 'tenant', summary: 'List and end a user’s browser sessions and API tokens' },
  // Rows may name any tenant and set any scope (admin included): only system admins import.
  'users.import': { reach: 'admin', summary: 'Import users from a file (dry run first), follow and cancel imports' },
  // Each selected user is checked as if changed one by one: out-of-reach users are refused, deleting needs users.delete.
  'users.bulk': { reach: 'tenant', summary: 'Suspend, activate, delete, change scopes or tenants of many users at once' },
  'users.export-data': { reach: 'tenant', summary: 'Export everything Gatehouse holds about a user (data-protection requests)' },
  'tenants.list': { reach: 'tenant', summary: 'List tenants (a tenant admin sees their own)' },
  'tenants.read': { reach: 'tenant', summary: 'Read a tenant' },
  'tenants.manage': { reach: 'admin', summary: 'Create, rename and delete tenants' },
  'tenant-members.list': { reach: 'tenant', summary: 'List a tenant’s members' },
  'tenant-members.manage': { reach: 'tenant', summary: 'Add members, change their tenant role, remove them' },
  'resources.list': { reach: 'tenant', summary: 'List and read resources' },
  'resources.manage': { reach: 'tenant', summary: 'Create, edit and delete resources' },
  'permissions.read': { reach: 'tenant', summary: 'Read who holds which role on which resource' },
  'permissions.manage': { reach: 'tenant', summary: 'Grant, change and revoke resource roles' },
  'mail.read': { reach: 'admin', summary: 'Read the outgoing mail log' },
  'settings.manage': { reach: 'admin', summary: 'Read and change system settings' },
  // A tenant admin reads the events of their tenants and of the users in them.
  'audit.read': { reach: 'tenant', summary: 'Read and export the audit trail, and a user’s activity' },
  'audit.verify': { reach: 'admin', summary: 'Check the audit trail’s hash chain' },
  'webhooks.manage': { reach: 'admin', summary: 'Register webhook endpoints, read their deliveries, redeliver' },
} as const satisfies Record<string, { reach: Reach; summary: string }>;

export type Operation = keyof typeof OPERATIONS;

export function isTenantAdmin(principal: Principal): boolean {
  return principal.adminOfTenants.length > 0;
}

/** Whether the caller may attempt the operation at all; objects are checked after (see lib/access/tenant-scope.ts). */
export function mayAttempt(operation: Operation, principal: Principal | null): boolean {
  const { reach } = OPERATIONS[operation];
  if (reach === 'public') return true;
  if (!principal) return false;
  if (principal.isAdmin) return true;
  if (reach === 'user') return true;
  if (reach === 'tenant') return isTenantAdmin(principal);
  return false;
}

/**
 * What each resource role may do with the resource (Solvexia's roles). Each role includes
 * the ones before it; the permission grids show this as their column headings' help.
 */
export const RESOURCE_ROLES = {
  reader: 'View the resource and its results',
  executor: 'Also run it',
  editor: 'Also change it',
  owner: 'Also share it and delete it',
} as const;
