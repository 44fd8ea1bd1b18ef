import { z } from 'zod';
import { endpoint } from '@/lib/api/endpoint';
import { idParam } from '@/lib/api/id-param';
import { adminPasswordSchema } from '@/lib/passwords/schemas';
import {
  DEFAULT_USER_EXPORT_COLUMNS,
  messageSchema,
  publicUserSchema,
  userCountQuerySchema,
  userCreateSchema,
  userExportQuerySchema,
  userListItemSchema,
  userListQuerySchema,
  userPageSchema,
  userUpdateSchema,
} from '@/lib/users/schemas';
import { accessKeySchema, deletionDetailSchema, deletionStatusSchema, deletionTicketSchema, personalDataSchema } from './answers';

const userParams = z.object({ id: idParam.meta({ description: 'The user’s id.' }) });
const deletionParams = z.object({ id: idParam.meta({ description: 'The user’s id.' }), ticket: idParam.meta({ description: 'The ticket from DELETE /api/v1/users/{id}.' }) });
const ETAG = 'The user’s version, for `If-Match` on the next PATCH.';

const LIST_GRAMMAR = [
  '`pattern` matches any part of the email, username, first or last name, ignoring case; every character is literal (`%` and `_` too).',
  '`filter` is repeatable, `field:value` (or `created>2026-01-01`, `created<…`), fields `scope`, `status`, `role`, `tenant`, `plan`, `vendor`, `created`; filters on different fields all apply, values of one field are alternatives.',
  '`sort` is a field (`created`, `email`, `username`, `lastName`, `lastSignIn`) then `:1` or `:-1` (default `created:-1`).',
  'Page with `cursor` (the previous page’s `nextCursor`, fastest) or `offset`.',
].join(' ');

export const USERS_ENDPOINTS = {
  listUsers: endpoint({
    method: 'GET',
    path: '/api/v1/users',
    operation: 'users.list',
    tag: 'Users',
    summary: 'List and search users',
    description: `A page of the users the caller manages (a tenant admin: the members of their tenants). ${LIST_GRAMMAR} The total is an estimate (\`totalExact: false\`) when counting would take long.`,
    query: userListQuerySchema,
    responses: { 200: { description: 'A page of users.', body: userPageSchema } },
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/v1/users',
    operation: 'users.create',
    tag: 'Users',
    summary: 'Create a user, or sign up',
    description:
      'Called by an admin or a tenant admin (who names one of their `tenant`s), this creates the user: with a `password` they can sign in at once, without one they are mailed an invitation (unless `sendInvite: false`). Called without a credential it is a sign-up when open sign-up is allowed: the answer is 202 whether or not the email is taken, and the mail says what to do next.',
    body: userCreateSchema,
    requestExample: { email: 'ann.lee@example.com', firstName: 'Ann', lastName: 'Lee', password: 'correct horse battery staple' },
    responses: {
      201: { description: 'The user was created.', body: z.object({ user: publicUserSchema, token: z.string().optional(), expiresAt: z.iso.datetime().optional() }), headers: { location: 'The new user’s address.', etag: ETAG } },
      202: { description: 'A sign-up was received: a confirmation mail is on its way.', body: messageSchema },
    },
    problems: ['conflict', 'forbidden', 'not-found', 'too-many-requests'],
  }),
  countUsers: endpoint({
    method: 'GET',
    path: '/api/v1/users/count',
    operation: 'users.list',
    tag: 'Users',
    summary: 'Count users exactly',
    description: `The exact number of users matching \`pattern\` and \`filter\` (the grammar of GET /api/v1/users), however long counting takes.`,
    query: userCountQuerySchema,
    responses: { 200: { description: 'The count.', body: z.object({ count: z.int() }), example: { count: 1234 } } },
  }),
  exportUsers: endpoint({
    method: 'GET',
    path: '/api/v1/users/export',
    operation: 'users.list',
    tag: 'Users',
    summary: 'Export users as CSV or NDJSON',
    description: `Every user matching \`pattern\` and \`filter\`, in \`sort\` order (the grammar of GET /api/v1/users), with no cap, streamed as one file: \`format=csv\` (UTF-8 with a byte-order mark, for spreadsheets, and a header row; scopes and tenant slugs space-separated; a cell starting with \`=\`, \`+\`, \`-\` or \`@\` is prefixed with \`'\` so it never runs as a formula) or \`format=ndjson\` (one JSON object a line, lists as arrays). \`columns\` chooses the columns and their order. A tenant admin exports the members of their tenants. Each export is audited (\`users.exported\`).`,
    query: userExportQuerySchema,
    responses: {
      200: {
        description: 'The file, as an attachment named by date.',
        body: z.string(),
        mediaType: 'text/csv',
        headers: { 'content-disposition': 'attachment; filename="users-<yyyymmdd>.csv" (or .ndjson)' },
        example: `${DEFAULT_USER_EXPORT_COLUMNS.join(',')}\nb3d4a9e0-6f1c-4c2e-9a37-2c5d8e1f0a44,ann.lee@example.com,ann.lee,Ann,Lee,Subscriber,active,user,acme,free,2026-03-14T09:26:53.589Z,\n`,
        alsoAs: {
          'application/x-ndjson': {
            example:
              '{"id":"b3d4a9e0-6f1c-4c2e-9a37-2c5d8e1f0a44","email":"ann.lee@example.com","username":"ann.lee","firstName":"Ann","lastName":"Lee","role":"Subscriber","status":"active","scopes":["user"],"tenants":["acme"],"plan":"free","createdAt":"2026-03-14T09:26:53.589Z","lastSignInAt":null}\n',
          },
        },
      },
    },
  }),
  getUser: endpoint({
    method: 'GET',
    path: '/api/v1/users/{id}',
    operation: 'users.read',
    tag: 'Users',
    summary: 'Read a user',
    description: 'The user with their tenants. A tenant admin reaches the members of their tenants only; other ids answer 404.',
    params: userParams,
    responses: { 200: { description: 'The user.', body: userListItemSchema, headers: { etag: ETAG } } },
    problems: ['not-found'],
  }),
  exportUserData: endpoint({
    method: 'GET',
    path: '/api/v1/users/{id}/export',
    operation: 'users.export-data',
    tag: 'Users',
    summary: 'Export a person’s data',
    description:
      'Everything Gatehouse holds about the user, for an access request under data-protection law, as one JSON file: profile, scopes, tenant memberships, permissions, browser sessions, API tokens and access key (dates and addresses, never the secrets), codes issued and mail sent (never bodies or codes), and every audit event naming them, oldest first. A tenant admin reaches members wholly inside their tenants (as for their sessions: never a system admin nor a member of another tenant, 403) and sees their own tenants’ memberships, permissions and events. Audited (`user.data.exported`).',
    params: userParams,
    responses: {
      200: { description: 'The document, as an attachment.', body: personalDataSchema, headers: { 'content-disposition': 'attachment; filename="user-<id>-data-<yyyy-mm-dd>.json"' } },
    },
    problems: ['not-found', 'forbidden'],
  }),
  updateUser: endpoint({
    method: 'PATCH',
    path: '/api/v1/users/{id}',
    operation: 'users.update',
    tag: 'Users',
    summary: 'Edit, suspend or reactivate a user',
    description:
      'Changes the fields sent, and only those; `null` clears an optional field. Send `If-Match` with the ETag of your last read to refuse the change (412) when someone else changed the user since. Suspending or locking ends the user’s sessions and tokens. Only system admins change `scope`, `role`, `vendor` and `plan`.',
    params: userParams,
    body: userUpdateSchema,
    requestExample: { lastName: 'Lee-Smith', status: 'suspended' },
    responses: { 200: { description: 'The user after the change.', body: userListItemSchema, headers: { etag: ETAG } } },
    problems: ['not-found', 'conflict', 'precondition-failed'],
  }),
  deleteUser: endpoint({
    method: 'DELETE',
    path: '/api/v1/users/{id}',
    operation: 'users.delete',
    tag: 'Users',
    summary: 'Delete a user',
    description: 'Starts a deletion that runs in the background, step by step: the account is suspended at once and its data removed after. Asking again while one runs answers the running one.',
    params: userParams,
    responses: {
      202: { description: 'The deletion started.', body: deletionTicketSchema, headers: { location: 'Where to follow it.' } },
      200: { description: 'A deletion of this user was already running.', body: deletionTicketSchema, headers: { location: 'Where to follow it.' } },
    },
    problems: ['not-found', 'conflict'],
  }),
  getDeletionStatus: endpoint({
    method: 'GET',
    path: '/api/v1/users/{id}/delete-status/{ticket}',
    operation: 'users.delete',
    tag: 'Users',
    summary: 'Follow a deletion',
    description: 'Where a deletion is: poll it for a progress bar (`stepsDone` of `stepsTotal`) until `status` is `completed`, `failed` or `cancelled`.',
    params: deletionParams,
    responses: { 200: { description: 'The deletion.', body: deletionDetailSchema } },
    problems: ['not-found'],
  }),
  cancelDeletion: endpoint({
    method: 'DELETE',
    path: '/api/v1/users/{id}/delete-status/{ticket}',
    operation: 'users.delete',
    tag: 'Users',
    summary: 'Cancel a deletion',
    description: 'Stops a deletion between two steps, while the account itself is not yet gone; the user stays suspended.',
    params: deletionParams,
    responses: { 200: { description: 'The deletion, cancelled or about to be.', body: deletionStatusSchema } },
    problems: ['not-found', 'conflict'],
  }),
  listDeletions: endpoint({
    method: 'GET',
    path: '/api/v1/deletions',
    operation: 'users.delete',
    tag: 'Users',
    summary: 'List recent deletions',
    description: 'The 50 most recent deletions, running and finished, newest first.',
    responses: { 200: { description: 'The deletions.', body: z.object({ items: z.array(deletionStatusSchema) }) } },
  }),
  resendInvitation: endpoint({
    method: 'POST',
    path: '/api/v1/users/{id}/invitation',
    operation: 'users.invite',
    tag: 'Users',
    summary: 'Resend an invitation',
    description: 'Mails a user who has not yet chosen a password (status `pending`) a new invitation; the previous link stops working.',
    params: userParams,
    responses: { 202: { description: 'The invitation was mailed.', body: messageSchema } },
    problems: ['not-found', 'conflict'],
  }),
  setUserPassword: endpoint({
    method: 'POST',
    path: '/api/v1/users/{id}/password',
    operation: 'users.set-password',
    tag: 'Users',
    summary: 'Set a user’s password or mail a reset link',
    description: '`{"password": "..."}` sets it (checked against the password policy) and ends the user’s sessions and tokens; `{"sendEmail": true}` mails them a reset link instead.',
    params: userParams,
    body: adminPasswordSchema,
    requestExample: { sendEmail: true },
    responses: {
      200: { description: 'The password was set.', body: messageSchema },
      202: { description: 'The reset link was mailed.', body: messageSchema },
    },
    problems: ['not-found'],
  }),
  getUserAccessKey: endpoint({
    method: 'GET',
    path: '/api/v1/users/{id}/access-key',
    operation: 'users.access-key',
    tag: 'Users',
    summary: 'Show a user’s access key',
    description: 'The user’s access key in clear (made on first read). A tenant admin reaches it only for users wholly inside their tenants. The read is audited.',
    params: userParams,
    responses: { 200: { description: 'The key.', body: accessKeySchema } },
    problems: ['not-found', 'conflict'],
  }),
  rotateUserAccessKey: endpoint({
    method: 'POST',
    path: '/api/v1/users/{id}/access-key/rotate',
    operation: 'users.access-key',
    tag: 'Users',
    summary: 'Rotate a user’s access key',
    description: 'Replaces the user’s access key; the old one is refused from the next request on.',
    params: userParams,
    responses: { 200: { description: 'The new key.', body: accessKeySchema } },
    problems: ['not-found', 'conflict'],
  }),
};
