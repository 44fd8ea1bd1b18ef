import { endpoint } from '@/lib/api/endpoint';
import { tykListQuerySchema, tykPasswordResetSchema, tykStatusSchema, tykUserCreateSchema, tykUserListSchema, tykUserParams, tykUserSchema, tykUserUpdateSchema } from './schemas';

const TAG = 'Tyk';
const KEY = 'Send your access key (GET /api/v1/me/access-key) as the whole `authorization` header, with no scheme.';
const POLICY = 'Gatehouse’s password policy applies (by default 12 to 128 characters, not a common password, not built from the user’s names), not Tyk’s minimum of 6; a refused password is a 400 naming the field.';

export const TYK_TAG = {
  name: TAG,
  description:
    'Tyk Dashboard’s Users API, served under `/compat/tyk` for clients written for Tyk: `GET /compat/tyk/api/users` is Tyk’s `GET /api/users`. Every call needs the caller’s access key as the raw `authorization` header, as Tyk’s samples send it (`Bearer <key>` and an API token from POST /api/v1/auth/token work too); a caller finds their key at GET /api/v1/me/access-key. Errors are Tyk’s `{"Status": "Error", "Message": ..., "Meta": null}`, the message naming each refused field in Tyk’s names; invalid input is 400. The same users as /api/v1: a change here shows everywhere at once.',
};

export const TYK_ENDPOINTS = {
  listUsers: endpoint({
    method: 'GET',
    path: '/compat/tyk/api/users',
    operation: 'users.list',
    tag: TAG,
    summary: 'List users',
    description: `Page \`p\` of the users the caller may list (a tenant admin: the members of their tenants), ten a page, oldest first so pages stay put while users are added; \`pages\` says how many pages there are, so read pages 1 to \`pages\`. A page past the last is empty. Tyk answers every user at once for \`p=0\`; Gatehouse refuses \`p\` below 1 (400), as it refuses other query parameters. ${KEY}`,
    query: tykListQuerySchema,
    responses: { 200: { description: 'The page of users.', body: tykUserListSchema } },
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/compat/tyk/api/users',
    operation: 'users.create',
    credentialRequired: true,
    tag: TAG,
    summary: 'Add a user',
    description: [
      `Creates a user from a Tyk user object: \`email_address\` is required; \`first_name\` and \`last_name\` are optional ("" for none). Without a \`password\` (or with "") the user has none and cannot sign in until POST /compat/tyk/api/users/{id}/actions/reset sets one; no invitation is mailed. A \`password\` sets it at once (${POLICY}) \`active: false\` creates the user suspended.`,
      '`org_id` names the tenant (id or slug) the user joins. A system admin may leave it out (an unknown tenant answers 400); a tenant admin names one of their tenants (another answers 404), or leaves it out when they administer exactly one. `id` and `access_key` may only be sent empty, as in a user object copied from a read.',
      `Needs an access key (401 without one) of a system admin or a tenant admin (403 for anyone else). An email already taken answers 409. The answer’s \`Meta\` is "", as Tyk prints it: the new user’s address is in the \`Location\` header. ${KEY}`,
    ].join('\n\n'),
    body: tykUserCreateSchema,
    requestExample: { first_name: 'Jason', last_name: 'Jasonson', email_address: 'jason@example.com', active: true },
    responses: { 200: { description: 'The user was created.', body: tykStatusSchema, headers: { location: 'The new user’s address, /compat/tyk/api/users/{id}.' }, example: { Status: 'OK', Message: 'User created', Meta: '' } } },
    problems: ['forbidden', 'not-found', 'conflict'],
  }),
  getUser: endpoint({
    method: 'GET',
    path: '/compat/tyk/api/users/{id}',
    operation: 'users.read',
    tag: TAG,
    summary: 'Get a user',
    description: `One user object. A tenant admin reaches the members of their tenants only; other ids answer 404. The document prints this path with a stray brace (\`/api/users/{user-id}}\`): a client that kept it reaches the same user. ${KEY}`,
    params: tykUserParams,
    responses: { 200: { description: 'The user.', body: tykUserSchema } },
    problems: ['not-found'],
  }),
  updateUser: endpoint({
    method: 'PUT',
    path: '/compat/tyk/api/users/{id}',
    operation: 'users.update',
    tag: TAG,
    summary: 'Update a user',
    description: [
      'Changes the fields sent and keeps the others, so a user object read and sent back whole changes only what was edited. `email_address`, `first_name` and `last_name` change the user ("" clears a name; another user’s email answers 409). `active: false` suspends an enabled user (ending their sessions, tokens and access key); `active: true` reactivates a suspended or locked one; a user without a password yet stays so.',
      'The read-only fields may come back as read, unchanged: `id` must be the path’s, `org_id` the value shown (tenants change through /api/v1/tenants/{tenant}/users/{userId}), `password` must be "" (passwords change through `/actions/reset`); `access_key` and `api_model` are ignored.',
      `A system admin updates anyone; a tenant admin, users wholly inside their tenants. A user being deleted cannot be changed (409). ${KEY}`,
    ].join('\n\n'),
    params: tykUserParams,
    body: tykUserUpdateSchema,
    requestExample: { first_name: 'Jason', last_name: 'Jasonsonson', email_address: 'jason@example.com', active: true },
    responses: { 200: { description: 'The user after the change.', body: tykUserSchema } },
    problems: ['not-found', 'conflict'],
  }),
  deleteUser: endpoint({
    method: 'DELETE',
    path: '/compat/tyk/api/users/{id}',
    operation: 'users.delete',
    tag: TAG,
    summary: 'Delete a user',
    description: `Starts deleting the user: at once they cannot sign in and their tokens and access key are refused; the rest of their data is removed in the background within seconds. Until then reads still show them, with \`active: false\` and \`access_key: ""\`; after, they answer 404. Deleting again while it runs answers the same. Follow the job at GET /api/v1/deletions if needed. Nobody deletes their own account or the last admin (409). A system admin’s call. ${KEY}`,
    params: tykUserParams,
    responses: { 200: { description: 'The deletion started, or was already running.', body: tykStatusSchema, example: { Status: 'OK', Message: 'User deleted', Meta: '' } } },
    problems: ['not-found', 'conflict'],
  }),
  setUserPassword: endpoint({
    method: 'POST',
    path: '/compat/tyk/api/users/{id}/actions/reset',
    operation: 'me.change-password',
    tag: TAG,
    summary: 'Set a user’s password',
    description: [
      `\`new_password\` becomes the user’s password. ${POLICY}`,
      'On your own account, send `current_password` too (Tyk’s newer form): it is a password change any user may make. A wrong `current_password` is a 400 and counts toward throttling (429 with `Retry-After` after repeated failures); the key used for the call keeps working, every other session and token ends.',
      `Setting someone else’s password, or your own without \`current_password\`, is a system admin’s call (403 for anyone else; \`current_password\` is then ignored): every session, token and the access key of the user end, and a new key shows on the next read. A user being deleted answers 409. ${KEY}`,
    ].join('\n\n'),
    params: tykUserParams,
    body: tykPasswordResetSchema,
    requestExample: { new_password: 'a new long passphrase' },
    responses: { 200: { description: 'The password was set.', body: tykStatusSchema, example: { Status: 'OK', Message: 'User password updated', Meta: '' } } },
    problems: ['forbidden', 'not-found', 'conflict', 'too-many-requests'],
  }),
  resetUserAccessKey: endpoint({
    method: 'PUT',
    path: '/compat/tyk/api/users/{id}/actions/key/reset',
    operation: 'me.access-key',
    tag: TAG,
    summary: 'Reset a user’s access key',
    description: `Replaces the user’s access key (Tyk’s newer API): the old key is refused from this moment, and the new one is in \`Meta\`, so a caller who reset their own key keeps a working one. Anyone may reset their own; a system admin, or a tenant admin of every tenant the user belongs to, resets a user’s (403 otherwise). A user being deleted answers 409. Recorded in the audit trail. ${KEY}`,
    params: tykUserParams,
    responses: { 200: { description: 'The key was replaced.', body: tykStatusSchema, example: { Status: 'OK', Message: 'User API key reset', Meta: 'gk_Yk9uRmQ1bWh0c0x3cVd6M2RyQmV4' } } },
    problems: ['forbidden', 'not-found', 'conflict'],
  }),
};
