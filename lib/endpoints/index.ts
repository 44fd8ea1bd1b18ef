import { ACCOUNT_ENDPOINTS } from './account';
import { AUDIT_ENDPOINTS } from './audit';
import { DIRECTORY_ENDPOINTS } from './directory';
import { IMPORTS_ENDPOINTS } from './imports';
import { SESSIONS_ENDPOINTS } from './sessions';
import { USERS_ENDPOINTS } from './users';
import { WEBHOOK_ENDPOINTS } from './webhooks';

/** Every /api/v1 endpoint, by operationId; the document's tags in the order the reference shows them. */
export const V1_ENDPOINTS = { ...ACCOUNT_ENDPOINTS, ...SESSIONS_ENDPOINTS, ...USERS_ENDPOINTS, ...IMPORTS_ENDPOINTS, ...DIRECTORY_ENDPOINTS, ...AUDIT_ENDPOINTS, ...WEBHOOK_ENDPOINTS };

export const V1_TAGS = [
  { name: 'Auth', description: 'Sign in for a token, sign out, and the codes people receive by mail (password reset, invitation, sign-up).' },
  { name: 'Me', description: 'The signed-in user’s own account.' },
  { name: 'Users', description: 'Find, create, edit, suspend and delete users; their passwords, invitations, access keys and sessions.' },
  { name: 'Imports', description: 'Bring users in from a CSV, NDJSON or JSON file: a dry run first, then a background import with progress, a report and cancel.' },
  { name: 'Tenants', description: 'Tenants group users and resources; tenant admins manage their own.' },
  { name: 'Resources', description: 'The things permissions point at.' },
  { name: 'Permissions', description: 'Who holds which role on which resource, with optional expiry.' },
  { name: 'Audit', description: 'The audit trail: who changed what, when and from where; its export and its hash-chain check.' },
  { name: 'Settings', description: 'System settings and the outgoing mail log (system admins).' },
  { name: 'Webhooks', description: 'Endpoints that receive signed events (user, permission, tenant and sign-in changes), their delivery log and redelivery.' },
  { name: 'Service', description: 'The service itself: health and this document.' },
];
