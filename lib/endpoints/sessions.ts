import { z } from 'zod';
import { endpoint } from '@/lib/api/endpoint';
import { idParam } from '@/lib/api/id-param';
import { credentialIdParam, credentialListSchema, endedCountSchema } from '@/lib/auth/credential-schemas';

/** Sessions and tokens: the caller's own, and (for admins and tenant admins who control the account) a user's. */

const userParams = z.object({ id: idParam.meta({ description: 'The user’s id.' }) });
const ownSessionParams = z.object({ id: credentialIdParam });
const userSessionParams = z.object({ id: idParam.meta({ description: 'The user’s id.' }), sessionId: credentialIdParam });

const WHAT_IS_LISTED =
  'Every credential that would let a request in right now: signed-in browsers (`browser`), API tokens from POST /api/v1/auth/token (`token`) and the access key (`access-key`), newest first, with where and when each was signed in or issued and when it was last used. Never a token or key itself.';
const EFFECT = 'An ended session or token is refused from the next request on, on every instance.';

export const SESSIONS_ENDPOINTS = {
  listMySessions: endpoint({
    method: 'GET',
    path: '/api/v1/me/sessions',
    operation: 'me.sessions',
    tag: 'Me',
    summary: 'List your sessions and tokens',
    description: `${WHAT_IS_LISTED} \`current\` marks the token sent with this request or, when called with the session cookie, this browser.`,
    responses: { 200: { description: 'Your live sessions and tokens.', body: credentialListSchema } },
  }),
  endMyOtherSessions: endpoint({
    method: 'DELETE',
    path: '/api/v1/me/sessions',
    operation: 'me.sessions',
    tag: 'Me',
    summary: 'Sign out everywhere else',
    description: `Ends every session and token of yours except the token sent with this request (the access key too, unless it is what you sent: the next read of it makes a new one). ${EFFECT}`,
    responses: { 200: { description: 'How many ended.', body: endedCountSchema } },
  }),
  endMySession: endpoint({
    method: 'DELETE',
    path: '/api/v1/me/sessions/{id}',
    operation: 'me.sessions',
    tag: 'Me',
    summary: 'End one of your sessions or tokens',
    description: `Signs a browser out, or revokes a token or your access key (the next read of the key makes a new one). It may be the token sent with this request: that signs you out. ${EFFECT}`,
    params: ownSessionParams,
    responses: { 204: { description: 'It ended.' } },
    problems: ['not-found'],
  }),
  listUserSessions: endpoint({
    method: 'GET',
    path: '/api/v1/users/{id}/sessions',
    operation: 'users.sessions',
    tag: 'Users',
    summary: 'List a user’s sessions and tokens',
    description: `${WHAT_IS_LISTED} A user who is not active has none. A tenant admin reaches only users wholly inside their tenants.`,
    params: userParams,
    responses: { 200: { description: 'The user’s live sessions and tokens.', body: credentialListSchema } },
    problems: ['not-found'],
  }),
  endUserSessions: endpoint({
    method: 'DELETE',
    path: '/api/v1/users/{id}/sessions',
    operation: 'users.sessions',
    tag: 'Users',
    summary: 'End all of a user’s sessions',
    description: `Signs the user out everywhere: every browser session, API token and the access key end (the next read of the key makes a new one). Their password is unchanged. ${EFFECT}`,
    params: userParams,
    responses: { 200: { description: 'How many ended.', body: endedCountSchema } },
    problems: ['not-found'],
  }),
  endUserSession: endpoint({
    method: 'DELETE',
    path: '/api/v1/users/{id}/sessions/{sessionId}',
    operation: 'users.sessions',
    tag: 'Users',
    summary: 'End one of a user’s sessions or tokens',
    description: `Signs one browser out, or revokes one token or the access key. ${EFFECT}`,
    params: userSessionParams,
    responses: { 204: { description: 'It ended.' } },
    problems: ['not-found'],
  }),
};
