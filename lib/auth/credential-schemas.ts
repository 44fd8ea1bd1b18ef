import { z } from 'zod';
import { instantSchema } from '@/lib/users/schemas';

/** The kinds of credential a user signs in with, as the sessions and tokens lists name them. */
export const credentialKinds = ['browser', 'token', 'access-key'] as const;
export type CredentialKind = (typeof credentialKinds)[number];

/** A session id in a path: a browser session (`ses_`), an API token (`tok_`) or an access key (`key_`). */
export const credentialIdParam = z
  .string()
  .regex(/^(ses|tok|key)_[\w-]{1,60}$/, 'A session id starts with ses_, tok_ or key_.')
  .meta({ description: 'The session’s id, from the list: `ses_…` (a browser), `tok_…` (an API token) or `key_…` (the access key).', example: 'ses_Qm9vX3N0YXJ0ZWRfMQ' });

/** One live credential; never its secret. */
export const credentialSchema = z
  .object({
    id: z.string().meta({ example: 'ses_Qm9vX3N0YXJ0ZWRfMQ' }),
    kind: z.enum(credentialKinds).meta({ description: '`browser`: a signed-in browser; `token`: an API token from POST /api/v1/auth/token; `access-key`: the user’s access key.' }),
    name: z.string().nullable().meta({ description: 'The name given to a token, if any.' }),
    createdAt: instantSchema('When it was signed in or issued.'),
    lastSeenAt: instantSchema('The last request it made, to the minute; null when it has not been used yet.').nullable(),
    expiresAt: instantSchema('When a token stops working by itself; null for a browser session (it ends a week after its last visit) and for the access key (it works until rotated).').nullable(),
    address: z.string().nullable().meta({ description: 'The client address it was signed in or issued from.', example: '203.0.113.7' }),
    userAgent: z.string().nullable().meta({ description: 'The User-Agent it was signed in or issued with.', example: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36' }),
    current: z.boolean().meta({ description: 'True for the credential this request was made with (this browser, or the token sent).' }),
  })
  .meta({ id: 'Session' });

export const credentialListSchema = z.object({ sessions: z.array(credentialSchema) }).meta({ id: 'SessionList' });

export const endedCountSchema = z.object({ ended: z.int().meta({ description: 'How many sessions and tokens ended.', example: 2 }) }).meta({ id: 'SessionsEnded' });
