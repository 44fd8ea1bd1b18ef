import { z } from 'zod';
import { endpoint } from '@/lib/api/endpoint';
import {
  permissionParams,
  solvexiaPermissionResponseSchema,
  solvexiaPermissionSchema,
  solvexiaTokenSchema,
  solvexiaUserCreateSchema,
  solvexiaUserListItemSchema,
  solvexiaUserSchema,
  solvexiaUserUpdateSchema,
  tokenRequestSchema,
  userParams,
} from './schemas';

const TAG = 'Solvexia';
const MOUNT = '/compat/solvexia';

export const SOLVEXIA_TAG = {
  name: TAG,
  description: [
    'Solvexia’s user API, as its document prints it, under `/compat/solvexia`: users with their profile, status and global role, and their roles on resources.',
    'Trade your client id and secret for an access token at `POST /compat/solvexia/oauth/token` (OAuth 2.0 client credentials) and send it on every other call as `Authorization: Bearer <access_token>`; your access key itself is accepted as the bearer too.',
    'The document prints each call under `/api/v1/users…` and under `/v1/users…`, and `permissions` also as `permisions`: every spelling is served by the same handler.',
    'Every success is 200. No call takes query parameters (any is refused). Errors are `{"message": ..., "supportId": ...}`: invalid input (a taken email included) is 400 with a message naming each field, a missing or expired token 401.',
  ].join(' '),
};

/** A path as the document prints it, under `/api/v1` and under `/v1`, each also with `permisions` where it has `permissions`. */
function printedAt(path: string): { path: string; alsoAt: string[] } {
  const spellings = path.includes('/permissions') ? [path, path.replace('/permissions', '/permisions')] : [path];
  const all = spellings.flatMap((spelling) => [`${MOUNT}/v1${spelling}`, `${MOUNT}/api/v1${spelling}`]);
  return { path: all[0], alsoAt: all.slice(1) };
}

const USER_FIELDS = [
  '`dateOfBirth` is dd/MM/yyyy; `timezone` a Windows-style display name such as "(UTC+10:00) Canberra, Melbourne, Sydney" (or an IANA name such as `Australia/Sydney`); `userRole` one of the global roles;',
  '`phoneNumberLand` and `phoneNumberMobile` take digits, spaces and `+ ( ) - .`. Each value follows the same rules as on /api/v1, and an error names the field.',
].join(' ');

export const SOLVEXIA_ENDPOINTS = {
  issueToken: endpoint({
    method: 'POST',
    path: `${MOUNT}/oauth/token`,
    operation: 'auth.sign-in',
    tag: TAG,
    summary: 'Get an access token (client credentials)',
    description: [
      'OAuth 2.0’s client-credentials grant: `grant_type=client_credentials`, `client_id` a user’s id, email or login name, and `client_secret` that user’s access key (`GET /api/v1/me/access-key`) or their password.',
      'Send them as a form body (what OAuth libraries send) or as JSON; the id and secret may come as HTTP Basic instead, but not both ways at once. Other parameters (`scope`, `audience`) are ignored.',
      'A wrong secret, a wrong password and an unknown client answer alike: 401 `invalid_client` (with `WWW-Authenticate: Basic` when the client used Basic); so does a suspended or locked user who gave the right password. Too many failures answer 429 `temporarily_unavailable` with `Retry-After`; a missing parameter 400 `invalid_request`; another grant 400 `unsupported_grant_type`.',
      'Errors here carry OAuth’s `error` and `error_description` besides `message` and `supportId`. A successful exchange records the sign-in (`lastSignInDate`).',
    ].join(' '),
    body: tokenRequestSchema,
    bodyFormats: ['json', 'form'],
    requestExample: { grant_type: 'client_credentials', client_id: 'mona.benson@sample.com', client_secret: 'gk_Yk9uRmQ1bWh0c0x3cVd6M2RyQmV4' },
    responses: {
      200: {
        description: 'The token.',
        body: solvexiaTokenSchema,
        headers: { 'cache-control': '`no-store`, as OAuth asks of token answers.', pragma: '`no-cache`.' },
        example: { access_token: 'gh_3QJmV0b1xYl9c2hUeGk4UkZ0b0FxS2dWbUpyR3E', token_type: 'Bearer', expires_in: 2592000 },
      },
    },
    problems: ['invalid-credentials', 'account-inactive', 'too-many-requests'],
  }),
  listUsers: endpoint({
    method: 'GET',
    // The list is the one call the document heads with /api/v1.
    path: `${MOUNT}/api/v1/users`,
    alsoAt: [`${MOUNT}/v1/users`],
    operation: 'users.list',
    tag: TAG,
    summary: 'Get a user list',
    description:
      'Every user the caller reaches (a tenant admin: the members of their tenants), oldest first, in one JSON array with no paging: it is streamed a hundred users at a time, so a large directory arrives as one long answer. `loginName` is the Gatehouse username. Read a user in full with GET /v1/users/{userId}.',
    responses: {
      200: {
        description: 'The users.',
        body: z.array(solvexiaUserListItemSchema),
        example: [
          { id: 'usr_Yk9uRmQ1bWh0c0x3', loginName: 'mona.benson@sample.com' },
          { id: 'usr_c2hUeGk4UkZ0b0Fx', loginName: 'jill.watkin' },
        ],
      },
    },
  }),
  createUser: endpoint({
    method: 'POST',
    ...printedAt('/users'),
    operation: 'users.create',
    credentialRequired: true,
    tag: TAG,
    summary: 'Create a user account',
    description: [
      'Creates an active user who can sign in at once. `email`, `firstName`, `lastName`, `password`, `userRole` and `timezone` are required; `city`, `country`, `dateOfBirth`, `department`, `phoneNumberLand` and `phoneNumberMobile` may be added.',
      USER_FIELDS,
      'The password follows Gatehouse’s password policy (by default 12 to 128 characters and not a common password). A taken email answers 400.',
      'Only a system admin creates users here, as only a system admin sets a role (a tenant admin gets 403; tenant admins create users with `POST /api/v1/users` and a `tenant`).',
    ].join(' '),
    body: solvexiaUserCreateSchema,
    requestExample: { email: 'mona.benson@sample.com', firstName: 'Mona', lastName: 'Benson', password: 'correct horse battery staple', userRole: 'Designer', timezone: '(UTC+10:00) Canberra, Melbourne, Sydney' },
    responses: { 200: { description: 'The new user.', body: solvexiaUserSchema } },
    problems: ['forbidden', 'conflict', 'too-many-requests'],
  }),
  getUser: endpoint({
    method: 'GET',
    ...printedAt('/users/{userId}'),
    operation: 'users.read',
    tag: TAG,
    summary: 'Get a user',
    description: 'The user with every profile field; a field Gatehouse has no value for is null. A tenant admin reaches the members of their tenants; any other id answers 404.',
    params: userParams,
    responses: { 200: { description: 'The user.', body: solvexiaUserSchema } },
    problems: ['not-found'],
  }),
  updateUser: endpoint({
    method: 'POST',
    ...printedAt('/users/{userId}'),
    operation: 'users.update',
    tag: TAG,
    summary: 'Update a user account',
    description: [
      'Changes the fields sent, and only those: `firstName`, `lastName`, `email`, `accountStatus` (`Active`, `Suspended` or `Locked`), `city`, `country`, `dateOfBirth`, `department`, `phoneNumberLand`, `phoneNumberMobile`, `timezone`, `userRole`. `null` clears a profile field.',
      USER_FIELDS,
      'An empty body and any other field (`loginName`, `id`, `lastSignInDate`) answer 400; so does a taken email. Suspending or locking ends the user’s sessions and tokens; nobody suspends or locks themselves.',
      'A tenant admin edits members of their tenants whose every tenant they administer (403 for one who also belongs elsewhere, and for a system admin; 404 outside their tenants).',
    ].join(' '),
    params: userParams,
    body: solvexiaUserUpdateSchema,
    requestExample: { lastName: 'Jordan', accountStatus: 'Suspended', email: 'mona.jordan@sample.com' },
    responses: { 200: { description: 'The user after the change.', body: solvexiaUserSchema } },
    problems: ['not-found', 'conflict'],
  }),
  listPermissions: endpoint({
    method: 'GET',
    ...printedAt('/users/{userId}/permissions'),
    operation: 'permissions.read',
    tag: TAG,
    summary: 'Get user permissions',
    description:
      'The roles the user holds now (`reader`, `executor`, `editor` or `owner`), one per resource, by resource name; a grant whose expiry (set through /api/v1) has passed is left out. A tenant admin sees the roles on their tenants’ resources, for members of their tenants (404 for anyone else).',
    params: userParams,
    responses: { 200: { description: 'The user’s roles.', body: z.array(solvexiaPermissionResponseSchema) } },
    problems: ['not-found'],
  }),
  grantPermission: endpoint({
    method: 'POST',
    ...printedAt('/users/{userId}/permissions/{resourceId}'),
    operation: 'permissions.manage',
    tag: TAG,
    summary: 'Add or update a user’s permission on a resource',
    description:
      'Gives the user `role` on the resource, or changes the role they hold there; 200 either way. A user or resource beyond the caller’s reach answers 404; a tenant admin cannot change a system admin’s roles (403); a user being deleted is refused (400).',
    params: permissionParams,
    body: solvexiaPermissionSchema,
    requestExample: { role: 'editor' },
    responses: { 200: { description: 'The role the user now holds.', body: solvexiaPermissionResponseSchema } },
    problems: ['not-found', 'conflict'],
  }),
  revokePermission: endpoint({
    method: 'DELETE',
    ...printedAt('/users/{userId}/permissions/{resourceId}'),
    operation: 'permissions.manage',
    tag: TAG,
    summary: 'Delete a user’s permission on a resource',
    description: 'Takes away the role the user holds on the resource. The answer is 200 with an empty body; a user who holds no role there answers 404, as does a user or resource beyond the caller’s reach.',
    params: permissionParams,
    responses: { 200: { description: 'The role was taken away; the body is empty.' } },
    problems: ['not-found'],
  }),
};
